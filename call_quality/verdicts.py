"""One rule per kind of checklist item, decided from the dialogue's structure: who speaks,
where in the call, what came before, and the content of a turn, not from bare phrase hits.

Every verdict carries the evidence that decided it: the quote and the second it was said
(and, for a failure, what was missing or what was said instead).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from call_quality.checklist import Checklist, Item
from call_quality.dialogue import Turn, said_as_a_goodbye
from call_quality.language import EN_FIRST_PERSON, EN_NUMBERS, RU_DAYS, facts
from call_quality.meaning import Meaning
from call_quality.names import (
    ASKING_WORDS,
    NOT_A_NAME,
    ROLES,
    about_my_name,
    capitalised_names,
    company_after,
    company_announced,
    company_before,
    company_ends_greeting,
    english_company_after,
    english_declines_name,
    english_introduction,
    first_names,
)
from call_quality.phrases import SENTENCE_MARK, morph, normal, pauses_after, word_starts, words_of
from call_quality.redact import redact

# words that open a Russian question or a clause before its question word ("а где…")
RU_LEADS = {"а", "и", "ну", "так", "вот", "скажите", "подскажите", "кстати", "тогда"}
EN_LEADS = {"and", "so", "okay", "ok", "right", "well", "then", "now", "also",
            # "roughly what size is the room": a hedge before the question word
            "roughly", "approximately", "just", "quickly", "briefly", "sorry"}  # fmt: skip
SUBJECTS = {"вы", "ты", "это", "он", "она", "они", "мы", "я", "you", "i", "we", "it", "this", "that",
            "they", "he", "she", "there", "your", "the", "now"}  # fmt: skip
AUXILIARIES = {"is", "are", "do", "does", "did", "can", "could", "would", "will", "have", "has"}
# question words that are conjunctions too: a question only at the start of the turn
AMBIGUOUS = {"что", "как", "чем", "what", "how", "is", "are", "do", "does", "did", "can", "could", "would",
             "will", "have", "has", "when"}  # fmt: skip


@dataclass
class Verdict:
    passed: bool
    evidence: dict | None = None


@dataclass
class Objection:
    objection_class: str
    quote: str
    at: float
    answered: bool
    answer: str | None = None


@dataclass
class Call:
    """The turns of one call, with what the verdicts share: its objections and the agent
    turns that answer them (those count for objection handling only)."""

    checklist: Checklist
    turns: list[Turn]
    meaning: Meaning | None = None  # the language's learned classifiers, if it has them
    objections: list[Objection] = field(default_factory=list)
    answer_turns: set[int] = field(default_factory=set)
    # the agent's turns (or parts of one) that let an objection go: read for that item, not for tone
    letting_go: list[Turn] = field(default_factory=list)
    opening: set[int] | None = None  # the greeting and introduction turns, read once (_opening)

    def can_mean(self, name: str) -> bool:
        """Whether the language has a classifier for ``name`` turns."""
        return bool(self.meaning and name in self.meaning.classifiers)

    def means(self, name: str, turn: Turn) -> float | None:
        """The meaning classifier's probability that ``turn`` is a ``name`` turn, when sure."""
        return self.meaning.says(name, turn) if self.meaning else None

    @cached_property
    def agent_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.speaker == "agent"]

    def next_turn(self, turn: Turn) -> Turn | None:
        return self.turns[turn.index + 1] if turn.index + 1 < len(self.turns) else None

    def previous_turn(self, turn: Turn) -> Turn | None:
        return self.turns[turn.index - 1] if turn.index > 0 else None


def _said(turn: Turn, quote: str, **more) -> dict:
    return {"quote": redact(quote), "at": turn.at, **more}


def _leads(language: str) -> set[str]:
    return RU_LEADS if language == "ru" else EN_LEADS


def is_question(turn: Turn, item: Item, language: str) -> bool:
    """A question without relying on punctuation: a question mark when there is one, else
    a question word (at the start for the ambiguous ones), a question particle, or a
    request to tell ("расскажите", "tell me")."""
    leads = _leads(language)
    asked = _ASKED.findall(turn.text) if turn.has_question_mark else []
    if any(_says_something([normal(w) for w in words_of(sentence)], item, language) for sentence in asked):
        return True  # a sentence that ends in "?" and says more than "yeah?" or "what is it?"
    lemmas, words = turn.lemmas, turn.words
    if _PUNCTUATED.search(turn.text):
        # a transcript with punctuation marks its questions: a question word in a sentence
        # ending with a full stop is a conjunction ("как его подключать, написано в инструкции.")
        return any(f.is_imperative and f.lemma in item.words("requests") for f in turn.facts) or (
            language != "ru" and bool(turn.hit(item.name, "requests"))
        )
    question_words = set(item.words("question_words"))
    start = 0
    while start < len(words) and words[start] in leads:
        start += 1
    if any(turn.end_of(phrase.split()) for phrase in question_words if " " in phrase):
        return True  # "для чего", "каким образом" ask wherever they stand
    for i, (lemma, word) in enumerate(zip(lemmas, words, strict=True)):
        found = lemma if lemma in question_words else word if word in question_words else None
        if found is None:
            continue
        # "как вас устроит", "как вам удобнее": "как" asks wherever it stands before "вас"/"вам"
        asks_you = found == "как" and words[i + 1 : i + 2] in (["вас"], ["вам"])
        # "на что смотрите в первую очередь": a preposition before the question word
        opens = i == start or (
            i == start + 1 and (turn.facts[start].pos == "PREP" or words[start] in _EN_PREPOSITIONS)
        )
        # "а вам в первую очередь что важно", "а по деньгам на что рассчитываете": after "а",
        # with no verb before it (whose object "что" would be: "а я скажу, что важно")
        opens = opens or (
            language == "ru"
            and words[:1] == ["а"]
            and not any(f.pos in {"VERB", "INFN"} for f in turn.facts[start:i])
        )
        if (
            found in AMBIGUOUS
            and not opens
            and not asks_you
            and not (found == "how" and words[i + 1 : i + 2] in _HOW_MUCH)
        ):
            continue
        if found == "или" and i == start:
            continue
        after = words[i + 1 : i + 3]
        if found == "как" and after[:1] == ["бы"] and not set(after[1:]) & SUBJECTS:
            continue  # the filler "как бы", unless "как бы вы хотели…"
        opens_the_turn = i == start and found in _ASKING_FIRST
        if found in AUXILIARIES and not set(after[:1]) & SUBJECTS and not opens_the_turn:
            continue  # "have a nice day" is no question; "have you…" and "is delivery extra" are
        if found in {"why", "почему"} and after[:1] in (["not"], ["нет"], ["бы"]):
            continue  # "why not", "почему нет", "почему бы и нет" agree
        return True
    if any(f.is_imperative and f.lemma in item.words("requests") for f in turn.facts):
        return True
    # English requests are phrases ("tell me"); Russian ones are imperatives, checked above
    return language != "ru" and bool(turn.hit(item.name, "requests"))


_PUNCTUATED = re.compile(r"[.!]")
# "by when do you need it": English has no parts of speech here
_EN_PREPOSITIONS = {"by", "for", "until", "till", "from", "to", "with", "in", "on", "at", "about"}
# auxiliaries that ask wherever they open a turn ("is delivery extra outside town"); "have"
# and "do" also open orders ("have a nice day", "do come in")
_ASKING_FIRST = {"is", "are", "does", "did", "can", "could", "will", "would"}
_ASKED = re.compile(r"[^.!?]*\?")
# words that say nothing of the client's situation: "what is it?", "что там такое?" ask only
# what the call is about (as "чем могу помочь?")
_EMPTY = {"it", "it's", "this", "that", "is", "there", "up", "yes", "yeah", "yup", "yep", "hello",
          "это", "там", "такое", "тут", "да", "алло", "ага", "надо", "надо-то", "то", "чего", "чё",
          "че"}  # fmt: skip


def _says_something(words: list[str], item: Item, language: str) -> bool:
    """A word beyond leads, question words and the empty ones ("yup, what?" says nothing);
    "когда надо?" asks when the client needs it ("что надо?" only what the call is about)."""
    empty = _leads(language) | set(item.words("question_words")) | _EMPTY
    if "надо" in words and _WHEN_OR_HOW_MUCH & set(words):
        return True
    return any(w not in empty for w in words)


_WHEN_OR_HOW_MUCH = {"когда", "сколько", "куда", "где"}


_HOW_MUCH = [["many"], ["much"], ["long"], ["soon"], ["often"], ["big"], ["far"]]


# question words that ask yes or no, not which: an offer's question has them too
_YES_NO_WORDS = {"ли", "или", "is", "are", "do", "does", "did", "can", "could", "would", "will", "have",
                 "has", "or"}  # fmt: skip


def _question_word(turn: Turn, item: Item, language: str) -> bool:
    """A question word in the turn ("какой", "сколько"): an offer proposes, it does not ask
    which ("положить набор?" proposes, "под какой интерьер подбираем?" asks)."""
    question_words = set(item.words("question_words")) - _YES_NO_WORDS
    return any(
        lm in question_words or w in question_words for lm, w in zip(turn.lemmas, turn.words, strict=True)
    )


def _alternative_asked(turn: Turn, offer_item: Item | None, language: str) -> bool:
    """Two of the client's situations to choose from ("по завещанию или по закону", "для
    дома или для офиса"), with no verb of offering, adding or taking ("добавить коврик или
    нет" proposes)."""
    words = turn.words
    if "или" not in words[1:] and "or" not in words[1:]:
        return False
    if words[-2:] in (["или", "нет"], ["or", "not"]):
        return False  # "добавить коврик или нет?" asks about an offer
    # "цветную хотите или только контур": wanting one of two asks what the client prefers
    offered = _lemma_union(offer_item.words("offer_verbs"), language) - _WANT if offer_item else frozenset()
    return not any(
        f.lemma in offered or (f.is_imperative and f.lemma not in _WANT) or f.pos == "INFN"
        for f in turn.facts
    )


_WANT = {"хотеть", "want"}


def _asks_the_client(call: Call, turn: Turn, item: Item) -> bool:
    """A yes/no question with no question word ("а фундамент уже залит"): it speaks to the
    client or opens with "а", and the client's next turn answers yes or no; or it opens
    with "а" and speaks of the client as "вы"."""
    language = call.checklist.language
    if language == "ru" and _asks_about_experience(turn):
        return True
    if language == "ru" and _asks_by_the_predicate_last(call, turn):
        return True
    you = set(item.words("you"))
    opens_with_a = language == "ru" and turn.words[:1] == ["а"]
    if not (opens_with_a or you & set(turn.words)):
        return False
    if any(f.is_imperative or f.is_first_person for f in turn.facts) or set(turn.words) & FIRST_PERSON:
        return False  # "представьте…", "я вам пришлю…": said to the client, not asked
    if opens_with_a and "вы" in turn.words:
        return True  # "а раньше вы уже пользовались…": "а" and "вы" ask in speech, reply or not
    opens_with_you = turn.words[:1] == ["вы"] or (
        turn.words[1:2] == ["вы"] and turn.words[0] in _leads(language)
    )
    if opens_with_you and any(f.is_past for f in turn.facts) and not _PUNCTUATED.search(turn.text):
        return True  # "вы раньше уже садились за руль": the agent cannot know, so asks
    if _PUNCTUATED.search(turn.text) and not turn.has_question_mark:
        return False  # a transcript with punctuation marks its questions
    reply = _reply(call, turn)
    if reply and reply.words[0] in item.words("replies"):
        return True
    # "грунтовые воды у вас высоко стоят" — "весной подтапливает": what is so at the client's
    # ("у вас" and a verb of the present), which the agent cannot know, and an answer that is
    # no acknowledgement
    at_the_clients = turn.end_of(["у", "вас"]) is not None and any(
        # "будет у вас в обед" says what will be, as "привезли"/"везём" what the agent did
        f.pos == "VERB" and not (f.is_first_person or f.is_past or f.lemma == "быть")
        for f in turn.facts
    )
    return bool(
        at_the_clients
        and reply
        and reply.words[0] not in _ACKNOWLEDGEMENTS
        and not _PUNCTUATED.search(turn.text)
    )


# what a yes/no question about what the client has ends with in speech: "по размерам
# ограничения есть", "дымоход в доме предусмотрен", "аллергия у малыша имеется"
_THERE_IS = {"есть", "имеется", "имеются", "предусмотрен", "предусмотрена", "предусмотрено", "предусмотрены",
             "установлен", "установлена", "установлено", "установлены", "подведен", "подведена",
             "подведено"}  # fmt: skip


def _asks_by_the_predicate_last(call: Call, turn: Turn) -> bool:
    """A speech-to-text turn (no punctuation), by no "я"/"мы", that names a thing and ends
    with whether it is there ("есть", "имеется", "предусмотрен"), and that the client answers
    with more than an acknowledgement: it asks what the client has, which the agent cannot
    know ("у нас всё есть" tells)."""
    if turn.words[-1:] == [] or turn.words[-1] not in _THERE_IS or _PUNCTUATED.search(turn.text):
        return False
    if set(turn.words) & FIRST_PERSON or any(f.is_first_person for f in turn.facts):
        return False
    if not any(f.pos == "NOUN" for f in turn.facts):
        return False
    reply = _reply(call, turn)
    if not reply or not reply.words or reply.words[0] in _ACKNOWLEDGEMENTS:
        return False
    # "доставка есть" — "а сколько стоит": the client asks in turn, so it was told
    return not (reply.has_question_mark or reply.words[0] == "а" or reply.words[0] in _RU_ASKING)


_RU_ASKING = {"сколько", "когда", "где", "как", "какой", "какая", "какие", "что", "почему", "зачем", "куда"}


def _asks_about_experience(turn: Turn) -> bool:
    """ "ранее подобным пользовались", "были уже похожие покупки раньше": a reflexive verb in
    the past plural, or "были", with "before"/"already", said without punctuation and by no
    "я"/"мы": what the client did, which the agent cannot know, so asks."""
    if SENTENCE_MARK.search(turn.text) or set(turn.words) & FIRST_PERSON or not set(turn.words) & _BEFORE:
        return False
    # a reflexive verb or "были": "сняли с производства", "заказ собрали" tell what was done
    return any(
        f.is_past and (w.endswith("лись") or w in {"были", "бывали"})
        for w, f in zip(turn.words, turn.facts, strict=True)
    )


