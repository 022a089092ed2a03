"""A twenty-third English held-out half, written on 2026-12-06 (session 40, its second round)
after fresh21's figure was taken and before its mistakes were read or the scorer was run on
this one: long agent turns from hobby and seasonal trades (greenhouse kits, a dance school,
sewing-machine repair) and a nervous trainee agent, hesitant and apologetic, rude by passive
aggression and shifting the blame onto the caller (see banks_ru_fresh22.py). Same layout as
banks_en.py."""

SPLIT = "fresh22"

TRADES = {
    SPLIT: {
        "greenhouse_kits": {
            "company": "GlassHouse Direct",
            "requests": [
                "I'm after a polycarbonate greenhouse, eight by six.",
                "Do you lay the base as well?",
            ],
            "extra": ["an automatic roof vent opener", "a drip watering kit for the beds"],
            "questions": ["Is the plot level or on a slope?", "what are you hoping to grow first"],
            "answers": ["Level, an old veg patch.", "Tomatoes mostly."],
        },
        "dance_school": {
            "company": "Step Up Dance",
            "requests": [
                "Can I book my son into street dance? He's eight.",
                "Are there beginner classes for adults?",
            ],
            "extra": ["a ten-class pass", "a one-to-one with the choreographer"],
            "questions": [
                "Has he done any dancing before at all?",
                "would weekday evenings or Saturdays work",
            ],
            "answers": ["No, starting from scratch.", "After six only."],
        },
        "sewing_machine_repair": {
            "company": "Stitch Fix Repairs",
            "requests": ["My machine keeps snapping the thread.", "Could you set up an overlocker for me?"],
            "extra": ["a full clean and oil service", "a pack of jersey needles"],
            "questions": ["What make is the machine?", "when was it last serviced, roughly"],
            "answers": ["A Singer, my nan's.", "Never, I'd say."],
        },
    }
}

NAMES = {SPLIT: ["Poppy", "Josh", "Ellie", "Ravi", "Megan"]}

GREETINGS = {
    SPLIT: [
        ("Oh, hello, {company}... yes, sorry, go ahead.", True, True),
        ("hi um {company} hello", True, True),
        ("Hello... sorry, I'm listening.", True, False),
        ("Good afternoon, one second... yes, hello.", True, False),
        ("hello sorry the line dropped yes", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Erm... yes?", "Oh, it's, um, us, yes.", "sorry who did you want"]}
INTRODUCTIONS = {
    SPLIT: [
        "I'm {name}, I'm fairly new but I'll try to help.",
        "my name's {name} i'm the trainee",
        "{name}, new on the team, sorry in advance.",
        "You've got {name} today.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Oh, am I allowed to say my name? Let's skip that.",
        "we're not supposed to give names out sorry",
    ]
}
NEEDS = {
    SPLIT: [
        "Is it for you or are you buying for someone?",
        "What size would you need, do you know?",
        "roughly what budget if you don't mind me asking",
        "Will you be using it yourself or is it a present?",
        "when would be easiest for you timewise",
        "Have you owned one of these before?",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Oh no, the system's stuck, one moment.", None),
        ("I'll just ask my supervisor, please hold.", None),
        ("Your surname please, nice and slowly?", "Kowalski."),
        ("hello are you there i lost you", "Still here."),
    ]
}
OFFERS = {
    SPLIT: [
        "I'm meant to mention {extra} too, would you like it?",
        "um we could also do {extra} if that's any use",
        "Oh, there's {extra}, lots of people get that, I think.",
        "Maybe {extra} as well? I'm not sure if you need it.",
        "We've got {extra} I believe, shall I pop it on?",
    ]
}
NO_OFFERS = {
    SPLIT: [
        "Sorry, I don't know of anything else we do.",
        "the sale's finished i think sorry",
    ]
}
OBJECTIONS = {
    SPLIT: [
        ("price", "Oof, that's pricey."),
        ("price", "i saw it a third cheaper in the next town"),
        ("timing", "I'll probably decide nearer the spring."),
        ("competitor", "A friend recommended another school."),
        ("no_need", "Honestly, I don't need that."),
    ]
}
HANDLED = {
    SPLIT: [
        "I see... but our panels are thicker, so it lasts longer, the fitter told me that.",
        "Shall I check the new-customer discount and ring you back before six today?",
        "Prices usually go up by spring, you could pay a deposit now and lock it in.",
        "you could have a free trial class first and compare it with the other school",
        "They don't guarantee the work though, we give six months' guarantee on repairs.",
    ]
}
UNHANDLED = {
    SPLIT: [
        "Oh, okay then, sorry.",
        "right i'll pass that on",
        "Fine... oh, that's it then.",
        "Oh, well, if that's how it is, I don't know.",
    ]
}
RUDE = {
    SPLIT: [
        "It's not my fault you booked the wrong class.",
        "you want everything free and yesterday",
        "I said all that a minute ago, why ask again?",
        "You chose that machine, now you're complaining about it.",
        "that's not my department take it up with the manager",
        "You're a strange one, honestly.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "I'm so sorry, I'm still learning, let me check.",
        "sorry for the delay checking now",
        "The thread snaps when the tension's too tight.",
        "Would you mind repeating the number, please?",
    ]
}
FILLERS = {SPLIT: ["um", "like", "you know", "basically", "erm"]}
FILLER_TURNS = {
    SPLIT: [
        "The class {f} starts at seven.",
        "{f}, you can pay by card on the day.",
        "The engineer will {f} look at it Wednesday.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "We was meant to phone you yesterday.",
        "He come round yesterday and fixed it.",
        "The Saturday classes is full already.",
        "Me and my supervisor has checked it.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "Classes like this one fill up fast.",
        "You know the hall on Mill Lane? It's there.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Oh, that's all booked, bye, thank you!",
        "have a nice evening sorry if i was slow",
        "Wednesday then, bye bye.",
        "i'll ring you tomorrow morning bye",
        "Glad I could help, all the best.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Okay... noted, I think.", "all right done on my end"]}
LAST_QUESTIONS = {SPLIT: ["Can I park anywhere near you?", "how long is the pass valid"]}

CLIENT_FILLER = ["Yes, I see.", "mm okay", "Right, carry on.", "Ah, got it now."]
CLIENT_AGREE = ["Go on, add it.", "okay go for it", "Yes, that'll be handy.", "Fine, include it."]
CLIENT_GREETING = [
    "Hello, I'm calling about a greenhouse.",
    "Hi, could I ask something?",
    "Hello, is that the dance school?",
]
