"""A twenty-fifth English held-out half, written on 2026-12-06 (session 40, its fourth round)
after fresh23's figure was taken and before its mistakes were read or the scorer was run on
this one: long agent turns from small retail and services (sports nutrition, costume hire,
cartridge refills) and a bored, monotone agent who says as little as possible, rude by
indifference and brushing the caller off (see banks_ru_fresh24.py). Same layout as
banks_en.py."""

SPLIT = "fresh24"

TRADES = {
    SPLIT: {
        "sports_nutrition": {
            "company": "Protein Hub",
            "requests": ["I'm after some protein for bulking.", "Do you do creatine capsules?"],
            "extra": ["a shaker with a powder compartment", "a sample pack of bars"],
            "questions": ["How often do you train?", "cutting at the moment or bulking"],
            "answers": ["Four times a week.", "Bulking for now."],
        },
        "costume_hire": {
            "company": "Dress Up Box",
            "requests": [
                "I need a Father Christmas outfit for the twenty-third.",
                "Got any kids' animal costumes?",
            ],
            "extra": ["cleaning after you bring it back", "a beard and wig to go with it"],
            "questions": ["How tall is the person wearing it?", "just the one night or a few days"],
            "answers": ["Six foot one.", "Just the evening."],
        },
        "cartridge_refill": {
            "company": "TonerPoint",
            "requests": ["I need a toner cartridge refilled.", "Do you swap the chips on cartridges?"],
            "extra": ["a printer clean-out", "a spare cartridge while you wait"],
            "questions": ["Which printer model?", "how much do you print a month"],
            "answers": ["An old laser one.", "A ream a week."],
        },
    }
}

NAMES = {SPLIT: ["Dean", "Kirsty", "Wes", "Holly", "Gav"]}

GREETINGS = {
    SPLIT: [
        ("hello {company}", True, True),
        ("Afternoon. {company}.", True, True),
        ("hi go on", True, False),
        ("Morning. What is it?", True, False),
        ("hello then", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Yeah.", "yep listening", "Go on."]}
INTRODUCTIONS = {
    SPLIT: [
        "{name}.",
        "i'm {name} if it matters",
        "It's {name}, on the till.",
        "{name} on the phone.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Doesn't matter what I'm called.",
        "names aren't a thing here what is it",
    ]
}
NEEDS = {
    SPLIT: [
        "What's it for?",
        "what size",
        "When by?",
        "how many are you after",
        "Delivered, or are you collecting?",
        "is it going on your name or a company's",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Hold.", None),
        ("hang on looking", None),
        ("Got an order number?", "No, first time."),
        ("can't hear you", "Better now?"),
    ]
}
OFFERS = {
    SPLIT: [
        "There's {extra} too.",
        "{extra}, want that?",
        "You can get {extra}.",
        "people usually add {extra}",
        "We've {extra} as well, if you need it.",
    ]
}
NO_OFFERS = {SPLIT: ["Nothing else.", "nothing on offer this month"]}
OBJECTIONS = {
    SPLIT: [
        ("price", "That's a bit steep, that."),
        ("price", "your prices are higher than everyone's"),
        ("timing", "I'll need a couple of days to think."),
        ("competitor", "The shop round the corner does it cheaper."),
        ("no_need", "I probably don't need that."),
    ]
}
HANDLED = {
    SPLIT: [
        "It costs more, yes, but it's genuine, no fakes, and you get a receipt.",
        "Think it over, I'll hold it till Friday and ring you then.",
        "Round the corner there's no guarantee, ours has a month, we swap it if it's wrong.",
        "you could get the smaller tub it's a third cheaper",
        "Just the basics then, no extras, that's cheaper.",
    ]
}
UNHANDLED = {SPLIT: ["Whatever floats your boat.", "makes no odds to me", "Right. Next?", "think then"]}
RUDE = {
    SPLIT: [
        "I really couldn't care what you buy.",
        "no idea ask someone else",
        "I'm not paid to spell it all out for you.",
        "Are you going to be much longer deciding?",
        "that's your worry not mine",
        "Website's got all that, have a look yourself.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Sorry, just checking that.",
        "ta for waiting",
        "The toner's dry, you don't mix it, it just goes in.",
        "Could I have your surname, please?",
    ]
}
FILLERS = {SPLIT: ["like", "basically", "you know", "sort of", "kinda"]}
FILLER_TURNS = {
    SPLIT: [
        "The order's {f} in tomorrow.",
        "{f}, you pay at the till.",
        "Lessons are {f} at weekends.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "We don't have nothing in that size.",
        "She don't work Saturdays.",
        "I never seen that model before.",
        "The lady what called earlier booked it.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "We've nothing like it in stock.",
        "It's a sort of costume we hire out a lot.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Bye.",
        "right bye then",
        "See you. Take care.",
        "i'll ring you friday",
        "Thanks for calling.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Mm.", "fine"]}
LAST_QUESTIONS = {SPLIT: ["What time do you shut today?", "do i get a receipt"]}

CLIENT_FILLER = ["I see.", "mm okay", "Right.", "Okay, got it."]
CLIENT_AGREE = ["Add that too.", "go on then", "Fine, I'll have it.", "Yes, I need that."]
CLIENT_GREETING = [
    "Hello, I'm calling about an order.",
    "Afternoon, could you help me?",
    "Hello, is that the shop?",
]
