"""Checklists as configuration: one YAML file per language in ``checklists/``."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

CHECKLIST_DIR = Path(__file__).parent / "checklists"
ITEMS = [
    "greeting", "introduction", "needs_discovery", "offer_assortment", "objection_handling",
    "closing", "politeness", "literacy",
]  # fmt: skip
# each kind is a rule in call_quality/verdicts.py, reading the item's word lists by name
KINDS = {
    "greeting": ("phrases",),
    "introduction": ("phrases", "refusals"),
    "needs": ("requests", "question_words", "not_needs", "you", "replies"),
    "offer": ("phrases", "negations"),
    "objection": ("arguments", "alternatives", "commitments", "letting_go"),
    "closing": ("phrases",),
    "rudeness": ("phrases",),
    "speech": ("fillers", "errors"),
}
# lists matched as said (word forms), not on lemmas
WORD_LISTS = {
    "fillers", "errors", "question_words", "you", "replies", "degree_replies", "bare", "formula", "vocatives",
}  # fmt: skip


class ChecklistError(ValueError):
    """A checklist file that cannot be used, with the file and the reason."""


@dataclass(frozen=True)
class Item:
    name: str
    kind: str
    weight: float
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word lists by name
    min_hits: int = 1

    def words(self, name: str) -> tuple[str, ...]:
        return self.lists.get(name, ())


@dataclass(frozen=True)
class Checklist:
    language: str
    items: dict[str, Item]
    objections: dict[str, tuple[str, ...]]
    fuzzy_min_score: float = 86
    fuzzy_min_length: int = 5
    objection_answer_turns: int = 2
    opening_agent_turns: int = 3
    version: str = ""
    extra: dict = field(default_factory=dict)
    # the learned classifiers' weights beside it (<language>_meaning.json; call_quality/meaning.py)
    meaning_weights: Path | None = None


def load_checklist(path: Path) -> Checklist:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ChecklistError(f"{path}: not valid YAML ({exc.__class__.__name__})") from None
    items_data = data.get("items") or {}
    missing = [i for i in ITEMS if i not in items_data]
    unknown = [i for i in items_data if i not in ITEMS]
    if missing or unknown:
        raise ChecklistError(
            f"{path}: items must be exactly {', '.join(ITEMS)} (missing {missing}, unknown {unknown})"
        )
    items = {}
    for name, spec in items_data.items():
        kind = spec.get("kind")
        if kind not in KINDS:
            raise ChecklistError(f"{path}: item {name}: kind must be one of {sorted(KINDS)}")
        if float(spec.get("weight", 0)) <= 0:
            raise ChecklistError(f"{path}: item {name}: weight must be positive")
        lists = {k: tuple(str(w) for w in v) for k, v in spec.items() if isinstance(v, list)}
        missing_lists = [k for k in KINDS[kind] if not lists.get(k)]
        if missing_lists:
            raise ChecklistError(f"{path}: item {name}: a {kind} item needs the lists {missing_lists}")
        items[name] = Item(
            name=name, kind=kind, weight=float(spec["weight"]), lists=lists,
            min_hits=int(spec.get("min_hits", 1)),
        )  # fmt: skip
    # new weights re-score every call, as a changed word list does
    meaning_weights = meaning_weights_path(path.parent, data["language"])
    digest = hashlib.sha256(path.read_bytes())
    if meaning_weights.exists():
        digest.update(meaning_weights.read_bytes())
    version = digest.hexdigest()[:12]
    return Checklist(
        language=data["language"],
        items=items,
        objections={k: tuple(v) for k, v in (data.get("objections") or {}).items()},
        fuzzy_min_score=float(data.get("fuzzy_min_score", 86)),
        fuzzy_min_length=int(data.get("fuzzy_min_length", 5)),
        objection_answer_turns=int(data.get("objection_answer_turns", 2)),
        opening_agent_turns=int(data.get("opening_agent_turns", 3)),
        version=version,
        meaning_weights=meaning_weights if meaning_weights.exists() else None,
    )


def meaning_weights_path(folder: Path, language: str) -> Path:
    """Where a language's learned classifiers are kept, beside its checklist."""
    return folder / f"{language}_meaning.json"


def load_checklists(folder: Path = CHECKLIST_DIR) -> dict[str, Checklist]:
    checklists = {}
    for path in sorted(folder.glob("*.yaml")):
        checklist = load_checklist(path)
        checklists[checklist.language] = checklist
    if not checklists:
        raise ChecklistError(f"{folder}: no checklist files (*.yaml)")
    return checklists


# languages speech-to-text tools name in full
LANGUAGE_NAMES = {"russian": "ru", "русский": "ru", "english": "en", "английский": "en"}


def checklist_language(tag: str | None) -> str:
    """The checklist a transcript's language is scored by: a locale's language ("ru-RU",
    "en_US", as Yandex SpeechKit and Google write it), a language by name ("Russian"), in
    any case; Russian when none is given (the scorer reads the words of a transcript
    that names none: ``language_of_words``)."""
    primary = (tag or "ru").strip().lower().replace("_", "-").split("-")[0]
    return LANGUAGE_NAMES.get(primary, primary)


_PLACEHOLDERS = re.compile(r"\[(?:card|phone|email)\]")  # call_quality/redact.py's, in Latin letters
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)


def language_of_words(segments: list) -> str:
    """The checklist of a transcript that names no language, by the letters its words are
    written in: English when Latin letters outnumber Cyrillic ones, else Russian (a Russian
    call names brands in Latin letters; an English one was scored by the Russian checklist
    and failed nearly every item)."""
    text = _PLACEHOLDERS.sub("", " ".join(str(s.get("text") or "") for s in segments if isinstance(s, dict)))
    return "en" if len(_LATIN.findall(text)) > len(_CYRILLIC.findall(text)) else "ru"


def checklist_language_sql(column: str) -> str:
    """``checklist_language`` in SQL (DuckDB and PostgreSQL) over a column."""
    primary = f"split_part(replace(lower(trim(coalesce({column}, 'ru'))), '_', '-'), '-', 1)"
    names = " ".join(f"when '{name}' then '{code}'" for name, code in LANGUAGE_NAMES.items())
    return f"(case {primary} {names} else {primary} end)"


def checklists_version(checklists: dict[str, Checklist]) -> str:
    """One version for the set: scores are recomputed when any checklist changes."""
    return hashlib.sha256(
        "".join(f"{k}:{v.version}" for k, v in sorted(checklists.items())).encode()
    ).hexdigest()[:12]
