"""A twenty-second English held-out half, written on 2026-12-06 (session 40) after fresh20's
figure was taken and before its mistakes were read or the scorer was run on this one: long
agent turns from night and emergency services (breakdown recovery, a locksmith, an
out-of-hours heating engineer) and a tired night dispatcher in a hurry, clipped and
lower-case as speech-to-text writes it, rude by hurrying and blaming the caller (see
banks_ru_fresh21.py). Same layout as banks_en.py."""

SPLIT = "fresh21"

TRADES = {
    SPLIT: {
        "breakdown_recovery": {
            "company": "Roadrunner Recovery",
            "requests": [
                "My van's died on the motorway hard shoulder.",
                "Can you tow a camper to a garage tonight?",
            ],
            "extra": ["a jump start before we load it", "a spare wheel fitted at the roadside"],
            "questions": ["Is it rolling or are the wheels locked?", "which junction are you nearest"],
            "answers": ["The steering's locked solid.", "Just past junction fourteen."],
        },
        "emergency_locksmith": {
            "company": "KeyFast",
            "requests": ["The door's shut with my keys inside.", "My key snapped in the lock, can you come?"],
            "extra": ["a new cylinder fitted there and then", "a spare set of keys cut"],
            "questions": ["Is it a uPVC door or a wooden one?", "have you got ID showing the address"],
            "answers": ["uPVC, white, fairly new.", "My driving licence, yes."],
        },
        "heating_callout": {
            "company": "NightHeat",
            "requests": [
                "The boiler's gone off and it's freezing.",
                "There's water leaking under the boiler.",
            ],
            "extra": ["a full boiler service while he's there", "a magnetic filter on the system"],
            "questions": ["Is there an error code on the display?", "gas or oil heating at the property"],
            "answers": ["It says F28, flashing.", "Gas, a combi."],
        },
    }
}

NAMES = {SPLIT: ["Kyle", "Shannon", "Dev", "Tasha", "Callum"]}

GREETINGS = {
    SPLIT: [
        ("evening {company} control room", True, True),
        ("Hi there, out-of-hours line, what's happened?", True, False),
        ("hello {company} go ahead", True, True),
        ("Good evening, emergency desk.", True, False),
        ("hiya talk to me", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["control", "Postcode first.", "yep what now"]}
INTRODUCTIONS = {
    SPLIT: [
        "you've got {name} on nights",
        "I'm {name}, I'll log this call.",
        "{name}'s taking calls tonight.",
        "{name} here, night shift",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "you don't need my name just tell me where you are",
        "Names aren't important, what's the address?",
    ]
}
NEEDS = {
    SPLIT: [
        "do you need someone now or can it wait till morning",
        "Are you somewhere safe at the moment?",
        "anyone vulnerable in the house elderly or little ones",
        "How will you be paying, card or cash?",
        "how many passengers with you",
        "Is it just getting in, or anything else wrong with the lock?",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("typing the address don't interrupt", None),
        ("Let me see which vans are free.", None),
        ("Registration number please.", "It's KX19 RTO."),
        ("hello hello the line's going", "Sorry, bad signal, can you hear me?"),
    ]
}
OFFERS = {
    SPLIT: [
        "while the engineer's out i can throw in {extra}",
        "There's {extra} too, want that?",
        "Loads of callers add {extra}, shall I?",
        "worth doing {extra} night rate's no extra for it",
        "And {extra} as well, so you're not calling us twice.",
    ]
}
NO_OFFERS = {
    SPLIT: [
        "callouts only at night nothing else",
        "No discounts overnight, just so you know.",
    ]
}
OBJECTIONS = {
    SPLIT: [
        ("price", "How much?! That's daylight robbery."),
        ("price", "it's half that in the daytime"),
        ("timing", "Maybe I'll wait till morning and see."),
        ("competitor", "Another firm said they'd be here in half an hour."),
        ("no_need", "I reckon I'll have a go myself."),
    ]
}
HANDLED = {
    SPLIT: [
        "night rate's a third more but he's there in forty minutes not tomorrow lunchtime",
        "If you can wait till six I'll book it at the day rate, first van out.",
        "Waiting with water near the wiring isn't safe, turn the stopcock off and he'll come straight out.",
        "they charge the callout on top with us it's in the price have a think",
        "I wouldn't force it yourself, you'll wreck the lock and pay more, he'll open it without damage.",
    ]
}
UNHANDLED = {
    SPLIT: [
        "suit yourself less work for me",
        "Fine, ring whoever you like.",
        "Okay. Next caller.",
        "no then fine cancelling",
    ]
}
RUDE = {
    SPLIT: [
        "come on quicker calls are stacking up here",
        "You left the keys inside, now you ring at one in the morning.",
        "Stop dithering and give me the address.",
        "i haven't got time for the whole story",
        "Bit late to think about it at midnight, isn't it.",
        "Can you explain it properly or not?",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Sorry you were held, the line's swamped tonight.",
        "no need to panic we'll sort it",
        "The engine's dead, so we'll winch it on the bed.",
        "Could you tell me the flat number, please?",
    ]
}
FILLERS = {SPLIT: ["like", "basically", "you know", "kind of", "so yeah"]}
FILLER_TURNS = {
    SPLIT: [
        "he's {f} forty minutes out",
        "{f}, payment's after he's finished.",
        "We'll {f} bring the van to the gate.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "the driver he don't know the road so stay by the phone",
        "Your van were already loaded when I rung.",
        "Engineer come out to that street last week.",
        "they was told to ring you first",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "It's a kind of lock we open every night.",
        "Basically sound, the boiler just needs a reset.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "van's on its way sit tight bye now",
        "He'll be with you by two, goodnight.",
        "Booked, cheers for ringing, look after yourself.",
        "deal i'll ring you at six have a good night",
        "Wait for the driver's call, speak soon.",
    ]
}
NO_CLOSINGS = {SPLIT: ["noted", "Mm, got it."]}
LAST_QUESTIONS = {SPLIT: ["Will he give me a receipt?", "will the driver ring before he gets here"]}

CLIENT_FILLER = ["Yeah, yeah, got it.", "mm", "Okay, I'll wait.", "Right, I see."]
CLIENT_AGREE = ["Book it, please.", "add that one too", "Fine, that too.", "Okay, agreed, send him."]
CLIENT_GREETING = [
    "Hello, I need help, please.",
    "Evening, I've got an emergency.",
    "Hello, is that the recovery service?",
]
