"""A fourteenth English held-out half, written on 2026-12-05 (session 34, its fourth round)
after fresh12's figure was taken and before its mistakes were read or the scorer was run
on this one, with long agent turns (see banks_ru_fresh13.py). Same layout as banks_en.py."""

SPLIT = "fresh13"

TRADES = {
    SPLIT: {
        "loft_conversions": {
            "company": "Upstairs Lofts",
            "requests": ["We're thinking of converting the loft.", "Do you handle planning permission?"],
            "extra": ["a Velux window on the back slope", "fitted eaves storage"],
            "questions": [
                "What's the loft being used for at the moment?",
                "is there much head height up there",
            ],
            "answers": ["Boxes and the Christmas tree.", "I can stand in the middle."],
        },
        "pet_sitting": {
            "company": "Paws and Stay",
            "requests": [
                "I need someone to feed the cats while we're away.",
                "Do you do overnight dog sitting?",
            ],
            "extra": ["a daily photo update", "a litter tray deep clean"],
            "questions": [
                "How many animals, and what are they?",
                "any medication they need giving",
            ],
            "answers": ["Two cats, both indoor.", "One has a daily tablet."],
        },
        "bathroom_fitting": {
            "company": "Splash Bathrooms",
            "requests": ["Can you rip out and refit a small bathroom?", "Do you supply the suite as well?"],
            "extra": ["a heated towel rail", "anti-slip tiles in the shower"],
            "questions": [
                "Is it a shower room or does it have a bath?",
                "what have you set aside for it",
            ],
            "answers": ["Bath with a shower over.", "Around six thousand."],
        },
    }
}

NAMES = {SPLIT: ["Harriet", "Oluwaseun", "Callum", "Freya", "Dominic"]}

GREETINGS = {
    SPLIT: [
        ("Good afternoon, {company}, Harriet's team.", True, True),
        ("Hello, and thanks so much for ringing.", True, False),
        ("Hi, {company}, how are things?", True, True),
        ("Morning! Lovely day for it.", True, False),
        ("Evening, you've got through to {company}.", True, True),
    ]
}
NO_GREETINGS = {SPLIT: ["Mhm, go on.", "Who is this, please?", "Yeah, speaking."]}
INTRODUCTIONS = {
    SPLIT: [
        "You're speaking with {name}, I'll take your details.",
        "I'm {name}, booking team.",
        "{name} speaking, how can I help.",
        "This is {name}, an adviser here.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Never you mind who's speaking, what's it about?",
        "I won't give my name, but go ahead.",
    ]
}
NEEDS = {
    SPLIT: [
        "What matters most to you here?",
        "when would you ideally like us to start",
        "Yourself, or someone you look after?",
        "Anyone else quoted you yet?",
        "roughly what size is the room",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Is this line okay for you?", "It's fine."),
        ("I'll read out everything we offer.", None),
        ("Give me a sec, the system's crawling.", None),
        ("What's your house number?", "Twelve."),
    ]
}
OFFERS = {
    SPLIT: [
        "{extra} would be money well spent too.",
        "We could fit {extra} while the room's stripped.",
        "Plenty of clients pick {extra} on top.",
        "Want {extra} written into the quote?",
        "There's {extra} available as an extra if you like.",
    ]
}
NO_OFFERS = {SPLIT: ["Nothing more I can add, sorry.", "The spring deal has finished."]}
OBJECTIONS = {
    SPLIT: [
        ("price", "That's more than we budgeted for."),
        ("price", "Hmm, that's expensive."),
        ("timing", "We'll mull it over as a family."),
        ("competitor", "Another company offered it cheaper."),
        ("no_need", "We don't need any extras, thanks."),
    ]
}
HANDLED = {
    SPLIT: [
        "True, though materials and a ten-year guarantee are all inside that price.",
        "A simpler option saves you about a fifth.",
        "Of course, expect my call Monday at eleven.",
        "Pass me their figures and I'll try to beat them.",
        "Sure, essentials only, and the total drops.",
    ]
}
UNHANDLED = {
    SPLIT: ["Right, okay then.", "Fair enough, no problem.", "Sure, whatever suits.", "Oh, alright."]
}
RUDE = {
    SPLIT: [
        "Twice now I've said it: website, top of the page.",
        "Your mess, not ours.",
        "Hello? Is any of this going in?",
        "I've no patience for this today.",
        "It's hardly brain surgery, is it?",
        "You broke it, so don't blame us.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Apologies, I was slow to answer.",
        "Cheers for hanging on.",
        "We cut the old pipe and cap it off.",
        "Could you confirm the postcode for me?",
    ]
}
FILLERS = {SPLIT: ["like", "basically", "you know", "sort of", "I mean"]}
FILLER_TURNS = {
    SPLIT: [
        "The team will {f} arrive at nine.",
        "{f}, you pay once it's finished.",
        "Fitting {f} runs to three days.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "We was next door only last week.",
        "Them tiles is the best we've got.",
        "We seen the damage in your photos.",
        "There's four finishes for the taps.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "You know the address, so we'll post the key.",
        "It looks like the pipe is cracked.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Thanks for calling, have a lovely day.",
        "See you Monday, take care.",
        "Quote lands in your inbox tonight, bye for now.",
        "Speak soon, all the best.",
        "Sorted then, goodbye.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Okay.", "Right, noted."]}
LAST_QUESTIONS = {SPLIT: ["Do you work on Saturdays?", "Does that figure include VAT?"]}

CLIENT_FILLER = ["Right.", "I see.", "Okay, yeah.", "Mm."]
CLIENT_AGREE = ["Yes, book it in.", "Go ahead.", "Sounds fine, thanks.", "Okay, let's do it."]
CLIENT_GREETING = ["Hello, hi.", "Afternoon, hi.", "Morning."]
