"""Score one call's transcript against its language's checklist, keeping the evidence.

The transcript is read into turns (dialogue.py: words, lemmas, the checklist's lists each
turn hits); each item is then decided by its kind's rule (verdicts.py) from the dialogue's
structure, and the score is the weighted share of the items passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from call_quality import verdicts
from call_quality.checklist import ITEMS, Checklist
from call_quality.dialogue import Reader
from call_quality.meaning import load_meaning
from call_quality.verdicts import Objection

__all__ = ["CallScore", "Objection", "Scorer"]


@dataclass
class CallScore:
    call_id: str
    language: str
    items: dict[str, int]
    score: float
    evidence: dict[str, dict]
    objections: list[Objection] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)  # so a disputed item can be re-weighed


class Scorer:
    def __init__(self, checklist: Checklist):
        self.checklist = checklist
        self.reader = Reader(checklist)
        self.meaning = load_meaning(checklist.meaning_weights)

    def score(self, call_id: str, segments: list[dict]) -> CallScore:
        checklist = self.checklist
        call = verdicts.Call(checklist, self.reader.turns(segments), self.meaning)
        by_kind = {item.kind: item for item in checklist.items.values()}
        # objections first: the turns answering them count for nothing else
        verdicts.find_objections(call, by_kind["objection"])
        decided: dict[str, verdicts.Verdict] = {}
        greeted = verdicts.greeting(call, by_kind["greeting"])
        for name in ITEMS:
            item = checklist.items[name]
            if item.kind == "greeting":
                decided[name] = greeted
            elif item.kind == "introduction":
                decided[name] = verdicts.introduction(call, item, greeted)
            elif item.kind == "needs":
                decided[name] = verdicts.needs(call, item)
            elif item.kind == "offer":
                decided[name] = verdicts.offer(call, item)
            elif item.kind == "objection":
                decided[name] = verdicts.objection(call, item)
            elif item.kind == "closing":
                decided[name] = verdicts.closing(call, item, by_kind.get("needs"))
            elif item.kind == "rudeness":
                decided[name] = verdicts.rudeness(call, item)
            else:
                decided[name] = verdicts.speech(call, item)
        items = {name: int(v.passed) for name, v in decided.items()}
        evidence = {name: v.evidence for name, v in decided.items() if v.evidence}
        weights = {n: checklist.items[n].weight for n in ITEMS}
        score = sum(weights[n] * items[n] for n in ITEMS) / sum(weights.values())
        return CallScore(
            call_id, checklist.language, items, round(score, 4), evidence, call.objections, weights
        )
