"""A tenth English held-out half, written on 2026-12-03 (session 15) before any change tuned
on fresh8's mistakes and before the scorer was run on it (see banks_ru_fresh9.py). Same
layout as banks_en.py."""

SPLIT = "fresh9"

TRADES = {
    SPLIT: {
        "driveway_paving": {
            "company": "Stonelay Driveways",
            "requests": ["We want the front drive block paved.", "Do you do resin driveways?"],
            "extra": ["a drainage channel by the garage", "a sealant coat after laying"],
            "questions": [
                "How many cars are you hoping to park on it?",
                "what's down there at the moment, gravel or tarmac",
            ],
            "answers": ["Two, ideally.", "Cracked tarmac, mostly."],
        },
        "hearing_aids": {
            "company": "ClearTone Hearing",
            "requests": ["My dad's struggling to hear the telly.", "Do you test hearing at home?"],
            "extra": ["a spare set of batteries", "a yearly check-up plan"],
            "questions": [
                "Does he wear anything in his ears already?",
                "is it worse in noisy places or everywhere",
            ],
            "answers": ["Nothing yet.", "Worse in the pub, he says."],
        },
        "bike_courier": {
            "company": "Pedal Post Couriers",
            "requests": [
                "I need documents taken across town today.",
                "Can you collect from an office every Friday?",
            ],
            "extra": ["a signed proof of delivery", "a same-hour upgrade"],
            "questions": [
                "How bulky is the parcel, will it fit in a rucksack?",
                "does it have to be there by a set time",
            ],
            "answers": ["Just an envelope.", "Before three, really."],
        },
    }
}

NAMES = {SPLIT: ["Ottilie", "Bram", "Sunita", "Fergus", "Mabel"]}

GREETINGS = {
    SPLIT: [
        ("Hello, {company} sales desk.", True, True),
        ("Good morning to you!", True, False),
        ("Hey there, what can we do for you today?", True, False),
        ("Afternoon, {company} here.", True, True),
        ("Evening, glad you rang.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Yep?", "Who's calling?", "Go ahead then."]}
INTRODUCTIONS = {
    SPLIT: [
        "{name} picking up.",
        "{name} here, I run the diary for the team.",
        "I'm {name}, by the way.",
        "{name} in sales speaking.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Skip the names, what is it you're after?",
        "I'd sooner keep my name to myself, go on.",
    ]
}
NEEDS = {
    SPLIT: [
        "What are you working with at the minute?",
        "what are you looking to spend roughly",
        "Are you buying this for you or for family?",
        "What went wrong with the last one?",
        "how often will you need us",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Am I crackling on your side?", "Yes, perfectly."),
        ("Right, listing everything on our menu now.", None),
        ("One moment, opening the system.", None),
        ("And a contact number?", "It's on the form."),
    ]
}
OFFERS = {
    SPLIT: [
        "I'd really recommend {extra} with that.",
        "Want me to pop {extra} on the order?",
        "{extra} is popular with people in your spot.",
        "Bundle in {extra} and you save a bit.",
        "While we're there, we could do {extra}.",
    ]
}
NO_OFFERS = {SPLIT: ["I can't offer you anything else.", "The bundle deal's finished now."]}
OBJECTIONS = {
    SPLIT: [
        ("price", "Ouch, that figure stings."),
        ("price", "Hmm, that's over my budget."),
        ("timing", "Can I get back to you after payday?"),
        ("competitor", "I saw it online for less."),
        ("no_need", "No, I don't need that."),
    ]
}
HANDLED = {
    SPLIT: [
        "Fair point, though delivery and fitting are baked into that figure, nothing added on later.",
        "There's a budget range that does the same job for about thirty pounds under.",
        "No rush, I'll buzz you Wednesday after lunch and we'll take it from there.",
        "If you find it cheaper, send me the link and we'll match it.",
        "Fine, we'll leave that out, just the main item, so it's cheaper.",
    ]
}
UNHANDLED = {SPLIT: ["Please yourself.", "Whatever you like.", "Righty-ho.", "Fine by me either way."]}
RUDE = {
    SPLIT: [
        "Were you not paying attention a minute ago?",
        "You should've read what you signed.",
        "Hello? Anybody home in there?",
        "Don't take up my time.",
        "Not our fault you lost the receipt.",
        "A child could follow this, come on.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Apologies for keeping you waiting.",
        "Thanks for hanging on for an answer.",
        "We dig out the old surface and compact the base.",
        "Would you mind giving me the fitting address?",
    ]
}
FILLERS = {SPLIT: ["like", "I mean", "so yeah", "honestly", "kind of"]}
FILLER_TURNS = {
    SPLIT: [
        "The fitter will {f} come round at lunchtime.",
        "{f}, you pay when it arrives.",
        "The warranty's {f} three years.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "We done three driveways on your street last month.",
        "There's three colours, they looks the same from the road.",
        "Me and the lads was at the house on Monday.",
        "They was delivered yesterday.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "Sounds like the base has cracked, so we dig deeper.",
        "I mean to get the quote out today.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Lovely chatting, all the best.",
        "See you Friday then, take care.",
        "Contract's on its way to your inbox, enjoy your evening.",
        "That's everything, talk tomorrow, bye.",
        "Shout if anything crops up, bye now.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Yep.", "Okay, jotted down."]}
LAST_QUESTIONS = {SPLIT: ["Do you offer payment in instalments?", "Can I reach you on a Saturday?"]}

CLIENT_FILLER = ["I see.", "Uh-huh.", "Fair do's.", "Yeah, yeah."]
CLIENT_AGREE = ["Right, put it through.", "I'll take it.", "Sounds good to me.", "Yes, happy with that."]
CLIENT_GREETING = ["Hello to you.", "Hi, good afternoon.", "Hiya."]
