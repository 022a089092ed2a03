"""Where an opening names someone: first names from pymorphy3's dictionary and where a
name is announced, companies (a brand no dictionary knows, ordinary words ending the
greeting, the phone formula "<company>, слушаю"), English introductions read from where
they stand, and a refusal that talks about one's name instead of giving it. The greeting
and introduction rules (verdicts.py) ask these."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from call_quality.checklist import Item
from call_quality.dialogue import Turn
from call_quality.phrases import morph, normal, word_starts, words_of

# parts of speech a company's name is not made of ("имя моё вам ни к чему, слушаю")
NOT_A_NAME = {"NPRO", "VERB", "INFN", "PRED", "ADVB", "CONJ", "PRCL", "PREP"}
# ... nor of an interjection ("ой, здравствуйте")
NOT_A_COMPANY = NOT_A_NAME | {"INTJ"}


def company_before(turn: Turn, formula: str, item: Item) -> bool:
    """The phone formula names the company first: "алло, автодеталь, слушаю" greets,
    "слушаю. это ольга, компания …" is a bare "слушаю" and an introduction, and a
    sentence before "слушаю" is not a company's name."""
    first = normal(formula.split()[0])
    at = turn.words.index(first) if first in turn.words else 0
    # "добрый день, слушаю вас", "afternoon, thanks for calling" greet and name no one
    bare = set(item.words("bare")) | {normal(w) for p in item.words("phrases") for w in p.split()}
    before = [f for w, f in zip(turn.words[:at], turn.facts[:at], strict=True) if w not in bare]
    if any(f.is_name for f in before) and ROLES & set(turn.words[:at]):
        return False  # "да-да, тихон, ведущий специалист, слушаю": a person and a role, no company
    # a word no dictionary knows is a brand ("лингва плюс"), whatever its neighbours are; one
    # of three letters or fewer is an interjection or a slip ("хэй, добрый вечер")
    # (English words that name no company are read as bare: "good afternoon, one second… hello")
    named = [(w, f) for w, f in zip(turn.words[:at], turn.facts[:at], strict=True)
             if w not in bare and w not in _EN_NOT_A_COMPANY and w not in WISHES and w not in CALLED
             and (f.is_known or len(w) > 3)]  # fmt: skip
    if any(w in ROOMS for w, _ in named):
        return False  # "приветствую, регистратура слушает": the desk answers, not a company
    named_by = [f for _, f in named]
    return bool(named_by) and (
        any(not f.is_known for f in named_by) or not any(f.pos in NOT_A_COMPANY for f in named_by)
    )


# interjections the name dictionary reads as names, and the words that announce a name
NOT_NAMES = {"ало", "алло", "але", "да", "ну", "вот", "инн"}  # and a tax number, and CALLED below
NAME_BEFORE = {
    "вами", "меня", "это", "я", "связи", "отвечает", "приветствует", "зовут", "звать", "помогает"
}  # fmt: skip
# a name followed by what one is or does ("злата, консультант")
NAME_AFTER = {"зовут", "звать", "беспокоит", "менеджер", "консультант", "администратор"}
# what one is at work: after a word speech-to-text misspelt, it shows the word was a name
# ("я эвелниа, здешний мастер")
ROLES = NAME_AFTER - {"зовут", "звать", "беспокоит"} | {
    "мастер", "специалист", "оператор", "приемщица", "приемщик", "продавец", "инженер", "диспетчер",
    "сотрудник", "сотрудница", "стажер", "стажерка", "практикант", "практикантка",
}  # fmt: skip
# what ends an answering turn after the company's name: that it answers, how can it help, or
# that it is glad of the call ("приветствую вас, ателье штор драпе, рада звонку")
ANSWERS = sorted(
    (
        p.split()
        for p in ("на связи", "на линии", "на проводе", "тут", "здесь", "слушает", "слушаем", "чем помочь",
                  "чем могу помочь", "чем можем помочь", "чем могу быть полезна", "чем могу быть полезен",
                  "рада звонку", "рады звонку", "рад звонку", "рада вас слышать", "рады вас слышать", "да")
    ),
    key=len,
    reverse=True,
)  # fmt: skip
# the verbs that announce who answers, right after the company's name
ANNOUNCING = {"беспокоит", "слушает", "слушаем", "приветствует", "отвечает"}
# a good wish ("хорошего дня, слушаю внимательно"): no company's name
WISHES = {"хорошего", "доброго", "отличного", "приятного", "удачного", "прекрасного", "дня", "вечера", "утра",
          "ночи", "денечка", "утречка", "вечерочка", "вечерка"}  # fmt: skip