_BEFORE = {"раньше", "ранее", "уже", "прежде", "когда-нибудь", "когда-то"}


# a client's turn that takes in what was said rather than answering it
_ACKNOWLEDGEMENTS = {"ясно", "понятно", "хорошо", "ага", "угу", "ладно", "спасибо", "отлично", "ок",
                     "окей", "ну", "так", "вот", "okay", "ok", "right", "thanks", "great", "fine", "sure",
                     "cool", "i", "uh-huh", "mm", "oh"}  # fmt: skip


def _echoed(turn: Turn, reply: Turn) -> bool:
    """The client's reply opens with the agent's verb or short adjective ("залит?" — "залит"):
    Russian answers a yes/no question so."""
    said = {f.lemma for f in turn.facts if f.pos in {"VERB", "PRTS", "ADJS"}}
    return bool(said) and reply.facts[0].lemma in said


def _reply(call: Call, turn: Turn) -> Turn | None:
    """The client's next turn, when it says something and is no objection ("нет, мне это
    без надобности" rejects what was said; it answers no question)."""
    reply = call.next_turn(turn)
    if not (reply and reply.speaker == "client" and reply.words):
        return None
    return None if any(o.at == reply.at for o in call.objections) else reply


def _answered_by_degree(call: Call, turn: Turn, item: Item) -> bool:
    """A yes/no question about the client's situation in no grammatical form of one
    ("спину не беспокоит по утрам"): the agent says nothing of themselves and proposes
    nothing, and the client answers by how much or how often ("бывает", "давно")."""
    if any(f.is_imperative or f.is_first_person or f.pos == "INFN" for f in turn.facts):
        return False
    if set(turn.words) & FIRST_PERSON or (_PUNCTUATED.search(turn.text) and not turn.has_question_mark):
        return False
    reply = _reply(call, turn)
    # by how much or how often, or by the very verb ("датчик дождя стоит" — "стоит, вроде")
    return bool(reply and (reply.words[0] in item.words("degree_replies") or _echoed(turn, reply)))


# --- the rules, one per kind -------------------------------------------------------------


def greeting(call: Call, item: Item) -> Verdict:
    """A greeting in the agent's first two turns, or the phone formula ("<company>,
    слушаю"). The client's greeting does not count."""
    only_first = set(item.words("only_first"))
    for n, turn in enumerate(call.agent_turns[:2]):
        if n and turn.index not in _opening(call):
            break  # "would weekday evenings work", asked after the client's request, greets nobody
        quote = turn.hit(item.name, "phrases")
        if quote and quote.lower() in only_first and not _greets_with_the_word(turn, quote.lower()):
            quote = None  # "going into the evening" greets nobody; "evening!" does
        if quote and _picks_up(turn, quote):
            quote = None  # "Hello? Who's that?" answers the phone as "алло" does: no greeting
        if quote:
            return Verdict(True, _said(turn, quote))
        formula = turn.hit(item.name, "formula")
        if formula and company_before(turn, formula, item):
            return Verdict(True, _said(turn, turn.text.strip()))
        wished = call.checklist.language == "ru" and _good_time_of_day(turn)
        if wished:
            return Verdict(True, _said(turn, wished))
    return Verdict(False)


def _picks_up(turn: Turn, quote: str) -> bool:
    """ "hello" asked, not said: "Hello? Who's that?", "hello who's that"."""
    if quote.lower() != "hello":
        return False
    asked = re.match(r"\s*hello\s*\?", turn.text, re.IGNORECASE)
    return bool(asked) or turn.words[:2] in (["hello", "who's"], ["hello", "who"])


def _greets_with_the_word(turn: Turn, word: str) -> bool:
    """ "evening!", "morning, trackwise" and "trackwise, morning to you" greet with the time of
    day alone: it opens the turn or is wished to the caller."""
    end = turn.end_of([word])
    return turn.words[:1] == [word] or (end is not None and turn.words[end : end + 2] == ["to", "you"])


# "доброго денёчка", "утречко доброе", "доброй ночи": a good wish for a time of day in any
# form, diminutive or misspelt ("доборго денечка"); the stems, not a list of forms
_GOOD = re.compile(r"^(добр|добор|дорб|дбро|хорош)")
# a time of day, or health ("доброго здоровьица")
_TIME_OF_DAY = re.compile(r"^(ден|дн|утр|вечер|веч|ноч|врем|сут|здоров)")


_FIRST_LETTERS = {"д", "о"}  # of "добрый" and its forms, or the second letter swapped to the front


def _swapped(word: str, words: set[str]) -> bool:
    """Speech-to-text's slip: two letters of one of the words swapped ("добырй")."""
    if len(word) < 5 or word[0] not in _FIRST_LETTERS:
        return False
    return any(len(w) == len(word) and w != word and sorted(w) == sorted(word)
               and sum(a != b for a, b in zip(w, word, strict=True)) == 2 for w in words)  # fmt: skip


def _good_time_of_day(turn: Turn) -> str | None:
    """A wish of a good time of day opening the turn (within its first four words)."""
    words = turn.words[:4]
    for i, word in enumerate(words):
        if not (_GOOD.match(word) or _swapped(word, _GOOD_ALONE)):
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(words) and _TIME_OF_DAY.match(words[j]):
                first, last = min(i, j), max(i, j)
                return turn.quote(first, last - first + 1)
        # "Алло, добрый, слушаю вас", "Доброе, ПромЧистота": the time of day left unsaid
        after = turn.facts[i + 1] if i + 1 < len(turn.words) else None
        alone = (
            after is None
            or after.pos not in {"NOUN", "ADJF"}
            or not after.is_known  # a brand ("доброе промчистота")
            or turn.said[i + 1][:1].isupper()  # a name the transcript capitalised
        )
        if (word in _GOOD_ALONE or _swapped(word, _GOOD_ALONE)) and alone:
            return turn.said[i]
    return None


_GOOD_ALONE = {"добрый", "доброго", "доброе", "доброй", "добренький"}


def introduction(call: Call, item: Item, greeted: Verdict) -> Verdict:
    """A name or the company in the agent's opening turns; a refusal to give one's name
    (even one saying "меня зовут") is none."""
    for turn in call.agent_turns[: call.checklist.opening_agent_turns]:
        refusal = _declines_name(turn, item, call.checklist.language)
        if refusal:
            return Verdict(False, _said(turn, refusal, refused=True))
        opening = turn.index in _opening(call)
        quote = turn.hit(item.name, "phrases")
        # one word ("компания", "менеджер") introduces in the opening only: "пиццу на всю
        # компанию" in the offer names no one
        said_alone = quote and len(quote.split()) == 1 and not opening
        if (
            quote
            and not said_alone
            and not _spoken_about(turn, quote)
            and not _this_is_no_name(turn, quote)
            and not _waits_on_the_line(turn, quote)
            and not _glad_you_called(turn, quote)
        ):
            return Verdict(True, _said(turn, quote))
        capitalised = capitalised_names(turn) if opening else []
        said = first_names(turn) or company_announced(turn) or capitalised
        if said:
            return Verdict(True, _said(turn, said[0]))
        # the phone formula names the company: "алло, электроснаб, слушаю"
        greeting_item = _item_of_kind(call.checklist, "greeting")
        formula = greeting_item and turn.hit(greeting_item.name, "formula")
        if formula and company_before(turn, formula, greeting_item):
            return Verdict(True, _said(turn, turn.text.strip()))
        said_as_english = call.checklist.language == "en" and english_introduction(turn.words)
        if said_as_english:
            return Verdict(True, _said(turn, said_as_english))
        # "<company>, good afternoon": a name before the greeting in the first turn
        greeting_phrase = greeting_item and (
            turn.hit(greeting_item.name, "phrases")
            or (call.checklist.language == "ru" and _good_time_of_day(turn))
        )
        if greeting_phrase and turn is call.agent_turns[0]:
            if company_before(turn, greeting_phrase, greeting_item):
                return Verdict(True, _said(turn, turn.text.strip()))
            if call.checklist.language == "en":
                company = english_company_after(turn, greeting_phrase)
            else:
                company = company_after(turn, greeting_phrase) or company_ends_greeting(turn, greeting_phrase)
            if company:  # "доброе утро, принтмастер, чем могу помочь"
                return Verdict(True, _said(turn, company))
    return Verdict(False)


_ABOUT = {"про", "о", "об", "насчет", "about"}
# what "this is" says of a thing, not a name: "this is eating my afternoon", "this is a big job"
_THIS_IS_NO_NAME = {"a", "an", "the", "not", "what", "how", "why", "very", "so", "really", "just",
                    "about", "my", "your", "our", "it", "too", "quite", "all"}  # fmt: skip


def _this_is_no_name(turn: Turn, quote: str) -> bool:
    end = turn.end_of([normal(w) for w in words_of(quote)])
    if quote.lower() != "this is" or end is None or end == len(turn.words):
        return False
    after = turn.words[end]
    return after in _THIS_IS_NO_NAME or after.endswith("ing")


def _glad_you_called(turn: Turn, quote: str) -> bool:
    """ "как хорошо, что вы позвонили": glad of the call, not "вы позвонили в <компанию>"."""
    if quote.lower() != "вы позвонили":
        return False
    end = turn.end_of(["вы", "позвонили"])
    return end is not None and end >= 3 and turn.words[end - 3] == "что"


def _waits_on_the_line(turn: Turn, quote: str) -> bool:
    """ "на линии" says who answers after a name, a role or the company ("Ольга на линии"); after
    a verb, a pronoun, an adverb or a noun of an action it says where one waits ("простите за
    ожидание на линии", "оставайтесь на линии", "вы ещё на линии?")."""
    if words_of(quote) != ["на", "линии"]:
        return False
    end = turn.end_of(["на", "линии"])
    if end is None or end < 3:
        return False
    if end < len(turn.words) and not turn.facts[end].is_known:
        return False  # "приветствую вас на линии кофеофис": the company after it
    before, fact = turn.words[end - 3], turn.facts[end - 3]
    return fact.pos in NOT_A_NAME or before.endswith(("ние", "тие"))


def _spoken_about(turn: Turn, quote: str) -> bool:
    """ "сначала немного про нашу компанию": the company talked about, not named."""
    end = turn.end_of([normal(w) for w in words_of(quote)])
    start = end - len(words_of(quote)) if end is not None else 0
    return bool(_ABOUT & set(turn.words[max(0, start - 2) : start]))


def _declines_name(turn: Turn, intro_item: Item, language: str) -> str | None:
    """What in the turn declines to give one's name ("не обязан представляться", "зачем вам
    моё имя"): it fails the introduction, and is neither a question nor rude by itself."""
    said = turn.hit(intro_item.name, "refusals") or (
        english_declines_name(turn) if language == "en" else about_my_name(turn)
    )
    if said:
        return said
    # the words of a refusal in another order: "не имеет значения, кто я"
    refusals = _of_several_words(intro_item.words("refusals"))
    return turn.text.strip() if _mentions(turn, refusals, language, slack=1) else None


@lru_cache(maxsize=64)
def _of_several_words(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p for p in phrases if len(p.split()) > 1)


def needs(call: Call, item: Item) -> Verdict:
    """A question about the client's situation: not a pitch, not a question about hearing,
    time to talk or the client's name, not an offer or an answer to an objection. A long
    turn that is an offer or a goodbye as a whole is read sentence by sentence too: "Для
    какого объекта? Могу ещё автоматы подобрать." asks before it offers."""
    opening = _opening(call)
    for turn in call.agent_turns:
        if turn.index in call.answer_turns:
            continue  # an answer to an objection counts for that item only
        if turn.index in opening:
            asking = [p for p in turn.utterances if p.has_question_mark] or turn.utterances
            if not any(_names_a_thing(p, _asked_from(p)) for p in asking):
                continue  # "Что у вас?", "Как ваше ничего?": the opening asks how to help, not about what
        judged = _asks_about_the_situation(call, turn, item)
        if judged == _ASKS:
            return Verdict(True, _said(turn, turn.text))
        # a punctuated turn's sentences; speech-to-text parts (the words before a goodbye) are
        # read whole ("записала вас на четверг до встречи" asks nothing)
        if judged == _SAYS_ANOTHER_THING and SENTENCE_MARK.search(turn.text) and len(turn.parts) > 1:
            for part in turn.parts:
                if _asks_about_the_situation(call, part, item) == _ASKS:
                    return Verdict(True, _said(part, part.text))
    return Verdict(False)


_ASKS, _ASKS_NOTHING, _SAYS_ANOTHER_THING = "asks", "asks nothing", "says another thing"


def _asks_who_you_are(turn: Turn) -> bool:
    """ "who are you?", not "who are you using for this at the moment" (the client's supplier)."""
    end = turn.end_of(["who", "are", "you"])
    return end is not None and not (end < len(turn.words) and turn.words[end].endswith("ing"))


def _asks_about_the_situation(call: Call, turn: Turn, item: Item) -> str:
    """Whether a turn (or one sentence of it) asks about the client's situation, asks nothing,
    or is something else that may ask in passing: an offer, a goodbye, a declined name, a
    rude question."""
    language = call.checklist.language
    offer_item = _item_of_kind(call.checklist, "offer")
    intro_item = _item_of_kind(call.checklist, "introduction")
    closing_item = _item_of_kind(call.checklist, "closing")
    if _mentions(turn, item.words("not_needs"), language, slack=2):
        return _ASKS_NOTHING
    if turn.end_of(["вы", "кто"]) or _asks_who_you_are(turn):
        return _ASKS_NOTHING  # "так, а вы кто?" asks who calls, not what they need
    if sum(w not in _leads(language) for w in turn.words) < 2 or not _says_something(
        turn.lemmas, item, language
    ):
        return _ASKS_NOTHING  # "ну?", "чего?", "what is it?": asks nothing about the client
    if closing_item and _closing_said(turn, closing_item):
        return _SAYS_ANOTHER_THING
    if offer_item and _offers_in_words(turn, offer_item, language):
        return _SAYS_ANOTHER_THING  # "а сетку лицевую не надо?" offers, it asks nothing
    if intro_item and _declines_name(turn, intro_item, language):
        return _ASKS_NOTHING  # "зачем вам моё имя?" asks nothing of the client
    by_degree = _answered_by_degree(call, turn, item)
    if not (by_degree or is_question(turn, item, language) or _asks_the_client(call, turn, item)):
        return _ASKS_NOTHING
    # the costlier readings, only for a turn that asks: an offer's question ("положить
    # набор?") or a rude one ("женщина, вы меня вообще слышите?") asks nothing of the client
    if (
        _offers_by_meaning(call, turn)
        and not _question_word(turn, item, language)
        and not _alternative_asked(turn, offer_item, language)
        and not by_degree
    ):
        return _SAYS_ANOTHER_THING
    if _is_rude(call, turn):
        return _SAYS_ANOTHER_THING
    return _ASKS


