"""A twenty-eighth English held-out half, written on 2026-12-06 (session 41, its second round)
after fresh26's figure was taken and before its mistakes were read or the scorer was run on
this one: long agent turns from business-to-business services (cloud backup, corporate
training, workwear supply) and a corporate account manager who speaks in office jargon,
smooth and formal, rude by passive-aggressive condescension (see banks_ru_fresh27.py). Same
layout as banks_en.py."""

SPLIT = "fresh27"

TRADES = {
    SPLIT: {
        "cloud_backup": {
            "company": "VaultSphere",
            "requests": [
                "We're looking at backing up our servers.",
                "What does a terabyte of cloud storage cost?",
            ],
            "extra": ["server monitoring", "encryption for the backups"],
            "questions": ["How many servers need backing up?", "where is the data held at the moment"],
            "answers": ["Twelve servers.", "On our own kit in the office."],
        },
        "corporate_training": {
            "company": "Keystone Learning",
            "requests": ["We need sales training for the team.", "Do you run health and safety courses?"],
            "extra": ["a skills assessment before and after", "access to the session recordings"],
            "questions": ["How many people per group?", "would in person or online suit you better"],
            "answers": ["About fifteen.", "In person, ideally."],
        },
        "workwear_supply": {
            "company": "Graftwear",
            "requests": ["We need workwear for the warehouse.", "Do you do winter kits with a logo?"],
            "extra": ["logo embroidery", "safety boots"],
            "questions": ["How many staff are the kits for?", "are they working outdoors or inside"],
            "answers": ["Forty people.", "The warehouse isn't heated."],
        },
    }
}

NAMES = {SPLIT: ["Graham", "Nisha", "Callum", "Helen", "Stuart"]}

GREETINGS = {
    SPLIT: [
        ("Good afternoon, {company}, how may I help?", True, True),
        ("{company} good morning", True, True),
        ("Hello, thanks for getting through to us.", True, False),
        ("morning how can i assist", True, False),
        ("Good afternoon, lovely to hear from you.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Yes, go ahead please.", "Speaking, yes.", "yep on the line"]}
INTRODUCTIONS = {
    SPLIT: [
        "My name's {name}, I'm your account manager.",
        "{name}, corporate sales.",
        "it's {name} looking after your account",
        "You're through to {name}, head of partnerships.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "My name won't help you, let's get to the point.",
        "i won't be introducing myself just tell me the issue",
    ]
}
NEEDS = {
    SPLIT: [
        "How many users would be on it?",
        "which tasks are you doing by hand right now",
        "What volume of data are we talking about?",
        "who signs off the purchase on your side",
        "What go-live date are you working to?",
        "what isn't working in your current setup",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("One moment, pulling up your account.", None),
        ("logging it in the system", None),
        ("Could you give me your company number?", "Zero four five, six seven eight, nine one."),
        ("you're very faint could you repeat", "Is that better?"),
    ]
}
OFFERS = {
    SPLIT: [
        "I'd suggest adding {extra} now, it works out cheaper.",
        "clients on that package usually take {extra}",
        "I can fold {extra} into the proposal.",
        "Would {extra} be worth exploring?",
        "We offer {extra} too, happy to talk you through it.",
    ]
}
NO_OFFERS = {
    SPLIT: ["There's nothing else in the range at present.", "no add-ons are available on that tier"]
}
OBJECTIONS = {
    SPLIT: [
        ("price", "That's above our budget."),
        ("price", "our current contractor works out cheaper"),
        ("timing", "I'll need to run it past the directors."),
        ("competitor", "We already use another provider."),
        ("no_need", "It's not a priority for us right now."),
    ]
}
HANDLED = {
    SPLIT: [
        "I hear you, but over a year with the downtime you avoid, it saves about twenty percent.",
        "Run it past them, I'll hold the price to month end and ring you Thursday.",
        "We can run a month's pilot alongside your current provider so you can compare.",
        "we can spread the payments quarterly",
        "Let's start with the smallest package and scale up when you need to.",
    ]
}
UNHANDLED = {
    SPLIT: [
        "Understood, we'll close that off then.",
        "noted okay",
        "Right, maybe another time.",
        "okay heard",
    ]
}
RUDE = {
    SPLIT: [
        "Perhaps get aligned internally before you call us.",
        "i feel i was fairly clear the first time",
        "This is fundamentals, frankly surprising your company doesn't know it.",
        "Let's leave the emotions out of it, shall we?",
        "that sounds like an internal problem on your side",
        "I won't be walking every one of your staff through this separately.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Apologies for the slow reply.",
        "thanks for the quick turnaround",
        "Data without a backup is gone in a second.",
        "Could you kindly email over your company details?",
    ]
}
FILLERS = {SPLIT: ["basically", "effectively", "to be honest", "sort of", "i mean"]}
FILLER_TURNS = {
    SPLIT: [
        "The account manager will {f} call tomorrow.",
        "{f}, we'll email the contract.",
        "Onboarding {f} takes two weeks.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "Between you and I, there's room on price.",
        "If I would have known, I'd have rung sooner.",
        "Each of the packages are different.",
        "The invoice was sent to yourself and the team.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "Basic support is included in every tier.",
        "We back up at the end of each day, at two in the morning.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Great, speak soon, have a good day.",
        "agreed i'll await your feedback by friday",
        "All the best, thanks again.",
        "i'll send the proposal monday goodbye",
        "Thanks for your time, take care.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Noted, logged.", "okay fine"]}
LAST_QUESTIONS = {SPLIT: ["Which email will the invoice go to?", "when do we get the statement"]}

CLIENT_FILLER = ["Understood, thanks.", "Mm, noted, thanks.", "Yes, clear.", "Right, good."]
CLIENT_AGREE = ["Yes, add it to the proposal.", "include it", "Fine, we'll consider it.", "Agreed, go ahead."]
CLIENT_GREETING = [
    "Good afternoon, it's about backups.",
    "Hello, we need some training.",
    "Hi, is that the workwear company?",
]
