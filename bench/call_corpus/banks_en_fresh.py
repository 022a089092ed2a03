"""A second English held-out half, written on 2026-12-01 before any change to the scorer
that day (see banks_ru_fresh.py for why). Same layout as banks_en.py."""

SPLIT = "fresh"

TRADES = {
    SPLIT: {
        "software": {
            "company": "CloudDesk",
            "requests": [
                "We're looking for a helpdesk tool for ten agents.",
                "What does your CRM cost per user?",
            ],
            "extra": ["the reporting add-on", "a training session for the team"],
            "questions": ["How many tickets do you get a week?", "what are you using at the moment"],
            "answers": ["Around five hundred.", "Spreadsheets, mostly."],
        },
        "catering": {
            "company": "FreshPlate",
            "requests": ["I need lunch delivered for a conference.", "Do you do breakfast for offices?"],
            "extra": ["a coffee station", "vegetarian options for the whole group"],
            "questions": [
                "How many guests are you expecting?",
                "any dietary requirements we should know about",
            ],
            "answers": ["About eighty people.", "Two vegans and one gluten-free."],
        },
    }
}

NAMES = {SPLIT: ["Daniel", "Grace", "Omar", "Chloe"]}

GREETINGS = {
    SPLIT: [
        ("Good afternoon!", True, False),
        ("Hi, thanks for calling {company}.", True, True),
        ("Hello, {company}, how can I help?", True, True),
        ("Hiya!", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["What?", "Yep, go on."]}
INTRODUCTIONS = {
    SPLIT: [
        "You've got {name} here.",
        "My name's {name}, I look after new customers at {company}.",
        "{name} speaking.",
    ]
}
NO_INTRODUCTIONS = {SPLIT: ["Who I am isn't important, what do you need?"]}
NEEDS = {
    SPLIT: [
        "What's the main problem you're trying to solve?",
        "how soon are you hoping to start",
        "Roughly how many would you need?",
        "do you have a budget in mind",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Is this a good moment?", "Sure."),
        ("Let me just give you the full rundown of our packages.", None),
    ]
}
OFFERS = {
    SPLIT: [
        "A lot of customers also go for {extra}.",
        "Can I suggest {extra} as well?",
        "You might want {extra} too, it saves time later.",
    ]
}
NO_OFFERS = {SPLIT: ["That's all we have, I'm afraid, nothing else."]}
OBJECTIONS = {
    SPLIT: [
        ("price", "Honestly, that's more than we wanted to spend."),
        ("timing", "Can you call me back next quarter?"),
        ("competitor", "We're already talking to another company."),
        ("no_need", "I'm not sure we need that right now."),
    ]
}
HANDLED = {
    SPLIT: [
        "I understand, but the price includes setup and support, which others charge extra for.",
        "If you sign this month I can take ten percent off.",
        "No problem, I'll call you on the fifth of January at eleven.",
        "What did they offer you? Our contract has no minimum term, so you can leave any time.",
    ]
}
UNHANDLED = {SPLIT: ["Right, okay.", "Fair enough.", "Well, your loss."]}
RUDE = {
    SPLIT: [
        "Look, I haven't got all day.",
        "How many times do I have to explain this?",
        "It's on the website, can't you read?",
        "That's not my problem, sort it out yourself.",
    ]
}
POLITE_TRAPS = {
    SPLIT: ["Sorry for the wait, I'm checking now.", "My apologies, that was our fault, we'll fix it."]
}
FILLERS = {SPLIT: ["like", "basically", "you know what I mean"]}
FILLER_TURNS = {SPLIT: ["It's {f} ready on Monday.", "{f}, we can do that."]}
SPEECH_ERRORS = {SPLIT: ["Me and him will sort it out.", "There's three options for you."]}
LITERACY_TRAPS = {SPLIT: ["It works like the old version but faster."]}
CLOSINGS = {
    SPLIT: [
        "Thanks so much, have a great weekend.",
        "I'll email the quote within the hour, speak soon.",
        "Lovely, talk to you on Tuesday then, bye.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Okay.", "Mm-hm."]}
LAST_QUESTIONS = {SPLIT: ["Can I pay by card?", "Is there a cancellation fee?"]}

CLIENT_FILLER = ["Got it.", "Mm-hm.", "Fine."]
CLIENT_AGREE = ["Go on then.", "That could work.", "Send it over."]
CLIENT_GREETING = ["Hi there.", "Hello, yes."]
