"""A twenty-seventh English held-out half, written on 2026-12-06 (session 41) after fresh25's
figure was taken and before its mistakes were read or the scorer was run on this one: long
agent turns from youth retail and services (gaming PC builds, trainers, a skate shop) and a
young, slangy agent who talks to everyone like a mate, rude by mocking the caller (see
banks_ru_fresh26.py). Same layout as banks_en.py."""

SPLIT = "fresh26"

TRADES = {
    SPLIT: {
        "gaming_pc": {
            "company": "PixelForge",
            "requests": ["I want a gaming PC built.", "Have you got a 4070 in stock?"],
            "extra": ["a beefier CPU cooler", "a gaming mouse and mat"],
            "questions": ["What games are you mostly playing?", "what kind of budget are we looking at"],
            "answers": ["Shooters mostly.", "Around fifteen hundred."],
        },
        "trainers": {
            "company": "SoleDrop",
            "requests": ["Got any Jordans in a nine?", "I'm after running trainers."],
            "extra": ["a waterproofing spray", "spare laces to match"],
            "questions": ["What size are you?", "is it for running or just wearing"],
            "answers": ["A nine.", "Gym mostly."],
        },
        "skate_shop": {
            "company": "Deckline Skates",
            "requests": ["Got a skateboard for a beginner?", "Do you sell longboard bearings?"],
            "extra": ["knee and elbow pads", "a helmet that fits"],
            "questions": ["Have you skated before?", "is it for the park or getting around town"],
            "answers": ["Nope, total beginner.", "Mostly around town."],
        },
    }
}

NAMES = {SPLIT: ["Jay", "Kai", "Tash", "Ollie", "Mo"]}

GREETINGS = {
    SPLIT: [
        ("Heyy, {company}, what's up?", True, True),
        ("{company} hi you're through to us", True, True),
        ("Hiya, how can I help?", True, False),
        ("yo hello what do you need", True, False),
        ("Hey hey, good evening, go on.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Mm, yeah, what?", "Yep, talk.", "uh huh who's this"]}
INTRODUCTIONS = {
    SPLIT: [
        "I'm {name}, on support today.",
        "{name} here, I do the builds.",
        "{name} with you, hi",
        "This is {name}, the tech.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Doesn't matter who I am, what do you want?",
        "not giving my name sorry what's up",
    ]
}
NEEDS = {
    SPLIT: [
        "What's it mainly for?",
        "what budget are you working with",
        "Is it for you or a gift?",
        "what date do you need it for",
        "What are you using right now?",
        "what's wrong with the old one",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Sec, checking the system.", None),
        ("typing it in now", None),
        ("Can I grab your phone number?", "Oh seven seven, nine one two, three four five."),
        ("you're breaking up hello", "Better?"),
    ]
}
OFFERS = {
    SPLIT: [
        "Grab {extra} too, it's a game changer.",
        "people usually add {extra} with that",
        "I can chuck in {extra} at a discount.",
        "Want {extra}? Honestly worth it.",
        "We do {extra} as well, by the way.",
    ]
}
NO_OFFERS = {SPLIT: ["That's all we've got, the rest sold out.", "no deals on right now"]}
OBJECTIONS = {
    SPLIT: [
        ("price", "Bit pricey, no?"),
        ("price", "it's cheaper on Amazon"),
        ("timing", "I'll have a think and message you."),
        ("competitor", "The shop down the road does it for half."),
        ("no_need", "I don't really need that."),
    ]
}
HANDLED = {
    SPLIT: [
        "Amazon's got no warranty, ours comes with a year and free assembly.",
        "Have a think, I'll hold it till Saturday and text you then.",
        "Half price there means a knock-off screen, ours is original and we redo it free if it lifts.",
        "you can split it over six months no interest",
        "Do the screen now and the case later if you want.",
    ]
}
UNHANDLED = {
    SPLIT: ["Okay, you do you.", "fair enough whatever", "Cool, no worries then.", "up to you innit"]
}
RUDE = {
    SPLIT: [
        "Bro, that's basic stuff, Google exists.",
        "lol who builds a pc like that",
        "Okay boomer, let me explain it slowly.",
        "that's so cringe, mate",
        "Dude, you've no clue what you're asking for, right?",
        "I'm dying, you actually thought that would fit?",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Sorry, it's been hectic.",
        "appreciate you hanging on",
        "The card will overheat with that cooler.",
        "If you don't mind, send a photo of the screen.",
    ]
}
FILLERS = {SPLIT: ["like", "literally", "basically", "kind of", "you know"]}
FILLER_TURNS = {
    SPLIT: [
        "The courier's {f} coming tomorrow.",
        "{f}, you pay on delivery.",
        "The tech will {f} check it today.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "The parts has arrived this morning.",
        "I seen that happen loads.",
        "The screens is on backorder.",
        "We could've went earlier.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "It literally says fragile on the box.",
        "Basic cover is the screen only.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Sorted, catch you later.",
        "have a good one take care",
        "Done deal, bye!",
        "i'll text you saturday laters",
        "Thanks for calling, speak soon.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Yep, noted.", "sick"]}
LAST_QUESTIONS = {SPLIT: ["How long's delivery?", "what's the warranty like"]}

CLIENT_FILLER = ["Yeah, okay.", "mhm", "Cool cool, got you.", "Okay, makes sense."]
CLIENT_AGREE = ["Yeah, bang it on.", "sure why not", "Okay, I'll take it.", "Sure, sounds good."]
CLIENT_GREETING = [
    "Hi, it's about a gaming PC.",
    "Hey, do you sell skateboards?",
    "Hello, is that the trainer shop?",
]
