"""A nineteenth English held-out half, written on 2026-12-05 (session 37, its second round)
after fresh17's figure was taken and before its mistakes were read or the scorer was run on
this one, with long agent turns from a script-reading call centre, officious and rude by cold
dismissal (see banks_ru_fresh18.py). Same layout as banks_en.py."""

SPLIT = "fresh18"

TRADES = {
    SPLIT: {
        "garden_rooms": {
            "company": "Oakline Garden Studios",
            "requests": [
                "We're after a garden office for working from home.",
                "Do your cabins need planning permission?",
            ],
            "extra": ["an electrics and lighting package", "a composite decking strip"],
            "questions": [
                "What will the room mainly be used for?",
                "how much space is there at the end of the garden",
            ],
            "answers": ["A home office for two.", "About six metres by four."],
        },
        "mobility_scooters": {
            "company": "FreeRoam Mobility",
            "requests": [
                "I'm looking at a scooter for my father.",
                "Do your scooters fold for the car boot?",
            ],
            "extra": ["a weatherproof canopy", "an annual service plan"],
            "questions": [
                "Will he use it mostly on pavements or further afield?",
                "roughly how far does he need to travel in a day",
            ],
            "answers": ["Mainly to the shops.", "A couple of miles at most."],
        },
        "pet_insurance": {
            "company": "Whiskers & Paws Cover",
            "requests": ["Could I get a price for covering my cat?", "Do you cover pre-existing conditions?"],
            "extra": ["dental cover", "third-party liability"],
            "questions": [
                "How old is your pet at the moment?",
                "has she had any treatment in the last year",
            ],
            "answers": ["She turned six in June.", "Just her jabs."],
        },
    }
}

NAMES = {SPLIT: ["Gwendolyn", "Rafferty", "Imani", "Bartholomew", "Suki"]}

GREETINGS = {
    SPLIT: [
        ("Good afternoon, you've come through to {company}.", True, True),
        ("Hello, customer services at your service.", True, False),
        ("Good evening, {company} customer line.", True, True),
        ("Greetings, your call is important to us.", True, False),
        ("Hello, thank you for holding the line.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Customer services.", "Reference number?", "State your query."]}
INTRODUCTIONS = {
    SPLIT: [
        "My name is {name} and I'll be dealing with your enquiry.",
        "You're speaking with {name}, sales adviser.",
        "{name} here, senior agent.",
        "This is {name} from the quotes team.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Staff names aren't given out, it's policy.",
        "My identity is irrelevant to your query.",
    ]
}
NEEDS = {
    SPLIT: [
        "What are you hoping to achieve with this?",
        "is price or timing the bigger priority for you",
        "How much are you spending on this each month now?",
        "have you used a service like ours before",
        "By when do you need everything in place?",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Please hold while I transfer you.", None),
        ("I'm required to read you the terms, please don't interrupt.", None),
        ("Can you confirm your date of birth?", "The third of May."),
        ("This call is recorded, do you consent?", "Yes, that's fine."),
    ]
}
OFFERS = {
    SPLIT: [
        "Under the current promotion you're also eligible for {extra}.",
        "We'd advise taking {extra} as well.",
        "I can attach {extra} to your order, shall I go ahead?",
        "Through our loyalty scheme I can include {extra}.",
        "May I draw your attention to {extra}, most customers opt in.",
    ]
}
NO_OFFERS = {
    SPLIT: [
        "We don't provide any other services in that area.",
        "This month's promotional terms are exhausted.",
    ]
}
OBJECTIONS = {
    SPLIT: [
        ("price", "Your rates are clearly inflated."),
        ("price", "The company next door quoted less."),
        ("timing", "I'll give you an answer nearer the thirtieth."),
        ("competitor", "We're already with another provider."),
        ("no_need", "I've no use for the add-ons."),
    ]
}
HANDLED = {
    SPLIT: [
        "I understand, however servicing is already included, so there's no separate charge for it.",
        "I can lock in this month's price for you if we sign before Friday.",
        "Very well, I'll set a reminder and call you on the twenty-eighth.",
        "Tell me their terms and I'll match or beat them.",
        "Then we'll set up the basic package without options, and the payment goes down.",
    ]
}
UNHANDLED = {
    SPLIT: [
        "Your prerogative, I'll note the refusal.",
        "Noted on your file.",
        "The decision is yours.",
        "As you wish.",
    ]
}
RUDE = {
    SPLIT: [
        "That falls outside my remit, you'll have to manage.",
        "I'm under no obligation to you, read the contract.",
        "I'll repeat this one final time, slowly.",
        "Put complaints in writing, I'm not interested.",
        "You're not the first clever caller today.",
        "If the terms are beyond you, that's hardly my concern.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Apologies for the pause, the system was loading.",
        "We appreciate your understanding.",
        "That blade's gone blunt, we'll swap it free of charge.",
        "Could you confirm a convenient delivery address, please?",
    ]
}
FILLERS = {SPLIT: ["basically", "sort of", "you know", "I mean", "like"]}
FILLER_TURNS = {
    SPLIT: [
        "The contract will {f} be emailed over.",
        "{f}, payment is by invoice.",
        "The courier will {f} arrive before noon.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "The adviser should of phoned you already.",
        "Them forms needs signing.",
        "They done the survey Tuesday.",
        "This plan is more better value.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "Do you know the address we have on file?",
        "Like last year, the renewal is automatic.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Your enquiry is logged, goodbye.",
        "We appreciate you contacting us, have a good day.",
        "The contract goes out by email today, take care.",
        "We'll see you on Friday then, goodbye.",
        "Thank you for calling, please rate your adviser afterwards.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Information received.", "Details entered into the system."]}
LAST_QUESTIONS = {SPLIT: ["Can the contract be signed online?", "Do you take card payments?"]}

CLIENT_FILLER = ["I see, yes.", "Fine, go on.", "Mm-hm.", "Right, understood."]
CLIENT_AGREE = ["Yes, set it up.", "That suits.", "Agreed, add it.", "Fine, I'll take it."]
CLIENT_GREETING = [
    "Hello, it's about my request.",
    "Hello there, afternoon.",
    "Afternoon, I need some advice.",
]