# what the client is called, fondly ("здравствуй, мил человек, слушаю"): no company's name
CALLED = {"мил", "человек", "милок", "голубчик", "родной", "родная", "дорогой", "дорогая", "дружище",
          "коллега", "коллеги"}  # fmt: skip
NOT_NAMES |= CALLED  # "здравствуй, мил человек": how the client is called names no one
# an apology or a sound between the greeting and the company's name
SORRY = {"извините", "простите", "ой", "ээ", "эээ", "эм", "мм"}
# what a department's name begins with: a department names no company
DEPARTMENTS = {"отдел", "линия", "служба", "департамент", "отделение", "сектор", "направление"}
# a room, desk or shift that answers the phone ("регистратура слушает", "приёмная"): no company
ROOMS = {"регистратура", "приемная", "диспетчерская", "ресепшн", "ресепшен", "справочная", "бухгалтерия",
         "канцелярия", "касса", "проходная", "администрация", "секретариат",
         # the shift on duty ("ночная смена на связи")
         "смена", "дежурство"}  # fmt: skip
# the desk one answers for ("отдел заказов, злата", "продажи, матвей")
DESKS = {"заказов", "продаж", "продажи", "поддержки", "сервиса", "записи", "бронирования"}
# "моё имя вам ничего не даст": the words that speak about one's name instead of giving it
MY_NAME = (["мое", "имя"], ["имя", "мое"])
# "зачем вам моё имя": a question about one's name, whatever follows it
WHY = {"зачем", "почему", "нафига", "чего"}
# "не буду я представляться", "не назову": declining to say it
INTRODUCE_STEMS = ("представ", "назов", "назыв", "назва")


def about_my_name(turn: Turn) -> str | None:
    """ "как меня зовут" speaks about one's name instead of giving it ("без разницы, как меня
    зовут"), unless a name follows ("как меня зовут? анна")."""
    words = turn.words
    for i in range(len(words) - 2):
        if words[i : i + 3] == ["как", "меня", "зовут"] and not names_in(turn, i + 3):
            return turn.quote(i, 3)
    # "моё имя вам ни к чему", "имя моё вам зачем": no name where the name would stand
    for i in range(len(words) - 1):
        if words[i : i + 2] in MY_NAME:
            after = turn.facts[i + 2] if i + 2 < len(words) else None
            asked_why = bool(WHY & set(words[max(0, i - 2) : i]))
            if (
                asked_why
                or after is None
                or (after.is_known and not after.may_be_name and after.pos in NOT_A_NAME)
            ):
                return turn.quote(i, 2)
    # "не буду я представляться", unless a name follows ("ой, я не представилась, я анна")
    for i, word in enumerate(words):
        if word != "не" or names_in(turn, i):
            continue
        declined = next(
            (j for j in range(i + 1, min(i + 4, len(words))) if words[j].startswith(INTRODUCE_STEMS)), None
        )
        if declined is not None:
            return turn.quote(i, declined - i + 1)
    return None


def names_in(turn: Turn, start: int) -> bool:
    return any(f.is_name for f in turn.facts[start:])


def _serves(before) -> bool:
    """A verb someone else does for the client ("займётся", "поможет"): not mine ("привезём"),
    not an order ("разбирайтесь сами")."""
    return before.pos == "VERB" and not (before.is_first_person or before.is_imperative)


