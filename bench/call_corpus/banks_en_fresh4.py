"""A fifth English held-out half, written on 2026-12-02 (session 11) after the fresh3 figure
was taken and before any change tuned on fresh3's mistakes (see banks_ru_fresh4.py). Same
layout as banks_en.py."""

SPLIT = "fresh4"

TRADES = {
    SPLIT: {
        "pest_control": {
            "company": "ClearHome Pest Control",
            "requests": [
                "We've got mice in the kitchen.",
                "Do you deal with wasp nests?",
            ],
            "extra": ["a follow-up visit in a month", "sealing the gaps around the pipes"],
            "questions": [
                "How long have you been seeing them?",
                "is it a house or a flat",
            ],
            "answers": ["About two weeks now.", "A terraced house with a garden."],
        },
        "car_wash": {
            "company": "SparkleAuto",
            "requests": [
                "How much is a full valet?",
                "Can you clean dog hair out of the back seats?",
            ],
            "extra": ["a ceramic wax coat", "an interior odour treatment"],
            "questions": [
                "What kind of car is it?",
                "when do you need it back",
            ],
            "answers": ["An estate, a Skoda.", "By Friday afternoon ideally."],
        },
        "music_lessons": {
            "company": "Harmony Music School",
            "requests": [
                "My daughter wants to learn the guitar.",
                "Do you teach adults piano?",
            ],
            "extra": ["a practice book", "a second lesson each week at half price"],
            "questions": [
                "Has she played anything before?",
                "what sort of music does she like",
            ],
            "answers": ["A bit of recorder at school.", "Mostly pop, some folk."],
        },
    }
}

NAMES = {SPLIT: ["Fiona", "Osman", "Beth", "Callum", "Ravi"]}

GREETINGS = {
    SPLIT: [
        ("Hello there!", True, False),
        ("Good morning, {company}.", True, True),
        ("Hi, thanks for getting in touch.", True, False),
        ("Hello, {company}, how can I help?", True, True),
        ("Afternoon!", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Yeah, what is it?", "Right, go on.", "Mm?"]}
INTRODUCTIONS = {
    SPLIT: [
        "You're speaking with {name}.",
        "It's {name} here.",
        "{name} from the bookings team.",
        "My name is {name}.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Who I am doesn't matter, what's the problem?",
        "I'd rather not say my name, just tell me what you need.",
    ]
}
NEEDS = {
    SPLIT: [
        "What are you hoping to get out of it?",
        "how soon do you need this done",
        "Have you tried anything already?",
        "What's your budget roughly?",
        "tell me a little about the situation",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Can I take your name?", "It's Jo."),
        ("Right, I'll go through all our prices now.", None),
        ("Just a sec, I'm transferring screens.", None),
        ("Are you still there?", "Yes."),
    ]
}
OFFERS = {
    SPLIT: [
        "Can I also suggest {extra}?",
        "A lot of people go for {extra} too.",
        "We've got {extra} on offer this month if you're interested.",
        "Shall I add {extra} to that?",
        "It's worth thinking about {extra} as well.",
    ]
}
NO_OFFERS = {SPLIT: ["We've stopped doing the extras, sorry.", "No deals on at the moment."]}
OBJECTIONS = {
    SPLIT: [
        ("price", "That's more than I wanted to pay."),
        ("price", "Bit steep, isn't it?"),
        ("timing", "I'll have to think it over."),
        ("competitor", "The place down the road is cheaper."),
        ("no_need", "I think we can manage without it."),
    ]
}
HANDLED = {
    SPLIT: [
        "I understand, but that price covers two visits and a guarantee, so there's nothing extra later.",
        "There's a basic option that comes in about forty pounds cheaper.",
        "No problem, I'll give you a ring on Monday at ten to see what you decided.",
        "They may be cheaper, but we're fully insured and we come back free if it isn't sorted.",
        "You can pay half now and half after the job's done.",
    ]
}
UNHANDLED = {
    SPLIT: [
        "Oh, okay.",
        "Right, well, it's your choice.",
        "Never mind then.",
        "Go there then, see what you get.",
    ]
}
RUDE = {
    SPLIT: [
        "Look, I've already told you that twice.",
        "You should have called us before it got this bad.",
        "Honestly, it's not that hard to understand.",
        "Can you just let me talk for a second?",
        "I don't have time for people who can't decide.",
        "That's a silly question, isn't it.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Sorry for the confusion earlier.",
        "You're very welcome.",
        "We kill the nest first, then remove it.",
        "Not a problem at all.",
    ]
}
FILLERS = {SPLIT: ["like", "basically", "sort of", "you know", "I mean"]}
FILLER_TURNS = {SPLIT: ["We {f} come out the same day.", "{f}, it's all included.", "It's {f} a quick job."]}
SPEECH_ERRORS = {
    SPLIT: [
        "We was there last week.",
        "Them ones are the best.",
        "I could of booked you in today.",
        "There's three slots left on Thursday.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "It looks like a small nest.",
        "You know the way to our yard, don't you?",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Thanks for calling, bye now.",
        "I'll text you the confirmation, take care.",
        "See you on Saturday at ten.",
        "Have a good evening.",
        "Lovely, speak to you soon.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Right.", "Okay then."]}
LAST_QUESTIONS = {SPLIT: ["Do you take cards?", "Is there parking nearby?"]}

CLIENT_FILLER = ["Okay.", "Right.", "Sure."]
CLIENT_AGREE = ["Yes, go on.", "Sounds good.", "Yeah, add that."]
CLIENT_GREETING = ["Hi there.", "Hello, morning."]
