"""Write the labelled call corpus (bench/data/call_corpus/) from the phrasings in
banks_ru.py and banks_en.py.

    python -m bench.call_corpus.build [--seed 2026]

Each call is put together part by part (greeting, introduction, the client's request,
needs discovery, an offer, an objection and its answer, the close), each part passing or
failing as the labelling rules say (README.md beside the data), with rude turns, fillers,
speech errors and the traps a word list falls into mixed in. About half the calls are
written as speech-to-text gives them: no capitals, no punctuation, a few misspelt words.

Training calls use the training trades and phrasings only; held-out calls use other
trades and phrasings, written apart and never used to tune the scorer.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from bench.call_corpus import (
    banks_en,
    banks_en_fresh,
    banks_en_fresh2,
    banks_en_fresh3,
    banks_en_fresh4,
    banks_en_fresh5,
    banks_en_fresh6,
    banks_en_fresh7,
    banks_en_fresh8,
    banks_en_fresh9,
    banks_en_fresh10,
    banks_en_fresh11,
    banks_en_fresh12,
    banks_en_fresh13,
    banks_en_fresh14,
    banks_en_fresh15,
    banks_en_fresh16,
    banks_en_fresh17,
    banks_en_fresh18,
    banks_en_fresh19,
    banks_en_fresh20,
    banks_en_fresh21,
    banks_en_fresh22,
    banks_en_fresh23,
    banks_en_fresh24,
    banks_en_fresh25,
    banks_en_fresh26,
    banks_en_fresh27,
    banks_en_fresh28,
    banks_en_fresh29,
    banks_en_fresh30,
    banks_ru,
    banks_ru_fresh,
    banks_ru_fresh2,
    banks_ru_fresh3,
    banks_ru_fresh4,
    banks_ru_fresh5,
    banks_ru_fresh6,
    banks_ru_fresh7,
    banks_ru_fresh8,
    banks_ru_fresh9,
    banks_ru_fresh10,
    banks_ru_fresh11,
    banks_ru_fresh12,
    banks_ru_fresh13,
    banks_ru_fresh14,
    banks_ru_fresh15,
    banks_ru_fresh16,
    banks_ru_fresh17,
    banks_ru_fresh18,
    banks_ru_fresh19,
    banks_ru_fresh20,
    banks_ru_fresh21,
    banks_ru_fresh22,
    banks_ru_fresh23,
    banks_ru_fresh24,
    banks_ru_fresh25,
    banks_ru_fresh26,
    banks_ru_fresh27,
    banks_ru_fresh28,
    banks_ru_fresh29,
    banks_ru_fresh30,
)
from call_quality.checklist import ITEMS

OUT = Path(__file__).resolve().parents[1] / "data" / "call_corpus"
CALLS = {("ru", "train"): 170, ("ru", "heldout"): 80, ("en", "train"): 50, ("en", "heldout"): 30,
         ("ru", "fresh"): 100, ("en", "fresh"): 40, ("ru", "fresh2"): 100, ("en", "fresh2"): 40,
         ("ru", "fresh3"): 100, ("en", "fresh3"): 40,
         ("ru", "fresh4"): 100, ("en", "fresh4"): 40,
         ("ru", "fresh5"): 100, ("en", "fresh5"): 40,
         ("ru", "fresh6"): 100, ("en", "fresh6"): 40,
         ("ru", "fresh7"): 100, ("en", "fresh7"): 40,
         ("ru", "fresh8"): 100, ("en", "fresh8"): 40,
         ("ru", "fresh9"): 100, ("en", "fresh9"): 40,
         ("ru", "fresh10"): 100, ("en", "fresh10"): 40,
         ("ru", "fresh11"): 100, ("en", "fresh11"): 40,
         ("ru", "fresh12"): 100, ("en", "fresh12"): 40,
         ("ru", "fresh13"): 100, ("en", "fresh13"): 40,
         ("ru", "fresh14"): 100, ("en", "fresh14"): 40,
         ("ru", "fresh15"): 100, ("en", "fresh15"): 40,
         ("ru", "fresh16"): 100, ("en", "fresh16"): 40,
         ("ru", "fresh17"): 100, ("en", "fresh17"): 40,
         ("ru", "fresh18"): 100, ("en", "fresh18"): 40,
         ("ru", "fresh19"): 100, ("en", "fresh19"): 40,
         ("ru", "fresh20"): 100, ("en", "fresh20"): 40,
         ("ru", "fresh21"): 100, ("en", "fresh21"): 40,
         ("ru", "fresh22"): 100, ("en", "fresh22"): 40,
         ("ru", "fresh23"): 100, ("en", "fresh23"): 40,
         ("ru", "fresh24"): 100, ("en", "fresh24"): 40,
         ("ru", "fresh25"): 100, ("en", "fresh25"): 40,
         ("ru", "fresh26"): 100, ("en", "fresh26"): 40,
         ("ru", "fresh27"): 100, ("en", "fresh27"): 40,
         ("ru", "fresh28"): 100, ("en", "fresh28"): 40,
         ("ru", "fresh29"): 100, ("en", "fresh29"): 40,
         ("ru", "fresh30"): 100, ("en", "fresh30"): 40}  # fmt: skip
# the fresh halves live in modules of their own, each written before a session's scorer
# changes (fresh: 2026-12-01, fresh2-fresh8: 2026-12-02, five sessions; fresh9: 2026-12-03;
# fresh10 to fresh20: 2026-12-05; fresh21 to fresh30: 2026-12-06); new splits go last, so
# earlier ones stay the same
BANKS = {
    ("ru", "train"): banks_ru,
    ("ru", "heldout"): banks_ru,
    ("en", "train"): banks_en,
    ("en", "heldout"): banks_en,
    ("ru", "fresh"): banks_ru_fresh,
    ("en", "fresh"): banks_en_fresh,
    ("ru", "fresh2"): banks_ru_fresh2,
    ("en", "fresh2"): banks_en_fresh2,
    ("ru", "fresh3"): banks_ru_fresh3,
    ("en", "fresh3"): banks_en_fresh3,
    ("ru", "fresh4"): banks_ru_fresh4,
    ("en", "fresh4"): banks_en_fresh4,
    ("ru", "fresh5"): banks_ru_fresh5,
    ("en", "fresh5"): banks_en_fresh5,
    ("ru", "fresh6"): banks_ru_fresh6,
    ("en", "fresh6"): banks_en_fresh6,
    ("ru", "fresh7"): banks_ru_fresh7,
    ("en", "fresh7"): banks_en_fresh7,
    ("ru", "fresh8"): banks_ru_fresh8,
    ("en", "fresh8"): banks_en_fresh8,
    ("ru", "fresh9"): banks_ru_fresh9,
    ("en", "fresh9"): banks_en_fresh9,
    ("ru", "fresh10"): banks_ru_fresh10,
    ("en", "fresh10"): banks_en_fresh10,
    ("ru", "fresh11"): banks_ru_fresh11,
    ("en", "fresh11"): banks_en_fresh11,
    ("ru", "fresh12"): banks_ru_fresh12,
    ("en", "fresh12"): banks_en_fresh12,
    ("ru", "fresh13"): banks_ru_fresh13,
    ("en", "fresh13"): banks_en_fresh13,
    ("ru", "fresh14"): banks_ru_fresh14,
    ("en", "fresh14"): banks_en_fresh14,
    ("ru", "fresh15"): banks_ru_fresh15,
    ("en", "fresh15"): banks_en_fresh15,
    ("ru", "fresh16"): banks_ru_fresh16,
    ("en", "fresh16"): banks_en_fresh16,
    ("ru", "fresh17"): banks_ru_fresh17,
    ("en", "fresh17"): banks_en_fresh17,
    ("ru", "fresh18"): banks_ru_fresh18,
    ("en", "fresh18"): banks_en_fresh18,
    ("ru", "fresh19"): banks_ru_fresh19,
    ("en", "fresh19"): banks_en_fresh19,
    ("ru", "fresh20"): banks_ru_fresh20,
    ("en", "fresh20"): banks_en_fresh20,
    ("ru", "fresh21"): banks_ru_fresh21,
    ("en", "fresh21"): banks_en_fresh21,
    ("ru", "fresh22"): banks_ru_fresh22,
    ("en", "fresh22"): banks_en_fresh22,
    ("ru", "fresh23"): banks_ru_fresh23,
    ("en", "fresh23"): banks_en_fresh23,
    ("ru", "fresh24"): banks_ru_fresh24,
    ("en", "fresh24"): banks_en_fresh24,
    ("ru", "fresh25"): banks_ru_fresh25,
    ("en", "fresh25"): banks_en_fresh25,
    ("ru", "fresh26"): banks_ru_fresh26,
    ("en", "fresh26"): banks_en_fresh26,
    ("ru", "fresh27"): banks_ru_fresh27,
    ("en", "fresh27"): banks_en_fresh27,
    ("ru", "fresh28"): banks_ru_fresh28,
    ("en", "fresh28"): banks_en_fresh28,
    ("ru", "fresh29"): banks_ru_fresh29,
    ("en", "fresh29"): banks_en_fresh29,
    ("ru", "fresh30"): banks_ru_fresh30,
    ("en", "fresh30"): banks_en_fresh30,
}
FAIL_SHARE = 0.3  # each item fails in about this share of calls
# splits whose agent speaks in long turns, as real agents do: the agent's consecutive parts
# (an answer, then an offer, then a rude aside) are one turn, not one turn each; a merged
# turn's role names its parts ("offer+rude"), and the meaning classifiers leave it out
LONG_TURNS = {f"fresh{n}" for n in range(13, 31)}  # fresh13 to fresh30


class Call:
    def __init__(self):
        self.turns: list[tuple[str, str]] = []
        # what each agent turn is, and which client turns object, for the meaning classifiers
        self.roles: list[str | None] = []
        self.notes: list[str] = []

    def agent(self, text: str, role: str) -> None:
        self.turns.append(("agent", text))
        self.roles.append(role)

    def client(self, text: str, role: str | None = None) -> None:
        self.turns.append(("client", text))
        self.roles.append(role)

    def merge_agent_turns(self) -> None:
        """The agent's consecutive turns as one ("Гарантия три года. Возьмёте ещё…")."""
        turns: list[tuple[str, str]] = []
        roles: list[str | None] = []
        for (speaker, text), role in zip(self.turns, self.roles, strict=True):
            if speaker == "agent" and turns and turns[-1][0] == "agent":
                turns[-1] = ("agent", f"{turns[-1][1]} {text}")
                roles[-1] = f"{roles[-1]}+{role}"
            else:
                turns.append((speaker, text))
                roles.append(role)
        self.turns, self.roles = turns, roles