def _names_a_thing(turn: Turn, start: int = 0) -> bool:
    """A noun among the turn's words from ``start`` other than a greeting's time of day or
    the call's purpose ("какой объём вам нужен", not "доброе утро, как ваше ничего" nor "по
    какому делу"); English, with no parts of speech here, by a word beyond the few an
    opening's "how can I help you" is made of."""
    words, facts = turn.words[start:], turn.facts[start:]
    if any(f.pos for f in facts):
        nouns = ((w, f) for w, f in zip(words, facts, strict=True) if f.pos == "NOUN")
        return any(
            not _TIME_OF_DAY.match(w)
            and w not in _RU_OPENING_WORDS
            and f.lemma not in _PURPOSE
            and not f.is_name  # "ну что там у вас, дежурный оператор оксана": who answers
            and w not in ROLES
            for w, f in nouns
        )
    return any(w not in _OPENING_WORDS for w in words)


def _asked_from(turn: Turn) -> int:
    """Where an opening's question begins: its question word ("моё почтение, чем порадовать",
    "good afternoon, gilt edge framing, how can we oblige"); the greeting and the company's
    name before it ask about nothing. The start when it has none."""
    return next((i for i, w in enumerate(turn.words) if w in ASKING_WORDS), 0)


# what the call is about, asked in the opening: "по какому делу", "какой у вас вопрос"
_PURPOSE = {"дело", "вопрос", "повод", "тема", "цель"}


# what picks up the phone, read as nouns: "ало, чё хотели?" asks about nothing
_RU_OPENING_WORDS = {"ало", "алло", "але", "алле", "че", "чо"}
_OPENING_WORDS = {"how", "can", "may", "i", "help", "you", "what", "is", "it", "who", "this", "please",
                  "yeah", "yes", "speaking", "go", "on", "then", "do", "for", "today", "mhm", "what's", "up",
                  "are", "things", "hi", "hello", "there", "and", "so", "okay", "right", "we", "mm", "hmm",
                  "huh",
                  # "good evening, how can I sort you out?", "what are you after?": how to help
                  "good", "morning", "afternoon", "evening", "sort", "out", "assist", "with", "get", "want",
                  "after", "hey", "hiya", "yo", "to", "the", "me", "us", "need", "thanks", "thank",
                  "calling", "oblige", "serve",
                  # "what's happened?", "what's the problem?": what the call is about, asked
                  "happened", "happening", "wrong", "problem", "matter", "issue", "going",
                  # "sorry, who did you want?"
                  "did", "does"}  # fmt: skip


def offer(call: Call, item: Item) -> Verdict:
    """The agent offers more of the range, not as an answer to an objection: an offering
    phrase, or a proposal in the agent's own words — a verb of offering, adding or taking
    (not told in the past) beside a word for "more" ("хотите, подберу вам ещё…",
    "оформить вместе?", "we could also throw in…"). A turn that says the range is over
    ("акция закончилась") is no offer."""
    spoken_for = _turns_with_another_job(call)
    for turn in call.agent_turns:
        if turn.index in call.answer_turns or turn.hit(item.name, "negations"):
            continue
        quote = _offers_in_words(turn, item, call.checklist.language)
        if quote:
            return Verdict(True, _said(turn, quote))
        meant = _offers_by_meaning(call, turn)
        # the classifier reads a turn's gist; the opening, the goodbye and a question about the
        # client's situation have their own
        if meant and not (turn.index in spoken_for or _asks_which(turn, call)):
            return Verdict(True, _said(turn, turn.text.strip(), meaning=round(meant, 2)))
    return Verdict(False)


# a question word before an offering phrase makes it ask: "what would you like it to look like",
# "сколько возьмёте на первый раз"
_ASKING_WHICH = {"what", "which", "how", "where", "when", "who", "что", "какой", "какую", "какое", "какие",
                 "сколько"}  # fmt: skip


def _opening(call: Call) -> set[int]:
    """The agent's greeting and introduction: the first turn, and the turns after it that
    greet or name someone before the client says more than hello (an outbound call may ask
    its first question before the client speaks: that turn is no opening)."""
    if call.opening is not None:
        return call.opening
    opening: set[int] = set()
    call.opening = opening
    greeting_item = _item_of_kind(call.checklist, "greeting")
    intro_item = _item_of_kind(call.checklist, "introduction")
    russian = call.checklist.language == "ru"
    for turn in call.turns:
        # the client's hello ("Добрый денёк.") does not end the opening, nor their asking whom
        # they reached ("Алло, это эвакуатор?"); what they want does
        hello = greeting_item and (
            turn.hit(greeting_item.name, "phrases") or (russian and _good_time_of_day(turn))
        )
        if turn.speaker == "client" and not hello and not _asks_whom_they_reached(turn):
            break
        if turn.speaker != "agent":
            continue
        introduces = (intro_item and turn.hit(intro_item.name, "phrases")) or first_names(turn)
        if not opening or (greeting_item and turn.hit(greeting_item.name, "phrases")) or introduces:
            opening.add(turn.index)
    return opening


def _asks_whom_they_reached(turn: Turn) -> bool:
    """ "Алло, это эвакуатор?", "Hello, is that the recovery service?": a hello that checks the
    number, before anything is asked for."""
    words = turn.words
    return (
        bool(words)
        and words[0] in _PICK_UP
        and ("это" in words[1:3] or words[1:3] == ["is", "that"] or words[1:3] == ["is", "this"])
    )


_PICK_UP = {"алло", "ало", "алле", "але", "hello", "hi", "hiya"}


def _asks_which(turn: Turn, call: Call) -> bool:
    """A question about the client's situation by a question word or an alternative ("для
    себя смотрите или для организации"): no offer, whatever its words are near to."""
    needs_item = _item_of_kind(call.checklist, "needs")
    offer_item = _item_of_kind(call.checklist, "offer")
    language = call.checklist.language
    return bool(needs_item) and (
        _asks_which_or_is_answered(call, turn, needs_item) or _alternative_asked(turn, offer_item, language)
    )


def _asks_which_or_is_answered(call: Call, turn: Turn, needs_item: Item) -> bool:
    """A question by a question word ("какой объём?"), or a yes/no question the client answers
    by degree or by its very verb ("…стоит" — "стоит, вроде"): an offer's question is neither,
    and the client's next turn answers it rather than objecting."""
    language = call.checklist.language
    return (
        is_question(turn, needs_item, language) and _question_word(turn, needs_item, language)
    ) or _answered_by_degree(call, turn, needs_item)


def _turns_with_another_job(call: Call) -> set[int]:
    """The agent's opening turns (before the client says more than hello) and a last turn
    that says goodbye: "Никон беспокоит, из продаж" or "благодарим за обращение, всех благ"
    are no offer, whatever the words are near to."""
    jobs = set(_opening(call))
    closing_item = _item_of_kind(call.checklist, "closing")
    agent_turns = call.agent_turns
    if agent_turns and closing_item and _closing_said(agent_turns[-1], closing_item):
        jobs.add(agent_turns[-1].index)
    return jobs


def _told_in_the_past(turn: Turn, quote: str) -> bool:
    """A one-word phrase said as a verb in the past: "записала", "взяла", "предложили" tell
    what was done; "запишу", "возьмите", "предложу" and "взяла бы" promise or offer."""
    if " " in quote or quote not in turn.said:
        return False
    at = turn.said.index(quote)
    return turn.facts[at].is_past and "бы" not in turn.words  # "я бы на вашем месте … взяла"


def _offers_in_words(turn: Turn, item: Item, language: str) -> str | None:
    """What in the turn offers by its words: an offering phrase, a proposal of more, or a thing
    asked if not needed ("а сетку не надо?")."""
    return (
        _offering_phrase(turn, item)
        or _proposes_more(turn, item, language)
        or ("не" in turn.words and _asks_if_not_needed(turn))
        or None
    )


def _offering_phrase(turn: Turn, item: Item) -> str | None:
    """The first offering phrase of the turn that is not asked with a question word nor told
    in the past ("извините, что не сразу взяла")."""
    for quote in turn.quotes.get((item.name, "phrases"), ()):
        if _told_in_the_past(turn, quote):
            continue
        words = [normal(w) for w in words_of(quote)]
        end = turn.end_of(words)
        start = end - len(words) if end is not None else 0
        if not (start and turn.words[start - 1] in _ASKING_WHICH):
            return quote
    return None


def _offers_by_meaning(call: Call, turn: Turn) -> float | None:
    """The offer classifier's probability, except for a turn about what was: a verb in the
    past and nothing proposed (no imperative, no infinitive) — "вы сравнивали уже с другими
    вариантами" asks, whatever its words are near."""
    facts = turn.facts
    if any(f.is_past for f in facts) and not any(f.is_imperative or f.pos == "INFN" for f in facts):
        return None
    words = turn.words
    if any(w == "не" and facts[i + 1].is_first_person for i, w in enumerate(words[:-1])):
        return None  # "других услуг не оказываем": what we do not do is no offer
    return call.means("offer", turn)


def _proposes_more(turn: Turn, item: Item, language: str) -> str | None:
    """The offering verb and the word for more, when a turn has both: "подберу … ещё"."""
    lemmas = set(turn.lemmas)
    more = item.words("more")
    extra = next(
        (m for m, words in zip(more, _lemma_sets(more, language), strict=True) if words <= lemmas), None
    )
    if extra is None:
        return None
    offered = _lemma_union(item.words("offer_verbs"), language)
    said = next(
        (w for w, f in zip(turn.words, turn.facts, strict=True) if f.lemma in offered and not f.is_past), None
    )
    return f"{said} … {extra}" if said else None


# "не надо", "не нужна", "не хотите": asked of a thing named after "а", they offer it
_NOT_NEEDED = {"надо", "нужно", "нужен", "нужна", "нужны", "хотите", "желаете"}


def _asks_if_not_needed(turn: Turn) -> str | None:
    """ "А сетку лицевую с курткой не надо? Хорошая вещь.": a thing named after "а", then
    asked if it is not needed, offers it (a word or two of praise may follow; "а вам не надо"
    names no thing). Speech-to-text runs sentences together: the thing is read from the
    last "а" before the question."""
    for part in turn.utterances:
        words = part.words
        if "а" not in words:
            continue
        for i in range(2, len(words) - 1):
            if not (words[i] == "не" and words[i + 1] in _NOT_NEEDED and len(words) - (i + 2) <= 2):
                continue
            # the thing named since the last "а" ("так записываю а шнурки в цвет не хотите")
            start = next((k for k in range(i - 1, -1, -1) if words[k] == "а"), None)
            between = part.facts[start + 1 : i] if start is not None else []
            if any(f.pos == "NOUN" and not f.is_name for f in between):
                return part.quote(start, i + 2 - start)
    return None


def find_objections(call: Call, item: Item) -> None:
    """Every client objection and whether the agent's next turns answer it with substance:
    an argument, an alternative, a commitment, a figure or a day. Letting go or a put-down
    ("ну ладно", "ну и ищите") is no answer, whatever else follows."""
    greeting_item = _item_of_kind(call.checklist, "greeting")
    opening = _opening(call)
    agent_spoke = False
    for turn in call.turns:
        agent_spoke = agent_spoke or turn.speaker == "agent"
        if turn.speaker != "client":
            continue
        if not agent_spoke and greeting_item and turn.hit(greeting_item.name, "phrases"):
            continue  # the client's greeting ("доброго дня") objects to nothing, however near "дорого"
        cls = next((c for c in _objection_classes(call) if turn.hit(f"objections:{c}", "phrases")), None)
        if cls is None and _puts_off(turn, call.checklist.language):
            cls = "timing"  # "давайте я через недельку наберу": the client will come back, later
        if cls is None and call.means("objection", turn) and not _asks_for_it(call, turn, opening):
            cls = "other"  # an objection in words no list holds; its kind is unknown
        if cls is None:
            continue
        window = _answer_window(call, turn)
        answer, answered = None, False
        for n, candidate in enumerate(window):
            letting_go = candidate.hit(item.name, "letting_go")
            if letting_go and _conceded_then_argued(candidate, item):
                letting_go = None  # "fair enough, though the inspection comes free with ours"
            substance = letting_go or _substance(candidate, item)
            if n == 0 and not substance and _bare(_before_goodbye(call, candidate), call.checklist.language):
                letting_go = substance = candidate.text.strip()  # "ладненько", "понятно": nothing said to it
            elif n == 0 and not substance and call.can_mean("letting_go"):
                if call.means("letting_go", candidate):
                    letting_go = substance = candidate.text.strip()  # "ну смотрите сами", in other words
                else:
                    substance = candidate.text.strip()  # an answer the classifier does not read as letting go
            if n == 0 or substance:
                # the first turn answers (or fails to); a later one only when it says something
                call.answer_turns.add(candidate.index)
            if letting_go:
                # "Понимаю. Зато гарантия три года.": a concession, then the argument said next
                argued = next((a for later in window[n + 1 :] if later.index == candidate.index
                               and (a := _substance(later, item))), None)  # fmt: skip
                if argued:
                    answered, answer = True, argued
                    break
                answer = letting_go
                call.letting_go.append(candidate)
                break
            if substance:
                answered, answer = True, substance
                break
        quote = turn.hit(f"objections:{cls}", "phrases") or turn.text
        call.objections.append(Objection(cls, redact(quote), turn.at, answered, answer and redact(answer)))


# the client coming back of their own accord, later: a verb of calling or coming back said of
# oneself and a word of "later" ("давайте я через недельку наберу", "I'll ring back in a week")
_RU_COME_BACK = {"позвонить", "перезвонить", "набрать", "связаться", "написать", "вернуться", "заехать",
                 "зайти", "подъехать", "обратиться", "отзвониться"}  # fmt: skip
