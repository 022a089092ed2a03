"""A twentieth English held-out half, written on 2026-12-05 (session 37, its third round)
after fresh18's figure was taken and before its mistakes were read or the scorer was run on
this one, with long agent turns from young city services in a casual, slangy voice, rude by
mockery (see banks_ru_fresh19.py). Same layout as banks_en.py."""

SPLIT = "fresh19"

TRADES = {
    SPLIT: {
        "escape_rooms": {
            "company": "LockedIn Escapes",
            "requests": ["We want to book a room for six of us.", "Do you have a horror-themed room?"],
            "extra": ["a photo package at the end", "a drinks bundle for the group"],
            "questions": [
                "Have any of you done an escape room before?",
                "is it for a birthday or just a night out",
            ],
            "answers": ["Two of us have.", "A birthday, my sister's."],
        },
        "streetwear_store": {
            "company": "Kerbside Threads",
            "requests": ["Is the limited hoodie still in stock?", "Do you ship to Ireland?"],
            "extra": ["the matching joggers", "a gift wrap option"],
            "questions": [
                "What size do you usually wear?",
                "is it for you or someone else",
            ],
            "answers": ["Medium, sometimes large.", "It's for my boyfriend."],
        },
        "climbing_gym": {
            "company": "Crux Climbing",
            "requests": ["Can I book an intro session?", "Do you rent climbing shoes?"],
            "extra": ["a ten-visit pass", "chalk and a bag"],
            "questions": [
                "Have you climbed indoors before?",
                "are you coming alone or with friends",
            ],
            "answers": ["Never, total beginner.", "With two mates."],
        },
    }
}

NAMES = {SPLIT: ["Kai", "Jaz", "Reuben", "Tilly", "Obi"]}

GREETINGS = {
    SPLIT: [
        ("Heyyy, {company} here!", True, True),
        ("Hey there, welcome to {company}!", True, True),
        ("Hiya, what's up?", True, False),
        ("Good evening, how can I sort you out?", True, False),
        ("Yo, thanks for the call!", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Yeah? Go on.", "Speak up, mate.", "Who's this calling?"]}
INTRODUCTIONS = {
    SPLIT: [
        "I'm {name}, I'll be your go-to person.",
        "You've got {name} on the phone.",
        "Just call me {name}.",
        "{name} from the front desk here.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Who I am is beside the point, what's up?",
        "We don't do names on the phone, what do you need?",
    ]
}
NEEDS = {
    SPLIT: [
        "What's it for, if you don't mind me asking?",
        "have you tried anything like it before",
        "What sort of budget are you working with?",
        "how often are you planning to come",
        "What's the one thing you can't do without?",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Sec, my laptop's frozen.", None),
        ("Let me run through everything first, don't interrupt.", None),
        ("Drop me your email for the receipt?", "Sure, one sec."),
        ("You're cutting out, can you hear me?", "Yeah, I can."),
    ]
}
OFFERS = {
    SPLIT: [
        "By the way, I can throw in {extra}, honestly recommend it.",
        "You should grab {extra} too, you won't regret it.",
        "Want me to stick {extra} on too?",
        "Loads of people get {extra}, fancy that as well?",
        "Pro tip: get {extra}, it's cheaper together.",
    ]
}
NO_OFFERS = {SPLIT: ["Nothing extra to add, sorry.", "That combo offer ran out last week."]}
OBJECTIONS = {
    SPLIT: [
        ("price", "That's a bit much for me."),
        ("price", "Another place is half the price."),
        ("timing", "I'll ring back in a week or so."),
        ("competitor", "My mate recommended somewhere else."),
        ("no_need", "I definitely don't need all that."),
    ]
}
HANDLED = {
    SPLIT: [
        "I get it, but ours is all brand new, theirs will break in a week.",
        "I can do fifteen percent off if you pay today.",
        "Okay, I'll phone you next Wednesday then, deal?",
        "Do they have a warranty? Ours is a year with same-day swaps.",
        "Then just take the basic one, no extras, it's cheaper.",
    ]
}
UNHANDLED = {
    SPLIT: ["Okay, whatever works.", "Got it, noted.", "Oh well, happens.", "Fine, no worries, bye then."]
}
RUDE = {
    SPLIT: [
        "Come on, that's obvious.",
        "Seriously? Everyone knows that.",
        "Don't be daft, please.",
        "And now you're arguing, hilarious.",
        "Let's skip the drama, yeah?",
        "Have you got nothing better to do than call?",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Sorry, that took ages.",
        "Thanks for putting up with all my questions.",
        "The brakes on that bike are dull, we'll adjust them.",
        "Could you read me the booking number, please?",
    ]
}
FILLERS = {SPLIT: ["like", "basically", "you know", "literally", "kind of"]}
FILLER_TURNS = {
    SPLIT: [
        "The room will {f} be ready at six.",
        "{f}, payment's in the app.",
        "The booking's {f} until ten.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "We was fully booked last weekend.",
        "Him and me will run your session.",
        "This one's the most cheapest we do.",
        "You should of booked online, no stress.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "Shoes like these run a size small.",
        "You know the way in, round the back?",
    ]
}
CLOSINGS = {
    SPLIT: [
        "That's you sorted, see you soon, bye!",
        "Cheers, speak soon, have a good one!",
        "Booking's texted over, catch you later!",
        "Okay, till tomorrow then, take care.",
        "Deal, Wednesday I'll phone, later!",
    ]
}
NO_CLOSINGS = {SPLIT: ["Yep, noted down.", "Cool, got it."]}
LAST_QUESTIONS = {SPLIT: ["Can I park near you?", "Any student discount?"]}

CLIENT_FILLER = ["Yep, got it.", "Cool.", "Mm, okay then.", "Right, clear."]
CLIENT_AGREE = ["Go on, do it.", "Okay, count me in.", "Yeah, add it.", "Sounds good, yeah."]
CLIENT_GREETING = ["Hey, it's about a booking.", "Hi, quick question.", "Evening, can you help?"]