def first_names(turn: Turn) -> list[str]:
    """First names said: certain ones ("евгений"), those that are names only in some readings
    ("роман", "вера") where a name is announced ("с вами роман", "меня роман зовут"), and a
    word speech-to-text misspelt before "на связи" ("сетпан на связи")."""
    words, found = turn.words, []
    for i, (word, f) in enumerate(zip(words, turn.facts, strict=True)):
        on_the_line = words[i + 1 : i + 3] == ["на", "связи"] and not f.is_known and word.isalpha()
        if on_the_line and word not in NOT_NAMES:
            found.append(word)
            continue
        if word in NOT_NAMES or not f.may_be_name:
            continue
        announced = (
            (i and words[i - 1] in NAME_BEFORE)
            or words[i + 1 : i + 2] in ([w] for w in NAME_AFTER)
            # "злата, занимаюсь заказами": a name, then what I do
            or (i + 1 < len(words) and turn.facts[i + 1].is_first_person)
            # "вашим заказом займётся злата": a name after a verb, ending the turn
            or (i and i == len(words) - 1 and _serves(turn.facts[i - 1]))
            # "консультант злата", "отдел заказов, злата": a name after what one is or where
            or (i and words[i - 1] in ROLES | DESKS)
            # "милана, новый сотрудник", "милана, я стажёр": a name, then one's role
            or bool(ROLES & set(words[i + 1 : i + 3]))
        )
        if f.is_name or announced:
            found.append(word)
    # "я эвелниа, здешний мастер": a word no dictionary knows between "я" and one's role
    for i, (word, f) in enumerate(zip(words, turn.facts, strict=True)):
        misspelt = i and words[i - 1] == "я" and not f.is_known and word.isalpha() and len(word) >= 3
        if misspelt and word not in found and ROLES & set(words[i + 1 : i + 3]):
            found.append(word)
        # "меня краина звать": a misspelt word between "меня" and "зовут"/"звать"
        called = i and words[i - 1] == "меня" and words[i + 1 : i + 2] in (["зовут"], ["звать"])
        if called and not f.is_known and word.isalpha() and word not in found:
            found.append(word)
    return found


_SENTENCE_START = re.compile(r"(?:^|[.!?…])\W*$")
# capitalised though no name: "I", "I'm", and the polite "Вы"/"Вас"
_CAPITALISED_ANYWAY = {"i", "i'm", "i'll", "i've", "i'd", "monday", "tuesday", "wednesday", "thursday",
                       "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june",
                       "july", "august", "september", "october", "november", "december", "christmas",
                       "easter", "mr", "mrs", "ms", "dr"}  # fmt: skip


def capitalised_names(turn: Turn) -> list[str]:
    """Words written with a capital inside a sentence ("Приветствую вас, Бюро прогулок
    Маршрут, рада звонку"): names of someone or of the company, as whoever wrote the
    transcript knew (days, months and "I" aside). Speech-to-text writes none, so this reads
    only punctuated transcripts."""
    text, found = turn.text, []
    for n, (at, word) in enumerate(zip(word_starts(text), words_of(text), strict=True)):
        if not word[:1].isupper() or (word.isupper() and len(word) > 1) or _SENTENCE_START.search(text[:at]):
            continue
        if word.lower() in _CAPITALISED_ANYWAY or (n < len(turn.facts) and turn.facts[n].pos == "NPRO"):
            continue
        found.append(word)
    return found


# parts of speech a company's name is made of ("белое облако", "зелёный сад", "зоомир")
COMPANY_WORDS = {"ADJF", "NOUN"}
# the words a question to the client begins with: after a company's name ("это багетная рама,
# что стряслось") and in an opening, after the greeting ("good afternoon, gilt edge, how can…")
ASKING_WORDS = {"что", "чем", "чего", "как", "кто", "какой", "какая", "какое", "какие", "какому", "каким",
                "куда", "где", "how", "what", "who", "what's", "how's", "who's"}  # fmt: skip


