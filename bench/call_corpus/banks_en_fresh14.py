"""A fifteenth English held-out half, written on 2026-12-05 (session 36) before the scorer
was run on it and before any change tuned on fresh13's mistakes, with long agent turns (see
banks_ru_fresh14.py). Same layout as banks_en.py."""

SPLIT = "fresh14"

TRADES = {
    SPLIT: {
        "boat_hire": {
            "company": "Riverside Boats",
            "requests": ["Can we hire a boat for Saturday afternoon?", "Do we need a licence to drive one?"],
            "extra": ["a picnic hamper on board", "life jackets for the kids"],
            "questions": [
                "How many of you will be on the boat?",
                "have any of you steered a boat before",
            ],
            "answers": ["Six adults, two little ones.", "Never, total beginners."],
        },
        "drain_unblocking": {
            "company": "ClearFlow Drains",
            "requests": ["The kitchen sink won't drain at all.", "Our outside drain is overflowing."],
            "extra": ["a camera survey of the whole run", "an annual maintenance visit"],
            "questions": [
                "Is it just the one sink or the whole house?",
                "when did you first notice it backing up",
            ],
            "answers": ["Only the kitchen, so far.", "Since Tuesday night."],
        },
        "mobile_mechanic": {
            "company": "Fix-on-the-Drive",
            "requests": ["My car won't start this morning.", "Could someone do a service at my house?"],
            "extra": ["a winter battery check", "new wiper blades while we're there"],
            "questions": [
                "What's the make and age of the car?",
                "does it click or make no noise at all",
            ],
            "answers": ["A 2015 Ford Focus.", "Just a faint click."],
        },
    }
}

NAMES = {SPLIT: ["Imogen", "Tariq", "Bethany", "Rhys", "Priya"]}

GREETINGS = {
    SPLIT: [
        ("Hiya, {company} here.", True, True),
        ("Morning, lovely to hear from you.", True, False),
        ("Hello, and forgive the wait.", True, False),
        ("Afternoon, {company}, what can we do?", True, True),
        ("Hey, good evening.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Yep?", "Yeah, what's up?", "Who've I got?"]}
INTRODUCTIONS = {
    SPLIT: [
        "{name} on the line, happy to sort that.",
        "Name's {name}, I handle the schedule.",
        "This is {name}'s line.",
        "{name} answering for the crew.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Who I am's not important, tell me the problem.",
        "No names on this line, sorry, carry on.",
    ]
}
NEEDS = {
    SPLIT: [
        "What's prompted the call today?",
        "private job or a company one",
        "Has anybody else had a go at fixing it?",
        "what sort of deadline are we working to",
        "What would make this a win for you?",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Is the line crackly your end?", "No, it's clear."),
        ("First, a quick rundown of our price list.", None),
        ("One sec, system's playing up.", None),
        ("Can I grab an email address?", "Same as on the booking form."),
    ]
}
OFFERS = {
    SPLIT: [
        "A lot of folks tack on {extra}.",
        "Shall I cost up {extra} too?",
        "{extra} pairs nicely with that.",
        "Worth thinking about {extra} at the same time.",
        "Would {extra} be of interest?",
    ]
}
NO_OFFERS = {SPLIT: ["We only do the one service, sorry.", "The loyalty discount was scrapped in May."]}
OBJECTIONS = {
    SPLIT: [
        ("price", "Blimey, that's a lot."),
        ("price", "Ouch, any wiggle room on that?"),
        ("timing", "Let me talk it through with my wife."),
        ("competitor", "Someone down the road quoted less."),
        ("no_need", "I'll pass on the extras."),
    ]
}
HANDLED = {
    SPLIT: [
        "Fair, but there's no call-out charge and a year's guarantee on parts.",
        "Pay fifty percent today, the rest on completion.",
        "Sure, expect a ring from me Thursday morning, ten sharp.",
        "Forward their price over and I'll do my best to beat it.",
        "Strip it back to the core job and it comes in cheaper.",
    ]
}
UNHANDLED = {SPLIT: ["Alright, no worries then.", "Righto.", "Fine, no bother.", "Mm, fair."]}
RUDE = {
    SPLIT: [
        "Is anything I say sinking in?",
        "I'm not a helpline, love.",
        "You should've thought of that before ringing.",
        "Quickly please, there's a queue behind you.",
        "My five-year-old could manage this.",
        "Should've read the small print, shouldn't you.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Apologies, another line rang.",
        "Cheers for waiting, I've found it.",
        "The blade is blunt, so it won't scratch.",
        "Could I trouble you to repeat the number?",
    ]
}
FILLERS = {SPLIT: ["like", "kind of", "you know", "basically", "literally"]}
FILLER_TURNS = {
    SPLIT: [
        "The engineer's {f} free after four.",
        "{f}, it's thirty percent up front.",
        "It'll be ready {f} in a week.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "Me and my colleague is coming tomorrow.",
        "I done the paperwork this morning.",
        "We've got slots what nobody's booked.",
        "He don't work weekends.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "It's like the one in the photo.",
        "It's the kind of job we do daily.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Lovely, see you then, bye.",
        "Quote's coming your way before lunch, cheers.",
        "Thanks ever so much, goodbye.",
        "Enjoy the rest of your evening.",
        "Right, speak Monday then.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Uh-huh.", "Got it."]}
LAST_QUESTIONS = {SPLIT: ["Where do I leave the car?", "Is it cash only with you?"]}

CLIENT_FILLER = ["Yeah.", "Right, gotcha.", "Mm-hm.", "Sure."]
CLIENT_AGREE = ["Pop me down for it.", "Yes please.", "That works.", "Fine, do it."]
CLIENT_GREETING = ["Hi there.", "Hello.", "Morning, hi."]
