"""A call as turns: who speaks, when, the words said, and which checklist lists each turn
hits. The verdicts (verdicts.py) read the call through this, never the raw segments."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial

from call_quality.checklist import WORD_LISTS, Checklist
from call_quality.language import WordFacts, facts
from call_quality.phrases import (
    SENTENCE_MARK,
    Phrase,
    PhraseIndex,
    WordMatches,
    lemma,
    normal,
    word_starts,
    words_of,
)
from call_quality.seconds import seconds_or

ListKey = tuple[str, str]  # (item or "objections:<class>", list name)

# the next steps the goodbye lists hold in the first person ("пришлю", "наберу"): said as an
# order ("пришлите реквизиты"), they ask the client for something and part from no one
_COMMITTING = {"прислать", "отправить", "написать", "набрать", "перезвонить", "позвонить", "выслать",
               "скинуть"}  # fmt: skip


def said_as_a_goodbye(word: WordFacts) -> bool:
    """A one-word goodbye of the lists as it parts: not in the infinitive ("до утра ждать
    опасно" reads "жду" as "ждать") nor a next step ordered of the client ("пришлите")."""
    return word.pos != "INFN" and not (word.is_imperative and word.lemma in _COMMITTING)


@dataclass
class Turn:
    index: int
    speaker: str
    at: float
    text: str
    words: list[str]  # as said, lower case, ё as е
    facts: list[WordFacts]
    said: list[str] = field(default_factory=list)  # the words exactly as written, for quotes
    hits: dict[ListKey, str] = field(default_factory=dict)  # the first quote of each list hit
    # every quote of each phrase list hit, in the list's order (``hits`` holds the first)
    quotes: dict[ListKey, list[str]] = field(default_factory=dict)
    # where each word list's phrases start, in order: {(item, list): [(position, phrase)]}
    spans: dict[ListKey, list[tuple[int, tuple[str, ...]]]] = field(default_factory=dict)
    # how an agent's long turn is read in parts, when a verdict first asks (``parts``)
    split: Callable[[Turn], list[Turn]] | None = field(default=None, repr=False, compare=False)
    _parts: list[Turn] | None = field(default=None, repr=False, compare=False)
    # reads a piece of an agent turn's text as a turn of its own, with its lists' hits
    read_piece: Callable[[str], Turn] | None = field(default=None, repr=False, compare=False)

    @property
    def parts(self) -> list[Turn]:
        """An agent's long turn read in parts ("А, ну тогда ладно. Возникнут вопросы —
        набирайте, до свидания."), each with the turn's index and the second it began; empty
        when it is said in one piece. Read once, when first asked: most turns never are."""
        if self._parts is None:
            self._parts = self.split(self) if self.split else []
        return self._parts

    @cached_property
    def lemmas(self) -> list[str]:
        return [f.lemma for f in self.facts]

    @cached_property
    def lemma_set(self) -> frozenset[str]:
        return frozenset(self.lemmas)

    @property
    def has_question_mark(self) -> bool:
        return "?" in self.text

    def quote(self, start: int, length: int) -> str:
        return " ".join(self.said[start : start + length])

    def end_of(self, phrase: list[str]) -> int | None:
        """Where the first saying of ``phrase`` (normalised words) ends in the turn, or None."""
        n = len(phrase)
        return next((i + n for i in range(len(self.words) - n + 1) if self.words[i : i + n] == phrase), None)

    def hit(self, item: str, name: str) -> str | None:
        return self.hits.get((item, name))

    def positions_of(self, key: ListKey) -> list[tuple[int, int]]:
        """(start, end) word positions of each phrase of a list the turn holds, where it is
        first said."""
        found = []
        for quote in self.quotes.get(key, ()):
            phrase = [normal(w) for w in words_of(quote)]
            end = self.end_of(phrase)
            if end is not None:
                found.append((end - len(phrase), end))
        return found

    def words_between(self, start: int, end: int) -> Turn:
        """The words from ``start`` to ``end`` as a turn of their own, at the turn's place and
        second: no list hits (cheap to make many of); ``read_piece`` reads one in full."""
        words = slice(start, end)
        return Turn(self.index, self.speaker, self.at, self.quote(start, end - start),
                    self.words[words], self.facts[words], self.said[words])  # fmt: skip

    def runs(self, size: int) -> list[Turn]:
        """Every run of ``size`` words in a row (``words_between``)."""
        return [self.words_between(end - size, end) for end in range(size, len(self.words) + 1)]

    @property
    def utterances(self) -> list[Turn]:
        """The turn as what was said one after another in it: its sentences, or the words
        before a goodbye and the goodbye; the turn itself when it is one."""
        return self.parts or [self]


class Reader:
    """Reads segments into turns with every checklist list's hits, built once per checklist."""

    def __init__(self, checklist: Checklist):
        self.language = checklist.language
        every: dict[Phrase, int] = {}
        self.lemma_lists: dict[ListKey, list[int]] = {}
        self.word_lists: dict[ListKey, list[tuple[str, ...]]] = {}
        for name, item in checklist.items.items():
            for list_name, phrases in item.lists.items():
                if list_name in WORD_LISTS:
                    self.word_lists[(name, list_name)] = [
                        tuple(normal(w) for w in re.split(r"[\s-]+", p) if w) for p in phrases
                    ]
                else:
                    self.lemma_lists[(name, list_name)] = [
                        every.setdefault(Phrase.parse(p, self.language), len(every)) for p in phrases
                    ]
        for cls, phrases in checklist.objections.items():
            self.lemma_lists[(f"objections:{cls}", "phrases")] = [
                every.setdefault(Phrase.parse(p, self.language), len(every)) for p in phrases
            ]
        self.objection_classes = list(checklist.objections)
        self.index = PhraseIndex(list(every), checklist.fuzzy_min_score, checklist.fuzzy_min_length)
        # phrase → the lists it is in (a phrase may be in several), first list order kept
        self.keys_of: dict[int, list[tuple[ListKey, int]]] = {}
        for key, phrase_ids in self.lemma_lists.items():
            for rank, p in enumerate(phrase_ids):
                self.keys_of.setdefault(p, []).append((key, rank))
        # word-list phrases by their first word, so a turn is read once, word by word
        self.by_first_word: dict[str, list[tuple[ListKey, tuple[str, ...]]]] = {}
        for key, phrases in self.word_lists.items():
            for phrase in phrases:
                self.by_first_word.setdefault(phrase[0], []).append((key, phrase))
        self._vocabulary: dict[str, _Word] = {}
        # the item whose goodbyes split a speech-to-text turn into parts
        self.closing_item = next((n for n, i in checklist.items.items() if i.kind == "closing"), None)
        self.objection_item = next((n for n, i in checklist.items.items() if i.kind == "objection"), None)

    def word(self, said: str) -> _Word:
        """One word as written, read once per reader: calls reuse a small vocabulary."""
        known = self._vocabulary.get(said)
        if known is None:
            word = normal(said)
            facts_ = facts(word, self.language)
            known = _Word(
                said,
                word,
                facts_,
                # a word the Russian dictionary knows is no misspelling (English has no dictionary here)
                self.index.matches(
                    lemma(said, self.language), word, fuzzy=not (self.language == "ru" and facts_.is_known)
                ),
                tuple(self.by_first_word.get(word, ())),
            )
            if len(self._vocabulary) >= 500_000:
                self._vocabulary.clear()
            self._vocabulary[said] = known
        return known

    def turns(self, segments: list[dict]) -> list[Turn]:
        out = []
        for i, segment in enumerate(segments):
            text = segment.get("text") or ""
            speaker = segment.get("speaker") or ""
            at = seconds_or(segment.get("start"), 0.0)
            turn = self.read(i, speaker, at, text)
            if speaker == "agent":
                turn.split = partial(self._split, end=seconds_or(segment.get("end"), at))
                turn.read_piece = partial(self.read, i, speaker, at)
            out.append(turn)
        return out

    def _split(self, turn: Turn, end: float) -> list[Turn]:
        at, text = turn.at, turn.text
        return [
            self.read(turn.index, turn.speaker, at + (end - at) * start / len(text), piece)
            for start, piece in self._pieces(turn)
        ]

    def _pieces(self, turn: Turn) -> list[tuple[int, str]]:
        """Where a long turn's parts start in its text, and their text: its sentences, or,
        with no punctuation (speech-to-text), the words before a goodbye and the goodbye
        ("а ну тогда ладно рады помочь до связи"); none for a turn said in one piece."""
        text = turn.text
        if not SENTENCE_MARK.search(text):
            # a goodbye's verb in the infinitive or as an order says no goodbye
            goodbyes = (
                [
                    a
                    for a, _ in turn.positions_of((self.closing_item, "phrases"))
                    if said_as_a_goodbye(turn.facts[a])
                ]
                if self.closing_item
                else []
            )
            if not goodbyes or max(goodbyes) < 2:
                return []
            # a goodbye, not a promise that answers ("давайте так я позвоню вам во вторник")
            promised = {a for a, _ in turn.positions_of((self.objection_item, "commitments"))}
            at = min((a for a in goodbyes if a not in promised), default=0)
            if at < 2:
                return []
            starts = [0, word_starts(text)[at]]
        else:
            starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        if len(starts) == 1:
            return []
        pieces = [(a, text[a:b].strip()) for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
        return [(a, piece) for a, piece in pieces if words_of(piece)] if len(pieces) > 1 else []

    def read(self, index: int, speaker: str, at: float, text: str) -> Turn:
        """One turn's words and every checklist list it hits."""
        vocabulary = self._vocabulary  # most words were read before: looked up without a call
        read = [vocabulary.get(w) or self.word(w) for w in words_of(text)]
        said = [w.said for w in read]
        words = [w.word for w in read]
        turn = Turn(
            index=index,
            speaker=speaker,
            at=at,
            text=text,
            words=words,
            facts=[w.facts for w in read],
            said=said,
        )
        # the earliest-listed phrase of each list wins, as the lists are ordered
        every: dict[ListKey, list[tuple[int, str]]] = {}
        keys_of = self.keys_of
        for p, quote in self.index.find(said, [w.matches for w in read]).items():
            for key, rank in keys_of.get(p, ()):
                every.setdefault(key, []).append((rank, quote))
        turn.quotes = {key: [quote for _, quote in sorted(found)] for key, found in every.items()}
        turn.hits = {key: quotes[0] for key, quotes in turn.quotes.items()}
        for start, w in enumerate(read):
            for key, phrase in w.starts_word_phrases:
                if len(phrase) == 1 or tuple(words[start : start + len(phrase)]) == phrase:
                    turn.spans.setdefault(key, []).append((start, phrase))
                    turn.hits.setdefault(key, turn.quote(start, len(phrase)))
        return turn


# a sentence ends at ".", "!", "?" or "…" followed by a space ("т.е." and "3.5" go on)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)")


@dataclass(frozen=True)
class _Word:
    said: str  # as written
    word: str  # lower case, ё as е
    facts: WordFacts
    matches: WordMatches
    starts_word_phrases: tuple[tuple[ListKey, tuple[str, ...]], ...]  # word-list phrases it begins