def company_announced(turn: Turn) -> list[str]:
    """A word the dictionary does not know after "это" ("приветствую, это зоомир"), or a
    short name of nouns and adjectives that ends the turn after it ("здравствуйте, это
    гостиница заречье"): the company."""
    words = turn.words
    found = [
        turn.said[i + 1]
        for i, word in enumerate(words[:-1])
        if word == "это"
        and not turn.facts[i + 1].is_known
        and len(words[i + 1]) >= 4
        and words[i + 1].isalpha()
    ]
    if not found and "это" in words[:-1]:
        at = len(words) - 1 - words[::-1].index("это")
        # "добрый день, это багетная рама, что стряслось": the name, then a question to the client
        asks = next((j for j in range(at + 2, len(words)) if words[j] in ASKING_WORDS), len(words))
        rest = turn.facts[at + 1 : asks]
        if (
            len(rest) <= 3
            and all(f.pos in COMPANY_WORDS for f in rest)
            and any(f.pos == "NOUN" for f in rest)
        ):
            found.append(" ".join(turn.said[at + 1 : asks]))
    return found


def company_ends_greeting(turn: Turn, greeting_phrase: str) -> str | None:
    """A short name made of adjectives and nouns that ends the greeting's turn ("добрый
    день, белое облако"): the company. "рада вас слышать" or "слушаю вас" are no name."""
    phrase = [normal(w) for w in greeting_phrase.split()]
    end = turn.end_of(phrase)
    if end is None:
        return None
    end = past_the_greeting(turn, end, phrase[-1])
    stop = len(turn.words)
    # "вечер добрый, солнечная поляна на связи", "здрасьте, точка роста, чем помочь": the
    # company, then that it answers or asks how to help
    answers = next((len(tail) for tail in ANSWERS if turn.words[-len(tail) :] == tail), 0)
    if stop - end > answers:
        stop -= answers
    # "доброе утречко, багетная рама беспокоит, то есть слушает": the company, then the verb
    # that announces it, whatever follows
    announced = next((j for j in range(end + 1, min(end + 4, stop)) if turn.words[j] in ANNOUNCING), None)
    if announced is not None:
        stop = announced
    rest = turn.facts[end:stop]
    # "доброй ночи, пасека медовая, дежурный оператор": the company, then who answers
    if stop - end > 1 and turn.words[-1] in ROLES:
        stop -= 2 if stop - end > 2 and turn.facts[stop - 2].pos == "ADJF" else 1
        rest = turn.facts[end:stop]
    echo = any(fuzz.ratio(w, phrase[-1]) >= 70 for w in turn.words[end:])  # "здравствуйте-здравствуйте"
    said = turn.words[end:stop]
    nouns = [w for w, f in zip(said, rest, strict=True) if f.pos == "NOUN"]
    named = (
        1 <= len(rest) <= 3
        and all(
            f.pos in COMPANY_WORDS or not f.is_known or _brand(w) for w, f in zip(said, rest, strict=True)
        )
        and turn.words[end] not in DEPARTMENTS | ROOMS  # "добрый день, отдел оптовых продаж": no company
        and not (nouns and all(n in ROOMS for n in nouns))  # "приветствую, ночная смена на связи"
        and CALLED.isdisjoint(said)  # "ой, здравствуйте, мой дорогой": the client, called fondly
    )
    # a name is said in the nominative, a noun after it maybe in the genitive ("точка
    # роста"): "рады вашему звонку" is a sentence, not "белое облако"
    known = [w for w, f in zip(said, rest, strict=True) if f.is_known and not _brand(w)]
    nominative = all(_may_be_in(w, ("nomn",) if i == 0 else ("nomn", "gent")) for i, w in enumerate(known))
    brand = any(_brand(w) for w in said)
    if named and nominative and not echo and (brand or any(f.pos == "NOUN" for f in rest)):
        return " ".join(turn.said[end:stop])
    return None


def _brand(word: str) -> bool:
    """Letters and figures in one word ("замок24", "мир3d"): a brand's name."""
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def past_the_greeting(turn: Turn, end: int, greeting_word: str) -> int:
    """Where a company's name may start after the greeting that ends at ``end``: past the
    greeting said again ("привет-привет", "здравствуйте-здравствуйте"), "вас" ("приветствую
    вас") and an apology or a sound ("добрый день, извините, …"); the last word is kept."""
    while end + 1 < len(turn.words) and (
        turn.words[end] in SORRY | {"вас", "вам"} or fuzz.ratio(turn.words[end], greeting_word) >= 70
    ):
        end += 1
    return end


