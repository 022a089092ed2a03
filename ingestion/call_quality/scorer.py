"""Score one call's transcript against its language's checklist, keeping the evidence.

Agent segments are lemmatised (Russian: pymorphy3) and each checklist phrase is looked
for as a run of lemmas; a word of ``fuzzy_min_length`` letters or more also matches a
misspelt form (rapidfuzz ratio ≥ ``fuzzy_min_score``). Client segments are only read
for objections, which the agent must answer within ``objection_answer_turns`` turns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ingestion.call_quality.checklist import ITEMS, Checklist
from ingestion.call_quality.redact import redact

_WORD = re.compile(r"[\w']+", re.UNICODE)


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=200_000)
def lemma(word: str, language: str) -> str:
    word = word.lower().replace("ё", "е")
    if language == "ru" and re.search("[а-я]", word):
        return _morph().parse(word)[0].normal_form.replace("ё", "е")
    return word


def tokens(text: str, language: str) -> list[tuple[str, str]]:
    """(lemma, word as said) for every word of the text."""
    return [(lemma(w, language), w) for w in _WORD.findall(text)]


@lru_cache(maxsize=500_000)
def _fuzzy_equal(a: str, b: str, min_score: float, min_length: int) -> bool:
    if a == b:
        return True
    if len(a) < min_length or len(b) < min_length:
        return False
    return fuzz.ratio(a, b) >= min_score


@lru_cache(maxsize=500_000)
def _one_letter_off(a: str, b: str) -> bool:
    """Short words (3+ letters) one substitution, insertion or deletion apart."""
    return min(len(a), len(b)) >= 3 and Levenshtein.distance(a, b, score_cutoff=1) <= 1


@dataclass(frozen=True)
class Phrase:
    text: str
    lemmas: tuple[str, ...]
    words: tuple[str, ...]

    @classmethod
    def parse(cls, text: str, language: str) -> Phrase:
        parsed = tokens(text, language)
        return cls(text, tuple(lm for lm, _ in parsed), tuple(w.lower().replace("ё", "е") for _, w in parsed))


@dataclass
class Hit:
    item: str
    quote: str
    at: float
    segment: int


@dataclass
class Objection:
    objection_class: str
    quote: str
    at: float
    answered: bool


@dataclass
class CallScore:
    call_id: str
    language: str
    items: dict[str, int]
    score: float
    evidence: dict[str, dict]
    objections: list[Objection] = field(default_factory=list)


class Scorer:
    def __init__(self, checklist: Checklist):
        self.checklist = checklist
        lang = checklist.language
        self.phrases = {
            name: [Phrase.parse(p, lang) for p in item.phrases] for name, item in checklist.items.items()
        }
        self.answers = {
            name: [Phrase.parse(p, lang) for p in item.answers] for name, item in checklist.items.items()
        }
        self.objection_phrases = {
            cls: [Phrase.parse(p, lang) for p in phrases] for cls, phrases in checklist.objections.items()
        }

    def _find(self, phrase: Phrase, words: list[tuple[str, str]]) -> str | None:
        n = len(phrase.lemmas)
        if not n:
            return None
        c = self.checklist
        for i in range(len(words) - n + 1):
            exact = [words[i + j][0] == phrase.lemmas[j] for j in range(n)]
            # in a phrase of several words, one exact word anchors the others: a short
            # word may then be one letter off too ("миня зовут")
            anchored = n > 1 and any(exact)
            # a word matches on its lemma, or, misspelt, on its lemma or its spoken form
            if all(
                exact[j]
                or (anchored and _one_letter_off(words[i + j][1].lower().replace("ё", "е"), phrase.words[j]))
                or _fuzzy_equal(words[i + j][0], phrase.lemmas[j], c.fuzzy_min_score, c.fuzzy_min_length)
                or _fuzzy_equal(
                    words[i + j][1].lower().replace("ё", "е"),
                    phrase.words[j],
                    c.fuzzy_min_score,
                    c.fuzzy_min_length,
                )
                for j in range(n)
            ):
                return " ".join(w for _, w in words[i : i + n])
        return None

    def _first(self, phrases: list[Phrase], words) -> str | None:
        for phrase in phrases:
            quote = self._find(phrase, words)
            if quote:
                return quote
        return None

    def score(self, call_id: str, segments: list[dict]) -> CallScore:
        lang = self.checklist.language
        turns = [
            (s.get("speaker"), tokens(s.get("text") or "", lang), float(s.get("start") or 0.0))
            for s in segments
        ]
        items: dict[str, int] = {}
        evidence: dict[str, dict] = {}
        objections: list[Objection] = []
        for name in ITEMS:
            item = self.checklist.items[name]
            if item.kind == "positive":
                items[name] = 0
                for speaker, words, at in turns:
                    if speaker != "agent":
                        continue
                    quote = self._first(self.phrases[name], words)
                    if quote:
                        items[name] = 1
                        evidence[name] = {"quote": redact(quote), "at": at}
                        break
            elif item.kind == "negative":
                hits = []
                for speaker, words, at in turns:
                    if speaker != "agent":
                        continue
                    for phrase in self.phrases[name]:
                        quote = self._find(phrase, words)
                        if quote:
                            hits.append({"quote": redact(quote), "at": at})
                items[name] = 0 if len(hits) >= item.min_hits else 1
                if hits:
                    evidence[name] = {**hits[0], "hits": len(hits)}
            else:
                objections = self._objections(turns, name)
                unanswered = [o for o in objections if not o.answered]
                items[name] = 0 if unanswered else 1
                if objections:
                    first = unanswered[0] if unanswered else objections[0]
                    evidence[name] = {
                        "quote": first.quote,
                        "at": first.at,
                        "objection": first.objection_class,
                        "answered": first.answered,
                    }
        weights = {n: self.checklist.items[n].weight for n in ITEMS}
        score = sum(weights[n] * items[n] for n in ITEMS) / sum(weights.values())
        return CallScore(call_id, lang, items, round(score, 4), evidence, objections)

    def _objections(self, turns, item_name: str) -> list[Objection]:
        found = []
        for index, (speaker, words, at) in enumerate(turns):
            if speaker != "client":
                continue
            for cls, phrases in self.objection_phrases.items():
                quote = self._first(phrases, words)
                if not quote:
                    continue
                following = [t for t in turns[index + 1 :] if t[0] == "agent"][
                    : self.checklist.objection_answer_turns
                ]
                answered = any(self._first(self.answers[item_name], t[1]) for t in following)
                found.append(Objection(cls, redact(quote), at, answered))
                break
        return found