_RU_LATER = {
    "через",
    "позже",
    "попозже",
    "потом",
    "завтра",
    "послезавтра",
    "неделька",
    "неделя",
    "месяц",
    "вечером",
    "следующий",
    "попозднее",
}  # fmt: skip (lemmas)
_EN_COME_BACK = re.compile(
    r"\b(?:i'll|i will|we'll|we will|let me)\s+"
    r"(?:ring|call|phone|get|come|pop|give you a ring|give you a call)(?:\s+you)?\s+"
    r"(?:back|again|later|tomorrow|next|in a|in the)\b"
)


_EN_CALLS = {"ring", "call", "phone", "get", "come", "pop", "give"}


def _puts_off(turn: Turn, language: str) -> bool:
    """The client says they will come back later themselves: a timing objection, in any words."""
    words = turn.words
    if language == "en":
        return any(w in _EN_CALLS for w in words) and bool(_EN_COME_BACK.search(" ".join(words)))
    if not any(f.lemma in _RU_LATER for f in turn.facts):
        return False
    said = zip(turn.lemmas, turn.facts, strict=True)
    return any(lemma_ in _RU_COME_BACK and fact.is_first_person for lemma_, fact in said)


def _answer_window(call: Call, objected: Turn) -> list[Turn]:
    """What the agent says next after an objection, part by part (a long turn's sentences,
    or its words before a goodbye), over up to ``objection_answer_turns`` turns, up to the
    goodbye: "А, ну тогда ладно. Возникнут вопросы — набирайте" lets go, the goodbye after it
    is no answer."""
    closing_item = _item_of_kind(call.checklist, "closing")
    window: list[Turn] = []
    after = objected.index + 1
    for following in call.turns[after : after + call.checklist.objection_answer_turns]:
        if following.speaker != "agent":
            break
        for part in following.utterances:
            if window and closing_item and part.hit(closing_item.name, "phrases"):
                return window  # the goodbye is not the answer
            window.append(part)
    return window


# the parts of speech that name a thing, an action or a quality: a client's turn without
# any ("вот оно что", "ну-ну") reacts, it objects to nothing
_CONTENT_POS = {"NOUN", "VERB", "INFN", "ADJF", "ADJS", "COMP", "PRED", "ADVB", "PRTF", "PRTS", "GRND"}
_NEGATIONS = {"не", "нет", "ни", "no", "not", "don't", "won't", "can't", "nope"}


def _asks_for_it(call: Call, turn: Turn, opening: set[int]) -> bool:
    """A client's turn that objects to nothing, for the classifier: a reaction that names
    nothing ("вот оно что"), or what the client wants, said before the agent has said more
    than the opening ("ищем кофемашину в офис", "вы в аренду даёте?")."""
    if not _says_a_thing(turn):
        return True
    asked = call.previous_turn(turn)
    needs_item = _item_of_kind(call.checklist, "needs")
    language = call.checklist.language
    if (
        asked
        and asked.speaker == "agent"
        and needs_item
        and turn.words[0] not in {"нет", "no", "nope", "nah"}
        and (_asks_which_or_is_answered(call, asked, needs_item) or _asks_the_client(call, asked, needs_item))
    ):
        # "не знаю пока" after "какой объём?", "весной подтапливает" after "грунтовые воды у
        # вас высоко стоят" answer; "нет, это лишнее" refuses
        return True
    said_before = [t for t in call.turns[: turn.index] if t.speaker == "agent"]
    intro_item = _item_of_kind(call.checklist, "introduction")
    return bool(said_before) and all(
        t.index in opening or (intro_item and _declines_name(t, intro_item, language)) for t in said_before
    )


def _says_a_thing(turn: Turn) -> bool:
    if set(turn.words) & _NEGATIONS:
        return True
    # pymorphy reads Russian only; an English word has no part of speech and counts
    return any(f.pos in _CONTENT_POS or not f.pos for f in turn.facts if f.lemma not in _EMPTY)


def _bare(turn: Turn, language: str) -> bool:
    """An answer of two words or fewer beyond the leads, pronouns and acknowledgements
    ("ладненько", "ну, понятно", "угу, поняла вас"): too short to hold an argument, an
    alternative or a commitment."""
    leads = _leads(language)
    said = [
        w
        for w, f in zip(turn.words, turn.facts, strict=True)
        if w not in leads and w not in _SAYS_NOTHING and f.pos != "NPRO" and f.lemma not in _UNDERSTOOD
    ]
    return len(said) <= 2


def _before_goodbye(call: Call, turn: Turn) -> Turn:
    """The turn up to its first goodbye without a verb ("принято всех благ до свидания" →
    "принято"): what it says to what came before."""
    goodbyes = _verbless_goodbyes(call, turn)
    if not goodbyes:
        return turn
    return turn.words_between(0, min(goodbyes))


def _verbless_goodbyes(call: Call, turn: Turn) -> list[int]:
    """Where each goodbye without a verb starts in the turn ("до свидания", "удачи"; not
    "перезвоню", not "я не буду ждать"): it parts, it promises and pushes nothing."""
    closing_item = _item_of_kind(call.checklist, "closing")
    if not closing_item:
        return []
    return [
        start
        for start, end in turn.positions_of((closing_item.name, "phrases"))
        if not any(f.pos in {"VERB", "INFN"} for f in turn.facts[start:end])
    ]


_UNDERSTOOD = {"понять", "понимать", "understand", "see"}


_BUT = {"but", "though", "although", "however", "но", "однако", "зато", "хотя"}


def _conceded_then_argued(turn: Turn, item: Item) -> bool:
    """A concession followed by "but"/"though" and substance: "fair enough, though delivery
    is included" answers; "fair enough" alone lets go."""
    words = turn.words
    at = next((i for i, w in enumerate(words) if w in _BUT), None)
    if at is None:
        return False
    if len(words) - at - 1 >= 6 or any(f.is_number_or_day for f in turn.facts[at + 1 :]):
        return True
    # an argument, an alternative or a commitment said after the "but"
    quotes = (
        q
        for name in ("arguments", "alternatives", "commitments")
        for q in turn.quotes.get((item.name, name), ())
    )
    return any((turn.end_of([normal(w) for w in words_of(q)]) or 0) > at + 1 for q in quotes)


def _substance(turn: Turn, item: Item) -> str | None:
    """What in an answer engages with the objection: an argument, an alternative, a
    commitment, or a figure or a day."""
    for name in ("arguments", "alternatives", "commitments"):
        for quote in turn.quotes.get((item.name, name), ()):
            if not _told_in_the_past(turn, quote):
                return quote
        quote = turn.hit(item.name, name)
        if quote and (item.name, name) not in turn.quotes:
            return quote  # a word list's hit
    figures = [w for w, f in zip(turn.words, turn.facts, strict=True) if f.is_number_or_day]
    return figures[0] if figures else None


def objection(call: Call, item: Item) -> Verdict:
    unanswered = [o for o in call.objections if not o.answered]
    if not call.objections:
        return Verdict(True)
    first = unanswered[0] if unanswered else call.objections[0]
    evidence = {
        "quote": first.quote,
        "at": first.at,
        "objection": first.objection_class,
        "answered": first.answered,
    }
    if first.answer:
        evidence["answer"] = first.answer
    return Verdict(not unanswered, evidence)


def closing(call: Call, item: Item, needs_item: Item | None) -> Verdict:
    """The agent's last turn says goodbye or names the next step, and does not say it over
    a question the client has just asked."""
    agent_turns = call.agent_turns
    if not agent_turns:
        return Verdict(False)
    last = agent_turns[-1]
    quote = _closing_said(last, item)
    if not quote:
        return Verdict(False)
    before = call.previous_turn(last)
    language = call.checklist.language
    if (
        before
        and before.speaker == "client"
        # "Сколько?! Ночью грабёж какой-то." objects: its answer is judged as objection handling
        and not any(o.at == before.at for o in call.objections)
        and _client_asks(before, needs_item, language)
        and not _says_more_before_goodbye(call, last, item)
    ):
        return Verdict(False, _said(before, before.text, unanswered_question=True))
    return Verdict(True, _said(last, quote))


# an answer's words that say nothing to a question or an objection: the client's
# acknowledgements above and a yes or a thanks ("хорошо, спасибо, до свидания")
_SAYS_NOTHING = _ACKNOWLEDGEMENTS | {"да", "благодарю", "yes", "yeah", "thank", "alright", "lovely", "cheers"}


def _says_more_before_goodbye(call: Call, turn: Turn, item: Item) -> bool:
    """The agent's last turn answers the client's question before the goodbye: in a sentence
    of its own ("По субботам до трёх. Всего доброго."; leads and a bare "Хорошо, спасибо."
    answer nothing), or, said without punctuation (speech-to-text, Russian), in words before
    the first closing phrase that name a thing or a number ("на юг солнце весь день всего
    доброго"). A thanks, a "рады", an order or "до субботы" there are part of the goodbye
    ("рада была помочь до свидания", "значит до субботы счастливо")."""
    language = call.checklist.language
    if not SENTENCE_MARK.search(turn.text):
        if language == "ru":
            return _answers_before_goodbye(call, turn, item)
        return _answers_before_goodbye_en(call, turn, item)
    said_first = []
    for part in turn.parts:
        if part.hit(item.name, "phrases"):
            break
        said_first += part.words
    said = [w for w in said_first if w not in _leads(language) and w not in _SAYS_NOTHING]
    return len(said) >= 2


def _answers_before_goodbye(call: Call, turn: Turn, item: Item) -> bool:
    """Words before the first goodbye or promise that name a thing (a noun, an adjective, a
    number), with no verb and no wish among them: "на юг солнце весь день" answers; "смету
    скину к обеду", "записала вас на четверг", "хорошего вам вечера" are the goodbye."""
    first = _first_goodbye(call, turn, item)
    # "тысячи три коробок в месяц, спасибо, до связи", "с подогревом рады помочь до связи",
    # "метров шесть спасибо вам удачного вечера": the thanks belong to the goodbye
    start = first
    while start and turn.words[start - 1] in _PART_OF_GOODBYE | _WITH_THE_THANKS:
        start -= 1
    if any(w in _PART_OF_GOODBYE for w in turn.words[start:first]):
        first = start
    words, facts = turn.words[:first], turn.facts[:first]
    if len(words) > 1 and words[0] in _YES_OR_NO:
        return True  # "да выставляем, спасибо, до связи": yes, and what
    if len(words) < 2 or any(w in _PART_OF_GOODBYE or w.startswith(_WISHES) for w in words):
        return False
    if any(f.pos in _VERB_FORMS for f in facts):  # "набирайте", "скину", "записала"
        return False
    return any(
        f.pos in {"NOUN", "NUMR", "ADJF"}
        and not f.is_number_or_day
        and not (i and words[i - 1] in _TIME_PREPOSITIONS)
        for i, f in enumerate(facts)
    )


def _answers_before_goodbye_en(call: Call, turn: Turn, item: Item) -> bool:
    """English without punctuation, where no part of speech is known: a yes or no, or three
    words or more with a figure before the first goodbye or promise, nobody's promise ("about
    six metres by four we'll see you friday goodbye" answers; "right that's everything then
    goodbye" and "i'll send it over bye" do not)."""
    words = turn.words[: _first_goodbye(call, turn, item)]
    while words and words[-1] in _EN_BEFORE_A_GOODBYE:
        words = words[:-1]  # "… we'll see you friday": the goodbye's own subject
    if len(words) > 1 and words[0] in _EN_YES_OR_NO:
        return True
    if len(words) < 3 or any(w in EN_FIRST_PERSON for w in words):
        return False
    # a figure says what was asked ("about six metres by four", "she turned six in june");
    # words without one may be the next step ("invoice lands before lunch goodbye")
    return any(w in EN_NUMBERS or w in {"couple", "few", "dozen"} or w.isdigit() for w in words)


# words that open a goodbye rather than end an answer
_EN_BEFORE_A_GOODBYE = {"we'll", "i'll", "we", "i", "will", "then", "so", "and", "okay", "right"}
_EN_YES_OR_NO = {"yes", "yeah", "yep", "no", "nope"}


def _first_goodbye(call: Call, turn: Turn, item: Item) -> int:
    """Where the turn's first closing phrase or promise starts (0 if it has none)."""
    objection_item = _item_of_kind(call.checklist, "objection")
    keys = [(item.name, "phrases")] + ([(objection_item.name, "commitments")] if objection_item else [])
    return min((start for key in keys for start, _ in turn.positions_of(key)), default=0)


_VERB_FORMS = {"VERB", "INFN", "PRTS", "PRTF", "GRND"}
_YES_OR_NO = {"да", "нет", "конечно"}
_WISHES = ("хорош", "добр", "удачн", "приятн", "отличн", "всего", "всех")
_TIME_PREPOSITIONS = {"до", "в"}  # "до обеда", "в пятницу": the next meeting, not an answer
_PART_OF_GOODBYE = {"спасибо", "благодарю", "благодарим", "рад", "рада", "рады", "всегда"}
_WITH_THE_THANKS = {"вам", "вас", "помочь", "был", "была", "были", "большое", "очень"}


def _closing_said(turn: Turn, item: Item) -> str | None:
    """The first closing phrase of the turn, except a lone verb told in the past: "пришлю"
    names the next step, "записал" and "я её вам отправила" tell what is done, "а раньше
    вы к кому-то обращались" asks ("спасибо, что обратились" is a phrase and closes); nor
    said in the infinitive or as an order ("пришлите реквизиты" asks the client to send)."""
    for quote in turn.quotes.get((item.name, "phrases"), ()):
        if not (_told_in_the_past(turn, quote) or _not_said_as_a_goodbye(turn, quote)):
            return quote
    if len(turn.words) > 1 and turn.words[-1] in _PARTING_LAST:
        return turn.said[-1]  # "ну всё, пока": "пока" ending the turn parts ("пока нет" does not)
    wished = _good_time_of_day_ends(turn)
    if wished:
        return wished  # "признательны за звонок, доброго дня": a good day wished at the end parts
    for i, f in enumerate(turn.facts):
        # "right, speak monday then", "see you on the fifth": when we speak again is the next step
        if f.lemma in _SPEAK_AGAIN and any(g.is_number_or_day for g in turn.facts[i + 1 : i + 4]):
            return turn.quote(i, 2)
    return None