@lru_cache(maxsize=4096)
def _may_be_in(word: str, cases: tuple[str, ...]) -> bool:
    return any(p.tag.case in cases for p in morph().parse(word))


def company_after(turn: Turn, greeting_phrase: str) -> str | None:
    """A word the dictionary does not know right after the greeting: the company's name."""
    phrase = [normal(w) for w in greeting_phrase.split()]
    end = turn.end_of(phrase)
    if end is None or end == len(turn.words):
        return None
    end = past_the_greeting(turn, end, phrase[-1])
    after, facts_ = turn.words[end], turn.facts[end]
    echo = fuzz.ratio(after, phrase[-1]) >= 70  # "здравствуйте-здравствйуте" is no company
    if not facts_.is_known and len(after) >= 4 and after.isalpha() and not echo:
        return turn.said[end]
    return None


# what "i'm" is followed by when no name is given ("i'm afraid", "i'm not sure", "i'm here")
_NOT_A_NAME_AFTER_IM = (
    "meant", "supposed", "allowed", "new",
    "sorry", "afraid", "not", "just", "here", "glad", "happy", "sure", "so", "really", "very", "fine",
    "good", "great", "the", "a", "an", "on", "in", "at", "with", "from", "about", "still", "also", "only",
    "back", "off", "out", "up", "down", "over", "done", "free", "busy", "new", "pleased", "delighted",
    "told", "aware", "able", "unable",
    # "does it matter who i am? what do you want": a question, not a name
    "what", "who", "where", "how", "why", "that", "it", "calling", "isn", "isnt", "wasn",
    # "who i am is beside the point": what i am spoken about
    "is", "was", "does", "doesn't", "don't", "has", "matters",
)  # fmt: skip
# what "call me" is followed by when it asks for a call ("call me back", "call me on monday")
_NOT_A_NAME_AFTER_CALL_ME = (
    "back", "later", "again", "anytime", "any", "whenever", "when", "if", "on", "at", "in", "after",
    "before", "by", "tomorrow", "today", "tonight", "this", "next", "first", "direct", "directly", "now",
    "please", "and", "or", "to", "the", "a", "about", "once", "sometime", "asap", "crazy", "old", "what",
)  # fmt: skip
# a negation before "names" or "my name": "we don't do names on the phone", "not giving my name"
_EN_NEGATIONS = {"don't", "not", "no", "won't", "never", "can't", "cannot", "doesn't", "shan't"}
_EN_WHO_I_AM = ["who", "i", "am"]
_EN_NAME_OR_WHO = {"name", "names", "who"}


def english_declines_name(turn: Turn) -> str | None:
    """What in an English turn declines to give one's name: a negation shortly before "names"
    or "my name" ("we don't do names on the phone"), or "who I am" said about
    ("who I am is beside the point")."""
    if not any(w in _EN_NAME_OR_WHO for w in turn.words):
        return None
    words = [w.replace("’", "'") for w in turn.words]
    for i, word in enumerate(words):
        named = word == "names" or (word == "name" and i and words[i - 1] == "my")
        if named and _EN_NEGATIONS & set(words[max(0, i - 4) : i]) and "your" not in words[max(0, i - 4) : i]:
            start = max(0, i - 4)
            return turn.quote(start, i - start + 1)
    expanded = " ".join(words).replace("who i'm", "who i am")
    if " ".join(_EN_WHO_I_AM) in expanded:
        return "who I am"
    return None