def _fails(rng: random.Random) -> bool:
    return rng.random() < FAIL_SHARE


def compose(rng: random.Random, bank, split: str, trade_name: str) -> tuple[Call, dict[str, int]]:
    trade = bank.TRADES[split][trade_name]
    company, name = trade["company"], rng.choice(bank.NAMES[split])
    fill = {"company": company, "name": name}
    call, label = Call(), {}
    fail = {item: _fails(rng) for item in ITEMS}

    # opening: greeting and introduction, in one agent turn or two
    if rng.random() < 0.4:
        call.client(rng.choice(bank.CLIENT_GREETING))  # the client's greeting never counts
    greeting_ok = [g for g in bank.GREETINGS[split] if not (fail["introduction"] and g[2])]
    if fail["greeting"]:
        opening = rng.choice(bank.NO_GREETINGS[split])
        call.notes.append("no greeting")
    else:
        text, _, names_company = rng.choice(greeting_ok)
        opening = text.format(**fill)
        if names_company:
            call.notes.append("greeting names the company")
    introduced_by_greeting = not fail["greeting"] and company in opening
    refusal = None
    if fail["introduction"]:
        if rng.random() < 0.5:
            refusal = rng.choice(bank.NO_INTRODUCTIONS[split])
            call.notes.append("refuses to give a name")
        else:
            call.notes.append("no introduction")
        call.agent(opening, "opening")
    elif introduced_by_greeting and rng.random() < 0.5:
        call.agent(opening, "opening")
    else:
        intro = rng.choice(bank.INTRODUCTIONS[split]).format(**fill)
        if rng.random() < 0.6:
            call.agent(f"{opening} {intro}", "opening")
        else:
            call.agent(opening, "opening")
            call.agent(intro, "opening")
    label["greeting"] = 0 if fail["greeting"] else 1
    label["introduction"] = 0 if fail["introduction"] else 1

    call.client(rng.choice(trade["requests"]))
    if refusal:
        call.agent(refusal, "refusal")
        call.client(rng.choice(trade["requests"]))

    # needs discovery
    if fail["needs_discovery"]:
        text, reply = rng.choice(bank.NO_NEEDS[split])
        if rng.random() < 0.2:
            call.notes.append("no question at all")
        else:
            call.agent(text, "no_needs")
            if reply:
                call.client(reply)
            call.notes.append(f"no needs discovery: {text}")
    else:
        questions = bank.NEEDS[split] + trade["questions"]
        for _ in range(rng.choice([1, 1, 2])):
            call.agent(rng.choice(questions), "needs")
            call.client(rng.choice(trade["answers"]))
    label["needs_discovery"] = 0 if fail["needs_discovery"] else 1

    # politeness and literacy: turns mixed into the middle of the call
    middle: list[tuple[str, str]] = []
    if fail["politeness"]:
        middle.append((rng.choice(bank.RUDE[split]), "rude"))
        call.notes.append("rude")
    elif rng.random() < 0.4:
        middle.append((rng.choice(bank.POLITE_TRAPS[split]), "polite_trap"))
    if fail["literacy"]:
        if rng.random() < 0.5:
            middle.append((rng.choice(bank.SPEECH_ERRORS[split]), "speech_error"))
            call.notes.append("speech error")
        else:
            for filler in rng.sample(bank.FILLERS[split], 2):
                middle.append((rng.choice(bank.FILLER_TURNS[split]).format(f=filler), "filler"))
            call.notes.append("two fillers")
    else:
        if rng.random() < 0.3:
            turn = rng.choice(bank.FILLER_TURNS[split]).format(f=rng.choice(bank.FILLERS[split]))
            middle.append((turn, "filler"))
        if rng.random() < 0.4:
            middle.append((rng.choice(bank.LITERACY_TRAPS[split]), "literacy_trap"))
    label["politeness"] = 0 if fail["politeness"] else 1
    label["literacy"] = 0 if fail["literacy"] else 1

    # the offer
    if fail["offer_assortment"]:
        if rng.random() < 0.5:
            call.agent(rng.choice(bank.NO_OFFERS[split]), "no_offer")
            call.notes.append("the offer is a refusal")
        else:
            call.notes.append("no offer")
    else:
        call.agent(rng.choice(bank.OFFERS[split]).format(extra=rng.choice(trade["extra"])), "offer")
        call.client(rng.choice(bank.CLIENT_AGREE))
    label["offer_assortment"] = 0 if fail["offer_assortment"] else 1

    for text, role in middle:
        call.agent(text, role)
        if rng.random() < 0.5:
            call.client(rng.choice(bank.CLIENT_FILLER))

    # an objection, answered or not
    objected = fail["objection_handling"] or rng.random() < 0.4
    if objected:
        kind, objection = rng.choice(bank.OBJECTIONS[split])
        call.client(objection, "objection")
        if fail["objection_handling"]:
            call.agent(rng.choice(bank.UNHANDLED[split]), "unhandled")
            call.notes.append(f"{kind} objection not handled")
        else:
            call.agent(rng.choice(bank.HANDLED[split]), "handled")
            call.client(rng.choice(bank.CLIENT_AGREE))
    label["objection_handling"] = 0 if fail["objection_handling"] else 1

    # the close
    if fail["closing"]:
        how = rng.random()
        if how < 0.4:
            call.client(rng.choice(bank.LAST_QUESTIONS[split]))
            call.agent(rng.choice(bank.CLOSINGS[split]), "closing")
            call.notes.append("goodbye over the client's question")
        elif how < 0.7 or objected:  # an answer that fixes a call-back would read as a close
            call.agent(rng.choice(bank.NO_CLOSINGS[split]), "no_closing")
            call.notes.append("no closing")
        else:
            call.notes.append("the call just ends")
    else:
        if rng.random() < 0.3:
            call.client(rng.choice(bank.LAST_QUESTIONS[split]))
            call.agent(rng.choice(trade["answers"]), "answer")
        call.agent(rng.choice(bank.CLOSINGS[split]), "closing")
        if rng.random() < 0.5:
            call.client(rng.choice(bank.CLIENT_FILLER))
    label["closing"] = 0 if fail["closing"] else 1
    return call, label


