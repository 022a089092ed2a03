"""Checklist phrases found in a turn's words, on lemmas (Russian: pymorphy3), with
tolerance for speech-to-text misspellings (rapidfuzz).

A phrase is a run of lemmas; a word of ``fuzzy_min_length`` letters or more also matches a
misspelt form (rapidfuzz ratio ≥ ``fuzzy_min_score``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

_WORD = re.compile(r"[\w']+", re.UNICODE)


@lru_cache(maxsize=1)
def morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


# a letter said three times or more ("heyyy", "приветтт"): one letter, as no word has them
_DRAWN_OUT = re.compile(r"([^\W\d_])\1{2,}")


@lru_cache(maxsize=200_000)
def normal(word: str) -> str:
    word = word.lower().replace("ё", "е")
    return _DRAWN_OUT.sub(r"\1", word) if len(word) > 2 else word


@lru_cache(maxsize=200_000)
def lemma(word: str, language: str) -> str:
    word = normal(word)
    if language == "ru" and re.search("[а-я]", word):
        return normal(morph().parse(word)[0].normal_form)
    return word


def words_of(text: str) -> list[str]:
    """Every word of the text, as written."""
    return _WORD.findall(text)


def word_starts(text: str) -> list[int]:
    """Where each word of ``words_of`` starts in the text."""
    return [found.start() for found in _WORD.finditer(text)]


# a sentence mark anywhere: a transcript with punctuation (speech-to-text writes none)
SENTENCE_MARK = re.compile(r"[.!?…]")


_PAUSE = re.compile(r"\s*(?:,|\s[—–-]\s)")


def pauses_after(text: str) -> set[int]:
    """The positions (in ``words_of``) of the words followed by a comma or a spaced dash:
    where the speaker paused ("кто-то" is one word said, no pause)."""
    return {i for i, found in enumerate(_WORD.finditer(text)) if _PAUSE.match(text, found.end())}


def tokens(text: str, language: str) -> list[tuple[str, str]]:
    """(lemma, word as said) for every word of the text."""
    return [(lemma(w, language), w) for w in words_of(text)]


@dataclass(frozen=True)
class Phrase:
    text: str
    lemmas: tuple[str, ...]
    words: tuple[str, ...]

    @classmethod
    def parse(cls, text: str, language: str) -> Phrase:
        parsed = tokens(text, language)
        return cls(text, tuple(lm for lm, _ in parsed), tuple(normal(w) for _, w in parsed))


# How a word of the transcript matches the word at one position of a phrase.
NEAR = 1  # one letter off or two swapped: counts only inside a phrase with another word matched exactly
LOOSE = 2  # misspelt (rapidfuzz ratio) on its lemma or its spoken form, or spoken as written
EXACT = 3  # same lemma


@dataclass(frozen=True)
class WordMatches:
    positions: dict[tuple[int, int], int]  # (phrase, position) → NEAR | LOOSE | EXACT
    starts: tuple[tuple[int, int, int], ...]  # (phrase, status, its length) it may begin


_REFLEXIVE = ("ся", "сь")


class PhraseIndex:
    """Every checklist phrase, and for each word ever seen, the phrase positions it matches.

    Matching a word against every phrase word once (rapidfuzz over all of them in C) and
    remembering it makes scoring a pass over the words of a turn, instead of a try of
    every phrase at every position of it: the vocabulary of calls is small next to
    their length.
    """

    def __init__(self, phrases: list[Phrase], fuzzy_min_score: float, fuzzy_min_length: int):
        self.phrases = phrases
        self.min_score = fuzzy_min_score
        self.min_length = fuzzy_min_length
        self.by_lemma: dict[str, list[tuple[int, int]]] = {}
        self.by_word: dict[str, list[tuple[int, int]]] = {}
        self.long_lemmas: dict[str, list[tuple[int, int]]] = {}
        self.long_words: dict[str, list[tuple[int, int]]] = {}
        self.multi_words: dict[str, list[tuple[int, int]]] = {}  # words of multi-word phrases
        for p, phrase in enumerate(phrases):
            for j, (lm, word) in enumerate(zip(phrase.lemmas, phrase.words, strict=True)):
                self.by_lemma.setdefault(lm, []).append((p, j))
                self.by_word.setdefault(word, []).append((p, j))
                if len(lm) >= fuzzy_min_length:
                    self.long_lemmas.setdefault(lm, []).append((p, j))
                if len(word) >= fuzzy_min_length:
                    self.long_words.setdefault(word, []).append((p, j))
                if len(phrase.lemmas) > 1 and len(word) >= 3:
                    self.multi_words.setdefault(word, []).append((p, j))
        self._seen: dict[tuple[str, str], WordMatches] = {}

    def matches(self, lemma_: str, word: str, fuzzy: bool = True) -> WordMatches:
        """{(phrase, position): NEAR | LOOSE | EXACT} for one word of a transcript, with the
        phrases it may start; ``fuzzy=False`` for a word the dictionary knows, which is
        itself and no misspelling of another ("слышите" is not "слушаете")."""
        key = (lemma_, word)
        seen = self._seen.get(key)
        if seen is not None:
            return seen
        found: dict[tuple[int, int], int] = {}
        for pos in self.by_lemma.get(lemma_, ()):
            found[pos] = EXACT
        loose = list(self.by_word.get(word, ()))
        if fuzzy and len(lemma_) >= self.min_length:
            loose += self._fuzzy(lemma_, self.long_lemmas)
        if fuzzy and len(word) >= self.min_length:
            loose += self._fuzzy(word, self.long_words)
        for pos in loose:
            found.setdefault(pos, LOOSE)
        if len(word) >= 3:
            for near, _, _ in process.extract(
                word, self.multi_words.keys(), scorer=OSA.distance, score_cutoff=1, limit=None
            ):
                for pos in self.multi_words[near]:
                    found.setdefault(pos, NEAR)
        if len(self._seen) >= 500_000:
            self._seen.clear()
        starts = tuple((p, status, len(self.phrases[p].lemmas)) for (p, j), status in found.items() if j == 0)
        seen = self._seen[key] = WordMatches(found, starts)
        return seen

    def _fuzzy(self, text: str, choices: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
        hits = process.extract(
            text, choices.keys(), scorer=fuzz.ratio, score_cutoff=self.min_score, limit=None
        )
        # a reflexive verb is another word, not a misspelling of its base ("посоветовать"
        # asks for advice, "посоветоваться" puts a decision off); a misspelt word's guessed
        # lemma may end in "-ся" itself, so only that direction is refused
        reflexive = text.endswith(_REFLEXIVE)
        return [
            pos
            for choice, _, _ in hits
            if reflexive or not choice.endswith(_REFLEXIVE)
            for pos in choices[choice]
        ]

    def find(self, words: list[str], matched: list[WordMatches]) -> dict[int, str]:
        """{phrase: the words that said it first} for one turn, given each word as said and
        its matches (``matches``)."""
        found: dict[int, str] = {}
        end = len(words)
        for i, first in enumerate(matched):
            for p, status, n in first.starts:
                if p in found or i + n > end:
                    continue
                if n == 1:
                    if status != NEAR:
                        found[p] = words[i]
                    continue
                # in a phrase of several words, one exact word anchors the others: a short
                # word may then be one letter off too ("миня зовут")
                exact, near = status == EXACT, status == NEAR
                for k in range(1, n):
                    next_status = matched[i + k].positions.get((p, k))
                    if not next_status:
                        break
                    exact = exact or next_status == EXACT
                    near = near or next_status == NEAR
                else:
                    if exact or not near:
                        found[p] = " ".join(words[i : i + n])
        return found
