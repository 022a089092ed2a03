"""A twenty-fourth English held-out half, written on 2026-12-06 (session 40, its third round)
after fresh22's figure was taken and before its mistakes were read or the scorer was run on
this one: long agent turns from home and leisure purchases (water filters, car detailing,
cooking classes) and a pushy, fast-talking upseller, over-familiar, rude by pressure and
guilt-tripping the caller (see banks_ru_fresh23.py). Same layout as banks_en.py."""

SPLIT = "fresh23"

TRADES = {
    SPLIT: {
        "water_filters": {
            "company": "PureFlow Filters",
            "requests": [
                "I'd like a filter fitted under the sink.",
                "Do you stock cartridges for an older unit?",
            ],
            "extra": ["a softener for the boiler", "a year's cartridges at a discount"],
            "questions": ["Are you on mains water or a borehole?", "how many of you are in the house"],
            "answers": ["Mains, but it's very hard.", "Four of us and a dog."],
        },
        "car_detailing": {
            "company": "Gleam Garage",
            "requests": ["I need the paintwork polished before I sell.", "Can you deep-clean the seats?"],
            "extra": ["a ceramic coating on the paint", "an ozone treatment for the cabin"],
            "questions": ["How old is the car now?", "has anyone smoked in it"],
            "answers": ["Nine years this spring.", "It used to be smoked in, not now."],
        },
        "cooking_classes": {
            "company": "The Baking Table",
            "requests": [
                "I want to book my wife a bread-making class.",
                "Do you run cookery classes for kids?",
            ],
            "extra": ["a branded apron and cap", "a second seat at half price"],
            "questions": ["Does she bake much already?", "are weekends or weekdays better for you"],
            "answers": ["The odd cake now and then.", "Saturdays ideally."],
        },
    }
}

NAMES = {SPLIT: ["Jordan", "Chloe", "Marcus", "Leah", "Tyler"]}

GREETINGS = {
    SPLIT: [
        ("Hello hello! {company}, great choice calling us!", True, True),
        ("hi {company} lovely to hear from you", True, True),
        ("Hiya! How's your day going?", True, False),
        ("hello you've come to the right place go on", True, False),
        ("Good evening! Oh, brilliant timing, you called.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Right, fire away!", "Yes yes yes, all ears.", "go on then quickly"]}
INTRODUCTIONS = {
    SPLIT: [
        "I'm {name}, your personal adviser, we'll sort you out!",
        "{name} here, best prices you'll find anywhere.",
        "the name's {name} remember it",
        "You've got {name}, and it's your lucky day.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Who I am doesn't matter, what matters is the saving!",
        "never mind names let's talk price",
    ]
}
NEEDS = {
    SPLIT: [
        "Which counts more for you, the price or the quality?",
        "What budget are we working with, so I show you the best?",
        "what are you using now and what's wrong with it",
        "Who's going to use it the most?",
        "by when do you need it done",
        "Have you looked elsewhere already or are we the first?",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Don't hang up, I'm checking the offer now!", None),
        ("Listen, let me tell you about our product.", None),
        ("A phone number for the booking, please.", "It's oh seven seven, one two three."),
        ("You're faint, are you on a train?", "No, at home, better now?"),
    ]
}
OFFERS = {
    SPLIT: [
        "And you absolutely want {extra}, can't do without it!",
        "add {extra} and it's perfect",
        "Right now {extra} comes practically free, shall we?",
        "Let's do {extra} straight away, I'll sort the price.",
        "{extra} too, I'd say, you'll definitely use it.",
    ]
}
NO_OFFERS = {
    SPLIT: [
        "Sadly there are no extras right now, all gone.",
        "no more free gifts with orders the promo's over",
    ]
}
OBJECTIONS = {
    SPLIT: [
        ("price", "Whoa, I was hoping to spend less."),
        ("price", "that's a treat we can't really stretch to"),
        ("timing", "I need to weigh it all up, don't rush me."),
        ("competitor", "Friends got the same thing off a marketplace."),
        ("no_need", "Thanks, but I definitely won't need that."),
    ]
}
HANDLED = {
    SPLIT: [
        "I hear you, but a cheap filter needs a new cartridge every two months, this one every six,"
        " so it works out cheaper.",
        "Let's do this: I hold the price till Friday, you think it over, and I'll call you Friday.",
        "A marketplace won't fit it or guarantee it, our engineer installs it with a two-year guarantee.",
        "you can spread it over six months interest free that's under forty a month",
        "Then take the basic one, it's cheaper, and add to it later if you like it.",
    ]
}
UNHANDLED = {
    SPLIT: [
        "Well, you'll regret it later.",
        "ah well okay whatever you say",
        "Shame, you won't see this offer again. Anything else?",
        "Understood, I'll leave it there.",
    ]
}
RUDE = {
    SPLIT: [
        "You're going to skimp on your dad's health?",
        "you sound just like my nan everything cheaper",
        "Don't be stingy, you only live once!",
        "I've spent ten minutes on this and you're still 'thinking'.",
        "with that attitude everything you own will keep breaking",
        "Your neighbours bought one already and you're still umming and ahhing, it's funny really.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Sorry for cutting across you, please carry on.",
        "no rush take your time i'll wait",
        "Hard water kills a boiler, that's why people fit a softener.",
        "May I just check the delivery address?",
    ]
}
FILLERS = {SPLIT: ["literally", "like", "kind of", "honestly", "basically"]}
FILLER_TURNS = {
    SPLIT: [
        "Fitting {f} takes two hours.",
        "{f}, you pay once it's fitted.",
        "The class {f} runs three hours.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "Them filters are rubbish compared to ours.",
        "Less people take the basic one these days.",
        "This is the most bestest deal we've got.",
        "The engineer done three of these this morning.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "We take that literally: no fee if we're late.",
        "Honestly priced, no hidden fees.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "That's it, see you Saturday, it'll be great, bye bye!",
        "thanks for trusting us have a lovely day",
        "Brilliant, booking it now, speak soon!",
        "i'll ring you friday goodbye",
        "Happy to help, all the very best!",
    ]
}
NO_CLOSINGS = {SPLIT: ["Okay, down it goes.", "mm got it"]}
LAST_QUESTIONS = {SPLIT: ["What do you charge for delivery?", "can i send it back if it doesn't suit"]}

CLIENT_FILLER = ["Right, makes sense.", "mm", "Okay, go on.", "Uh-huh, yep."]
CLIENT_AGREE = [
    "Fine, you've talked me into it.",
    "yeah go on",
    "Okay, put that down too.",
    "Go on then, if it's a deal.",
]
CLIENT_GREETING = [
    "Hello, I'm calling about a water filter.",
    "Good evening, could I get some advice?",
    "Hello, is that the detailing place?",
]
