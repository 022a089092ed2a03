"""A seventh English held-out half, written on 2026-12-02 (session 12) after the fresh5 figure
was taken and before any change tuned on fresh5's mistakes (see banks_ru_fresh6.py). Same
layout as banks_en.py."""

SPLIT = "fresh6"

TRADES = {
    SPLIT: {
        "locksmith": {
            "company": "KeyRight Locksmiths",
            "requests": ["I've locked myself out of the flat.", "Can you change the locks on a back door?"],
            "extra": ["a door chain fitted", "spare keys cut while we're there"],
            "questions": [
                "What kind of lock is it?",
                "is anyone inside or is the place empty",
            ],
            "answers": ["A Yale, I think.", "Nobody's in, it's just the cat."],
        },
        "opticians": {
            "company": "ClearSight Opticians",
            "requests": ["I think I need new glasses.", "Can I book an eye test for Saturday?"],
            "extra": ["a blue light coating", "a spare pair at half price"],
            "questions": [
                "When did you last have your eyes tested?",
                "do you wear them all day or just for reading",
            ],
            "answers": ["Maybe three years ago.", "Just for reading, mostly."],
        },
        "web_design": {
            "company": "Pixel and Pine",
            "requests": ["We need a website for our bakery.", "Can you redo an old site?"],
            "extra": ["a monthly maintenance plan", "a small online shop page"],
            "questions": [
                "What do you want customers to do on the site?",
                "have you got photos and text ready or do you need those too",
            ],
            "answers": ["Order cakes for collection.", "We've got photos, no text."],
        },
    }
}

NAMES = {SPLIT: ["Priya", "Callum", "Nadia", "Owen", "Freya"]}

GREETINGS = {
    SPLIT: [
        ("Hiya, {company}.", True, True),
        ("Good afternoon, thanks for calling {company}.", True, True),
        ("Hello there!", True, False),
        ("Morning, how can I help?", True, False),
        ("Hi, thanks for holding.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Who's this?", "Go ahead.", "Mm?"]}
INTRODUCTIONS = {
    SPLIT: [
        "You're speaking with {name}.",
        "It's {name} on the desk today.",
        "I'm {name}, one of the coordinators.",
        "{name} speaking, how can I help?",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Does it matter who I am? What do you want?",
        "I'd rather not give my name, just tell me the problem.",
    ]
}
NEEDS = {
    SPLIT: [
        "What's prompted this?",
        "what's your budget roughly",
        "Is there a date you're working towards?",
        "How do you picture it working?",
        "tell me a bit about what you have now",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Is now a good time?", "Yes, fine."),
        ("Let me just run through our packages.", None),
        ("Hold on, I'll put you on hold for a second.", None),
        ("What's your postcode?", "L-S six, four-A-B."),
    ]
}
OFFERS = {
    SPLIT: [
        "Have you thought about {extra} as well?",
        "I can add {extra} if you like.",
        "A lot of people go for {extra} too.",
        "It might be worth getting {extra}.",
        "We've got {extra} on offer this month.",
    ]
}
NO_OFFERS = {SPLIT: ["There's nothing else I can offer you.", "We stopped doing extras last year."]}
OBJECTIONS = {
    SPLIT: [
        ("price", "Hmm, that's more than I budgeted."),
        ("price", "That seems steep."),
        ("timing", "Let me sleep on it."),
        ("competitor", "Another company said they'd do it for less."),
        ("no_need", "I can probably manage without it."),
    ]
}
HANDLED = {
    SPLIT: [
        "Understood, though that price is fixed, no hidden extras on the day.",
        "We could do a smaller package that comes in about a third cheaper.",
        "No problem, shall I ring you on Friday morning to see what you've decided?",
        "They may be cheaper, but we're fully insured and we'll put that in writing.",
        "We can split it into two payments, half now and half on completion.",
    ]
}
UNHANDLED = {SPLIT: ["Right, fine.", "Up to you.", "Suit yourself.", "Okay, no worries, bye."]}
RUDE = {
    SPLIT: [
        "Can you just let me finish?",
        "I don't have all day.",
        "That's your problem, not ours.",
        "Honestly, how many times do I need to say it?",
        "Look, it's on the website, read it.",
        "Don't take that tone with me.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Sorry to keep you waiting.",
        "No trouble at all.",
        "Stupid question from me, but is the door wooden?",
        "Much appreciated.",
    ]
}
FILLERS = {SPLIT: ["um", "kind of", "I mean", "right", "so yeah"]}
FILLER_TURNS = {
    SPLIT: [
        "The appointment is {f} booked.",
        "{f}, we'll be there at eight.",
        "It's {f} included in the quote.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "Them boxes are included.",
        "We done that job last week.",
        "You was right about the date.",
        "I could of sent it yesterday.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "Right, that's all booked.",
        "I mean the quote, not the invoice.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Lovely, speak soon, bye.",
        "Thanks, see you on the fourteenth.",
        "I'll send the quote tonight, have a good one.",
        "Thanks for calling, take care.",
        "Cheers, goodbye.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Mm.", "Yeah, so."]}
LAST_QUESTIONS = {SPLIT: ["Do you need a deposit?", "Can I change the date later?"]}

CLIENT_FILLER = ["Okay.", "Yep.", "Got it."]
CLIENT_AGREE = ["Yes, go on.", "Why not.", "Okay, add it."]
CLIENT_GREETING = ["Hi there.", "Hello, morning."]
