"""An eleventh English held-out half, written on 2026-12-05 (session 34) before any change
tuned on fresh9's mistakes and before the scorer was run on it (see banks_ru_fresh10.py).
Same layout as banks_en.py."""

SPLIT = "fresh10"

TRADES = {
    SPLIT: {
        "scaffolding_hire": {
            "company": "Upright Scaffolds",
            "requests": [
                "We need scaffolding up for a chimney job.",
                "How much to hire a tower for a fortnight?",
            ],
            "extra": ["debris netting round the frame", "a loading bay for materials"],
            "questions": [
                "How high is the roof line, roughly?",
                "is it a terrace or detached",
            ],
            "answers": ["Three storeys.", "End of terrace."],
        },
        "aquariums": {
            "company": "Reef and Fin Aquatics",
            "requests": ["I'm after a tank for tropical fish.", "Do you set up marine aquariums?"],
            "extra": ["a heater with a thermostat", "a starter pack of water conditioner"],
            "questions": [
                "What size space have you got for it?",
                "have you kept fish before or is this your first",
            ],
            "answers": ["About a metre along the wall.", "First one, for the kids."],
        },
        "stair_lifts": {
            "company": "EasyRise Stairlifts",
            "requests": [
                "My mum can't manage the stairs anymore.",
                "Do you fit stairlifts on curved stairs?",
            ],
            "extra": ["a remote call button for upstairs", "an extended warranty"],
            "questions": [
                "Is the staircase straight or does it turn?",
                "does she use a walking frame at all",
            ],
            "answers": ["Straight, fourteen steps.", "A stick, not a frame."],
        },
    }
}

NAMES = {SPLIT: ["Imogen", "Declan", "Priya", "Hamish", "Tamsin"]}

GREETINGS = {
    SPLIT: [
        ("Good afternoon and welcome to {company}.", True, True),
        ("Hi, nice of you to ring!", True, False),
        ("Morning, {company}, fire away.", True, True),
        ("Well, hello!", True, False),
        ("Good evening, {company} answering.", True, True),
    ]
}
NO_GREETINGS = {SPLIT: ["Yeah, what?", "Speak up.", "Mm, go on."]}
INTRODUCTIONS = {
    SPLIT: [
        "My name's {name}, new orders are my patch.",
        "{name}, sales.",
        "This call's with {name}.",
        "{name}, pleased to help.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Forget my name, out with it.",
        "My name's neither here nor there, carry on.",
    ]
}
NEEDS = {
    SPLIT: [
        "What's the main thing you need it to do?",
        "when were you hoping to get this sorted",
        "How many people will be using it?",
        "Have you had one of these before?",
        "what budget are we talking",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Is the signal any better now?", "Much better."),
        ("Let me run you through our whole price list.", None),
        ("Bear with me, the screen's loading.", None),
        ("Could I take your surname?", "Patel."),
    ]
}
OFFERS = {
    SPLIT: [
        "Customers usually grab {extra} with it, want one?",
        "You might like {extra} to go with it.",
        "{extra} comes half off with this.",
        "Fancy adding {extra} too?",
        "I'd pair that with {extra}.",
    ]
}
NO_OFFERS = {SPLIT: ["There's just the one model, sorry.", "We don't have any add-ons for that."]}
OBJECTIONS = {
    SPLIT: [
        ("price", "Whoa, I budgeted half that."),
        ("price", "Crikey, that's pricey."),
        ("timing", "My wife decides these things, I'll ask."),
        ("competitor", "The other lot came in cheaper."),
        ("no_need", "I'm fine without it, thanks."),
    ]
}
HANDLED = {
    SPLIT: [
        "Fair enough, though the safety inspection comes free with ours, others bill for it separately.",
        "Pay it off over six months, zero interest.",
        "Of course, have a chat together, I'll phone Thursday at ten and we'll decide then.",
        "Forward their figures over and we'll undercut them.",
        "Then let's start with the basic kit and you can add the rest later.",
    ]
}
UNHANDLED = {
    SPLIT: ["Suit yourself then.", "If you say so.", "Oh well, never mind.", "Righto, have it your way."]
}
RUDE = {
    SPLIT: [
        "Said that already, do try to keep pace.",
        "Not my headache, mate.",
        "Do you actually want this or not?",
        "You're wasting my afternoon here.",
        "Christ, a toddler would get this.",
        "Look, just listen for once.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Pardon me for butting in.",
        "Much obliged for holding.",
        "We strip the old bracket and bolt in the new rail.",
        "Street name, letter by letter, please?",
    ]
}
FILLERS = {SPLIT: ["basically", "you know", "sort of", "like", "right"]}
FILLER_TURNS = {
    SPLIT: [
        "Delivery's {f} free within the city.",
        "{f}, the engineer comes on Saturday.",
        "Fitting {f} takes a single day.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "Our surveyor were round Tuesday.",
        "Them rails is made of steel.",
        "I never said nothing about extra charges.",
        "The lads has already left for the job.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "Since you know the sizes, we can quote today.",
        "It looks like rain, so we'll sheet the scaffold.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Cheers for the order, enjoy the rest of your day.",
        "I'll wait for your answer by Wednesday, cheers.",
        "Invoice lands before lunch, goodbye.",
        "Give us a bell with anything else, ta-ra.",
        "Happy to help, see you soon.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Mm-hm.", "Right, noted that."]}
LAST_QUESTIONS = {SPLIT: ["Is delivery extra outside town?", "Can I see one in person somewhere?"]}

CLIENT_FILLER = ["Right.", "Okay then.", "Gotcha.", "Mm, sure."]
CLIENT_AGREE = ["Let's do that.", "Fine, book it in.", "Go on then.", "Alright, you've sold me."]
CLIENT_GREETING = ["Good afternoon.", "Hi there.", "Morning all."]