def _not_said_as_a_goodbye(turn: Turn, quote: str) -> bool:
    """A one-word goodbye said in the infinitive or as an order ("до утра ждать опасно" reads
    "жду" as "ждать"; "пришлите реквизиты" asks the client to send): a verb of the sentence
    (dialogue.said_as_a_goodbye)."""
    if " " in quote:
        return False  # most quotes: several words
    at = turn.end_of([normal(quote)])
    return at is not None and not said_as_a_goodbye(turn.facts[at - 1])


def _good_time_of_day_ends(turn: Turn) -> str | None:
    """A wish of a good time of day among the last three words of a turn: at its start it
    greets, at its end it parts."""
    words = turn.words
    for i in range(max(0, len(words) - 3), len(words) - 1):
        russian = _GOOD.match(words[i]) and _TIME_OF_DAY.match(words[i + 1])
        # "much obliged for the call, good afternoon": the same in English, after other words
        english = i and words[i] == "good" and words[i + 1] in _EN_TIMES_OF_DAY
        if russian or english:
            return turn.quote(i, 2)
    return None


_EN_TIMES_OF_DAY = {"morning", "afternoon", "evening", "day", "night"}


_SPEAK_AGAIN = {"speak", "talk", "see", "until", "expect", "созваниваться", "созвониться", "увидеться",
               "встретиться", "ожидать"}  # fmt: skip


_PARTING_LAST = {"пока", "bye"}
# a client's turn ending with what may be or is there asks whether it is (no punctuation)
_ASKED_LAST = {"можно", "есть", "бывает", "работаете", "делаете", "принимаете"}
_AGREED = {"ладно", "хорошо", "да", "ну", "ок", "угу", "ага", "давайте"}  # "ладно, так можно"


def _client_asks(turn: Turn, needs_item: Item | None, language: str) -> bool:
    if turn.has_question_mark:
        return True
    # "а где вы находитесь" asks; "А, ясно теперь." acknowledges
    if language == "ru" and turn.words[:1] == ["а"] and len(turn.words) > 2:
        return not set(turn.words[1:]) <= _ACKNOWLEDGEMENTS | _UNDERSTOOD_NOW
    if (
        language == "ru"
        and len(turn.words) > 1
        and turn.words[0] not in _AGREED | {"можно"}  # "можно посмотреть": agreed
        and not SENTENCE_MARK.search(turn.text)  # a transcript with punctuation marks its questions
        and (
            turn.words[-1] in _ASKED_LAST  # "картой оплатить можно", "рассрочка бывает"
            # "наличными можно рассчитаться": whether it may be done
            or ("можно" in turn.words and any(f.pos == "INFN" for f in turn.facts))
            # "счёт-фактуру выставляете", "в область довезёте бесплатно": what the company does,
            # said to it, asks whether it does (no "я"/"мы" telling of oneself)
            or (any(f.is_said_to_you for f in turn.facts) and not {"я", "мы"} & set(turn.words))
            # "вы в воскресенье открыты": what the company is, said to it ("вы очень добры,
            # спасибо" thanks)
            or (
                "вы" in turn.words
                and any(f.pos in {"PRTS", "ADJS"} for f in turn.facts)
                and not _THANKS & set(turn.words)
            )
        )
    ):
        return True
    return bool(needs_item) and is_question(turn, needs_item, language)


_THANKS = {"спасибо", "благодарю", "благодарим", "спасибочки"}
_UNDERSTOOD_NOW = {"теперь", "все", "понял", "поняла", "дошло", "ясненько", "понятненько"}


def rudeness(call: Call, item: Item) -> Verdict:
    """Rude by words or by tone (blame, sarcasm, impatience, dismissal, a client called
    "мужчина"); a word used literally ("тупой угол", "угол там тупой") is not. ``tone``
    phrases count when all their words are in one turn, in any order and with words
    between ("я же вам уже объяснил"). Where no list finds rudeness, the meaning
    classifier may ("rude in words no list holds")."""
    hits = [found for turn in call.agent_turns if (found := _rude_by_words(call, turn, item))]
    if not hits:
        # a long turn read sentence by sentence: one rude sentence among polite ones is rude
        # (and only so: the classifiers learnt sentences, and a long turn's largest and
        # smallest word values stretch with its length)
        hits = [found for turn in call.agent_turns for part in turn.utterances
                if (found := _rude_by_meaning(call, part))]  # fmt: skip
    if not hits:
        hits = [found for turn in call.agent_turns if (found := _rude_in_a_run(call, turn))]
    if hits:
        return Verdict(False, {**hits[0], "hits": len(hits)})
    return Verdict(True)


def _rude_by_words(call: Call, turn: Turn, item: Item) -> dict | None:
    """The evidence that a turn is rude by the lists: an address, a phrase, a tone."""
    language = call.checklist.language
    vocatives = set(item.words("vocatives"))
    if vocatives & set(turn.words):  # the parts are read only when a vocative is said at all
        for part in turn.utterances:  # "…в августе. Женщина, до вас доходит или нет?"
            if part.words[:1] and part.words[0] in vocatives:
                return _said(part, part.said[0], tone=True)
    quote = turn.hit(item.name, "phrases")
    if quote:
        return None if _said_literally(turn, quote, item, language) else _said(turn, quote)
    tone = item.words("tone")
    # the words of a tone close together: "сколько раз вам можно объяснять" pushes, "назовите,
    # сколько вам предложили, и я посмотрю, что можно сделать" does not
    if tone and _mentions(turn, tone, language, slack=_TONE_SLACK):
        intro_item = _item_of_kind(call.checklist, "introduction")
        if intro_item and _declines_name(turn, intro_item, language):
            return None  # "представляться не обязана": declining one's name fails the introduction only
        return _said(turn, turn.text.strip(), tone=True)
    pushed = language == "ru" and (
        _pushed(turn)
        or _not_yours_to(turn)
        or _asks_if_listening(turn)
        or _everyone_knows(turn)
        # (each read only when its word is there: most turns have none, and a call costs)
        or ("уже" in turn.words and _hurried_after_the_opening(call, turn))
        or ("сами" in turn.words and _blamed(turn))
        or ("будьте" in turn.words and _called_names(turn))
        or ("что," in turn.text and _reproached(turn))
        or ("написано" in turn.words and _sent_to_read(turn))
        or ("кто" in turn.words and ("так" in turn.words or "ну" in turn.words) and _who_does_it_so(turn))
        or ("хоть" in turn.words and _did_you_even(turn))
    )
    pushed = pushed or _labels_the_client(turn, language)
    pushed = pushed or (language == "en" and "now" in turn.words and _blamed_en(turn))
    mocked = language == "en" and "who" in turn.words and "like" in turn.words
    pushed = pushed or (mocked and _who_does_it_en(turn))
    if pushed:
        return _said(turn, pushed, tone=True)
    return None


def _not_yours_to(turn: Turn) -> str | None:
    """ "Не вам решать", "не вам меня учить": whose place it is not, to the client."""
    words = turn.words
    if "вам" not in words:
        return None
    for i in range(len(words) - 2):
        if words[i : i + 2] == ["не", "вам"]:
            after = range(i + 2, min(i + 4, len(words)))
            verb = next((j for j in after if turn.facts[j].pos == "INFN"), None)
            if verb is not None:
                return turn.quote(i, verb - i + 1)
    return None


# whether the client hears, listens or understands at all, asked of them: "вы меня хоть
# чуть-чуть слышите", "вы вообще понимаете, о чём речь" ("вы меня хорошо слышите?" checks the line)
_PERCEIVE = {"слышать", "слушать", "понимать", "соображать", "вникать", "доходить", "догонять"}
_AT_ALL = {"вообще", "хоть", "хотя"}


def _asks_if_listening(turn: Turn) -> str | None:
    if "вы" not in turn.words or not any(w in _AT_ALL for w in turn.words):
        return None
    lemmas = turn.lemmas
    for i, lemma_ in enumerate(lemmas):
        if lemma_ != "вы":
            continue
        near = range(i + 1, min(i + 6, len(lemmas)))
        if any(lemmas[j] in _AT_ALL for j in near) and any(lemmas[j] in _PERCEIVE for j in near):
            end = max(j for j in near if lemmas[j] in _PERCEIVE | _AT_ALL)
            return turn.quote(i, end - i + 1)
    return None


_TONE_SLACK = 4

# "об этом все знают", "это же всем известно": what everyone knows held against the client
# ("все знают наш бренд" is a pitch, "я всё про это знаю" one's own knowledge)
_EVERYONE_KNOWS = (["все", "знают"], ["знают", "все"], ["каждый", "знает"], ["всем", "известно"],
                   ["известно", "всем"], ["все", "в", "курсе"])  # fmt: skip
_THIS = {"это", "этом", "этого"}
_EVERYONE = {"все", "весь", "каждый"}  # as lemmas


# what the client does, named as bad behaviour to their face: "ещё и спорите", "вы
# капризничаете", "and now you're arguing", "stop whining"
_RU_BEHAVIOUR = {"спорить", "препираться", "капризничать", "ныть", "истерить", "паниковать", "придираться",
                 "возмущаться", "скандалить", "выдумывать"}  # fmt: skip
_EN_BEHAVIOUR = re.compile(
    r"\b(?:you're|you are|stop)\s+(?:just\s+|still\s+)?(?:arguing|whining|moaning|panicking|overreacting|"
    r"being difficult|nitpicking|kicking off|dithering|dawdling|waffling|rambling|faffing|"
    r"umming and ahhing)\b"
    r"|\bnothing better to do\b"
)


def _labels_the_client(turn: Turn, language: str) -> str | None:
    """The words that name the client's behaviour as bad to their face, if the turn has them."""
    if language == "en":
        if turn.lemma_set.isdisjoint(_EN_BEHAVIOUR_WORDS):
            return None
        found = _EN_BEHAVIOUR.search(" ".join(turn.words))
        return found.group(0) if found else None
    if turn.lemma_set.isdisjoint(_RU_BEHAVIOUR_READ_AS):
        return None
    for found in _RU_BEHAVIOUR_SAID.finditer(" ".join(turn.words)):
        if _behaviour_to_you(found.group(0)):
            return found.group(0)
    return None


# the lemmas those forms are read as at first ("спорите" as "спороть", to unpick; "истерите")
_RU_BEHAVIOUR_READ_AS = _RU_BEHAVIOUR | {"спороть", "истерита"}
# a form of those verbs said to "вы" ("спорите", "придираетесь"): the only words read for them
_RU_BEHAVIOUR_SAID = re.compile(
    r"\b(?:спор|препир|каприз|но|ны|истер|паник|придир|возмущ|скандал|выдумыв)\w*те(?:сь)?\b"
)
_EN_BEHAVIOUR_WORDS = {"arguing", "whining", "moaning", "panicking", "overreacting", "difficult",
                       "nitpicking", "kicking", "nothing", "dithering", "dawdling", "waffling", "rambling",
                       "faffing", "umming"}  # fmt: skip


@lru_cache(maxsize=4096)
def _behaviour_to_you(word: str) -> bool:
    """Any reading of the word is one of those verbs said to "вы" ("спорите" is also the order
    to unpick a seam, "спороть": the likeliest reading alone would miss it)."""
    return any(
        normal(p.normal_form) in _RU_BEHAVIOUR and {"2per", "indc"} <= p.tag.grammemes
        for p in morph().parse(word)
    )


def _everyone_knows(turn: Turn) -> str | None:
    words = turn.words
    if turn.lemma_set.isdisjoint(_EVERYONE):
        return None
    for phrase in _EVERYONE_KNOWS:
        end = turn.end_of(phrase)
        if end is None:
            continue
        start = end - len(phrase)
        if _THIS & set(words[max(0, start - 3) : start]) or words[end : end + 1] in (["это"], ["об"]):
            return turn.quote(start, len(phrase))
    return None


def _pushed(turn: Turn) -> str | None:
    """An order followed by "что ли" ("записывайте, что ли", "почитайте что ли"): impatience,
    whatever the verb."""
    words = turn.words
    if "ли" not in turn.words:
        return None
    for i in range(1, len(words) - 1):
        if words[i : i + 2] == ["что", "ли"] and turn.facts[i - 1].is_imperative:
            return turn.quote(i - 1, 3)
    return None


def _sent_to_read(turn: Turn) -> str | None:
    """ "Сайт есть, там всё написано, читайте": the client sent off to read for themselves
    ("на коробке всё написано" informs)."""
    if "написано" not in turn.text:
        return None
    order = next((i for i, f in enumerate(turn.facts) if f.is_imperative and f.lemma in _READ), None)
    return turn.quote(order, 1) if order is not None else None


_READ = {"читать", "почитать", "прочитать", "прочесть", "смотреть", "посмотреть"}


def _called_names(turn: Turn) -> str | None:
    """ "Не будьте жадиной", "не будьте наивным": what the client is told not to be, in the
    instrumental, calls them it ("будьте любезны" and "не будьте так категоричны" do not)."""
    if "будьте" not in turn.text:
        return None
    words = turn.words
    for i in range(len(words) - 2):
        if words[i : i + 2] == ["не", "будьте"] and _instrumental(words[i + 2]):
            return turn.quote(i, 3)
    return None


@lru_cache(maxsize=4096)
def _instrumental(word: str) -> bool:
    return any(p.tag.case == "ablt" and p.tag.POS in {"NOUN", "ADJF"} for p in morph().parse(word)[:2])


def _who_does_it_so(turn: Turn) -> str | None:
    """ "Голова садовая, кто ж так делает", "кто так комп собирает?": who does it like that,
    asked of what the client does, mocks it ("кто так сказал?" asks who, in the past)."""
    words = turn.words
    for i in range(len(words) - 2):
        if words[i] != "кто":
            continue
        j = i + 2 if words[i + 1] in {"ж", "же"} else i + 1
        # "ну кто же коляску по цвету выбирает": after "ну" and "же" the thing may come first
        rhetorical = i > 0 and words[i - 1] == "ну" and j == i + 2
        if words[j : j + 1] != ["так"] and not rhetorical:
            continue
        verb = next((k for k in range(j, min(j + 5, len(words))) if turn.facts[k].pos == "VERB"), None)
        if verb is not None and not turn.facts[verb].is_past:
            return turn.quote(i, verb - i + 1)
    return None


# "вы хоть раз пробовали": ever, a question; "вы хоть инструкцию открывали": whether at all
_EVER = {"раз", "немного", "чуть", "иногда", "когда"}


