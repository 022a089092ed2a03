"""A twelfth English held-out half, written on 2026-12-05 (session 34, its second round)
before any change tuned on fresh10's mistakes and before the scorer was run on it (see
banks_ru_fresh11.py). Same layout as banks_en.py."""

SPLIT = "fresh11"

TRADES = {
    SPLIT: {
        "van_hire": {
            "company": "Shiftwell Van Hire",
            "requests": ["I need a Luton van for a house move.", "Have you got a small van free on Sunday?"],
            "extra": ["a set of moving blankets", "a sack truck for the day"],
            "questions": [
                "How far are you going, roughly?",
                "is it a full house or just a few bits",
            ],
            "answers": ["Forty miles up the road.", "Two-bed flat, fully furnished."],
        },
        "bouncy_castles": {
            "company": "Boing Party Hire",
            "requests": [
                "Can we book a bouncy castle for a seventh birthday?",
                "Do you deliver inflatables to parks?",
            ],
            "extra": ["a soft-play set for the little ones", "a popcorn machine"],
            "questions": [
                "How many children are coming?",
                "indoors in a hall or out in the garden",
            ],
            "answers": ["Twenty-odd.", "Garden, if it stays dry."],
        },
        "garage_doors": {
            "company": "Roll-Tite Doors",
            "requests": [
                "Our garage door's jammed half open.",
                "Could you quote for an electric roller door?",
            ],
            "extra": ["a second remote fob", "a yearly service visit"],
            "questions": [
                "Is it an up-and-over door or a roller?",
                "do you use the garage for the car or storage",
            ],
            "answers": ["Up-and-over, old steel one.", "Storage, mostly."],
        },
    }
}

NAMES = {SPLIT: ["Rowena", "Kwame", "Niamh", "Stellan", "Bethan"]}

GREETINGS = {
    SPLIT: [
        ("Hiya, {company}, how can we sort you out?", True, True),
        ("Top of the morning!", True, False),
        ("Greetings, and thank you for phoning.", True, False),
        ("Hello hello, {company}.", True, True),
        ("Good day to you.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Yes?", "Who is it?", "Mm-hmm, shoot."]}
INTRODUCTIONS = {
    SPLIT: [
        "{name} on bookings.",
        "{name} speaking, diary's mine.",
        "I'm {name}, I'll be looking after you.",
        "Allow me, I'm {name}.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "What I'm called is my business, next.",
        "Not giving names out, what do you need?",
    ]
}
NEEDS = {
    SPLIT: [
        "Why are you looking at one now?",
        "what date are you thinking",
        "Who's it mostly for?",
        "Is there a budget you're trying to stay under?",
        "what did you have before",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Can you make me out okay?", "Crystal clear."),
        ("Here's the whole tariff sheet, top to bottom.", None),
        ("Hang fire, the booking page is slow.", None),
        ("Best email for the confirmation?", "The one on file."),
    ]
}
OFFERS = {
    SPLIT: [
        "Can I tempt you with {extra}?",
        "Plenty of folks add {extra} on top.",
        "Worth grabbing {extra}, it saves hassle later.",
        "I can bundle {extra} for a tenner more.",
        "Shall I stick {extra} on the booking?",
    ]
}
NO_OFFERS = {SPLIT: ["That's the lot, sorry, no extras.", "Those extras were a summer promotion, it's over."]}
OBJECTIONS = {
    SPLIT: [
        ("price", "Blimey, that's dear."),
        ("price", "I can't stretch to that."),
        ("timing", "I'll decide after the weekend."),
        ("competitor", "A bloke up the road charges half that."),
        ("no_need", "Nah, don't need any of that."),
    ]
}
HANDLED = {
    SPLIT: [
        "Insurance and a spare unit on standby are all in that figure.",
        "Weekdays we charge roughly a third less.",
        "Sure, the date's yours till Friday, I'll phone that morning.",
        "Book today and there's a tenth off.",
        "Then just take the van for now, extras can come later.",
    ]
}
UNHANDLED = {SPLIT: ["Alright, no bother.", "Oh, okay.", "Fair play.", "Oh, never mind."]}
RUDE = {
    SPLIT: [
        "Stop cutting in, will you?",
        "I can't hold your hand through every step.",
        "Have you tried reading the instructions?",
        "It's basic stuff, surely you know that.",
        "Right, I've got better things to do.",
        "Don't be such a baby about it.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Forgive the noise, we're mid-refit.",
        "Thank you kindly for waiting.",
        "The door has a dumb latch, it doesn't lock itself.",
        "Could you read the postcode back to me?",
    ]
}
FILLERS = {SPLIT: ["like", "y'know", "basically", "sort of", "to be fair"]}
FILLER_TURNS = {
    SPLIT: [
        "The van's {f} ready from eight.",
        "{f}, we take card or cash.",
        "Our fitter {f} does it in an hour.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "We've went and checked the diary for you.",
        "Him and the lad will be there by nine.",
        "There was loads of them vans booked last week.",
        "We'd of sent it sooner.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "It's sort of the blue that matches your front door.",
        "We like to confirm everything by email.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Ta for booking, we'll be in touch.",
        "Enjoy your evening, goodbye.",
        "See you Saturday, all the best.",
        "Right, that's us sorted, speak soon.",
        "Good luck with the move, ring if you need us.",
    ]
}
NO_CLOSINGS = {SPLIT: ["So.", "Got it."]}
LAST_QUESTIONS = {SPLIT: ["Is there a pensioner discount?", "Can I collect it myself?"]}

CLIENT_FILLER = ["Uh-huh.", "Sure, sure.", "Righto.", "Okay, good."]
CLIENT_AGREE = ["Go on, book it.", "Fine, sign me up.", "Yep, I'll have it.", "Deal."]
CLIENT_GREETING = ["Hi, afternoon.", "Hello hello.", "Morning!"]
