"""An eighth English held-out half, written on 2026-12-02 (session 13) before any change tuned
on fresh6's mistakes and before the scorer was run on it (see banks_ru_fresh7.py). Same
layout as banks_en.py."""

SPLIT = "fresh7"

TRADES = {
    SPLIT: {
        "roofing": {
            "company": "Topside Roofing",
            "requests": ["There's water coming through the ceiling.", "Can you replace a few slipped tiles?"],
            "extra": ["a gutter clear", "new flashing round the chimney"],
            "questions": [
                "Is it a flat roof or pitched?",
                "does it only leak when it rains hard",
            ],
            "answers": ["Pitched, slate tiles.", "Mostly when it's windy as well."],
        },
        "piano_tuning": {
            "company": "Keynote Piano Care",
            "requests": ["Our piano's gone badly out of tune.", "Do you move pianos as well as tune them?"],
            "extra": ["a humidity kit for the case", "a yearly tuning plan"],
            "questions": [
                "When was it last tuned?",
                "is it an upright or a grand",
            ],
            "answers": ["Honestly, not for years.", "An old upright."],
        },
        "window_cleaning": {
            "company": "Brightpane Window Cleaners",
            "requests": ["How much to do a three-bed semi?", "Do you clean conservatory roofs?"],
            "extra": ["frames and sills wiped down", "a monthly round"],
            "questions": [
                "How many windows roughly?",
                "can we get round the back easily",
            ],
            "answers": ["About fourteen.", "Yes, there's a side path."],
        },
    }
}

NAMES = {SPLIT: ["Imogen", "Rhys", "Keisha", "Alistair", "Wren"]}

GREETINGS = {
    SPLIT: [
        ("Evening, {company} here.", True, True),
        ("Hi, you've reached {company}.", True, True),
        ("Hello, good morning!", True, False),
        ("Afternoon, thanks for calling.", True, False),
        ("Hey there, thanks for getting in touch.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Yeah?", "What is it?", "Yup, what?"]}
INTRODUCTIONS = {
    SPLIT: [
        "Name's {name}.",
        "This is {name}, I look after bookings.",
        "{name} here, what can I do for you?",
        "I'm {name} from the service team.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Never mind my name, what's the issue?",
        "You don't need my name, just tell me what you want.",
    ]
}
NEEDS = {
    SPLIT: [
        "What happened exactly?",
        "how long has it been like that",
        "What sort of budget did you have in mind?",
        "Which day works for you?",
        "who's it for",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Is the line alright your end?", "It's fine."),
        ("I'll read you the price list.", None),
        ("One moment, I'm opening the diary.", None),
        ("What's the address?", "Twelve Mill Lane."),
    ]
}
OFFERS = {
    SPLIT: [
        "I'd recommend adding {extra} while we're at it.",
        "We could also do {extra} if you want.",
        "It works out cheaper to book {extra} at the same time.",
        "Shall I put {extra} on there too?",
        "Most people book {extra} alongside.",
    ]
}
NO_OFFERS = {SPLIT: ["That's all we do, I'm afraid.", "The add-on deal finished last week."]}
OBJECTIONS = {
    SPLIT: [
        ("price", "That's a bit pricey."),
        ("price", "I was hoping it'd be less."),
        ("timing", "I'm not ready yet, I'll call back."),
        ("competitor", "Somebody else quoted me lower."),
        ("no_need", "I don't think we really need that."),
    ]
}
HANDLED = {
    SPLIT: [
        "I get that, but the call-out and the first half hour are included, nothing extra on top.",
        "There's a basic option that's about twenty pounds less.",
        "Sure, I'll give you a call on Wednesday afternoon, does that work?",
        "They may be lower, but we guarantee the work for twelve months and come back free.",
        "You can pay in two halves, the second after the job's done.",
    ]
}
UNHANDLED = {SPLIT: ["Whatever you think.", "Alright then.", "Fair enough, bye.", "Okay, your call."]}
RUDE = {
    SPLIT: [
        "I've already explained this to you.",
        "Don't tell me how to do my job.",
        "Well, you should have called earlier.",
        "Are you even listening?",
        "Hurry up, I've got other calls.",
        "Not my department, sort it out yourself.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Apologies for the wait.",
        "You're welcome, happy to help.",
        "We'll kill the power to that circuit first, just to be safe.",
        "Thanks for bearing with me.",
    ]
}
FILLERS = {SPLIT: ["like", "erm", "you see", "sorta", "I guess"]}
FILLER_TURNS = {
    SPLIT: [
        "The engineer will {f} be with you by lunch.",
        "{f}, we'll price it after we've had a look.",
        "Delivery is {f} tomorrow morning.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "We was out there on Monday.",
        "He don't do Saturdays.",
        "I seen the booking just now.",
        "That's more better for your model.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "I'd like to confirm the Tuesday slot.",
        "You see the side gate? We'll come in that way.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Thanks for the call, all the best.",
        "The engineer will be there tomorrow between nine and twelve, bye now.",
        "I'll email the invoice, have a good evening.",
        "See you on Saturday, bye.",
        "Any questions, just ring, take care.",
    ]
}
NO_CLOSINGS = {SPLIT: ["That's it.", "Okay so."]}
LAST_QUESTIONS = {SPLIT: ["Can I pay by bank transfer?", "Are you open on Sundays?"]}

CLIENT_FILLER = ["Righto.", "Uh-huh.", "Makes sense."]
CLIENT_AGREE = ["Yes, do that.", "Fine, go ahead.", "Stick it on."]
CLIENT_GREETING = ["Hello, hi.", "Evening."]
