"""What a turn means, read by small learned classifiers over word vectors: an agent's
offer of more of the range, a rude turn, letting a client's objection go, and a client's
objection.

Word lists catch the phrasings they hold; these read the meaning of words they never saw
("у меня нет времени на ваши капризы" is near "мне некогда с вами разговаривать"). A
Russian turn is the mean, the largest and the smallest value of its words' vectors in each
dimension (a word the vectors do not know is looked up by its lemma: one strong word is not
averaged away in a long turn), and a few marks of tone and address: whether it says each of
the weights file's ``markers`` ("вы", "же", "что ли", "пожалуйста"…), gives an order, has a
question or an exclamation mark. Each classifier is a logistic regression over that, trained by
``bench/call_corpus/train_meaning.py`` on the labelled corpus's agent turns and kept as
its weights in ``checklists/<language>_meaning.json``. The rules in verdicts.py ask it
beside their lists, and a verdict it decides quotes the turn and the probability.

Russian turns are read through word vectors: navec (Russian news, 250 k words, 300
dimensions), read from the file the natasha package ships, so nothing is downloaded;
natasha itself is never imported. No package registry ships English word vectors, so an
English turn is the set of its words (a vocabulary kept with the weights): the classifier
learns which words tell, and says nothing of a word it never saw. A language without a
weights file is read by its word lists alone.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from call_quality.dialogue import Turn

VECTORS_FILE = Path("data") / "emb" / "navec_news_v1_1B_250K_300d_100q.tar"  # inside natasha


@lru_cache(maxsize=1)
def word_vectors():
    """navec's Russian vectors, from the natasha package's data folder (loaded once)."""
    from navec import Navec

    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the natasha package is not installed: run make setup")
    return Navec.load(str(Path(spec.submodule_search_locations[0]) / VECTORS_FILE))


@dataclass(frozen=True)
class Classifier:
    coef: np.ndarray
    intercept: float
    threshold: float  # the probability from which the turn counts as said
    min_words: int = 1  # a turn of fewer words carries too little meaning for its mean vector

    def probability(self, vector: np.ndarray) -> float:
        # a classifier trained on the mean vector alone reads its first columns
        return float(1.0 / (1.0 + np.exp(-(vector[: len(self.coef)] @ self.coef + self.intercept))))


class Meaning:
    """The classifiers of one language, and a cache of its word vectors; with a
    ``vocabulary``, a turn is the set of its words instead of their mean vector."""

    def __init__(
        self,
        classifiers: dict[str, Classifier],
        vocabulary: list[str] | None = None,
        markers: list[str] | None = None,
    ):
        self.classifiers = classifiers
        self._index = None if vocabulary is None else {word: i for i, word in enumerate(vocabulary)}
        self._vectors = word_vectors() if vocabulary is None else None
        # word vectors pooled three ways, and the marks, when the weights were trained so
        self.markers = markers
        self._phrases = [f" {m} " for m in markers or []]
        self._words: dict[str, np.ndarray | None] = {}
        self._turns: dict[str, np.ndarray] = {}  # by text: a turn is asked up to three times

    @property
    def mean_columns(self) -> int:
        """How many columns the mean of the word vectors takes: the first of a turn's vector."""
        return self._vectors.pq.dim

    def _word(self, word: str, lemma: str) -> np.ndarray | None:
        known = self._words.get(word, False)
        if known is False:
            known = self._vectors.get(word)
            if known is None:
                known = self._vectors.get(lemma)
            if len(self._words) >= 500_000:
                self._words.clear()
            self._words[word] = known
        return known

    def vector(self, turn: Turn) -> np.ndarray:
        cached = self._turns.get(turn.text)
        if cached is not None:
            return cached
        if self._index is not None:
            return self._remember(turn, self._bag_of_words(turn.words))
        words = zip(turn.words, turn.lemmas, strict=True)
        found = [v for v in (self._word(w, lm) for w, lm in words) if v is not None]
        if self.markers is None:
            vector = np.mean(found, axis=0) if found else np.zeros(self._vectors.pq.dim, dtype=np.float32)
            return self._remember(turn, vector)
        stacked = np.stack(found) if found else np.zeros((1, self._vectors.pq.dim), dtype=np.float32)
        pooled = (stacked.mean(axis=0), stacked.max(axis=0), stacked.min(axis=0))
        return self._remember(turn, np.concatenate([*pooled, self._marks(turn)]))

    def _marks(self, turn: Turn) -> np.ndarray:
        """Whether the turn says each marker (a word or words in a row), gives an order, asks
        with a question mark or exclaims."""
        said = f" {' '.join(turn.words)} "
        marks = [phrase in said for phrase in self._phrases]
        marks += [any(f.is_imperative for f in turn.facts), "?" in turn.text, "!" in turn.text]
        return np.asarray(marks, dtype=np.float32)

    def _bag_of_words(self, words: list[str]) -> np.ndarray:
        vector = np.zeros(len(self._index), dtype=np.float32)
        for word in words:
            at = self._index.get(word)
            if at is not None:
                vector[at] = 1.0
        return vector

    def _remember(self, turn: Turn, vector: np.ndarray) -> np.ndarray:
        if len(self._turns) >= 10_000:
            self._turns.clear()
        self._turns[turn.text] = vector
        return vector

    def says(self, name: str, turn: Turn) -> float | None:
        """The probability that ``turn`` is a ``name`` turn, when it reaches the threshold."""
        classifier = self.classifiers.get(name)
        if classifier is None or len(turn.words) < classifier.min_words:
            return None
        p = classifier.probability(self.vector(turn))
        return p if p >= classifier.threshold else None


def load_meaning(path: Path | None) -> Meaning | None:
    """The classifiers whose weights are at ``path`` (a checklist's ``meaning_weights``), or
    None where its language has none (its lists decide alone)."""
    if path is None:
        return None
    stored = json.loads(path.read_text(encoding="utf-8"))
    return Meaning(
        {
            name: Classifier(
                np.asarray(c["coef"], dtype=np.float32),
                float(c["intercept"]),
                float(c["threshold"]),
                int(c.get("min_words", 1)),
            )
            for name, c in stored["classifiers"].items()
        },
        stored.get("vocabulary"),
        stored.get("markers"),
    )