# English has no name dictionary here: a name or company is read from where it stands
_EN_INTRODUCTIONS = (
    re.compile(r"\b(?:it's|it is|i'm|i am|this is)\s+[\w']+\s+(?:at|from|with|of|here)\b"),
    # "it's freya on the desk today", "this is sam on the phones"
    re.compile(
        r"\b(?:it's|it is|this is)\s+[\w']+\s+on\s+the\s+(?:desk|phones?|line|team|switchboard|till)\b"
    ),
    # "i'm priya, one of the advisers", "hi there, i'm declan": a name right after "i'm"
    re.compile(
        r"(?<!\bwho )\b(?:i'm|i am)\s+(?!(?:" + "|".join(_NOT_A_NAME_AFTER_IM) + r")\b)"
        r"[a-z]+(?<!ing)(?<!ed)(?<!ly)\b"
    ),
    # "yo, thanks for the call, just call me tilly" (not "call me back", "call me on…")
    re.compile(r"\bcall me\s+(?!(?:" + "|".join(_NOT_A_NAME_AFTER_CALL_ME) + r")\b)[a-z]+\b"),
    # "yup, what? name's rhys": the name after "name's" ("my name's not important" refuses)
    re.compile(r"\bname's\s+(?!(?:not|none|irrelevant|unimportant|neither|nothing|no)\b)[a-z]+"),
    # "this call's with imogen", "tamsin, pleased to help"
    re.compile(r"\bcall's\s+with\s+[a-z]+"),
    re.compile(r"^[a-z]+\s+pleased\s+to\s+help\b"),
    # "kyle's taking calls tonight", "priya is on calls": a name and the calls one takes
    re.compile(
        r"\b(?!(?:it|that|there|what|who|he|she|everyone|nobody|someone|everybody)'s\b)[a-z]+(?:'s| is)\s+"
        r"(?:taking|answering|handling|on)\s+(?:the\s+)?calls\b"
    ),
    re.compile(
        r"\b(?:thanks for calling|thank you for calling|welcome to|you've reached|you're through to)\s+\w+"
    ),
)
# words that are no one's name before "here" ("we're here", "is anyone here", "over here")
_NOT_A_NAME_BEFORE_HERE = {
    "i", "i'm", "we", "we're", "you", "you're", "they", "they're", "he", "she", "it", "it's", "is", "are",
    "am", "was", "be", "been", "anyone", "anybody", "someone", "somebody", "nobody", "everyone", "all",
    "over", "right", "just", "still", "not", "out", "in", "up", "down", "from", "come", "came", "get",
    "got", "and", "or", "but", "the", "a", "there", "back", "stay", "wait", "sign", "click", "go", "me",
    "us", "them", "him", "her", "generally", "roughly", "strictly", "who", "who's", "what", "to", "neither",
    "nor", "either", "somewhere", "nowhere", "anywhere", "everywhere", "yep", "yeah", "yes",
}  # fmt: skip
# words after a greeting that are no company's name ("hello and thanks…", "hi how are you")
_EN_NOT_A_COMPANY = _NOT_A_NAME_BEFORE_HERE | {
    "how", "thanks", "thank", "there", "again", "sir", "madam", "everyone", "folks", "yes", "yeah",
    "please", "welcome", "can", "could", "may", "this", "good", "hello", "hi", "so", "with", "for",
    "at", "on", "my", "your", "our", "morning", "afternoon", "evening", "today", "mate", "love", "well",
    "cheers", "ta",
    # "afternoon, sorry to keep you waiting": an apology after the greeting names no one
    "sorry", "apologies", "pardon", "excuse", "greetings",
    # "hiya, talk to me": what the caller is asked to do
    "talk", "tell", "speak", "shoot", "fire",
    # "hello then": a word that leads on
    "then",
    # "good afternoon, one second... yes, hello": a pause asked for, or a sound
    "one", "second", "moment", "minute", "hang", "hold", "bear", "um", "erm", "uh", "oh", "ah",
}  # fmt: skip
# the words that end a department's or desk's name ("trade accounts", "corporate team"): a
# department is no company, and a name before it introduces ("marcus, trade accounts")
_EN_DEPARTMENTS = {
    "accounts", "sales", "team", "desk", "department", "support", "reception", "bookings", "enquiries",
    "office", "service", "services", "clients", "customers",
}  # fmt: skip
# words that make no department's name with the word after them ("of customers", "new clients")
_EN_NOT_A_DEPARTMENT = {"of", "and", "or", "to", "from", "by", "many", "most", "some", "other", "new",
                        "more", "few", "regular", "existing", "all", "those", "these"}  # fmt: skip
_EN_DESKS = [["on", d] for d in ("bookings", "reception", "sales", "accounts", "enquiries", "support")]
_EN_PHONE_VERBS = {"speaking", "answering"}
_EN_WELCOME_WORDS = {"nice", "great", "glad", "wonderful", "pleased", "delighted", "happy", "good", "kind"}