_PUNCTUATION = re.compile(r"[.,!?:;«»\"()]|(?<!\w)-|-(?!\w)")


def as_speech_to_text(rng: random.Random, text: str) -> str:
    """Lower case, no punctuation, ё as е, now and then a misspelt long word."""
    words = _PUNCTUATION.sub(" ", text.lower().replace("ё", "е")).split()
    for i, word in enumerate(words):
        if len(word) >= 6 and rng.random() < 0.04:
            j = rng.randrange(1, len(word) - 2)
            words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]  # two letters swapped
    return " ".join(words)


def build(seed: int) -> dict[str, list[dict]]:
    rng = random.Random(seed)
    out: dict[str, list[dict]] = {split: [] for _, split in CALLS}
    for (language, split), count in CALLS.items():
        bank = BANKS[(language, split)]
        trades = sorted(bank.TRADES[split])
        for n in range(count):
            trade = trades[n % len(trades)]
            call, label = compose(rng, bank, split, trade)
            if split in LONG_TURNS:
                call.merge_agent_turns()
            noisy = rng.random() < 0.5
            segments = [
                [speaker, as_speech_to_text(rng, text) if noisy else text] for speaker, text in call.turns
            ]
            out[split].append(
                {
                    "id": f"{language}-{split}-{n + 1:03d}",
                    "language": language,
                    "scenario": trade,
                    "asr_noise": noisy,
                    "expected": "".join(str(label[item]) for item in ITEMS),
                    "note": "; ".join(call.notes) or "a model call",
                    "segments": segments,
                    "roles": call.roles,
                }
            )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for split, calls in build(args.seed).items():
        path = OUT / f"{split}.jsonl"
        path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in calls), encoding="utf-8")
        print(f"{path}: {len(calls)} calls")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
