"""An eighteenth English held-out half, written on 2026-12-05 (session 37, its first round)
after fresh16's figure was taken and before its mistakes were read or the scorer was run on
this one, with long agent turns in household services and a warm, chatty voice (see
banks_ru_fresh17.py). Same layout as banks_en.py."""

SPLIT = "fresh17"

TRADES = {
    SPLIT: {
        "conservatory_roofs": {
            "company": "BrightSpace Conservatories",
            "requests": [
                "Our conservatory's like an oven in summer.",
                "Do you replace polycarbonate roofs?",
            ],
            "extra": ["insulated plastering inside", "a roof blind system"],
            "questions": [
                "Roughly how big is the conservatory, would you say?",
                "is it a lean-to or more of a Victorian shape",
            ],
            "answers": ["About four by three metres.", "Victorian, with the bay."],
        },
        "dog_boarding": {
            "company": "Paws Retreat",
            "requests": [
                "We need somewhere for our spaniel over Christmas.",
                "Do you take dogs with separation anxiety?",
            ],
            "extra": ["daily video check-ins", "a bath before pick-up"],
            "questions": [
                "Ooh, how old is the little one?",
                "has she stayed away from home before",
            ],
            "answers": ["She's four.", "Only with my mum once."],
        },
        "energy_audit": {
            "company": "HomeWatt Survey",
            "requests": [
                "Our heating bills have doubled.",
                "Can you tell us where the house loses heat?",
            ],
            "extra": ["a thermal camera report", "a grant eligibility check"],
            "questions": [
                "What sort of heating have you got at the moment?",
                "roughly when was the house built",
            ],
            "answers": ["Old gas combi.", "Nineteen thirties semi."],
        },
    }
}

NAMES = {SPLIT: ["Bethany", "Callum", "Niamh", "Tobias", "Precious"]}

GREETINGS = {
    SPLIT: [
        ("Oh hello there, what a nice surprise!", True, False),
        ("{company}, good evening!", True, True),
        ("Hiya, thanks ever so much for calling.", True, False),
        ("Evening, this is {company}.", True, True),
        ("Hello hello, how are we today?", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Yeah, go ahead.", "Hello? Who's that?", "Mm, what?"]}
INTRODUCTIONS = {
    SPLIT: [
        "You've got {name} looking after you today.",
        "This is {name}, I'll get this sorted for you.",
        "My name's {name}, just shout if anything's unclear.",
        "{name} on the line.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Never mind who I am, what's it about?",
        "You don't need my name, love, just tell me the problem.",
    ]
}
NEEDS = {
    SPLIT: [
        "What's the main thing you're after?",
        "is it for yourself or a gift for someone",
        "Have you got a budget in mind at all?",
        "when would suit you for someone to pop round",
        "What didn't you like about the last lot?",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Oh hang on, I've got another line going.", None),
        ("Let me just tell you everything we do, bear with me.", None),
        ("Could I grab a contact number?", "Oh seven seven nine."),
        ("You're breaking up a bit, can you hear me?", "Just about."),
    ]
}
OFFERS = {
    SPLIT: [
        "Honestly, {extra} is worth having with it.",
        "Loads of folk go for {extra} too, shall I pop that on?",
        "I could set you up with {extra} as well, makes life easier.",
        "Oh, we've got {extra} too, want me to tell you about it?",
        "Let me bundle in {extra}, the pair costs less.",
    ]
}
NO_OFFERS = {
    SPLIT: [
        "We don't really do anything else like that, sorry.",
        "The second-order discount ended in August.",
    ]
}
OBJECTIONS = {
    SPLIT: [
        ("price", "Ooh, that's more than I'd hoped."),
        ("price", "The lot down the road were a couple of hundred cheaper."),
        ("timing", "My husband'll want a say, I'll get back to you."),
        ("competitor", "Friends recommended a different firm actually."),
        ("no_need", "Honestly, we can probably manage without all that."),
    ]
}
HANDLED = {
    SPLIT: [
        "Fair, it's not the cheapest, but there's a ten-year guarantee, so no paying twice.",
        "We can spread it over three months, no interest.",
        "Tell you what, I'll ring you Saturday morning once you've had a chat.",
        "What did you like about them? Let's compare, our survey's free anyway.",
        "Then we'll keep just the essentials and drop the add-ons, the total comes right down.",
    ]
}
UNHANDLED = {
    SPLIT: [
        "Ah well, can't win them all.",
        "Your call, really.",
        "Fair enough, suit yourself.",
        "Well, ring back if you change your mind.",
    ]
}
RUDE = {
    SPLIT: [
        "It's all been explained, I don't know what's so hard.",
        "Bit late to be thinking about that now, isn't it?",
        "Is any of this actually going in?",
        "I'll decide how we do it, thanks.",
        "We're going round in circles here, honestly.",
        "Maybe work out what you want before you call.",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Oh, sorry for talking over you.",
        "Thank you so much for your patience.",
        "Don't burn wet logs, they just smoke.",
        "If you could let me have the address, that'd be great.",
    ]
}
FILLERS = {SPLIT: ["right", "I mean", "kind of", "literally", "so yeah"]}
FILLER_TURNS = {
    SPLIT: [
        "The engineer will {f} be there at ten.",
        "{f}, the survey's free.",
        "Payment's {f} on the day.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "The engineer should of rang you by now.",
        "Them two lads is coming Thursday.",
        "That's the most cheapest option we've got.",
        "We done the neighbour's house last month.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "Turn right at the lights and we're the second door.",
        "By that I mean the full survey, not a quote.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Lovely, see you Saturday, have a good evening!",
        "Thanks for choosing us, bye for now.",
        "All booked, the engineer will call, take care.",
        "Sorted then, speak Friday, bye bye!",
        "Right, that's you all set, cheers, bye.",
    ]
}
NO_CLOSINGS = {SPLIT: ["So yeah, that's about it.", "Mhm, mhm, got it."]}
LAST_QUESTIONS = {SPLIT: ["Is there a deposit to pay?", "Can we bring the dog?"]}

CLIENT_FILLER = ["Mm-hm, yeah.", "Okay, I see.", "Right you are.", "Carry on."]
CLIENT_AGREE = ["Go on then, book it.", "Oh lovely, yes please.", "Yes, add that.", "That's fine by me."]
CLIENT_GREETING = ["Hello there, hi.", "Oh hello, good evening.", "Hi, I saw your advert."]
