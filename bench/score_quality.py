"""Call-quality scorer: precision and recall per checklist item on a hand-labelled set,
and calls scored per second on one core. Reports; never fails on numbers.

    python bench/score_quality.py [--repeat 20]

The labelled set (bench/data/labelled_calls.jsonl) was written for the purpose in
Russian and English, hard cases included; `expected` lists 0/1 per item in the order
greeting, introduction, needs_discovery, offer_assortment, objection_handling, closing,
politeness, literacy.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from call_quality.checklist import ITEMS, load_checklists
from call_quality.scorer import Scorer

DATA = Path(__file__).parent / "data" / "labelled_calls.jsonl"


def load_set() -> list[dict]:
    calls = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        call = json.loads(line)
        call["segments"] = [
            {"speaker": speaker, "start": float(i * 5), "end": float(i * 5 + 4), "text": text}
            for i, (speaker, text) in enumerate(call["segments"])
        ]
        calls.append(call)
    return calls


def evaluate(calls, scorers) -> dict[str, dict[str, float]]:
    """Precision and recall of the *failure* of each item (what a head of sales acts on)."""
    counts = {item: {"tp": 0, "fp": 0, "fn": 0, "tn": 0} for item in ITEMS}
    mistakes = []
    for call in calls:
        result = scorers[call["language"]].score(call["id"], call["segments"])
        for item, expected in zip(ITEMS, call["expected"], strict=True):
            failed_expected, failed_got = expected == "0", result.items[item] == 0
            key = {(True, True): "tp", (False, True): "fp", (True, False): "fn", (False, False): "tn"}
            counts[item][key[(failed_expected, failed_got)]] += 1
            if failed_expected != failed_got:
                mistakes.append(
                    f"{call['id']} {item}: expected {expected}, got {result.items[item]} ({call['note']})"
                )
    report = {}
    for item, c in counts.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        accuracy = (c["tp"] + c["tn"]) / sum(c.values())
        report[item] = {
            "precision": precision,
            "recall": recall,
            "accuracy": accuracy,
            "failures": c["tp"] + c["fn"],
        }
    return {"items": report, "mistakes": mistakes}


def speed(calls, scorers, repeat: int) -> float:
    # a fresh scorer per round would measure pymorphy3's start-up; the caches are part of the design
    started = time.perf_counter()
    n = 0
    for r in range(repeat):
        for call in calls:
            scorers[call["language"]].score(f"{call['id']}-{r}", call["segments"])
            n += 1
    return n / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=50, help="rounds over the set for the speed figure")
    args = parser.parse_args()
    scorers = {lang: Scorer(cl) for lang, cl in load_checklists().items()}
    calls = load_set()
    result = evaluate(calls, scorers)
    print(f"labelled set: {len(calls)} calls ({sum(c['language'] == 'ru' for c in calls)} ru)")
    print(f"{'item':<20} {'precision':>9} {'recall':>7} {'accuracy':>8} {'failures':>8}")
    for item, r in result["items"].items():
        print(
            f"{item:<20} {r['precision']:>9.2f} {r['recall']:>7.2f} {r['accuracy']:>8.2f} {r['failures']:>8}"
        )
    for mistake in result["mistakes"]:
        print("  miss:", mistake)
    print(f"speed: {speed(calls, scorers, args.repeat):,.0f} calls/s on one core (short labelled calls)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
