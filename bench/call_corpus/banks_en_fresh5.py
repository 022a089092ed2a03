"""A sixth English held-out half, written on 2026-12-02 (session 11) after the fresh4 figure
was taken and before any change tuned on fresh4's mistakes (see banks_ru_fresh5.py). Same
layout as banks_en.py."""

SPLIT = "fresh5"

TRADES = {
    SPLIT: {
        "boiler_service": {
            "company": "WarmFlow Heating",
            "requests": [
                "Our boiler keeps losing pressure.",
                "How much is an annual boiler service?",
            ],
            "extra": ["a carbon monoxide alarm", "a magnetic filter fitted"],
            "questions": [
                "How old is the boiler?",
                "is it a combi or do you have a hot water tank",
            ],
            "answers": ["About twelve years.", "A combi, in the kitchen."],
        },
        "dog_grooming": {
            "company": "Paws and Suds",
            "requests": [
                "My spaniel needs a proper trim.",
                "Do you do nail clipping on its own?",
            ],
            "extra": ["a teeth cleaning", "a flea treatment"],
            "questions": [
                "What breed is he?",
                "has he been groomed before or is this his first time",
            ],
            "answers": ["A cocker spaniel, four years old.", "Once, at the vet."],
        },
        "tutoring": {
            "company": "BrightPath Tutors",
            "requests": [
                "My son needs help with maths before his exams.",
                "Do you tutor online?",
            ],
            "extra": ["a practice exam under timed conditions", "a monthly progress report"],
            "questions": [
                "Which topics is he finding hardest?",
                "when are his exams",
            ],
            "answers": ["Algebra, mostly.", "In May."],
        },
    }
}

NAMES = {SPLIT: ["Gemma", "Yusuf", "Holly", "Marcus", "Leila"]}

GREETINGS = {
    SPLIT: [
        ("Good evening, {company}.", True, True),
        ("Hello, you're through to {company}.", True, True),
        ("Hi, how are you today?", True, False),
        ("Good morning!", True, False),
        ("Hello and thanks for waiting.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["What?", "Yep, go on.", "Uh, yes?"]}
INTRODUCTIONS = {
    SPLIT: [
        "I'm {name}, I handle the bookings.",
        "{name} here.",
        "My name's {name}.",
        "This is {name} speaking.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "You don't need my name, what's it about?",
        "Never mind my name, what can I do?",
    ]
}
NEEDS = {
    SPLIT: [
        "What made you look for this now?",
        "what would a good result look like for you",
        "Have you had this done before?",
        "When would suit you best?",
        "describe what's happening at the moment",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Have you got a minute?", "Yes."),
        ("I'll just read you our price list.", None),
        ("Sorry, one moment, the system's slow.", None),
        ("Could you spell your surname?", "K-E-L-L-Y."),
    ]
}
OFFERS = {
    SPLIT: [
        "Would you want {extra} too?",
        "We also do {extra}, it's popular.",
        "I'd recommend adding {extra}.",
        "We could include {extra} for a small extra charge.",
        "Lots of our customers get {extra} at the same time.",
    ]
}
NO_OFFERS = {SPLIT: ["We don't do anything like that any more.", "That offer's finished, I'm afraid."]}
OBJECTIONS = {
    SPLIT: [
        ("price", "That's a lot of money."),
        ("price", "I wasn't expecting it to cost that much."),
        ("timing", "I need to talk to my husband first."),
        ("competitor", "I've had a cheaper quote from someone else."),
        ("no_need", "I don't think that's necessary."),
    ]
}
HANDLED = {
    SPLIT: [
        "I hear you, but that includes parts and labour, and a year's guarantee.",
        "We've a lighter option at about two thirds of the price.",
        "Of course, I'll call you back tomorrow at six once you've spoken.",
        "If you forward their quote, I'll see if we can match it.",
        "You can pay in three monthly instalments if that helps.",
    ]
}
UNHANDLED = {SPLIT: ["Okay, bye then.", "Whatever.", "Oh well.", "Then go with them."]}
RUDE = {
    SPLIT: [
        "Are you actually listening?",
        "I've said this already, keep up.",
        "Well, you should have read the instructions.",
        "It's really not complicated.",
        "Hurry up, I've got other customers.",
        "What a daft question.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Apologies for the delay.",
        "My pleasure.",
        "The dull blade needs replacing.",
        "Thanks for your patience.",
    ]
}
FILLERS = {SPLIT: ["like", "basically", "sort of", "you know", "literally"]}
FILLER_TURNS = {
    SPLIT: ["It's {f} booked for Tuesday.", "We {f} bring everything.", "{f}, there's no charge for that."]
}
SPEECH_ERRORS = {
    SPLIT: [
        "We was going to call you.",
        "Me and her can come Thursday.",
        "I should of mentioned that.",
        "There's two engineers free.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "Would you like a morning slot?",
        "You know your account number, don't you?",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Thanks for calling, goodbye.",
        "I'll email the booking over now, bye.",
        "See you Thursday at two.",
        "Have a nice evening.",
        "Take care now.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Yeah.", "Okay, so."]}
LAST_QUESTIONS = {SPLIT: ["Do I need to be home?", "Can I pay by card?"]}

CLIENT_FILLER = ["Okay.", "Right.", "Mm-hm."]
CLIENT_AGREE = ["Yes, please.", "Go on then.", "Sure, add it."]
CLIENT_GREETING = ["Hello.", "Hi, evening."]
