"""What a word is, beyond its lemma: a person's name, an imperative, a number or a day.

Russian words are read by pymorphy3's dictionary (no model to download); English ones by
small closed lists. Every answer is cached per word: calls reuse a small vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from call_quality.phrases import morph, normal

_DIGITS = re.compile(r"\d")
RU_DAYS = {"понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
           "завтра", "послезавтра", "сегодня"}  # fmt: skip
EN_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tomorrow",
           "today", "tonight"}  # fmt: skip
EN_NUMBERS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
              "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "thousand",
              "percent", "half"}  # fmt: skip

EN_FIRST_PERSON = {"i", "i'll", "i'm", "i've", "i'd", "we", "we'll", "we're", "we've", "let", "me"}


@dataclass(frozen=True)
class WordFacts:
    lemma: str
    is_name: bool = False  # a person's first name (Russian dictionary)
    may_be_name: bool = False  # a first name in one of its readings ("роман": a novel or Roman)
    is_imperative: bool = False  # "расскажите", "подскажите"
    is_number_or_day: bool = False  # a figure, a number word, a weekday, "завтра"
    is_known: bool = True  # in the dictionary
    pos: str = ""  # the part of speech of its likeliest reading (pymorphy3's tag)
    is_first_person: bool = False  # a verb said of oneself ("жду", "пришлю")
    # a verb said to "вы" now or to come ("выставляете", "довезёте"), not an order ("выставляйте")
    is_said_to_you: bool = False
    is_past: bool = False  # a verb in the past tense ("заказывали"): told, not proposed
    # a form the dictionary marks as an error or a distortion ("хочут"), a verb in a
    # substandard form ("ложите"), an unknown form of a known verb ("ездиют"), or the vernacular
    # ("ихний", "покладёт", "хочут": _VERNACULAR)
    is_nonstandard: bool = False
    is_thing: bool = False  # an inanimate noun ("ножницы", "угол")
    is_superlative: bool = False  # an adjective in its superlative form ("наилучший")


@lru_cache(maxsize=200_000)
def facts(word: str, language: str) -> WordFacts:
    word = normal(word)
    if _DIGITS.search(word):
        return WordFacts(word, is_number_or_day=True)
    if language != "ru" or not re.search("[а-я]", word):
        base = word[:-2] if word.endswith("'s") else word  # "what's" asks as "what" does
        return WordFacts(
            base,
            is_number_or_day=base in EN_DAYS or base in EN_NUMBERS,
            is_first_person=base in EN_FIRST_PERSON,
        )
    parses = morph().parse(word)
    top = parses[0]
    lemma = normal(top.normal_form)
    known = morph().word_is_known(word)
    return WordFacts(
        lemma=lemma,
        is_name="Name" in top.tag and len(word) > 2 and known,  # a misspelt word is guessed a name
        may_be_name=len(word) > 2 and known and any("Name" in p.tag for p in parses[:4]),
        # "расскажите", not "назовём" (an inclusive "let us" asks nothing of the listener)
        is_imperative=any("impr" in p.tag and "incl" not in p.tag for p in parses[:3]),
        is_number_or_day="NUMR" in top.tag or lemma in RU_DAYS or "Anum" in top.tag,
        is_known=known,
        pos=str(top.tag.POS or ""),
        is_first_person="1per" in top.tag and top.tag.POS == "VERB",
        is_said_to_you={"2per", "plur", "indc"} <= top.tag.grammemes and "past" not in top.tag,
        is_past="past" in top.tag,
        is_nonstandard=_nonstandard(word, top, known) or _vernacular(word, known),
        is_thing=top.tag.POS == "NOUN" and "inan" in top.tag.grammemes,
        is_superlative="Supr" in top.tag,
    )


_NONSTANDARD = {"Erro", "Dist"}
# "ихний", "евойный", "ейный" in any form: the vernacular for "их", "его", "её"; the
# vernacular verbs "покласть" ("покладёт") and "хочут"/"хочат"/"хочем"; words said wrong
_VERNACULAR = re.compile(
    r"^((ихн|евон|евойн|ейн|егойн|егон)[а-я]*|поклад[а-я]*|поклал[а-я]*|хоч(ут|ат|ем|ете)|[а-я]+теся"
    r"|ехае(м|т|шь|те)|ехают"
    # words said wrong, in any form: "тубаретка", "колидор", "инциндент", "прецендент"
    r"|тубаретк[а-я]*|колидор[а-я]*|инциндент[а-я]*|прецендент[а-я]*)$"
)


def _nonstandard(word: str, top, known: bool) -> bool:
    verb = top.tag.POS in {"VERB", "INFN"}
    if known:
        # "здрасьте" is a colloquial greeting, not a speech error: interjections are spared
        distorted = bool(_NONSTANDARD & top.tag.grammemes) and top.tag.POS != "INTJ"
        return distorted or (verb and "Infr" in top.tag.grammemes)
    if not verb or not morph().word_is_known(top.normal_form) or len(word) < 4:
        return False
    return not _a_swap_of_a_known_word(word)


def _vernacular(word: str, known: bool) -> bool:
    """A vernacular form ("ихний", "покладёт", "увидимтеся"), unless speech-to-text swapped two
    letters of a known word ("свяжтеся" is "свяжется")."""
    if not _VERNACULAR.match(word):
        return False
    return known or not _a_swap_of_a_known_word(word)


def _a_swap_of_a_known_word(word: str) -> bool:
    """Speech-to-text swaps two letters ("пирвезем"): a swap back to a known word is no error."""
    swaps = (word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1))
    return any(morph().word_is_known(w) for w in swaps)
