"""How far the scorer's verdicts agree with a person's: precision and recall of each item's
*failure* (what a head of sales acts on), overall agreement, and calls right on every item.

One reckoning for the labelled corpus (``bench/score_quality.py``) and for a team's own
labelled calls (``autokpi quality-check``): an item a person left unjudged counts for neither.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from call_quality.checklist import ITEMS


@dataclass
class ItemAgreement:
    precision: float  # of the failures the scorer gave, the share the person gave too
    recall: float  # of the failures the person gave, the share the scorer found
    failures: int  # the failures the person gave


@dataclass
class Agreement:
    """Verdicts added call by call; ``items``, ``accuracy`` and ``whole_calls`` read them."""

    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: {item: {"tp": 0, "fp": 0, "fn": 0, "tn": 0} for item in ITEMS}
    )
    whole_calls: int = 0  # calls right on every item the person judged
    calls: int = 0
    mistakes: list[tuple[str, str, int, int]] = field(default_factory=list)  # call, item, theirs, its

    def add(self, call_id: str, expected: dict[str, int | None], got: dict[str, int]) -> None:
        wrong = 0
        for item in ITEMS:
            theirs = expected.get(item)
            if theirs is None:
                continue  # not judged
            failed_expected, failed_got = theirs == 0, got[item] == 0
            key = {(True, True): "tp", (False, True): "fp", (True, False): "fn", (False, False): "tn"}
            self.counts[item][key[(failed_expected, failed_got)]] += 1
            if failed_expected != failed_got:
                wrong += 1
                self.mistakes.append((call_id, item, theirs, got[item]))
        self.calls += 1
        self.whole_calls += wrong == 0

    @property
    def items(self) -> dict[str, ItemAgreement]:
        report = {}
        for item, c in self.counts.items():
            given, marked = c["tp"] + c["fp"], c["tp"] + c["fn"]
            report[item] = ItemAgreement(
                c["tp"] / given if given else 1.0, c["tp"] / marked if marked else 1.0, marked
            )
        return report

    @property
    def judgements(self) -> int:
        return sum(sum(c.values()) for c in self.counts.values())

    @property
    def accuracy(self) -> float:
        right = sum(c["tp"] + c["tn"] for c in self.counts.values())
        return right / self.judgements if self.judgements else 1.0

    def table(self) -> list[str]:
        """The per-item lines of a report."""
        lines = [f"{'item':<20} {'precision':>9} {'recall':>7} {'failures':>8}"]
        for item, r in self.items.items():
            lines.append(f"{item:<20} {r.precision:>9.2f} {r.recall:>7.2f} {r.failures:>8}")
        return lines
