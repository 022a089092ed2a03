"""A thirtieth English held-out half, written on 2026-12-06 (session 41, its fourth round)
after fresh28's figure was taken and before its mistakes were read or the scorer was run on
this one: long agent turns from hobby and home gadgets (hunting gear, board games, smart home
kits) and an argumentative agent who corrects and contradicts, rude by arguing with the caller
and talking over them (see banks_ru_fresh29.py). Same layout as banks_en.py."""

SPLIT = "fresh29"

TRADES = {
    SPLIT: {
        "hunting_gear": {
            "company": "Fieldcraft Outfitters",
            "requests": ["I need a hunting pack, about sixty litres.", "Do you have winter base layers?"],
            "extra": ["a gun slip", "a cartridge pouch"],
            "questions": ["What are you mostly out after?", "do you walk in or drive to the spot"],
            "answers": ["Duck, mostly.", "Walk in, about ten kilometres."],
        },
        "board_games": {
            "company": "Meeple Corner",
            "requests": ["Can you recommend a game for a group?", "Anything for a seven-year-old?"],
            "extra": ["card sleeves", "an insert for the pieces"],
            "questions": ["How many players usually?", "do you like heavy games or quick ones"],
            "answers": ["Six of us.", "Quick and silly."],
        },
        "smart_home": {
            "company": "BrightNest",
            "requests": ["I want some smart plugs.", "Do you sell leak sensors?"],
            "extra": ["a hub", "a door sensor"],
            "questions": ["Is it a flat or a house?", "do you already have a voice assistant"],
            "answers": ["A two-bed flat.", "Yes, a speaker."],
        },
    }
}

NAMES = {SPLIT: ["Dominic", "Gareth", "Fiona", "Rhys", "Lorna"]}

GREETINGS = {
    SPLIT: [
        ("Good afternoon, {company}, go ahead.", True, True),
        ("{company} hello yes", True, True),
        ("Hello, what's it regarding?", True, False),
        ("morning right what do you need", True, False),
        ("Good morning, I'm listening.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Right, go on, quick.", "Yes, what is it now?", "quickly please there's a queue"]}
INTRODUCTIONS = {
    SPLIT: [
        "My name's {name}, senior sales.",
        "{name}, sales desk.",
        "{name} here, you're through to sales",
        "I'm {name}, I'll sort you out.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "You don't need my name, you need the product.",
        "no names let's just get on with it",
    ]
}
NEEDS = {
    SPLIT: [
        "What exactly is it for?",
        "what conditions will you use it in",
        "How long do you need it to last?",
        "how many people will be playing",
        "What kit have you got at home already?",
        "what's the overall budget",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Hang on, checking the stock levels.", None),
        ("putting the order through", None),
        ("Surname for the order?", "Bell."),
        ("you're cutting out speak up", "Can you hear me better?"),
    ]
}
OFFERS = {
    SPLIT: [
        "Take {extra} now, you'll thank me later.",
        "people usually grab {extra} with that",
        "I'd add {extra}, you can't do without it.",
        "Have a look at {extra}, it's essential.",
        "We've got {extra} as well, I can pop it in.",
    ]
}
NO_OFFERS = {SPLIT: ["There's nothing else, that's the lot.", "we never do sales don't bother asking"]}
OBJECTIONS = {
    SPLIT: [
        ("price", "That works out a bit much."),
        ("price", "I saw it cheaper on a marketplace"),
        ("timing", "I'll think about it for a couple of days."),
        ("competitor", "The shop next door recommended something else."),
        ("no_need", "I probably don't need that one."),
    ]
}
HANDLED = {
    SPLIT: [
        "Those are knock-offs, ours come with the official warranty and returns.",
        "Have a think, I'll hold it till Thursday and ring you then.",
        "That cheap one dies in the cold within an hour, this lasts a day.",
        "you can pay half now and the rest next month",
        "Take it without the slip and add the slip later if you need it.",
    ]
}
UNHANDLED = {
    SPLIT: [
        "Well, if you don't need it, you don't.",
        "fine suit yourself",
        "Right, think then, bye.",
        "okay noted",
    ]
}
RUDE = {
    SPLIT: [
        "No, you're wrong, listen to me, I know better.",
        "no no you're mixing it all up",
        "Hang on, I haven't finished, you keep talking across me.",
        "You're mistaken and there's nothing to argue about.",
        "that's nonsense nobody does it that way",
        "I've sold these for ten years, don't lecture me.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Apologies, I was pulled away for a minute.",
        "thanks for clarifying",
        "A pack without a frame will wreck your back.",
        "Could you give me the delivery address, please?",
    ]
}
FILLERS = {SPLIT: ["look", "right", "basically", "you know", "like"]}
FILLER_TURNS = {
    SPLIT: [
        "Delivery's {f} on Wednesday.",
        "{f}, the boxes come to your door.",
        "The courier will {f} ring half an hour before.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "This pack is more wider than that one.",
        "We had a incident with a delivery, it's sorted.",
        "Leave them boxes in the hall.",
        "The sensors works without any wires.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "Look at the manual before you set it up.",
        "That's the right size for a sixty-litre pack.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Done, all the best.",
        "goodbye see you in the shop",
        "I'll send the invoice today, speak soon.",
        "i'll ring thursday all the best",
        "Thanks for the call, have a good day.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Right, that's down.", "okay right then"]}
LAST_QUESTIONS = {SPLIT: ["Can I pick it up myself?", "what time are you open till today"]}

CLIENT_FILLER = ["Okay, fair enough then.", "right so", "Fine, suppose so.", "And then what?"]
CLIENT_AGREE = ["Go on, put it in.", "alright i'll take it", "Okay, that as well.", "Let's try it."]
CLIENT_GREETING = [
    "Hello, it's about a hunting pack.",
    "Hi, do you sell board games?",
    "Hello, is that the smart home shop?",
]
