"""A thirty-first English held-out half, written on 2026-12-06 (session 41, its fifth round)
after fresh29's figure was taken and before its mistakes were read or the scorer was run on
this one: long agent turns from leisure and care services (a nail studio, a wine shop, a
tennis club) and a chatty agent who gossips, rude by comparing the caller with other customers
(see banks_ru_fresh30.py). Same layout as banks_en.py."""

SPLIT = "fresh30"

TRADES = {
    SPLIT: {
        "nail_studio": {
            "company": "Polished Nail Bar",
            "requests": ["I'd like to book gel nails.", "Can I get a pedicure on Saturday?"],
            "extra": ["a builder gel overlay", "a paraffin hand treatment"],
            "questions": ["Have you had gels before?", "are we keeping the length or going short"],
            "answers": ["Yes, a month ago.", "Shorter, please."],
        },
        "wine_shop": {
            "company": "The Cork and Cask",
            "requests": ["Can you recommend a wine for fish?", "Any fizz under twenty pounds?"],
            "extra": ["a waiter's corkscrew", "a gift box"],
            "questions": ["What's the dinner?", "do you like it dry or a bit sweeter"],
            "answers": ["Baked trout.", "Dry."],
        },
        "tennis_club": {
            "company": "Baseline Tennis",
            "requests": ["I'd like a court membership.", "Do you have a coach for beginners?"],
            "extra": ["racket hire", "a block of group sessions"],
            "questions": ["Have you played before?", "what time of day suits you to play"],
            "answers": ["A bit at school.", "Evenings after work."],
        },
    }
}

NAMES = {SPLIT: ["Janice", "Shelley", "Gemma", "Lynne", "Tracey"]}

GREETINGS = {
    SPLIT: [
        ("Good afternoon, {company}, lovely to hear from you!", True, True),
        ("{company} hiya", True, True),
        ("Hello, oh, so glad you rang!", True, False),
        ("evening love what can i do", True, False),
        ("Good morning, I'm all ears.", True, False),
    ]
}
NO_GREETINGS = {SPLIT: ["Yes yes, I'm here.", "Oh, one sec, yes?", "go on then chatterbox"]}
INTRODUCTIONS = {
    SPLIT: [
        "I'm {name}, I run the front desk.",
        "{name} on the phones today.",
        "it's {name} at reception",
        "You're through to {name}, the manager.",
    ]
}
NO_INTRODUCTIONS = {
    SPLIT: [
        "Oh, never mind me, what are you after?",
        "don't worry about who i am what do you need",
    ]
}
NEEDS = {
    SPLIT: [
        "What's the occasion?",
        "which day are you thinking",
        "Is it for yourself?",
        "how many of you",
        "What matters most to you?",
        "where did you go before us",
    ]
}
NO_NEEDS = {
    SPLIT: [
        ("Oh, hang on, I've got the other line.", None),
        ("popping it in the diary", None),
        ("Can I take a name and number?", "Sue, oh seven seven one, two two two."),
        ("you've gone crackly hello", "Any better?"),
    ]
}
OFFERS = {
    SPLIT: [
        "I'd add {extra} too, the girls swear by it.",
        "most people go for {extra} with that",
        "I can stick {extra} on as well, it works out cheaper.",
        "We've got {extra} too, fancy it?",
        "Shall we pop {extra} on the order?",
    ]
}
NO_OFFERS = {SPLIT: ["That's all we've got right now, I'm afraid.", "no offers on at the minute"]}
OBJECTIONS = {
    SPLIT: [
        ("price", "Ooh, that's a bit much."),
        ("price", "the place near me is cheaper"),
        ("timing", "I'll have a think and call back."),
        ("competitor", "My friend goes to a different studio."),
        ("no_need", "I don't really need that bit."),
    ]
}
HANDLED = {
    SPLIT: [
        "They're cheaper, but their gels lift in a week, ours last three.",
        "Have a think, I'll hold the Saturday slot till Friday and ring you.",
        "Bring your friend, you'll both get ten percent off.",
        "you can pay in two halves",
        "Try one session first, if you don't like it you get your money back.",
    ]
}
UNHANDLED = {
    SPLIT: ["Well, see how you go.", "oh alright then", "No worries, it happens.", "whatever you think best"]
}
RUDE = {
    SPLIT: [
        "You're just like my mother-in-law, no idea about wine.",
        "half our callers are just like you",
        "The last lady was the same, all questions and no buying.",
        "everyone says that and then comes running back",
        "No offence, but you're one of those bargain hunters.",
        "i had one like you earlier took up an hour of my day",
    ]
}
POLITE_TRAPS = {
    SPLIT: [
        "Sorry to jump in, just checking one thing.",
        "thanks for choosing us",
        "Gel without a base coat peels the next day.",
        "Could you spell your email for the receipt, please?",
    ]
}
FILLERS = {SPLIT: ["like", "literally", "honestly", "you know", "sort of"]}
FILLER_TURNS = {
    SPLIT: [
        "The therapist's {f} free at three.",
        "{f}, you pay on the day.",
        "We'll {f} text to confirm.",
    ]
}
SPEECH_ERRORS = {
    SPLIT: [
        "Come on in to the inside, it's warm.",
        "Nothing won't go wrong, I promise.",
        "We look forward to seeing you again soon again.",
        "Your booking's came through.",
    ]
}
LITERACY_TRAPS = {
    SPLIT: [
        "It's literally next door to the station.",
        "Honestly priced, no hidden extras.",
    ]
}
CLOSINGS = {
    SPLIT: [
        "Lovely jubbly, see you then, bye!",
        "have a gorgeous evening bye",
        "All booked, goodbye.",
        "i'll ring friday to remind you take care",
        "Thanks ever so much for calling, bye!",
    ]
}
NO_CLOSINGS = {SPLIT: ["Mm, it's in the diary.", "there we go"]}
LAST_QUESTIONS = {SPLIT: ["Where do I park?", "is it card only or cash as well"]}

CLIENT_FILLER = ["Okay, lovely.", "mhm mhm", "Yes, that's fine by me.", "And what else?"]
CLIENT_AGREE = [
    "Add that as well.",
    "go on pop me in",
    "Fine, let's do it now.",
    "Alright, you've talked me into it.",
]
CLIENT_GREETING = [
    "Hello, I'd like to book my nails.",
    "Good evening, can you help me pick a wine?",
    "Hi, is that the tennis club?",
]
