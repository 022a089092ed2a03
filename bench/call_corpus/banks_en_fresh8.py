"""A ninth English held-out half, written on 2026-12-02 (session 14) before any change tuned
on fresh7's mistakes and before the scorer was run on it (see banks_ru_fresh8.py). Same
layout as banks_en.py."""

SPLIT = "fresh8"

TRADES = {
    SPLIT: {
        "skip_hire": {
            "company": "Quickskip Hire",
            "requests": ["I need a skip for a kitchen refit.", "Can a skip go on the road outside?"],
            "extra": ["a road permit sorted for you", "a wait-and-load collection"],
            "questions": [
                "What size were you thinking, a six or an eight yard?",
                "is it mostly rubble or general rubbish",
            ],
            "answers": ["An eight, I reckon.", "Mostly old units and tiles."],
        },
        "chimney_sweep": {
            "company": "Soot and Brush Sweeps",
            "requests": ["Our chimney needs sweeping before winter.", "Do you fit chimney cowls?"],
            "extra": ["a bird guard on the pot", "a smoke draw test"],
            "questions": [
                "Is it an open fire or a wood burner?",
                "when did it last get swept",
            ],
            "answers": ["A wood burner.", "Two winters ago, maybe."],
        },
        "upholstery": {
            "company": "Restitch Upholstery",
            "requests": ["Can you recover an old armchair?", "The sofa cushions have gone flat."],
            "extra": ["new foam in the seat cushions", "a stain guard on the fabric"],
            "questions": [
                "Have you picked a fabric yet?",
                "how many pieces are we talking about",
            ],
            "answers": ["Not yet, something green.", "Just the chair and a footstool."],
        },
    }
}

NAMES = {SPLIT: ["Declan", "Priya", "Hamish", "Nell", "Tobias"]}

GREETINGS = {
    SPLIT: [
        ("Good afternoon, {company}, who am I talking to?", True, True),
        ("Morning!", True, False),
        ("Hiya, thanks for ringing.", True, False),
        ("Hello there, {company} speaking.", True, True),
        ("Good evening, lovely of you to call.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Go on.", "Speak.", "Mm, what do you need?"]}
INTRODUCTIONS = {
    SPLIT: [
        "{name} on the line for you.",
        "{name} here, on bookings today.",
        "{name} at your service.",
        "It's {name} from the office.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Doesn't matter who's talking, what's the job?",
        "Names aren't needed, just go ahead.",
    ]
}
NEEDS = {
    SPLIT: [
        "So what result are you after?",
        "what would you like it to look like in the end",
        "How soon do you need it?",
        "What matters more, quick or cheap?",
        "what's it going to be used for",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Am I coming through clearly?", "Yes, loud and clear."),
        ("I'll list all our services for you now.", None),
        ("Hang on, I'm pulling up the calendar.", None),
        ("And the surname for the booking?", "Harper."),
    ]
}
OFFERS = {
    SPLIT: [
        "I'd suggest getting {extra} as well.",
        "By the way, have a look at {extra}, it's good value now.",
        "If you take {extra} too, it comes out cheaper.",
        "There's also {extra}, fancy that?",
        "Loads of our customers pick {extra} too.",
    ]
}
NO_OFFERS = {SPLIT: ["That's the only service we've got.", "The bundle discount was only last month."]}
OBJECTIONS = {
    SPLIT: [
        ("price", "Ooh, steep, that."),
        ("price", "Have you got anything cheaper?"),
        ("timing", "Let me check with the wife first."),
        ("competitor", "Another firm offered me ten percent off."),
        ("no_need", "No, that's not necessary."),
    ]
}
HANDLED = {
    SPLIT: [
        "It's that price because it's guaranteed and we use our own materials, so no redoing it.",
        "There's a simpler one, around forty quid less, and it'll still do the job.",
        "Course, talk it over, and I'll phone you at eleven tomorrow morning, alright?",
        "We can do a discount too if you book today, five percent off.",
        "Let's keep it simple then, just the basics, and the total comes down.",
    ]
}
UNHANDLED = {
    SPLIT: ["Have it your way.", "If you don't want it, fine.", "Okey-doke then.", "Your choice, really."]
}
RUDE = {
    SPLIT: [
        "I've told you a hundred times.",
        "Work it out yourself, you're not a child.",
        "You should have thought about that before.",
        "Do you even know what you're saying?",
        "Stop wasting my time.",
        "I'm busy, call tomorrow.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Sorry, I had to step away for a second.",
        "Much appreciated that you held on.",
        "We cut the old fabric off and staple the new one down.",
        "Would you be so kind as to read me the order number?",
    ]
}
FILLERS = {SPLIT: ["basically", "you know", "kinda", "literally", "right"]}
FILLER_TURNS = {
    SPLIT: [
        "Your order will {f} be ready on Friday.",
        "{f}, we'll give you a price after measuring.",
        "We {f} work seven days a week.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "We fitted one of them chairs yesterday, they come out lovely.",
        "Them cushions is brand new.",
        "The fitter and me is coming on Tuesday.",
        "Most folk what ring us book in spring.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "You know our yard already, so park at the front.",
        "That's the right size for your hallway.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Cheers for choosing us, speak soon.",
        "Come by Thursday around ten, goodbye.",
        "The quote goes out by email today, have a nice day.",
        "Right, until Saturday, cheers.",
        "Glad we could help, give us a ring anytime.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Right.", "Mm-hm, noted."]}
LAST_QUESTIONS = {SPLIT: ["Do you charge for delivery?", "What time do you close?"]}

CLIENT_FILLER = ["Gotcha.", "Mm-hm.", "Right-o.", "Okay, sure."]
CLIENT_AGREE = ["Alright, book it.", "Yeah, stick that on.", "That works for me.", "Deal."]
CLIENT_GREETING = ["Oh hello.", "Afternoon to you.", "Hi there."]
