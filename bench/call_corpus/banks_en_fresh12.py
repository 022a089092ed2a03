"""A thirteenth English held-out half, written on 2026-12-05 (session 34, its third round)
after fresh11's figure was taken and before its mistakes were read or the scorer was run
on this one (see banks_ru_fresh12.py). Same layout as banks_en.py; written in an American
register the earlier halves have little of."""

SPLIT = "fresh12"

TRADES = {
    SPLIT: {
        "carpet_cleaning": {
            "company": "FreshStep Carpet Care",
            "requests": ["I need the living room carpet steam cleaned.", "Do you get red wine out of rugs?"],
            "extra": ["a stain guard treatment", "the stairs done at the same visit"],
            "questions": [
                "How many rooms are we looking at?",
                "got any pets in the house",
            ],
            "answers": ["Three rooms and a hallway.", "One big dog."],
        },
        "gutters": {
            "company": "Peak Gutter Pros",
            "requests": ["Our gutters are overflowing every storm.", "Can you put guards on the gutters?"],
            "extra": ["leaf guards along the front", "a downspout extension"],
            "questions": [
                "Is it a one-story or two-story house?",
                "when were they last cleaned out",
            ],
            "answers": ["Two-story colonial.", "Honestly never since we moved in."],
        },
        "dj_hire": {
            "company": "Spin City DJs",
            "requests": ["We're looking for a DJ for a wedding in June.", "Do you do school proms?"],
            "extra": ["uplighting for the dance floor", "a photo booth"],
            "questions": [
                "Roughly how many people on the guest list?",
                "what kind of music are you two into",
            ],
            "answers": ["About a hundred and twenty.", "Eighties, mostly."],
        },
    }
}

NAMES = {SPLIT: ["Madison", "Tyrell", "Brooke", "Dwayne", "Shelby"]}

GREETINGS = {
    SPLIT: [
        ("Hey, how's it going? {company}.", True, True),
        ("Howdy!", True, False),
        ("Good morning, thank you for calling {company}.", True, True),
        ("Hi there, happy Friday!", True, False),
        ("Hey hey, welcome!", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Uh, yeah?", "Yeah? Go.", "Make it quick."]}
INTRODUCTIONS = {
    SPLIT: [
        "I'm {name}, and I'll get you squared away today.",
        "You're talking to {name}.",
        "{name} on the phone, I book the jobs.",
        "This is {name}, office manager.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "You don't need my name, just tell me what's up.",
        "Who I am isn't the point, what do you want done?",
    ]
}
NEEDS = {
    SPLIT: [
        "What would a great result look like for you?",
        "how soon do you need us out there",
        "Residential or commercial property?",
        "Have you had it done by anyone before?",
        "what kind of budget are you working with",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Are you still on the line?", "Yep, still here."),
        ("Let me go over every package we've got.", None),
        ("Hold on, calendar's loading.", None),
        ("What's the best callback number?", "This one's fine."),
    ]
}
OFFERS = {
    SPLIT: [
        "Since we'll be there anyway, {extra} could make sense.",
        "Most folks throw in {extra}.",
        "Add {extra} and I'll knock twenty bucks off.",
        "How about we tack on {extra}?",
        "Would you be interested in {extra} too?",
    ]
}
NO_OFFERS = {SPLIT: ["That's all we offer, nothing extra.", "The bundle promo expired last month."]}
OBJECTIONS = {
    SPLIT: [
        ("price", "Yikes, that's way more than I figured."),
        ("price", "That's kind of pricey for us."),
        ("timing", "My husband has to sign off on it."),
        ("competitor", "The other guys quoted me a hundred less."),
        ("no_need", "Nah, we don't need the extras."),
    ]
}
HANDLED = {
    SPLIT: [
        "Totally hear you, but our price includes the cleanup and a one-year guarantee.",
        "We've got a basic package that runs about a third less.",
        "Sure thing, I'll give you a call Tuesday at ten to see what you two decided.",
        "Shoot me their estimate and we'll match it.",
        "No problem, we'll drop the extras and keep it to the main job, that brings it down.",
    ]
}
UNHANDLED = {SPLIT: ["Okie dokie.", "Whatever works.", "Alright then, your loss.", "Cool, cool."]}
RUDE = {
    SPLIT: [
        "Do you have any idea what you want?",
        "I literally just explained that.",
        "That's on you for waiting so long.",
        "Ugh, fine, I'll say it again.",
        "Are you serious right now?",
        "You people never read anything.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "My apologies for the hold, we're slammed today.",
        "Really appreciate you hanging in there.",
        "We cut the old gutter off and rehang the new one.",
        "Could I get your zip code?",
    ]
}
FILLERS = {SPLIT: ["like", "you know", "literally", "I mean", "kinda"]}
FILLER_TURNS = {
    SPLIT: [
        "The crew will {f} be there by noon.",
        "{f}, we take all major cards.",
        "The job {f} takes about two hours.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "We don't got any openings Monday.",
        "Me and my partner done the whole block.",
        "There ain't no extra charge for that.",
        "Them cleaners works real good.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "If you like, we can come earlier.",
        "I mean the front room, not the den.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Awesome, you're all set, have a great day.",
        "Thanks a bunch, talk to you Tuesday.",
        "We'll see you on the fifteenth, take care now.",
        "Alrighty, bye-bye.",
        "Appreciate you calling, have a good one.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Uh-huh.", "Gotcha, noted."]}
LAST_QUESTIONS = {SPLIT: ["Do you guys work weekends?", "Is there a warranty on that?"]}

CLIENT_FILLER = ["Okay.", "Mhm.", "Sure.", "Got it."]
CLIENT_AGREE = ["Sounds great, book it.", "Yeah, let's do it.", "Okay, I'm in.", "Perfect, go ahead."]
CLIENT_GREETING = ["Hey there.", "Hi, good morning.", "Hello!"]