def _did_you_even(turn: Turn) -> str | None:
    """ "Милочка, вы хоть инструкцию открывали": whether the client did it at all, asked of
    them, patronises (a verb in the past within three words of "вы хоть")."""
    words = turn.words
    for i in range(len(words) - 2):
        if words[i : i + 2] != ["вы", "хоть"] or words[i + 2] in _EVER:
            continue
        past = next((k for k in range(i + 2, min(i + 5, len(words))) if turn.facts[k].is_past), None)
        if past is not None:
            return turn.quote(i, past - i + 1)
    return None


_EN_WHO_DOES_IT = re.compile(r"\bwho (?:even )?(?:does|\w+s) (?:\w+ ){0,3}like that\b")


def _who_does_it_en(turn: Turn) -> str | None:
    """ "Who does it like that", "who builds a pc like that": what the client does, mocked."""
    found = _EN_WHO_DOES_IT.search(" ".join(turn.words))
    return found.group(0) if found else None


def _reproached(turn: Turn) -> str | None:
    """ "Вы что, на здоровье отца экономить собрались?", "Ты что, маленький?": "вы что" or "ты
    что" set off by a comma opens a reproach ("вы что будете брать" asks; speech-to-text, with
    no comma, is not read)."""
    if "что," not in turn.text:
        return None  # most turns: no "что" set off by a comma at all
    found = re.search(r"(?:^|[.!?]\s*)((?:вы|ты) что,)", turn.text, re.IGNORECASE)
    return found.group(1) if found else None


def _hurried_after_the_opening(call: Call, turn: Turn) -> str | None:
    """ "Ну, говорите уже" picks up the phone; after the opening, the same order hurries."""
    hurried = _hurried(turn)
    return hurried if hurried and turn.index not in _opening(call) else None


def _hurried(turn: Turn) -> str | None:
    """An order that ends its sentence with "уже": "говорите адрес уже", "решайте уже" hurry
    the client ("проходите, мастер уже ждёт" does not end with it)."""
    if "уже" not in turn.words:
        return None
    for part in turn.utterances:
        words = part.words
        if len(words) > 1 and words[-1] == "уже":
            order = next((i for i in range(len(words) - 1) if part.facts[i].is_imperative), None)
            if order is not None:
                return part.quote(order, len(words) - order)
    return None


# "сами ключи оставили, а теперь звоните": what the client did, held against what they do now
_NOW = (["а", "теперь"], ["а", "потом"], ["а", "сейчас"])


def _blamed(turn: Turn) -> str | None:
    if "сами" not in turn.words:
        return None
    words = turn.words
    for i, word in enumerate(words):
        if word != "сами" or (i and words[i - 1] in {"мы", "я"}):
            continue
        past = next((j for j in range(i + 1, min(i + 4, len(words))) if turn.facts[j].is_past), None)
        if past is not None and any(turn.end_of(now) for now in _NOW):
            return turn.quote(i, past - i + 1)
    return None


_EN_BLAME = re.compile(
    r"\byou (?:\w+ed|left|lost|forgot|broke|chose|bought|took|did|made|let|put|gave|said|told|went|rang|"
    r"called|shut)\b.*?\b(?:and |but )?now you\b"
)


def _blamed_en(turn: Turn) -> str | None:
    """ "You left the keys inside, now you ring at one in the morning": what the client did,
    held against what they do now."""
    if "now" not in turn.words:
        return None
    found = _EN_BLAME.search(" ".join(turn.words))
    return found.group(0) if found else None


def _rude_by_meaning(call: Call, turn: Turn) -> dict | None:
    meant = call.means("rude", turn)  # asked first: most turns are not, and the rest is dearer
    if not meant or _not_rude_by_meaning(call, turn):
        return None
    return _said(turn, turn.text.strip(), meaning=round(meant, 2))


def _not_rude_by_meaning(call: Call, turn: Turn) -> bool:
    """Turns whose tone the classifier may misread: they fail another item, or none."""
    if turn.index in _opening(call) or first_names(turn):
        return True  # "зовите меня просто Прохор" introduces; the classifier reads only its tone
    if any(turn is let or let in turn.parts for let in call.letting_go):
        return True  # "ну и делайте сами тогда" lets the objection go: it fails that item, not politeness
    if _verbless_goodbyes(call, turn):
        return True  # "возникнут вопросы — набирайте, до свидания": an order that parts, not one that pushes
    needs_item = _item_of_kind(call.checklist, "needs")
    if needs_item and _mentions(turn, needs_item.words("not_needs"), call.checklist.language, slack=2):
        return True  # "вы меня хорошо слышите?" checks the line, however close to "вы меня вообще слышите?"
    intro_item = _item_of_kind(call.checklist, "introduction")
    # declining one's name fails the introduction; only rude words make it rude too
    return bool(intro_item and _declines_name(turn, intro_item, call.checklist.language))


# a speech-to-text turn has no sentences to read apart ("спецпредложения закончились вы с луны
# свалились что ли"): its runs of five words are read by the rude classifier, and one counts
# only where the classifier is surer than it must be of a whole turn. Scoring fresh4 and
# fresh13 to fresh16 with classifiers trained on the other splits, politeness went from 0.92 /
# 0.68 (precision / recall of failures) to 0.92 / 0.71 at 0.95, and to 0.91 / 0.72 at 0.9 (two
# agents called rude who were not: a false rude verdict costs pay, so 0.95)
_RUN, _RUN_SURE, _RUN_FROM = 5, 0.95, 9


def _rude_in_a_run(call: Call, turn: Turn) -> dict | None:
    """The surest rude run of words in a long turn without punctuation, read in full; the
    exceptions of a rude turn hold for the turn and for the run ("i'd rather not say my name
    just tell me what you need" declines a name, whatever "not say my name just" reads as)."""
    if len(turn.words) < _RUN_FROM or SENTENCE_MARK.search(turn.text) or not call.can_mean("rude"):
        return None
    sure = [(p, run) for run in turn.runs(_RUN) if (p := call.means("rude", run)) and p >= _RUN_SURE]
    if not sure or turn.read_piece is None or _not_rude_by_meaning(call, turn):
        return None
    meant, run = max(sure, key=lambda found: found[0])
    piece = turn.read_piece(run.text)
    return None if _not_rude_by_meaning(call, piece) else _said(piece, run.text, meaning=round(meant, 2))


def _is_rude(call: Call, turn: Turn) -> bool:
    rude_item = _item_of_kind(call.checklist, "rudeness")
    return bool(rude_item and (_rude_by_words(call, turn, rude_item) or _rude_by_meaning(call, turn)))


def _said_literally(turn: Turn, quote: str, item: Item, language: str) -> bool:
    """The rude word is part of a literal or kind phrase the turn has, in any order ("угол
    там тупой" is "тупой угол"), or a word with a physical meaning describes a thing beside
    it ("тупые ножницы"; "тупой вопрос" stays rude)."""
    quoted = {facts(w, language).lemma for w in quote.split()}
    lemmas = set(turn.lemmas)
    if any(quoted <= words <= lemmas for words in _lemma_sets(item.words("literal"), language)):
        return True
    physical = set(item.words("physical"))
    if len(quoted) != 1 or not quoted <= physical:
        return False
    at = next((i for i, f in enumerate(turn.facts) if f.lemma in quoted), None)
    if at is None:
        return False
    near = turn.facts[max(0, at - 2) : at] + turn.facts[at + 1 : at + 3]
    abstract = set(item.words("abstract"))
    return any(f.is_thing and f.lemma not in abstract for f in near)


def speech(call: Call, item: Item) -> Verdict:
    """Habitual fillers (``min_hits`` or more) or one speech error of the agent fails;
    a word used literally ("какого типа", "как бы вы хотели") is no filler."""
    language = call.checklist.language
    closing_item = _item_of_kind(call.checklist, "closing")
    fillers, errors = [], []
    for turn in call.agent_turns:
        errors += [_said(turn, turn.quote(at, len(p))) for at, p in turn.spans.get((item.name, "errors"), ())]
        construction = turn.hit(item.name, "constructions")  # "оплатите за услугу", any form
        if construction:
            errors.append(_said(turn, construction))
        # a form the dictionary marks, or the vernacular (language.WordFacts.is_nonstandard)
        errors += [_said(turn, s) for s, f in zip(turn.said, turn.facts, strict=True) if f.is_nonstandard]
        errors += [_said(turn, quote) for quote in _verbs_of_people_with_things(turn, item)]
        errors += [_said(turn, quote) for quote in _double_comparatives(turn)]
        if language == "ru":
            errors += [_said(turn, quote) for quote in _both_of_the_wrong_gender(turn)]
        errors += [_said(turn, quote) for quote in _them_as_those(turn)]
        errors += (
            [_said(turn, quote) for quote in _plural_with_singular_verb(turn)] if language == "en" else []
        )
        if language == "en":
            errors += [_said(turn, quote) for quote in _participles_as_past(turn)]
            words = turn.words  # (each read only when its word is there)
            if "me" in words:
                errors += [_said(turn, quote) for quote in _me_and_someone_is(turn)]
            if not _ONE_AND_ITS_VERB.isdisjoint(words):
                errors += [_said(turn, quote) for quote in _verb_of_another_number(turn)]
            if "what" in words:
                errors += [_said(turn, quote) for quote in _what_as_who(turn)]
        if language == "ru" and not _MISGENDERED.keys().isdisjoint(turn.words):
            errors += [_said(turn, quote) for quote in _misgendered(turn)]
        if language == "ru" and "процент" in turn.words:
            errors += [_said(turn, quote) for quote in _percent_after_a_numeral(turn)]
        if language == "ru" and "согласно" in turn.words:
            errors += [_said(turn, quote) for quote in _according_to_in_the_genitive(turn)]
        said_fillers = _fillers(turn, (item.name, "fillers"), language)
        summed_up = next((q for q in said_fillers if q.lower() == "значит"), None)
        if summed_up and closing_item and _sums_up(turn, item, closing_item):
            said_fillers.remove(summed_up)
        if said_fillers and turn.said[:1] == [said_fillers[0].split()[0]] and _is_rude(call, turn):
            said_fillers = said_fillers[1:]  # "honestly, how many times…": exasperation, judged as rude
        fillers += [_said(turn, q) for q in said_fillers]
    if errors:
        return Verdict(False, {**errors[0], "hits": len(errors) + len(fillers), "error": True})
    if len(fillers) >= item.min_hits:
        return Verdict(False, {**fillers[0], "hits": len(fillers)})
    if fillers:
        return Verdict(True, {**fillers[0], "hits": len(fillers)})
    return Verdict(True)


def _sums_up(turn: Turn, item: Item, closing_item: Item) -> bool:
    """ "Значит, в четверг перезваниваю, до связи": "значит" a few words before a goodbye sums
    up what was agreed (as "so"), and is no filler; "доставка значит будет в субботу" fills."""
    goodbyes = []
    for quote in turn.quotes.get((closing_item.name, "phrases"), ()):
        words = [normal(w) for w in words_of(quote)]
        end = turn.end_of(words)
        if end is not None:
            goodbyes.append(end - len(words))
    return any(
        phrase == ("значит",) and any(0 < g - at <= 5 for g in goodbyes)
        for at, phrase in turn.spans.get((item.name, "fillers"), ())
    )


# --- helpers -----------------------------------------------------------------------------

FIRST_PERSON = {"я", "мы", "меня", "нам", "нас", "мне", "i", "we", "i'll", "we'll", "i'm", "we're"}


def _mentions(turn: Turn, phrases: tuple[str, ...], language: str, slack: int | None = None) -> bool:
    """Every word of one of the phrases is in the turn, in any order ("вам удобно сейчас
    говорить" mentions "удобно говорить"); with ``slack``, within a stretch of the phrase's
    length plus ``slack`` words ("кто ещё дома будет этим пользоваться" does not mention
    "кто это")."""
    lemmas = turn.lemma_set
    if lemmas.isdisjoint(_lemma_union(phrases, language)):
        return False  # most turns say no word of the phrases at all
    found = [words for words in _lemma_sets(phrases, language) if words <= lemmas]
    if slack is None or not found:
        return bool(found)
    at: dict[str, list[int]] = {}
    for i, lemma_ in enumerate(turn.lemmas):
        at.setdefault(lemma_, []).append(i)
    for words in found:
        width = len(words) + slack
        for start in at[next(iter(words))]:
            # every word of the phrase within ``width`` words of one of its own words
            if all(any(abs(i - start) < width for i in at[w]) for w in words):
                return True
    return False


@lru_cache(maxsize=256)
def _lemma_union(phrases: tuple[str, ...], language: str) -> frozenset[str]:
    """Every lemma of the phrases, in one set."""
    return frozenset().union(*_lemma_sets(phrases, language))


@lru_cache(maxsize=256)
def _lemma_sets(phrases: tuple[str, ...], language: str) -> tuple[frozenset[str], ...]:
    """Each phrase's words as a turn's ``lemmas`` hold them ("who's this" as "who", "this")."""
    return tuple(frozenset(facts(w, language).lemma for w in phrase.split()) for phrase in phrases)


# literal uses of fillers, by the word before or after
RU_TYPE_BEFORE = {"какого", "такого", "этого", "того", "другого", "одного", "нового", "любого",
                  "нужного", "разного", "всякого", "данного", "вашего", "нашего"}  # fmt: skip
RU_HARD_TO_SAY = {"сложно", "трудно", "нельзя", "невозможно", "непросто", "не", "точно"}
RU_THAN = {"на", "чем", "этой", "этого", "этих", "того", "той", "тех", "всех", "всего"}
RU_SUBJECTS = {"вы", "это", "он", "она", "они", "мы", "я", "ты", "оно", "бы"}
RU_TO_WHOM = {"вам", "тебе", "нам", "ему", "ей", "им", "мне"}
EN_LIKE_BEFORE = {"look", "looks", "looked", "sound", "sounds", "feel", "feels", "seem", "seems", "would",
                  "i'd", "you'd", "we'd", "just", "something", "anything", "don't", "didn't"}  # fmt: skip
