"""A twenty-first English held-out half, written on 2026-12-05 (session 39) after fresh19's
figure was taken and before its mistakes were read or the scorer was run on this one, with
long agent turns from small-town trades (a piano tuner, a chimney sweep, a caravan park) and
an older, formal agent rude by condescension (see banks_ru_fresh20.py). Same layout as
banks_en.py."""

SPLIT = "fresh20"

TRADES = {
    SPLIT: {
        "riding_stables": {
            "company": "Hollybrook Stables",
            "requests": [
                "I'd like riding lessons for my granddaughter.",
                "Do you take adults who've never ridden?",
            ],
            "extra": ["a hat and boots hire bundle", "a block of six lessons"],
            "questions": ["How old is the young lady?", "has she sat on a pony before"],
            "answers": ["She's nine in March.", "Only at the seaside once."],
        },
        "picture_framing": {
            "company": "Gilt Edge Framing",
            "requests": ["I've a tapestry that wants framing.", "Can you frame a medal set?"],
            "extra": ["museum glass against fading", "a brass name plaque"],
            "questions": ["What size is the piece, roughly?", "where will it hang, a sunny wall or not"],
            "answers": ["Forty by fifty or so.", "Over the fireplace, no sun."],
        },
        "mower_repair": {
            "company": "Mower Clinic",
            "requests": ["My ride-on mower won't start.", "Could you service a petrol strimmer?"],
            "extra": ["a winter storage service", "a fresh spark plug and oil"],
            "questions": ["Which make is the mower?", "how long has it been sat idle"],
            "answers": ["A Mountfield, quite old.", "Since last September."],
        },
    }
}

NAMES = {SPLIT: ["Margaret", "Derek", "Hilary", "Nigel", "Pauline"]}

GREETINGS = {
    SPLIT: [
        ("Good afternoon, {company}, how can we oblige?", True, True),
        ("Morning, {company}, bookings desk.", True, True),
        ("Hello and good day, how may I assist?", True, False),
        ("Afternoon, sorry to keep you waiting there.", True, False),
        ("Greetings, and how are we today?", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Reception.", "Yes? Make it quick.", "Go ahead, I'm writing."]}
INTRODUCTIONS = {
    SPLIT: [
        "My name is {name}, I keep the diary here.",
        "{name} speaking, senior receptionist.",
        "{name} here, I manage the office.",
        "It's {name} you're talking to.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Never mind who I am, what's the query?",
        "I don't hand out my name, state your business.",
    ]
}
NEEDS = {
    SPLIT: [
        "By what date would it have to be done?",
        "you've used us in the past or is this the first time",
        "What were you hoping to spend, roughly?",
        "what quantity are we talking about",
        "is it urgent or can it wait a week or two",
        "would mornings or afternoons suit you better",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Hold on, I've another call coming in.", None),
        ("Right, here are our charges, please don't interrupt.", None),
        ("Your postcode, please.", "It's BA1 2QT."),
        ("Hello? The line's terrible, shall I call back?", "No, it's better now."),
    ]
}
OFFERS = {
    SPLIT: [
        "Might I suggest {extra} too, saves a second trip.",
        "I could also put you down for {extra}.",
        "This really wants {extra}, shall I note it?",
        "Don't forget {extra}, you'll thank me later.",
        "We do {extra} too, very reasonable.",
    ]
}
NO_OFFERS = {
    SPLIT: [
        "Nothing beyond that, I'm afraid, don't ask.",
        "The pensioners' rate was withdrawn in October.",
    ]
}
OBJECTIONS = {
    SPLIT: [
        ("price", "Goodness, that's more than I'd budgeted."),
        ("price", "A local chap would do it cheaper."),
        ("timing", "I'll discuss it with my daughter first."),
        ("competitor", "My brother-in-law says the market's cheaper."),
        ("no_need", "We'll manage without, I expect."),
    ]
}
HANDLED = {
    SPLIT: [
        "A local chap gives no guarantee, you get a contract and a receipt from us.",
        "We can split the bill over three months, a little at a time.",
        "Discuss it by all means, I'll ring you myself Thursday after lunch.",
        "Do compare, their call-out is extra, ours is included.",
        "You could pay half now and the rest in autumn, how's that?",
    ]
}
UNHANDLED = {
    SPLIT: [
        "Well, that's up to you.",
        "Fine, your decision.",
        "Right. Anything else?",
        "Have it your way, I won't push.",
    ]
}
RUDE = {
    SPLIT: [
        "How many times must I explain, write it down.",
        "It's hardly complicated, is it?",
        "Perhaps write it down this time.",
        "Are you listening or off in your own world?",
        "Honestly, a child could follow this.",
        "Maybe read less on the internet.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Do forgive me for taking so long to answer.",
        "Bear with me, we're nearly there, thanks.",
        "The chain on the saw is dull, the fitter will sort it.",
        "Kindly spell out your surname for me.",
    ]
}
FILLERS = {SPLIT: ["sort of", "I mean", "right", "actually", "well"]}
FILLER_TURNS = {
    SPLIT: [
        "Delivery will {f} be on Saturday.",
        "{f}, cash to the fitter on the day.",
        "Your slot is {f} ten o'clock.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "I seen the note you left earlier.",
        "Me and the fitter will come out Tuesday.",
        "We done your forms yesterday.",
        "Them logs is seasoned two years.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "I mean to get your receipt out by five.",
        "Well water is fine for the boiler.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Saturday it is, all the best.",
        "Booked in, goodbye for now, keep well.",
        "Much obliged for the call, good afternoon.",
        "Agreed, I'll ring Thursday, goodbye.",
        "Right then, cheerio, do call again.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Right, pencilled in.", "I see, fine."]}
LAST_QUESTIONS = {SPLIT: ["Will the fitter bring his own tools?", "Do you open on Sundays?"]}

CLIENT_FILLER = ["Righto, understood.", "Mm, I see.", "Yes, that suits.", "Okay, understood."]
CLIENT_AGREE = ["Yes, go ahead.", "Alright, I'll take that.", "Put it on, please.", "Very well, yes."]
CLIENT_GREETING = [
    "Hello, I'm ringing about the repair.",
    "Good morning, I wonder if you can help.",
    "Hello there, quick query.",
]
