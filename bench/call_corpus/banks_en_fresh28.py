"""A twenty-ninth English held-out half, written on 2026-12-06 (session 41, its third round)
after fresh27's figure was taken and before its mistakes were read or the scorer was run on
this one: long agent turns from family and home goods (prams, bedding, party balloons) and a
saccharine agent who calls everyone "sweetie" and "darling", rude by sugary sarcasm (see
banks_ru_fresh28.py). Same layout as banks_en.py."""

SPLIT = "fresh28"

TRADES = {
    SPLIT: {
        "baby_strollers": {
            "company": "Pram Palace",
            "requests": ["I'm after a travel system pram.", "Have you got a light buggy?"],
            "extra": ["a raincover for the pram", "a hand muff"],
            "questions": ["How old is the little one?", "is there a lift in your building"],
            "answers": ["Four months.", "No, fifth floor, no lift."],
        },
        "bedding_textiles": {
            "company": "Snooze Linen",
            "requests": ["I need a double bedding set.", "Do you have striped sateen?"],
            "extra": ["a mattress protector", "some cushion covers"],
            "questions": ["What size is the bed?", "do you prefer sateen or linen"],
            "answers": ["A standard double.", "Sateen, I think."],
        },
        "party_balloons": {
            "company": "Pop Party",
            "requests": ["I need balloons for a birthday.", "Do you deliver helium balloons?"],
            "extra": ["a foil number balloon", "a balloon arch"],
            "questions": ["How old is the birthday girl?", "is the party at home or at a venue"],
            "answers": ["She's five.", "At home."],
        },
    }
}

NAMES = {SPLIT: ["Tilly", "Rosie", "Bethany", "Mandy", "Kerry"]}

GREETINGS = {
    SPLIT: [
        ("Hello lovely, {company}, how can I help?", True, True),
        ("{company} hiya so glad you called", True, True),
        ("Hello hello, what can I do for you today?", True, False),
        ("good morning darling go ahead", True, False),
        ("Oh, hello there, you!", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Yes, sweetie, I'm listening.", "Mm-hm, go on then, love.", "what's up"]}
INTRODUCTIONS = {
    SPLIT: [
        "I'm {name}, your helper today.",
        "{name} on the line, happy to help!",
        "you've got your {name}",
        "It's {name}, I'll find you something.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Oh, what do you need my name for, let's crack on.",
        "names don't matter sweetie what did you want",
    ]
}
NEEDS = {
    SPLIT: [
        "What age is the baby?",
        "what size is your bed",
        "For you or as a present?",
        "how big is the party going to be",
        "What colours is the bedroom?",
        "what matters more lightness or rough terrain",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Just a tick, checking the stockroom.", None),
        ("jotting your address down", None),
        ("Could I take a contact number, please?", "Oh seven nine, one two three, four five six."),
        ("oh you've gone all quiet", "Can you hear me now?"),
    ]
}
OFFERS = {
    SPLIT: [
        "Why not take {extra} as well, you'll love it!",
        "everyone gets {extra} with this",
        "I can add {extra}, it's hardly anything.",
        "Would you like to see {extra}? It's gorgeous.",
        "Oh, we've {extra} too, it's just darling.",
    ]
}
NO_OFFERS = {SPLIT: ["There's nothing else I can offer, sorry.", "no deals on at the moment sadly"]}
OBJECTIONS = {
    SPLIT: [
        ("price", "Oh, that's a bit steep for us."),
        ("price", "I found it cheaper online"),
        ("timing", "I need to talk it over with my husband."),
        ("competitor", "We usually buy from the big baby store."),
        ("no_need", "We don't really need that."),
    ]
}
HANDLED = {
    SPLIT: [
        "I understand, but ours has a two-year guarantee and free delivery, so it works out cheaper.",
        "Talk it over, I'll put it aside till Saturday and ring you myself.",
        "The big store has this model three hundred dearer, I checked.",
        "you can pay in four instalments interest free",
        "Let me send you photos so you can see it properly and decide.",
    ]
}
UNHANDLED = {
    SPLIT: [
        "Well, if you're sure, sweetie.",
        "oh okey dokey",
        "That's fine then, if you don't need it.",
        "alrighty",
    ]
}
RUDE = {
    SPLIT: [
        "Oh sweetie, that's obvious, isn't it?",
        "bless you have you opened the manual at all",
        "Honey, it's ever so simple, even for you.",
        "how adorable you mixed up the sizes again",
        "Darling, who picks a pram by its colour?",
        "Aren't you clever, getting it all muddled, never mind.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Sorry, I was ages getting to the phone.",
        "thank you ever so much for your patience",
        "The fabric runs if you wash it hot.",
        "Could you tell me the postcode, please?",
    ]
}
FILLERS = {SPLIT: ["like", "sort of", "you see", "erm", "i mean"]}
FILLER_TURNS = {
    SPLIT: [
        "The delivery's {f} on Friday.",
        "{f}, you can pay on the website.",
        "The driver will {f} ring an hour before.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "Could you borrow me your postcode?",
        "You'll need less balloons than that.",
        "Alls you need is the voucher.",
        "I'll learn you how to fold it.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "It looks like the one in the picture.",
        "I mean the blue set, not the grey one.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Take care of yourself, bye bye!",
        "bye now have a lovely evening",
        "See you soon, lovely!",
        "i'll ring you saturday bye for now",
        "Thanks for choosing us, goodbye!",
    ]
}
NO_CLOSINGS = {SPLIT: ["Mm, noted that down.", "oh right"]}
LAST_QUESTIONS = {SPLIT: ["Do you deliver to the door?", "will you send a receipt"]}

CLIENT_FILLER = ["Okay, I see now.", "mm", "Right, lovely.", "Okay, carry on."]
CLIENT_AGREE = ["Pop that in too.", "go on then add it", "Fine, I'll have it then.", "Okay, why not."]
CLIENT_GREETING = [
    "Hello, it's about a pram.",
    "Hi, do you sell bedding?",
    "Hello, is that the balloon people?",
]
