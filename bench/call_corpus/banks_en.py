"""English phrasings of each part of a sales call (see banks_ru.py for the layout)."""

TRADES = {
    "train": {
        "electrical": {
            "company": "ElectroSupply",
            "requests": ["I need two hundred metres of cable.", "What do your breakers cost?"],
            "extra": ["a twelve-way consumer unit", "some cable glands and conduit"],
            "questions": ["What load are you planning for?", "is it for a new building or a refit"],
            "answers": ["About fifteen kilowatts.", "A refit of an old warehouse."],
        },
        "building": {
            "company": "BuildRight",
            "requests": ["I'm after aerated blocks for a house.", "How much is your cement?"],
            "extra": ["block adhesive", "reinforcing mesh"],
            "questions": ["How big is the house?", "has the foundation been poured yet"],
            "answers": ["About a hundred and twenty square metres.", "Yes, last summer."],
        },
        "office": {
            "company": "PaperTrail",
            "requests": ["We need copy paper for the office.", "We'd like to order toner."],
            "extra": ["lever arch files", "a spare toner cartridge"],
            "questions": ["How many people work in the office?", "which printers do you have"],
            "answers": ["About forty.", "HP lasers."],
        },
        "auto_parts": {
            "company": "PartsPoint",
            "requests": ["I need brake pads for a Camry.", "Do you have an oil filter for a Focus?"],
            "extra": ["a pad wear sensor", "fresh engine oil"],
            "questions": ["What year is the car?", "what's the mileage now"],
            "answers": ["Twenty seventeen.", "Ninety thousand miles."],
        },
    },
    "heldout": {
        "furniture": {
            "company": "OfficeNest",
            "requests": ["We need tables for a meeting room.", "We're choosing chairs for the team."],
            "extra": ["pedestals for documents", "softer armrests and castors"],
            "questions": ["how many people sit in the meeting room", "What style is the office?"],
            "answers": ["About twelve.", "Light, Scandinavian."],
        },
        "telecom": {
            "company": "LinkTel",
            "requests": ["We want internet in the office.", "We need phones for a sales team."],
            "extra": ["a backup line", "a static IP address"],
            "questions": ["How many desks do you have?", "who is your provider now"],
            "answers": ["Thirty desks.", "A local provider."],
        },
    },
}
NAMES = {"train": ["Anna", "Mike", "Sarah", "Tom"], "heldout": ["Laura", "James", "Priya"]}

GREETINGS = {
    "train": [
        ("Hello!", True, False),
        ("Good morning.", True, False),
        ("Hi there!", True, False),
        ("{company}, good afternoon.", True, True),
    ],
    "heldout": [
        ("Good evening!", True, False),
        ("Hello and thanks for calling {company}.", True, True),
        ("Morning!", True, False),
        ("Hey, good to hear from you.", True, False),
    ],
}
NO_GREETINGS = {"train": ["Yeah.", "Go ahead."], "heldout": ["Yes?", "Speaking."]}
INTRODUCTIONS = {
    "train": ["My name is {name}.", "This is {name} from {company}.", "You're speaking with {name}."],
    "heldout": [
        "{name} here, sales at {company}.",
        "I'm {name}, your account manager.",
        "It's {name} at {company}.",
    ],
}
NO_INTRODUCTIONS = {
    "train": ["My name doesn't matter, what do you want?"],
    "heldout": ["Never mind who I am, go on."],
}
NEEDS = {
    "train": [
        "What are you using now?",
        "how many do you need",
        "Tell me about the project, please.",
        "when do you need it by",
    ],
    "heldout": [
        "What matters most to you, price or speed",
        "Could you tell me your budget?",
        "is this for you or for a client",
    ],
}
NO_NEEDS = {
    "train": [("Let me tell you all about our range.", None), ("Is now a good time to talk?", "Yes, go on.")],
    "heldout": [
        ("Can you hear me all right?", "Yes, fine."),
        ("I'll just run you through everything we do.", None),
    ],
}
OFFERS = {
    "train": [
        "I can offer you {extra} as well.",
        "I'd recommend {extra} too, it works out cheaper.",
        "We also have {extra}, shall I add it?",
    ],
    "heldout": [
        "Most people take {extra} with it.",
        "How about {extra} while you're at it?",
        "It's worth adding {extra}.",
    ],
}
NO_OFFERS = {
    "train": ["Sorry, the promotion has ended."],
    "heldout": ["We've got nothing else to offer, it's all gone."],
}
OBJECTIONS = {
    "train": [
        ("price", "That's too expensive."),
        ("timing", "I'll think about it."),
        ("competitor", "We already have a supplier."),
    ],
    "heldout": [
        ("price", "It's over our budget."),
        ("timing", "I need to check with my boss."),
        ("no_need", "We don't really need it."),
    ],
}
HANDLED = {
    "train": [
        "I see. But ours comes with a three-year warranty, so it costs less in the end.",
        "There's a cheaper equivalent, about twenty percent less.",
        "Fine, I'll call you on Thursday at ten, does that work?",
    ],
    "heldout": [
        "I can hold this price for you until Friday.",
        "Let me send you a comparison so you can see the difference.",
        "We could split the payment over three months.",
    ],
}
UNHANDLED = {
    "train": ["Okay then.", "Whatever you say."],
    "heldout": ["Fine, let me know.", "Suit yourself."],
}
RUDE = {
    "train": [
        "Shut up and listen.",
        "That's your problem, not ours.",
        "I'm repeating this for the third time.",
    ],
    "heldout": [
        "Are you even listening to me?",
        "Come on, you're an adult, figure it out.",
        "I don't have time for this.",
    ],
}
POLITE_TRAPS = {
    "train": ["Sorry to interrupt.", "No problem at all."],
    "heldout": ["That was our mistake, apologies.", "Don't worry, we'll get it there on time."],
}
FILLERS = {"train": ["like", "you know", "kinda"], "heldout": ["basically", "sort of", "I mean"]}
FILLER_TURNS = {
    "train": ["It's {f} in stock.", "{f}, we can ship tomorrow."],
    "heldout": ["We {f} have it.", "Yeah {f} it's fine."],
}
SPEECH_ERRORS = {
    "train": ["We was out of stock last week.", "I should of told you earlier."],
    "heldout": ["Them cables are the best ones.", "We ain't got that model."],
}
LITERACY_TRAPS = {
    "train": ["It looks like the older model."],
    "heldout": ["I'll let you know the exact size."],
}
CLOSINGS = {
    "train": ["Have a nice day!", "Thanks for calling, goodbye.", "I'll send the invoice today, talk soon."],
    "heldout": [
        "I'll ring you on Friday, bye for now.",
        "Great, see you on Wednesday.",
        "The contract is in your inbox, take care.",
    ],
}
NO_CLOSINGS = {"train": ["Right."], "heldout": ["Okay, that's it."]}
LAST_QUESTIONS = {"train": ["How much is delivery?"], "heldout": ["When will I get the invoice?"]}
CLIENT_FILLER = ["Okay.", "Right.", "Sure."]
CLIENT_AGREE = ["Yes, please.", "Sounds good.", "Why not."]
CLIENT_GREETING = ["Hello.", "Hi."]
