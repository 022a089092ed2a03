"""A twenty-sixth English held-out half, written on 2026-12-06 (session 40, its fifth round)
after fresh24's figure was taken and before its mistakes were read or the scorer was run on
this one: long agent turns from rural and agricultural supplies (seed potatoes, beekeeping
kits, fencing) and a plain-spoken country agent, warm but blunt, rude by scolding the caller
like a child (see banks_ru_fresh25.py). Same layout as banks_en.py."""

SPLIT = "fresh25"

TRADES = {
    SPLIT: {
        "seed_potatoes": {
            "company": "Hillside Seeds",
            "requests": [
                "Have you got seed potatoes in yet?",
                "I'm after some certified earlies, three sacks.",
            ],
            "extra": ["a blight spray for the season", "hessian sacks for storing the crop"],
            "questions": ["How big's the plot you're planting?", "is your ground light or heavy clay"],
            "answers": ["About a quarter acre.", "Heavy, it's clay."],
        },
        "beekeeping_kits": {
            "company": "Bee Happy Supplies",
            "requests": ["Do you sell hives?", "How much are frames with foundation?"],
            "extra": ["a smoker and hive tool", "a veil and jacket"],
            "questions": ["Have you kept bees before?", "how many colonies are you starting with"],
            "answers": ["First year, total novice.", "Just the two to start."],
        },
        "rural_fencing": {
            "company": "Fieldline Fencing",
            "requests": ["I need post and rail round a paddock.", "Do you supply and fit stock fencing?"],
            "extra": ["a field gate with a latch", "treating the posts against rot"],
            "questions": ["How long's the run, roughly?", "is the ground flat or does it slope"],
            "answers": ["About a hundred and twenty metres.", "Slopes a bit at the bottom."],
        },
    }
}

NAMES = {SPLIT: ["Bert", "Maggie", "Alf", "Joan", "Reg"]}

GREETINGS = {
    SPLIT: [
        ("Now then, {company}, what can I do you for?", True, True),
        ("morning {company} speaking", True, True),
        ("Hello there, duck, go on.", True, False),
        ("afternoon what are you after", True, False),
        ("Hello hello, yes, go ahead.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Yep, listening.", "Who's that then?", "yeah go ahead"]}
INTRODUCTIONS = {
    SPLIT: [
        "I'm {name}, I run the yard here.",
        "{name} speaking, I do the ordering.",
        "this is {name} answering",
        "You've got {name}, the manager.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "What's my name got to do with it? Spit it out.",
        "never you mind who i am what's it about",
    ]
}
NEEDS = {
    SPLIT: [
        "What size of plot are we talking?",
        "when are you thinking of planting",
        "Is it for yourself or to sell on?",
        "how many are you taking to start with",
        "What kit have you got already?",
        "where are you storing them have you a shed",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Hang about, finding the docket.", None),
        ("writing it in the book now", None),
        ("Surname and village, please.", "Hodges, Little Marsh."),
        ("can't hear a blessed thing hello", "Any better now?"),
    ]
}
OFFERS = {
    SPLIT: [
        "Take {extra} while you're at it, always handy.",
        "most folk get {extra} with that",
        "I can throw {extra} in, cheap enough.",
        "Do you want {extra}? Good bit of kit.",
        "We've {extra} in as well, came last week.",
    ]
}
NO_OFFERS = {SPLIT: ["Nothing else came in, sorry.", "we don't do discounts never have"]}
OBJECTIONS = {
    SPLIT: [
        ("price", "Ooh, that's a bit dear."),
        ("price", "the market stall does them cheaper"),
        ("timing", "I'll talk to the wife and let you know."),
        ("competitor", "The farm shop in town has the same, nearer too."),
        ("no_need", "Nah, I'll manage without that."),
    ]
}
HANDLED = {
    SPLIT: [
        "The stall's aren't certified, ours are, you'll get double the crop, it pays for itself.",
        "Talk it over, I'll hold them till Friday and give you a ring then.",
        "Town charges for delivery, we bring it to your gate free.",
        "you could pay half now and half after harvest easier that way",
        "Take one sack to try, if you like them we'll bring the rest.",
    ]
}
UNHANDLED = {SPLIT: ["Have it how you like.", "your lookout", "Right you are, no it is.", "please yourself"]}
RUDE = {
    SPLIT: [
        "What are you, five? Everyone knows how to plant a spud.",
        "daft ha'porth who does it like that",
        "I've told you it won't work, what's not to get?",
        "Blimey, you haven't a clue, have you, mate?",
        "should've sorted it in the spring shouldn't you",
        "Don't teach your grandmother to suck eggs.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Sorry, it's been mad since first thing.",
        "ta for hanging on",
        "The beetle will have your crop if you don't spray.",
        "Be a love and read me the postcode.",
    ]
}
FILLERS = {SPLIT: ["like", "you know", "sort of", "basically", "um"]}
FILLER_TURNS = {
    SPLIT: [
        "The lorry's {f} coming Thursday.",
        "{f}, you pay the driver.",
        "He'll {f} look at it Tuesday.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "Them sacks is heavy, mind.",
        "We ain't got none left.",
        "The driver come by yesterday.",
        "It were delivered Tuesday.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "You know the farm past the church? Near there.",
        "It's like the one you had before.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Right, ta-ra, lorry's Thursday.",
        "all the best keep well",
        "Done, cheerio.",
        "i'll give you a ring friday bye",
        "Thanks for calling, see you.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Aye, written down.", "right"]}
LAST_QUESTIONS = {SPLIT: ["Are you open Saturdays?", "do the seeds come with paperwork"]}

CLIENT_FILLER = ["Aye, right.", "mm", "Okey, fair.", "Right, got you."]
CLIENT_AGREE = ["Go on, add that.", "stick it on", "Alright, I'll have that.", "Yes, that'll do."]
CLIENT_GREETING = [
    "Hello, it's about seed potatoes.",
    "Afternoon, do you sell hives?",
    "Hello, is that the fencing people?",
]