# a person who likes, the verb ending the turn: "does she like", "if you like" ("we like
# bring everything" fills)
EN_PEOPLE = {"i", "you", "we", "they", "she", "he", "people"}
# "what sort of music", "a kind of lock": the word's own meaning
EN_KIND_BEFORE = {"what", "which", "that", "this", "some", "any", "a", "the", "no", "every", "one", "same"}
EN_KNOW_BEFORE = {"let", "do", "did", "if", "as", "don't", "didn't"}
# where a clause starts: "them" there is a subject or a determiner, never an object
EN_CLAUSE_START = {"", "and", "but", "so", "all", "because", "cos"}
# "I mean" says what is meant where a clause starts and a thing follows
EN_MEAN_BEFORE = EN_CLAUSE_START | {"no", "sorry", "well", "oh"}
EN_MEANT = {"the", "a", "an", "that", "this", "it", "your", "our"}
EN_SEEN = EN_MEANT | {"what", "how", "if", "why", "when", "where", "them", "him", "her", "my", "there"}
# "more better", "most cheapest": the comparative or superlative made twice
EN_COMPARED = {"better", "worse", "best", "worst", "cheaper", "cheapest", "bigger", "biggest", "smaller",
               "smallest", "easier", "easiest", "faster", "fastest", "quicker", "quickest", "nicer",
               "larger", "longer", "higher", "lower", "stronger", "safer", "warmer", "newer", "older",
               "simpler", "harder", "softer", "lighter", "heavier"}  # fmt: skip
# "I seen it", "we done that": a participle without "have" after its subject
EN_SUBJECTS = {"i", "we", "they", "you", "he", "she"}
EN_PARTICIPLES = {"seen", "done", "been", "gone", "taken", "given", "written", "broken", "spoken", "eaten"}
EN_BEFORE_A_QUESTION = {"are", "were", "is", "was", "have", "has", "had", "get", "got", "if", "when"}


def _fillers(turn: Turn, key: tuple[str, str], language: str) -> list[str]:
    """The fillers said, longest match first at each position, minus literal uses."""
    words, found, taken = turn.words, [], -1
    for start, phrase in sorted(turn.spans.get(key, ()), key=lambda s: (s[0], -len(s[1]))):
        if start <= taken:
            continue  # inside a longer filler already counted
        end = start + len(phrase)
        before = words[start - 1] if start else ""
        after = words[end] if end < len(words) else ""
        after_pos = turn.facts[end].pos if end < len(words) else ""
        before_pos = turn.facts[start - 1].pos if start else ""
        # a misspelt word's part of speech is a guess: none
        then_pos = turn.facts[end + 1].pos if end + 1 < len(words) and turn.facts[end + 1].is_known else ""
        if phrase == ("это",):
            if _eto_fills(turn, start):
                found.append(turn.quote(start, 1))
                taken = start
            continue
        if phrase == ("в", "общем") and after and _locative(after):
            continue  # "в общем счёте", "в общем чате": the adjective
        if phrase == ("типа",) and after and (_of_a_thing(after) or after in _THIS_KIND):
            continue  # "выбор типа колонки", "типа этого костюма нет": the noun, with what it is the type of
        # "отгрузка короче в четверг", "бронь короче до десяти вечера": nothing is shorter on a
        # day or till an hour; "дорога короче через мост" and "короче на два сантиметра" are
        on_a_day = phrase == ("короче",) and after_pos == "PREP" and _a_time_at(turn, end)
        # (a comma after "ну вот" is how it sums up too: "Ну вот, как-то так.")
        punctuated = bool(_PUNCTUATED.search(turn.text))
        set_off = punctuated and phrase != ("ну", "вот") and _followed_by_comma(turn, start, phrase)
        # "заказ как бы это будет готов": "бы" takes a verb in the past ("как бы это смотрелось");
        # before any other form it conditions nothing, and fills
        conditions_nothing = phrase == ("как", "бы") and (
            (after in RU_SUBJECTS and then_pos == "VERB" and not turn.facts[end + 1].is_past)
            # "заказ как бы будет завтра": straight before a verb not in the past
            or (after_pos == "VERB" and not turn.facts[end].is_past)
        )
        if phrase == ("как", "бы") and "ни" in words[end : end + 4]:
            continue  # "как бы поздно ни было": however late, a concession
        if phrase == ("literally",) and EN_TAKEN_AS & set(words[max(0, start - 2) : start]):
            continue  # "we take that literally": read word for word
        # "мастер ну типа всё сделает": "ну" before another filler is one habit with it, counted once
        if phrase == ("ну",) and (not _nu_fills(turn, start) or any(at == end for at, _ in turn.spans[key])):
            continue
        if phrase == ("слушайте",) and not _nu_fills(turn, start):
            continue  # "Слушайте радио", "слушайте, …" at the start: not inside a clause
        if phrase in _WHAT and _asked_alone(turn, start):
            continue  # "Да, чё?": asks what the client wants, fills nothing
        poses = (after_pos, then_pos, before_pos)
        if on_a_day or set_off or conditions_nothing or not _literal(phrase, before, after, poses, language):
            found.append(turn.quote(start, len(phrase)))
            taken = end - 1
        elif phrase == ("ну", "вот"):
            taken = end - 1  # "ну вот, как-то так" sums up: its "вот" is not read again alone
    return found


_WHAT = {("чё",), ("че",)}


def _asked_alone(turn: Turn, at: int) -> bool:
    """The word at ``at`` ends the turn or is asked: a question mark straight after it."""
    if at == len(turn.words) - 1:
        return True
    start = word_starts(turn.text)[at] + len(turn.said[at])
    return turn.text[start : start + 1] == "?"


def _nu_fills(turn: Turn, at: int) -> bool:
    """ "машину ну подадим к воротам", "минут через сорок ну мастер подъедет": "ну" inside a
    clause, after a noun or a figure and before what is said of it, fills; opening a turn or a
    sentence ("ну, как хотите", "хорошо, ну тогда до свидания") it leads, and is no habit. The
    same for "слушайте" ("курьер слушайте позвонит")."""
    if at == 0 or at + 1 >= len(turn.facts):
        return False
    inside = turn.facts[at - 1].pos in _NU_AFTER and turn.facts[at + 1].pos in _NU_BEFORE
    return inside and at - 1 not in pauses_after(turn.text)


_NU_AFTER, _NU_BEFORE = {"NOUN", "NUMR"}, {"VERB", "NOUN", "PREP", "INFN", "NUMR"}


def _a_time_at(turn: Turn, preposition: int) -> bool:
    """A day ("в четверг") or an hour ("до десяти", "к обеду") after the preposition at the
    position; not a measure ("на два сантиметра", "в два раза")."""
    at = preposition + 1
    if at >= len(turn.facts):
        return False
    if turn.facts[at].lemma in RU_DAYS | _DAYS_OFF:
        return True  # "в четверг", "по выходным"
    hour = turn.facts[at].lemma in _TIMES_OF_DAY or (
        turn.facts[at].pos == "NUMR" and turn.words[at + 1 : at + 2] not in (["раз"], ["раза"])
    )
    return hour and turn.words[preposition] in _TIME_PREPOSITIONS_OF_AN_HOUR


_TIMES_OF_DAY = {"обед", "утро", "вечер", "полдень", "ночь", "полночь"}
_DAYS_OFF = {"выходной", "выходные", "будни", "будний"}
# "типа этого костюма": a demonstrative in the genitive, then the thing
_THIS_KIND = {"этого", "такого", "того", "этой", "такой", "той", "вашего", "нашего"}
_TIME_PREPOSITIONS_OF_AN_HOUR = {"до", "к", "после", "с", "в", "около"}


def _followed_by_comma(turn: Turn, start: int, phrase: tuple[str, ...]) -> bool:
    """ "You know, the engineer comes Saturday": a phrase set off by a comma at the start of
    a sentence of a punctuated transcript is said as a filler ("you know the way" is not);
    read where this saying of it stands ("типа, оплата… Чехлов такого типа полно" sets off
    the first only)."""
    starts = word_starts(turn.text)
    if start + len(phrase) > len(starts):
        return False
    at = starts[start]
    pattern = r"[\s-]+".join(re.escape(w) for w in phrase) + r","
    opens = re.search(r"(?:^|[.!?])\W*$", turn.text[:at]) is not None
    return opens and re.match(pattern, turn.text[at:].lower().replace("ё", "е")) is not None


def _eto_fills(turn: Turn, at: int) -> bool:
    """ "это" alone fills where it stands for nothing: opening a turn before a pause ("это,
    стоимость скажем после осмотра") or between a noun and its verb ("мастер это будет в
    обед"). Everywhere else it means "this" or links ("доставка это завтра"), and is no filler."""
    pauses = pauses_after(turn.text)
    if at == 0:
        return at in pauses and len(turn.words) > 1
    if at - 1 in pauses or at + 1 >= len(turn.facts):
        return False  # "включу гарантию, это пригодится": a new clause, "это" its subject
    if turn.facts[at - 1].pos == "NOUN" and turn.facts[at + 1].pos == "VERB":
        return True
    # "минут через сорок это мастер подъедет": between a figure and the noun its verb follows
    return (
        turn.facts[at - 1].pos == "NUMR"
        and turn.facts[at + 1].pos == "NOUN"
        and at + 2 < len(turn.facts)
        and turn.facts[at + 2].pos == "VERB"
    )


def _locative(word: str) -> bool:
    from call_quality.phrases import morph

    return any(p.tag.case in {"loct", "loc2"} and p.tag.POS == "NOUN" for p in morph().parse(word)[:2])


@lru_cache(maxsize=4096)
def _of_a_thing(word: str) -> bool:
    """A noun in the genitive in its likeliest readings ("колонки", "крепления")."""
    from call_quality.phrases import morph

    parses = morph().parse(word)
    if parses[0].tag.POS == "PREP":
        return False  # "отгрузка типа в четверг": "в" is no genitive noun (an abbreviation of "век")
    return any(p.tag.case == "gent" and p.tag.POS == "NOUN" for p in parses[:2])


# what follows "как бы это" when it fills ("как бы это недорого"), not asks ("как бы это смотрелось")
_SAYS_WHAT_IT_IS = {"ADJF", "ADJS", "ADVB", "PRED", "NOUN", "COMP"}


# who understands, or a negation, before "понимаете" said in its own meaning
RU_UNDERSTAND_BEFORE = {"вы", "не", "если", "ли", "что", "хоть", "вообще", "меня", "нас", "же", "сами",
                        "хорошо"}  # fmt: skip
# what is understood after it: a clause, a person, a question word
RU_UNDERSTOOD = {"что", "о", "об", "куда", "как", "почему", "зачем", "меня", "нас", "ли", "это", "чем", "где",
                 "когда", "сколько", "какой", "какая", "какие"}  # fmt: skip


def _literal(
    pattern: tuple[str, str, str] | tuple[str, ...],
    before: str,
    after: str,
    poses: tuple[str, str, str],
    language: str,
) -> bool:
    """A filler word used in its own meaning, told by its neighbours (``poses``: the parts of
    speech of the two words after it and of the word before it)."""
    word = " ".join(pattern)
    after_pos, then_pos, before_pos = poses
    if language == "ru":
        if word == "типа":
            return before in RU_TYPE_BEFORE
        if (
            word == "как бы"
        ):  # "как бы вы хотели" asks, "как бы то ни было" concedes; "как бы это недорого" fills
            # "как бы вам удобнее" asks whom it suits
            return (
                after == "то"
                or after in RU_TO_WHOM
                or (after in RU_SUBJECTS and then_pos not in _SAYS_WHAT_IT_IS)
            )
        if word == "короче":  # "короче на метр", "короче этой модели", "дорога короче через мост"
            return (
                after in RU_THAN
                or before in {"гораздо", "намного", "немного", "чуть", "ещё"}
                # the noun it compares, then nothing or where: "дорога короче через мост" ("доставка
                # короче бесплатная" fills)
                or (before_pos == "NOUN" and after_pos in {"PREP", "CONJ", ""})
            )
        if word == "это самое":  # "это самое важное": the most; "это самое, привезём" and
            # "доставка это самое бесплатная" fill
            return after_pos in {"ADJF", "ADJS"} and before_pos != "NOUN"
        if word == "как его":  # "как его подключать", "как его зовут" ask; "как его, доставим" fills
            return after_pos == "INFN" or after in {"зовут", "называют"}
        if word == "ну это":  # "ну это дорого", "ну это же видно" say something; "ну это, привезём" does not
            if after_pos == "NOUN" and then_pos == "VERB":
                return False  # "ну это счёт выставим сегодня": the noun is the verb's, "ну это" fills
            return after_pos in {"ADJF", "ADJS", "ADVB", "PRED", "NOUN", "COMP"} or after == "же"
        if word == "вот":  # "вот договор", "вот такой" show; "мастер вот приедет" fills
            return (
                after_pos in {"NOUN", "NPRO", "ADJF", "PRTF", "NUMR"}
                or after in {"здесь", "тут", "так", "и"}
                or (before == "ну" and not after)  # "ну, вот." alone: as "ну вот" below
            )
        # "ну вот и всё оформлено", "ну вот, как-то так" sum up; "ну, вот." alone fills nothing
        if word == "ну вот":
            return after in {"и", "как", "так"} or not (before or after)
        if word == "по сути":  # "давайте по сути": get to the point, ending the turn
            return not after
        if word == "по факту":  # "по факту оплаты": of a thing, in the genitive; before a verb or a
            # subject ("по факту платите курьеру", "курьер по факту будет завтра") it fills
            return bool(after) and _of_a_thing(after)
        if word == "так сказать":  # "так сказать сложно" is "hard to say so"
            return after in RU_HARD_TO_SAY
        # "это значит", "значит, что" mean, "ну значит покупайте" concludes, "значит так" opens;
        # "мастер значит приедет" fills
        if word == "значит":
            return before in {"это", "что", "то", "не", "и", "ну"} or after in {"что", "так"}
        # "это реально", "реально ли успеть", "реально сделать за день" say what is possible;
        # "мастер-класс реально идёт три часа" fills
        if word == "реально":
            return (
                not after
                or after in {"ли", "успеть"}
                or after_pos == "INFN"
                or before in {"это", "вполне", "не"}
            )
        # "вы понимаете, что…", "не понимаете с первого раза", "понимаете?" ask or mean it;
        # "доставка понимаете будет в субботу", "запись понимаете на десять" fill
        if word == "понимаете":
            return (
                not after
                or before in RU_UNDERSTAND_BEFORE
                or after in RU_UNDERSTOOD
                or after_pos in {"NOUN", "NPRO", "CONJ"}
            )
        return False
    if word == "like":
        return before in EN_LIKE_BEFORE or after in _EN_LIKE_COMPARED or (before in EN_PEOPLE and not after)
    if word in {"sort of", "kind of", "sorta"}:  # "it's sort of the blue of your door": roughly that one
        return before in EN_KIND_BEFORE or after == "the"
    if word == "you see":  # "you see the gate?", "if you see it" say seeing; "it's, you see, booked" fills
        return before in EN_KNOW_BEFORE | {"can", "will", "i'll", "we'll", "to"} or after in EN_SEEN
    if word == "i guess":  # "i guess so", "i guess not": an answer, not a habit
        return after in {"so", "not"}
    # "I mean the quote, not the invoice" says what is meant, "I mean to call today" what is
    # intended; "it's I mean the best" fills
    if word == "honestly":  # "honestly priced": how it is priced, not a filler
        return after.endswith("ed")
    if word == "i mean":  # "no, I mean the quote", "by that I mean", "what I mean is" say what is meant
        meant = before in EN_MEAN_BEFORE and (after in EN_MEANT or after == "to")
        return meant or before in {"that", "what"}
    if word == "you know":
        return before in EN_KNOW_BEFORE or after in {"what", "the", "how", "that", "where", "when", "if"}
    return False


