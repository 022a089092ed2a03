"""A sixteenth English held-out half, written on 2026-12-05 (session 36, its second round)
after fresh14's figure was taken and before its mistakes were read or the scorer was run on
this one, with long agent turns (see banks_ru_fresh15.py). Same layout as banks_en.py."""

SPLIT = "fresh15"

TRADES = {
    SPLIT: {
        "tree_surgery": {
            "company": "Oakleaf Tree Care",
            "requests": ["There's a dead branch hanging over the road.", "Can you reduce a big conifer?"],
            "extra": ["stump grinding afterwards", "the logs split for firewood"],
            "questions": [
                "Roughly how tall is the tree?",
                "is it near any power lines",
            ],
            "answers": ["Taller than the house.", "No, the lines are the other side."],
        },
        "dog_training": {
            "company": "Good Boy Academy",
            "requests": ["Our puppy won't stop biting.", "Do you run group classes?"],
            "extra": ["a recall lesson in the park", "a treat pouch and clicker set"],
            "questions": [
                "What age is the pup?",
                "does he pull on the lead as well",
            ],
            "answers": ["Sixteen weeks.", "Constantly, yes."],
        },
        "home_cinema": {
            "company": "Big Screen Installs",
            "requests": [
                "We want a projector set up in the lounge.",
                "Can you wall-mount a TV and hide the cables?",
            ],
            "extra": ["a soundbar calibration", "a universal remote programmed for you"],
            "questions": [
                "What width is that wall?",
                "are there sockets near where it goes",
            ],
            "answers": ["About four metres wide.", "Just one, low down."],
        },
    }
}

NAMES = {SPLIT: ["Gemma", "Kwame", "Siobhan", "Luca", "Niamh"]}

GREETINGS = {
    SPLIT: [
        ("Good day, {company}.", True, True),
        ("Hello, welcome aboard.", True, False),
        ("Greetings, {company} here.", True, True),
        ("Hi, good of you to phone.", True, False),
        ("Good evening, thanks for reaching out.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Speak.", "Yes, what?", "Mm, go ahead."]}
INTRODUCTIONS = {
    SPLIT: [
        "{name} in customer care here.",
        "{name}, happy to assist.",
        "Call me {name}.",
        "I'm {name}, the duty adviser.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "My name isn't relevant, state your business.",
        "Names aren't needed, describe the fault.",
    ]
}
NEEDS = {
    SPLIT: [
        "What outcome are you after?",
        "any particular date in mind",
        "Tried anything similar before?",
        "what's the deciding factor for you",
        "How much were you planning to spend?",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Is it a convenient moment?", "Yes, fire away."),
        ("Here's what we do, in order.", None),
        ("Please hold, I'm checking the system.", None),
        ("What's your account reference?", "AB forty-two."),
    ]
}
OFFERS = {
    SPLIT: [
        "We'd also recommend {extra}.",
        "{extra} can go on the order too.",
        "Do consider {extra}, it's popular.",
        "Including {extra} makes sense, agreed?",
        "Grab {extra} at the same go.",
    ]
}
NO_OFFERS = {SPLIT: ["The range ends there, sorry.", "Bundles were discontinued last year."]}
OBJECTIONS = {
    SPLIT: [
        ("price", "That's well over what we can afford."),
        ("price", "Wow, pricier than I thought."),
        ("timing", "Bad timing, I'll get back to you."),
        ("competitor", "A different firm offered us a better deal."),
        ("no_need", "I'll manage without that, thanks."),
    ]
}
HANDLED = {
    SPLIT: [
        "It's a fair sum, however that covers labour, materials and three years of aftercare.",
        "A simpler setup would come to about a third less.",
        "Of course, the price is yours till Friday and I'll phone Wednesday at three.",
        "Send over their breakdown and we'll compare line by line and better it.",
        "Then we strip out the add-ons and the bill shrinks.",
    ]
}
UNHANDLED = {SPLIT: ["Noted.", "Understood, your choice.", "Hmm, well.", "Fine, skip it then."]}
RUDE = {
    SPLIT: [
        "Have you any idea who you've rung?",
        "Get to the point, I'm busy.",
        "This is your umpteenth call today.",
        "I can't be doing with this rubbish.",
        "Decide first, then bother us.",
        "Can you read? It's all written down.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Sorry, the queue was long today.",
        "We appreciate your custom.",
        "We trim it with a blunt saw to keep it neat.",
        "Spell the surname for me, please?",
    ]
}
FILLERS = {SPLIT: ["like", "sort of", "basically", "you know", "so yeah"]}
FILLER_TURNS = {
    SPLIT: [
        "Our installer arrives {f} tomorrow.",
        "{f}, we email the contract.",
        "The work takes {f} two days.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "The crew has went home.",
        "You could of asked us first.",
        "Them brackets is the strongest.",
        "I never done that one before.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "We'd like to book you in for Tuesday.",
        "That sort of setup suits a lounge.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Appreciate the call, very best wishes.",
        "Until tomorrow then, we'll expect you at ten.",
        "Contract follows shortly, kind regards.",
        "Best wishes, goodbye now.",
        "So I'll ring Wednesday, bye.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Mm.", "Right, logged."]}
LAST_QUESTIONS = {SPLIT: ["What's the guarantee on it?", "Is cash okay?"]}

CLIENT_FILLER = ["Gotcha.", "Mm, okay.", "Yep, yep.", "Ah, right."]
CLIENT_AGREE = ["Suits me, go ahead.", "That'll do.", "Okay, sold.", "Let's book it."]
CLIENT_GREETING = ["Good day.", "Hiya.", "Evening."]