def english_introduction(words: list[str]) -> str | None:
    text = " ".join(words)
    for pattern in _EN_INTRODUCTIONS:
        found = pattern.search(text)
        if found:
            return found.group(0)
    for i, word in enumerate(words[1:], start=1):  # "good morning, holly here"
        before = words[i - 1]
        # ("names aren't a thing here": a noun after an article is no name)
        after_article = i >= 2 and words[i - 2] in {"a", "an", "the"}
        if (
            word == "here"
            and before.isalpha()
            and before not in _NOT_A_NAME_BEFORE_HERE
            and not after_article
        ):
            return f"{before} here"
        # "good morning to you, sunita picking up", "rhys answering for the crew": a name
        # before the phone's verb
        phone_verb = words[i : i + 2] == ["picking", "up"] or word in _EN_PHONE_VERBS
        if phone_verb and before.isalpha() and before not in _EN_NOT_A_COMPANY:
            return f"{before} {' '.join(words[i : i + 2]) if word == 'picking' else word}"
        # "rowena on bookings", "tyrell on the phone": a name and the desk one sits at
        desk = words[i : i + 2] in _EN_DESKS or words[i : i + 3] == ["on", "the", "phone"]
        if desk and before.isalpha() and before not in _EN_NOT_A_COMPANY:
            return f"{before} {' '.join(words[i : i + 2])}"
        # "marcus, trade accounts", "right, go. dev, corporate team": a name, then a
        # department's two-word name (not "the trade accounts desk")
        department = (
            i + 1 < len(words)
            and words[i + 1] in _EN_DEPARTMENTS
            and word not in _EN_DEPARTMENTS | _EN_NOT_A_DEPARTMENT
            and word.isalpha()
            and word not in _EN_NOT_A_COMPANY
            and words[i - 2 : i - 1] not in (["a"], ["an"], ["the"])  # "a lot of customers"
        )
        if department and before.replace("-", "").isalpha() and before not in _EN_NOT_A_COMPANY:
            return f"{before} {word} {words[i + 1]}"
        # "josh, new on the team", "poppy, new here": a name, then that one is new
        new = word == "new" and words[i + 1 : i + 2] in (["on"], ["here"], ["to"])
        if new and before.isalpha() and before not in _EN_NOT_A_COMPANY and before not in {"i'm", "we're"}:
            return f"{before} new {words[i + 1]}"
        # "hiya, thanks for ringing, declan on the line for you": a name before "on the line"
        on_the_line = words[i : i + 3] == ["on", "the", "line"]
        if (
            on_the_line
            and before.isalpha()
            and before not in _EN_NOT_A_COMPANY
            and not before.endswith("ing")
        ):
            return f"{before} on the line"
    return None


def english_company_after(turn: Turn, greeting_phrase: str) -> str | None:
    """A name right after the greeting that is no word of greeting or asking: "good evening,
    warmflow heating", not "hello and thanks for waiting" nor "hi, how are you"."""
    end = turn.end_of(greeting_phrase.lower().split())
    while end is not None and end < len(turn.words) and turn.words[end] == turn.words[end - 1]:
        end += 1  # "hello hello, roll-tite doors": the greeting said twice
    if end is None or end == len(turn.words):
        return None
    after = turn.words[end]
    if after == "the" and end + 1 < len(turn.words) and turn.words[end + 1] not in _EN_NOT_A_COMPANY:
        end, after = end + 1, turn.words[end + 1]  # "hi, the baking table, lovely to hear from you"
    # "good evening, lovely of you to call": an adverb or adjective of welcome names nothing
    welcome = after.endswith("ly") or after in _EN_WELCOME_WORDS
    if after in _EN_DEPARTMENTS or (end + 1 < len(turn.words) and turn.words[end + 1] in _EN_DEPARTMENTS):
        return None  # "good afternoon, trade accounts": a department, not the company
    return turn.said[end] if after.isalpha() and after not in _EN_NOT_A_COMPANY and not welcome else None