EN_TAKEN_AS = {"take", "took", "taken", "takes", "mean", "meant", "read", "translated", "interpret"}
# what "like" compares with ("like this", "boots like these run small"), not fills before
_EN_LIKE_COMPARED = {"to", "this", "that", "the", "a", "an", "it", "these", "those", "them", "mine", "yours",
                     "ours"}  # fmt: skip
# adjectives that are superlatives by meaning: "самый оптимальный" says "most" twice
_SUPERLATIVE_BY_MEANING = {"оптимальный", "максимальный", "минимальный", "наилучший", "наихудший"}


def _according_to_in_the_genitive(turn: Turn) -> list[str]:
    """ "Согласно прайса", "согласно договора": "согласно" takes the dative ("согласно прайсу")."""
    words = turn.words
    return [
        turn.quote(i, 2)
        for i in range(len(words) - 1)
        if words[i] == "согласно" and _genitive_only(words[i + 1])
    ]


@lru_cache(maxsize=4096)
def _genitive_only(word: str) -> bool:
    parses = morph().parse(word)
    cases = {p.tag.case for p in parses if p.tag.POS == "NOUN"}
    return "gent" in cases and "datv" not in cases


def _double_comparatives(turn: Turn) -> list[str]:
    """ "более дешевле", "менее удобнее", "самый наилучший": a comparative or a superlative
    made twice."""
    if turn.lemma_set.isdisjoint(_MADE_TWICE_BY):
        return []  # most turns say none of the words it takes
    return [
        turn.quote(i, 2)
        for i, word in enumerate(turn.words[:-1])
        if (word in {"более", "менее"} and turn.facts[i + 1].pos == "COMP")
        or (
            turn.facts[i].lemma == "самый"
            and (turn.facts[i + 1].is_superlative or turn.facts[i + 1].lemma in _SUPERLATIVE_BY_MEANING)
        )
        or (word in {"more", "most"} and turn.words[i + 1] in EN_COMPARED)
    ]


# the words a comparative or superlative made twice begins with (lemmas)
_MADE_TWICE_BY = {"более", "менее", "самый", "more", "most"}
# "оба" for masculine and neuter nouns, "обе" for feminine ones, in every case
_BOTH = {"оба": "femn", "обоих": "femn", "обоим": "femn", "обоими": "femn",
         "обе": "masc", "обеих": "masc", "обеим": "masc", "обеими": "masc"}  # fmt: skip


def _both_of_the_wrong_gender(turn: Turn) -> list[str]:
    """ "обоих сторон", "обе варианта": "оба" of a gender its noun does not have (the noun's
    likeliest readings agree on its gender: "обоих глаз" is right)."""
    from call_quality.phrases import morph

    found = []
    if _BOTH.keys().isdisjoint(turn.words):
        return found
    for i, word in enumerate(turn.words[:-1]):
        wrong = _BOTH.get(word)
        if wrong is None or turn.facts[i + 1].pos != "NOUN":
            continue
        genders = {p.tag.gender for p in morph().parse(turn.words[i + 1])[:3] if p.tag.POS == "NOUN"}
        if genders and all(g == wrong or (wrong == "masc" and g == "neut") for g in genders):
            found.append(turn.quote(i, 2))
    return found


def _participles_as_past(turn: Turn) -> list[str]:
    """ "I seen the booking", "we done that job", "I never done that one": a participle for the
    past tense, right after its subject or an adverb after it ("are we done", "have you been"
    ask and are right); "we've went", "the crew has took": the past tense for a participle
    after "have"; "him and the lad will": the object's pronoun opening a clause as its subject
    ("me and my colleague are coming" is spoken English by fresh8's labels)."""
    words, found = turn.words, []
    for i, word in enumerate(words[:-1]):
        before = words[i - 1] if i else ""
        j = i + 2 if words[i + 1] in _EN_BETWEEN and i + 2 < len(words) else i + 1
        participle_as_past = (
            word in EN_SUBJECTS and words[j] in EN_PARTICIPLES and before not in EN_BEFORE_A_QUESTION
        )
        past_as_participle = word in _EN_HAVE and words[j] in _EN_PAST_NOT_PARTICIPLE
        if participle_as_past or past_as_participle:
            found.append(turn.quote(i, j - i + 1))
        elif word in {"him", "her"} and words[i + 1] == "and" and before in EN_CLAUSE_START:
            found.append(turn.quote(i, 2))
    return found


# an adverb between a subject and its verb ("I never done", "we've just went")
_EN_BETWEEN = {"never", "just", "already", "only", "all", "both", "even", "also", "ever"}
_EN_HAVE = {"have", "has", "had", "i've", "we've", "you've", "they've", "i'd", "we'd", "they'd"}
# past tenses that are no participle ("have went": gone, "has took": taken)
_EN_PAST_NOT_PARTICIPLE = {"went", "did", "saw", "came", "wrote", "took", "ate", "gave", "drove", "broke",
                           "spoke", "began", "rang", "sang", "drank", "swam", "fell", "flew", "grew", "threw",
                           "knew", "chose", "froze", "stole", "rode", "shook"}  # fmt: skip


_EN_NOT_PLURAL = {"this", "his", "us", "was", "is", "yes", "its", "bus", "gas", "glass", "less", "news",
                  "process", "address", "business", "class", "series", "lens", "plus", "bonus",
                  "status"}  # fmt: skip


def _plural_with_singular_verb(turn: Turn) -> list[str]:
    """ "The lads has left", "the parts was delivered": a plural noun after "the", "these" or
    "those", then "has", "was" or "is"."""
    words = turn.words
    if turn.lemma_set.isdisjoint(_SINGULAR_VERBS):
        return []
    return [
        turn.quote(i - 1, 3)
        for i in range(1, len(words) - 1)
        if (
            _determines_many(words[i - 1])
            # "the saturday classes is": a word that is no plural between them
            or (i >= 2 and _determines_many(words[i - 2]) and not words[i - 1].endswith("s"))
        )
        and re.fullmatch(r"[a-z]{2,}[^s'u]s", words[i])
        and words[i] not in _EN_NOT_PLURAL
        and words[i + 1] in _SINGULAR_VERBS
    ]


_SINGULAR_VERBS = {"has", "was", "is"}


def _determines_many(word: str) -> bool:
    return word in {"the", "these", "those", "them"} or word in _EN_MANY


def _me_and_someone_is(turn: Turn) -> list[str]:
    """ "Me and my supervisor has checked it": two people, then a singular verb ("me and my
    colleague are coming" is spoken English by fresh8's labels; the verb's number is not)."""
    words = turn.words
    found = []
    if "me" not in turn.words:
        return found
    for i in range(len(words) - 2):
        if words[i : i + 2] == ["me", "and"]:
            verb = next(
                (j for j in range(i + 2, min(i + 6, len(words))) if words[j] in _SINGULAR_VERBS), None
            )
            if verb is not None:
                found.append(turn.quote(i, verb - i + 1))
    return found


# "he come round yesterday": a verb's bare form after "he" or "she" (not "does he come?")
_BARE_AFTER_HE = {"come", "go", "do", "have", "say", "run", "give", "make", "know"}
_ASKS_OR_ORDERS = {"does", "did", "will", "would", "can", "could", "should", "to", "let", "make", "made",
                   "help", "might", "must", "may", "shall"}  # fmt: skip


def _what_as_who(turn: Turn) -> list[str]:
    """ "The lady what called earlier": "what" for "who" after a noun, before its verb."""
    words = turn.words
    if "what" not in turn.words:
        return []
    return [
        turn.quote(i - 1, 3)
        for i in range(2, len(words) - 1)
        if words[i] == "what" and words[i - 2] in {"the", "a", "that"} and words[i + 1].endswith("ed")
    ]


# nouns often given another gender in speech ("белая тюль", "вкусное кофе"): their own
_MISGENDERED = {"тюль": "masc", "кофе": "masc", "шампунь": "masc", "рояль": "masc", "толь": "masc",
                "тапок": "masc", "туфля": "femn", "мозоль": "femn"}  # fmt: skip


def _misgendered(turn: Turn) -> list[str]:
    """An adjective of another gender beside one of those nouns: two words before it or
    three after ("тюль у нас белая"), no other noun between ("кофе-брейк в коммерческое
    предложение": the adjective is another noun's)."""
    words, facts_, found = turn.words, turn.facts, []
    for i, word in enumerate(words):
        gender = _MISGENDERED.get(word)
        if gender is None:
            continue
        for side in (range(i - 1, max(-1, i - 3), -1), range(i + 1, min(i + 4, len(words)))):
            # the nearest noun or adjective of another gender on this side
            near = (k for k in side if facts_[k].pos == "NOUN" or _other_gender(words[k], gender))
            j = next(near, None)
            if j is not None and facts_[j].pos != "NOUN":
                found.append(turn.quote(min(i, j), abs(i - j) + 1))
                break
    return found


@lru_cache(maxsize=4096)
def _other_gender(word: str, gender: str) -> bool:
    """The word's likeliest reading is an adjective in the nominative singular of another
    gender ("белая", "вкусное")."""
    top = morph().parse(word)[0]
    return (
        top.tag.POS in {"ADJF", "ADJS"}
        and top.tag.number == "sing"
        and top.tag.gender not in {None, gender}
        and (top.tag.POS == "ADJS" or top.tag.case == "nomn")
    )


def _percent_after_a_numeral(turn: Turn) -> list[str]:
    """ "Скидку дадим в размере пяти процент": "процент" straight after a numeral takes the
    numeral's case ("пяти процентов", "два процента"); only after "один" is it right."""
    words = turn.words
    return [
        turn.quote(i - 1, 2)
        for i in range(1, len(words))
        if words[i] == "процент" and turn.facts[i - 1].pos == "NUMR" and words[i - 1] != "один"
    ]


# what makes "it were" right: "if it were", "as though it were", "I wish it were"
_WERE_SUPPOSED = {"if", "though", "wish", "as"}
# the words one of which the next rule needs in a turn
_ONE_AND_ITS_VERB = {"he", "she", "come", "were"}


def _verb_of_another_number(turn: Turn) -> list[str]:
    """A verb in the form of many after one person or thing: "he come round yesterday" (a bare
    form after "he" or "she", not "does he come?"), "the driver come by" (after one thing named
    with "the": "the lads come" is right, "let the engineer come" orders), "it were delivered"
    ("were" after "it", "he" or "she", not supposed: "if it were")."""
    words, found = turn.words, []
    for i in range(len(words) - 1):
        word, verb = words[i], words[i + 1]
        before = words[i - 1] if i else ""
        bare = word in {"he", "she"} and verb in _BARE_AFTER_HE and before not in _ASKS_OR_ORDERS
        if bare or (word in {"it", "he", "she"} and verb == "were" and before not in _WERE_SUPPOSED):
            found.append(turn.quote(i, 2))
        elif (
            verb == "come"
            and before == "the"
            and word.isalpha()
            and not word.endswith("s")
            and (words[i - 2] if i >= 2 else "") not in _ASKS_OR_ORDERS
        ):
            found.append(turn.quote(i - 1, 3))
    return found


def _them_as_those(turn: Turn) -> list[str]:
    """ "Them boxes are included": "them" for "those" before a plural noun, at the start of a
    clause ("give them boxes" is right: there it follows its verb)."""
    words = turn.words
    found = []
    if "them" not in words:
        return found
    for i, word in enumerate(words[:-1]):
        opens = (words[i - 1] if i else "") in EN_CLAUSE_START or (i - 1) in pauses_after(turn.text)
        if word != "them" or not opens:
            continue
        noun = i + 2 if words[i + 1] in _EN_MANY and i + 2 < len(words) else i + 1  # "them two lads"
        if re.fullmatch(r"[a-z]+[^s']s", words[noun]):
            found.append(turn.quote(i, noun - i + 1))
    return found


# how many, before a plural noun ("two lads", "both parts")
_EN_MANY = (EN_NUMBERS - {"one", "percent", "half"}) | {"both", "all"}


def _verbs_of_people_with_things(turn: Turn, item: Item) -> list[str]:
    """A verb said of a person used with a thing ("одеть шлем" for "надеть шлем"; "одеть
    ребёнка" is right): the thing within the next two words."""
    verbs = set(item.words("of_people"))
    if turn.lemma_set.isdisjoint(verbs):
        return []
    return [
        turn.quote(i, 2)
        for i, f in enumerate(turn.facts)
        if f.lemma in verbs and any(g.is_thing for g in turn.facts[i + 1 : i + 3])
    ]


# checklist id -> (the checklist, its first item of each kind): asked several times a turn
_ITEMS_BY_KIND: dict[int, tuple[Checklist, dict[str, Item]]] = {}


def _item_of_kind(checklist: Checklist, kind: str) -> Item | None:
    known = _ITEMS_BY_KIND.get(id(checklist))
    if known is None or known[0] is not checklist:
        by_kind: dict[str, Item] = {}
        for item in checklist.items.values():
            by_kind.setdefault(item.kind, item)
        known = _ITEMS_BY_KIND[id(checklist)] = (checklist, by_kind)
    return known[1].get(kind)


def _objection_classes(call: Call) -> list[str]:
    return list(call.checklist.objections)
