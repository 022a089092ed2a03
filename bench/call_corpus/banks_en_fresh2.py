"""A third English held-out half, written on 2026-12-02 before any change to the scorer
that day (see banks_ru_fresh2.py for why). Same layout as banks_en.py."""

SPLIT = "fresh2"

TRADES = {
    SPLIT: {
        "fitness": {
            "company": "IronWorks Gym Supply",
            "requests": [
                "I'm fitting out a small gym and need some racks.",
                "How much are your rowing machines?",
            ],
            "extra": ["rubber floor tiles", "a maintenance plan for the machines"],
            "questions": ["How big is the room you're kitting out?", "who's going to be using it mostly"],
            "answers": ["About sixty square metres.", "Office staff, before and after work."],
        },
        "insurance": {
            "company": "SafeHarbour Insurance",
            "requests": [
                "I'd like a quote for van insurance.",
                "Do you cover small shops against flooding?",
            ],
            "extra": ["breakdown cover", "cover for the stock inside"],
            "questions": [
                "How many drivers will be on the policy?",
                "have you made any claims in the last five years",
            ],
            "answers": ["Just me and my brother.", "One, a cracked windscreen."],
        },
        "events": {
            "company": "Lakeside Venues",
            "requests": [
                "We're planning a wedding for next June.",
                "Have you got a room for a team away day?",
            ],
            "extra": ["an evening buffet", "a photographer we work with"],
            "questions": [
                "How many guests are you thinking of?",
                "is it a daytime thing or going into the evening",
            ],
            "answers": ["Around a hundred and twenty.", "Daytime, nine till five."],
        },
    }
}

NAMES = {SPLIT: ["Harriet", "Kwame", "Niamh", "Tobias", "Priya"]}

GREETINGS = {
    SPLIT: [
        ("Good morning, {company}.", True, True),
        ("Hey there, thanks for ringing.", True, False),
        ("Hello and welcome to {company}.", True, True),
        ("Morning!", True, False),
        ("Hi, good to hear from you.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Yeah?", "Go ahead.", "Yes?"]}
INTRODUCTIONS = {
    SPLIT: [
        "I'm {name}, one of the advisers here.",
        "{name} here, from the sales team.",
        "This is {name} at {company}.",
        "My name is {name} and I'll be helping you today.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: ["Names don't matter, what can I do for you?", "I'd rather not give my name, what is it?"]
}
NEEDS = {
    SPLIT: [
        "What would you mainly be using it for?",
        "when do you need it all in place by",
        "Is it for yourself or for the business?",
        "What matters most to you, price or speed?",
        "have you used anything like this before",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Can you hear me okay?", "Yes, fine."),
        ("Right, let me walk you through everything we offer.", None),
        ("Hold on, my screen's frozen.", None),
        ("Who am I speaking with?", "It's Paul."),
    ]
}
OFFERS = {
    SPLIT: [
        "Most people add {extra} while they're at it.",
        "Would you like me to include {extra}?",
        "We could also throw in {extra} at a discount.",
        "I'd recommend {extra} on top of that.",
    ]
}
NO_OFFERS = {SPLIT: ["The offer's finished, sorry.", "We don't do anything else, just that."]}
OBJECTIONS = {
    SPLIT: [
        ("price", "That's way over our budget."),
        ("timing", "Let me think about it and get back to you."),
        ("competitor", "Another firm quoted us less."),
        ("no_need", "We don't really need anything like that."),
        ("price", "Can't you do it any cheaper?"),
    ]
}
HANDLED = {
    SPLIT: [
        "I hear you, but ours lasts twice as long, so it costs less over five years.",
        "I can hold this price until Friday and spread the payment over three months.",
        "Sure, I'll give you a ring on Thursday at two to see where you are.",
        "Can you send me their quote? I'm confident we can match it with better cover.",
        "There's a smaller package at half the price if that suits you better.",
    ]
}
UNHANDLED = {SPLIT: ["Okay then.", "Whatever works for you.", "Suit yourself.", "I see."]}
RUDE = {
    SPLIT: [
        "Are you even listening to me?",
        "I'm not going to repeat myself again.",
        "Well, that's your fault for leaving it so late.",
        "Seriously, it's not rocket science.",
        "Don't waste my time if you're not buying.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "No worries at all, happy to help.",
        "Sorry to keep you waiting.",
        "The blunt edge goes at the back.",
    ]
}
FILLERS = {SPLIT: ["like", "kind of", "sort of", "I mean", "basically"]}
FILLER_TURNS = {SPLIT: ["It's {f} the best one we have.", "We {f} deliver on Fridays.", "{f}, that's fine."]}
SPEECH_ERRORS = {
    SPLIT: [
        "We should of sent it yesterday.",
        "Me and my manager will look at it.",
        "There's loads of options for you.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: ["It looks like rain on the day, so we've got a marquee.", "That kind of layout works well."]
}
CLOSINGS = {
    SPLIT: [
        "Thanks for calling, take care.",
        "I'll send the paperwork tonight, speak tomorrow.",
        "Great, I'll ring you Monday morning, bye for now.",
        "Lovely chatting, goodbye.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Right.", "Yep."]}
LAST_QUESTIONS = {SPLIT: ["Do I need to pay a deposit?", "Can I change the date later?"]}

CLIENT_FILLER = ["Right.", "Okay.", "Sure."]
CLIENT_AGREE = ["Yes, please.", "Sounds good.", "Add it in."]
CLIENT_GREETING = ["Hello there.", "Hi, morning."]
