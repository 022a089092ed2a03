"""A seventeenth English held-out half, written on 2026-12-05 (session 36, its third round)
after fresh15's figure was taken and before its mistakes were read or the scorer was run on
this one, with long agent turns in business-to-business trades (see banks_ru_fresh16.py).
Same layout as banks_en.py."""

SPLIT = "fresh16"

TRADES = {
    SPLIT: {
        "fleet_telematics": {
            "company": "TrackWise Fleet",
            "requests": ["We need trackers on twelve vans.", "Does your system log driver hours?"],
            "extra": ["a fuel card integration", "dash cams on the lead vans"],
            "questions": [
                "How many vehicles are on the road daily?",
                "are the vans leased or owned outright",
            ],
            "answers": ["Twelve, sometimes fifteen.", "Leased, three-year deal."],
        },
        "commercial_printing": {
            "company": "Inkline Commercial",
            "requests": [
                "We need five thousand brochures for a trade show.",
                "Can you print on recycled stock?",
            ],
            "extra": ["a pull-up banner to match", "overnight delivery to the venue"],
            "questions": [
                "When's the show opening?",
                "is the artwork ready or do you need design",
            ],
            "answers": ["The fourteenth of next month.", "Artwork's done, PDFs ready."],
        },
        "vending_machines": {
            "company": "SnackPoint Vending",
            "requests": [
                "We'd like a coffee machine in our staff room.",
                "Do you restock the machines yourselves?",
            ],
            "extra": ["a healthy snacks column", "cashless payment readers"],
            "questions": [
                "How many staff on site each day?",
                "is there a water supply near the spot",
            ],
            "answers": ["Roughly eighty staff.", "There's a sink right next to it."],
        },
    }
}

NAMES = {SPLIT: ["Marcus", "Aisling", "Dev", "Harriet-Rose", "Olamide"]}

GREETINGS = {
    SPLIT: [
        ("{company}, morning to you.", True, True),
        ("Good afternoon, trade accounts.", True, False),
        ("Hello, how can we help your business today?", True, False),
        ("Morning, {company} speaking.", True, True),
        ("Hi, cheers for holding.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Who's this then?", "Right, go.", "Trade desk."]}
INTRODUCTIONS = {
    SPLIT: [
        "Your account manager today is {name}.",
        "{name}, trade accounts.",
        "I'm {name}, business clients are my patch.",
        "{name}, corporate team, at your disposal.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "My identity's irrelevant, what's the order?",
        "No names needed, what do you require?",
    ]
}
NEEDS = {
    SPLIT: [
        "Which site is this for?",
        "who are you using for this at the moment",
        "What delivery window is critical for you?",
        "who signs off purchases on your side",
        "How many locations need covering?",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("One moment, the line's reconnecting.", None),
        ("I'll read the whole catalogue out to you.", None),
        ("Can I take the company registration number?", "It's on our invoices."),
        ("Are you hearing me okay?", "Perfectly, yes."),
    ]
}
OFFERS = {
    SPLIT: [
        "Business accounts usually go for {extra} too.",
        "We can write {extra} into the contract straight away.",
        "People often order {extra} alongside, interested?",
        "I suggest adding {extra}, it's better value as a bundle.",
        "Considered {extra}? I can include it.",
    ]
}
NO_OFFERS = {
    SPLIT: ["Nothing else in that product line, unfortunately.", "The business promo closed last quarter."]
}
OBJECTIONS = {
    SPLIT: [
        ("price", "That's too steep for our budget."),
        ("price", "Your competitor quoted ten percent lower."),
        ("timing", "Let's revisit this next quarter."),
        ("competitor", "We've bought from another supplier for years."),
        ("no_need", "We won't need the extra services."),
    ]
}
HANDLED = {
    SPLIT: [
        "Understood, but on an annual contract the price is fixed, so you avoid the mid-year increase.",
        "We can offer thirty-day payment terms to ease the budget.",
        "Let me pencil you into next quarter's schedule and I'll call on the first.",
        "Forward the rival proposal and we'll counter within a day.",
        "Then it's core supply only, no service, and the cost drops.",
    ]
}
UNHANDLED = {
    SPLIT: ["Okay, that's that then.", "Sure, no harm asking.", "Well, your decision.", "Right, as you like."]
}
RUDE = {
    SPLIT: [
        "Look, this is eating my whole afternoon.",
        "I'm not here to spoon-feed you.",
        "That's your headache, not ours.",
        "I don't need lessons in my own job.",
        "Once more, slowly, for the hard of hearing.",
        "Where have you been living, under a rock?",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Pardon me, switching lines now.",
        "Appreciate you waiting there.",
        "The cutter's blunt, so we'll sharpen it at the service.",
        "Could you give me the invoice details, please?",
    ]
}
FILLERS = {SPLIT: ["like", "basically", "sort of", "you know", "at the end of the day"]}
FILLER_TURNS = {
    SPLIT: [
        "The van will {f} leave after lunch.",
        "{f}, we'll invoice today.",
        "Dispatch is {f} on Thursday.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "The driver will ring when he's arrove.",
        "Them invoices is already sent.",
        "We was quoted the same last year.",
        "Our prices is more cheaper than theirs.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "Boxes of that sort ship to order.",
        "We like orders confirmed in writing.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Contract's going to your inbox today, all the best.",
        "Thanks, speak soon, enjoy the week.",
        "Awaiting your details, goodbye.",
        "Until Thursday then, cheerio.",
        "That's it, sending the invoice, talk later.",
    ]
}
NO_CLOSINGS = {SPLIT: ["Okay, logged that.", "Mm, understood."]}
LAST_QUESTIONS = {SPLIT: ["Is delivery to the regions free?", "Do you issue VAT invoices?"]}

CLIENT_FILLER = ["Understood.", "Got that, noted.", "Okay.", "Yep, clear."]
CLIENT_AGREE = ["Approved.", "Works for us, draw up the contract.", "Include it, yes.", "We'll take it."]
CLIENT_GREETING = ["Good morning, all.", "Hello, procurement here.", "Hello, hi there."]
