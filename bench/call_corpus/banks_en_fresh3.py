"""A fourth English held-out half, written on 2026-12-02 (session 11) before any change to
the scorer that session (see banks_ru_fresh3.py for why). Same layout as banks_en.py."""

SPLIT = "fresh3"

TRADES = {
    SPLIT: {
        "solar": {
            "company": "BrightRoof Solar",
            "requests": [
                "I'm thinking about panels on the house roof.",
                "What does a home battery cost with you?",
            ],
            "extra": ["a bird guard for the panels", "a monitoring app subscription"],
            "questions": [
                "Which way does your roof face?",
                "roughly what are your electricity bills each month",
            ],
            "answers": ["South-west, mostly.", "About a hundred and fifty a month."],
        },
        "web_hosting": {
            "company": "Northwind Hosting",
            "requests": [
                "Our shop site keeps going down, I need better hosting.",
                "Do you do managed WordPress?",
            ],
            "extra": ["daily off-site backups", "a dedicated IP address"],
            "questions": [
                "How many visitors do you get on a busy day?",
                "who looks after the site at the moment",
            ],
            "answers": ["Maybe five thousand at sale time.", "A freelancer, when he has time."],
        },
        "removals": {
            "company": "Swift Removals",
            "requests": [
                "We're moving house at the end of the month.",
                "Can you move a piano up two floors?",
            ],
            "extra": ["packing boxes delivered in advance", "storage for a couple of weeks"],
            "questions": [
                "How many bedrooms is the place you're moving from?",
                "is there a lift at either end",
            ],
            "answers": ["Three bedrooms and a garage.", "No lift at the new place."],
        },
    }
}

NAMES = {SPLIT: ["Declan", "Aisha", "Morgan", "Ingrid", "Rafael"]}

GREETINGS = {
    SPLIT: [
        ("Good afternoon, {company}.", True, True),
        ("Hello, thanks for calling.", True, False),
        ("Hi there!", True, False),
        ("You're through to {company}, good morning.", True, True),
        ("Good evening.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Yep?", "Speak.", "Uh-huh?"]}
INTRODUCTIONS = {
    SPLIT: [
        "I'm {name}.",
        "{name} speaking.",
        "My name's {name}, I'll be helping you today.",
        "This is {name} from the sales team.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "My name's not important, what do you want?",
        "No need for names, just tell me what you need.",
    ]
}
NEEDS = {
    SPLIT: [
        "What's your timeline for this?",
        "what budget have you got in mind",
        "Is this for home or for the business?",
        "How are you handling it at the moment?",
        "tell me a bit about what you're after",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Is now a good time to talk?", "Yes, go on."),
        ("Let me walk you through our packages.", None),
        ("Hang on, my screen's frozen.", None),
        ("And who am I speaking with?", "It's Carl."),
    ]
}
OFFERS = {
    SPLIT: [
        "I'd also suggest {extra}.",
        "Most customers add {extra}, shall I include it?",
        "We can throw in {extra} at a reduced rate.",
        "You might want {extra} as well.",
        "How about {extra} while we're at it?",
    ]
}
NO_OFFERS = {SPLIT: ["That deal ended last week.", "There's nothing else I can offer you."]}
OBJECTIONS = {
    SPLIT: [
        ("price", "That's way over what I expected."),
        ("price", "I can't justify spending that."),
        ("timing", "Let me sleep on it."),
        ("competitor", "Another firm quoted me less."),
        ("no_need", "Honestly I'm not sure we need it."),
    ]
}
HANDLED = {
    SPLIT: [
        "I get that, but ours includes a ten-year warranty, so there are no repair bills later.",
        "We could go for the smaller package, which is about a third cheaper.",
        "Of course, I'll ring you back on Thursday at two so you can decide.",
        "If you send me their quote I'll match it and keep the free survey.",
        "You can spread the cost over twelve months at no interest.",
    ]
}
UNHANDLED = {SPLIT: ["Fine.", "Up to you.", "No worries then.", "Go with them then, not my problem."]}
RUDE = {
    SPLIT: [
        "Are you even listening to me?",
        "I've explained this three times already.",
        "That's your mistake, not ours.",
        "It's not rocket science, is it?",
        "I haven't got all day for this.",
        "Look, just stop interrupting me.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "No problem at all, happy to help.",
        "Sorry about the wait.",
        "We kill the power before we start, so it's safe.",
        "Don't worry, it's a common question.",
    ]
}
FILLERS = {SPLIT: ["you know", "like", "basically", "literally", "kind of"]}
FILLER_TURNS = {
    SPLIT: ["It's {f} ready next week.", "We {f} do it in a day.", "{f}, the price stays the same."]
}
SPEECH_ERRORS = {
    SPLIT: [
        "We done the survey yesterday.",
        "Me and him will come round on Monday.",
        "There's loads of options what you could pick.",
        "I seen your email this morning.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "I like that model best myself.",
        "You know the address already, don't you?",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Thanks for calling, take care.",
        "I'll email the quote tonight, speak soon.",
        "See you on Tuesday at nine then, bye.",
        "Have a lovely afternoon.",
        "Cheers, goodbye.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Okay.", "Mm."]}
LAST_QUESTIONS = {SPLIT: ["Is VAT included in that?", "What happens if I cancel?"]}

CLIENT_FILLER = ["Okay.", "Right, yes.", "Mhm."]
CLIENT_AGREE = ["Go on then.", "Yes, include it.", "Fair enough."]
CLIENT_GREETING = ["Hi there.", "Hello, good afternoon."]
