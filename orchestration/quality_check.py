"""``autokpi quality-check``: how far the call-quality scorer agrees with your own judgement.

The scorer was measured on calls its authors wrote (``bench/score_quality.py``); what counts
is how it does on your team's calls. Label some calls you have loaded — a CSV, Excel or JSON
file with ``call_id`` and a column per checklist item (``greeting`` … ``literacy``): 1 where
the agent did it, 0 where not, empty where you do not judge — and this compares your labels
with the verdicts stored in the warehouse (``raw_call_quality.call_scores``, as the last run
scored them): precision and recall of each item's failure, overall agreement, and, with
``--mistakes``, each disagreement with the words the scorer quoted. It reads; it writes nothing.
``--template FILE`` writes the file to fill in: a sample of scored calls with their transcripts
(as stored: numbers already redacted) and an empty column per item.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from call_quality.agreement import Agreement
from call_quality.checklist import ITEMS
from core.errors import UserFacingError
from core.warehouse import connect, exists
from ingestion.sources.errors import InboxFileError
from ingestion.sources.tabular import READERS

PASSED = {"1", "1.0", "pass", "passed", "yes", "y", "да", "+", "true", "ok"}
FAILED = {"0", "0.0", "fail", "failed", "no", "n", "нет", "-", "false"}


class LabelsError(UserFacingError):
    """A labels file autokpi cannot read: named with its line, column and value."""


@dataclass
class Labels:
    """Each labelled call's verdicts by item (None: not judged), in the file's order."""

    path: Path
    calls: dict[str, dict[str, int | None]] = field(default_factory=dict)


def read_labels(path: Path) -> Labels:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        kind = path.suffix or "no extension"
        raise LabelsError(f"{path}: labels are read from .csv, .xlsx, .json or .jsonl files, not {kind}")
    if not path.is_file():
        raise LabelsError(f"{path}: no such file; give the labels file's path with --labels")
    labels = Labels(path)
    try:
        for line, raw in reader(path, ("call_id",)):
            row = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
            if "call_id" not in row:
                raise LabelsError(
                    f"{path}:{line}: no call_id column; name the column of call ids call_id "
                    f"(the header has {', '.join(row) or 'nothing'})"
                )
            judged = [item for item in ITEMS if item in row]
            if not judged:
                raise LabelsError(
                    f"{path}:{line}: no checklist item column; name the columns of your verdicts "
                    f"{', '.join(ITEMS)} (any of them)"
                )
            call_id = _call_id(row["call_id"])
            if not call_id:
                continue  # a total or an empty row
            if call_id in labels.calls:
                raise LabelsError(f"{path}:{line}: call {call_id} is labelled twice; keep one row per call")
            labels.calls[call_id] = {item: _verdict(path, line, item, row.get(item)) for item in ITEMS}
    except InboxFileError as exc:
        raise LabelsError(str(exc)) from None
    if not labels.calls:
        raise LabelsError(f"{path}: no labelled calls; add a row per call under the header")
    return labels


def _call_id(value) -> str:
    """The id as the template wrote it: ``="1791378319.69206"`` keeps Excel from reading an
    Asterisk id as a number (and rounding it); a file that never went through Excel has it so."""
    text = str(value or "").strip()
    quoted = re.fullmatch(r'="(.*)"', text)
    return quoted.group(1) if quoted else text


def _verdict(path: Path, line: int, item: str, value) -> int | None:
    text = "" if value is None else str(value).strip().lower()
    if text in PASSED:
        return 1
    if text in FAILED:
        return 0
    if text == "":
        return None
    raise LabelsError(
        f"{path}:{line}: column {item} holds {value!r}; write 1 where the agent did it, 0 where not, "
        "or leave it empty"
    )


@dataclass
class QualityCheck:
    labels: Labels
    agreement: Agreement
    not_scored: list[str]
    quotes: dict[tuple[str, str], str]  # (call, item): what the scorer quoted
    # a labelled id Excel saved as a number (1791378319.692) -> the scored call of that value
    by_value: dict[str, str] = field(default_factory=dict)


def check(labels: Labels, warehouse: Path) -> QualityCheck:
    """Compare the labels with the stored verdicts of the same calls."""
    stored = _stored_verdicts(warehouse, list(labels.calls))
    by_value = _matched_by_value(warehouse, [c for c in labels.calls if c not in stored])
    stored |= _stored_verdicts(warehouse, list(by_value.values())) if by_value else {}
    agreement = Agreement()
    quotes: dict[tuple[str, str], str] = {}
    for call_id, expected in labels.calls.items():
        got_id = call_id if call_id in stored else by_value.get(call_id)
        if got_id is None:
            continue
        got, evidence = stored[got_id]
        agreement.add(call_id, expected, got)
        for item in ITEMS:
            said = evidence.get(item) or {}
            if said.get("quote"):
                # an objection's evidence is the objection and the answer that was taken for one
                answer = f' — answered: "{said["answer"]}"' if said.get("answer") else ""
                quotes[(call_id, item)] = f'"{said["quote"]}"{answer}'
    not_scored = [c for c in labels.calls if c not in stored and c not in by_value]
    if not agreement.calls:
        raise LabelsError(
            f"{labels.path}: none of its {len(labels.calls)} calls has a score in {warehouse} "
            f"(first: {not_scored[0]}); load their transcripts with autokpi run, or check the call ids"
        )
    if not agreement.judgements:
        raise LabelsError(
            f"{labels.path}: no verdict in it yet; write 1 (did it) or 0 (did not) under the items you judge"
        )
    return QualityCheck(labels, agreement, not_scored, quotes, by_value)


@contextmanager
def _scores(warehouse: Path, *also: tuple[str, str]) -> Iterator:
    """A connection to a warehouse whose calls have been scored (and that has ``also``)."""
    if not exists(warehouse):
        raise LabelsError(f"{warehouse}: no warehouse there; run autokpi run first, or give --warehouse")
    with connect(warehouse) as con:
        if not all(con.table_exists(*table) for table in (("raw_call_quality", "call_scores"), *also)):
            raise LabelsError(f"{warehouse}: no call has been scored yet; load transcripts with autokpi run")
        yield con


def _matched_by_value(warehouse: Path, call_ids: list[str]) -> dict[str, str]:
    """The scored call each unmatched Asterisk id stands for when Excel saved it as a number
    and dropped its trailing zeros (``1791378319.692`` for ``1791378319.6920``): the one
    scored id of the same value; none when two are (``.1`` for ``.10`` and ``.100``)."""
    numbers = [c for c in call_ids if re.fullmatch(r"\d+\.\d+", c)]
    if not numbers:
        return {}
    matched = {}
    with _scores(warehouse) as con:
        for call_id in numbers:
            whole = call_id.split(".")[0]
            candidates = [
                c
                for (c,) in con.execute(
                    "select call_id from raw_call_quality.call_scores where call_id like ?", [f"{whole}.%"]
                ).fetchall()
                if re.fullmatch(r"\d+\.\d+", c) and Decimal(c) == Decimal(call_id)
            ]
            if len(candidates) == 1:
                matched[call_id] = candidates[0]
    return matched


def _stored_verdicts(warehouse: Path, call_ids: list[str]) -> dict[str, tuple[dict[str, int], dict]]:
    with _scores(warehouse) as con:
        columns = ", ".join(ITEMS)
        rows = con.execute(
            f"select call_id, {columns}, evidence_json from raw_call_quality.call_scores "
            f"where call_id in ({', '.join('?' * len(call_ids))})",
            call_ids,
        ).fetchall()
    return {
        row[0]: (dict(zip(ITEMS, (int(v) for v in row[1:-1]), strict=True)), json.loads(row[-1] or "{}"))
        for row in rows
    }


def format_check(result: QualityCheck, mistakes: bool = False) -> str:
    a = result.agreement
    lines = [
        f"Call quality against your labels ({result.labels.path.name}): {a.calls} of "
        f"{len(result.labels.calls)} labelled calls scored; agreement {a.accuracy:.2f} over "
        f"{a.judgements} judgements; {a.whole_calls} call{'' if a.whole_calls == 1 else 's'} right on every "
        "item you judged.",
    ]
    if result.by_value:
        pairs = [f"{label} → {stored}" for label, stored in result.by_value.items()]
        shown = ", ".join(pairs[:3]) + (", …" if len(pairs) > 3 else "")
        lines.append(
            f"Read as numbers: {len(pairs)} call id(s) ({shown}), matched by value (Excel drops an "
            "id's trailing zeros); keep ids as text, as the template does."
        )
    if result.not_scored:
        shown = ", ".join(result.not_scored[:3]) + (", …" if len(result.not_scored) > 3 else "")
        lines.append(
            f"Not scored: {len(result.not_scored)} call(s) ({shown}): load their transcripts with "
            "autokpi run, or check the ids."
        )
    lines += ["", *a.table(), ""]
    lines.append(
        "precision: of the failures the scorer gave, the share you gave too (low: it fails agents "
        "you would pass); recall: of the failures you gave, the share it found."
    )
    if mistakes:
        lines.append("")
        for call_id, item, theirs, its in a.mistakes:
            quoted = result.quotes.get((call_id, item))
            said = f": {quoted}" if quoted else ""
            lines.append(f"{call_id} {item}: you {theirs}, scorer {its}{said}")
    elif a.mistakes:
        lines.append(f"{len(a.mistakes)} disagreement(s): --mistakes lists each with what the scorer quoted.")
    return "\n".join(lines)


def write_template(warehouse: Path, path: Path, calls: int = 30) -> int:
    """A labels file to fill in: ``calls`` scored calls (a fixed sample, the same every time)
    with their transcripts, in UTF-8 with ``;`` as Excel opens it; returns how many."""
    if path.exists():
        raise LabelsError(f"{path}: exists already; give another file name, or move it away")
    with _scores(warehouse, ("raw_pbx", "transcripts")) as con:
        rows = con.execute(
            "select t.call_id, t.language, t.segments_json from raw_pbx.transcripts as t "
            "inner join raw_call_quality.call_scores as s on s.call_id = t.call_id "
            "order by hash(t.call_id), t.call_id limit ?",
            [calls],
        ).fetchall()
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(["call_id", "language", "transcript", *ITEMS])
        for call_id, language, segments_json in rows:
            # as a formula of text: Excel opens "1791378319.69206" as a number and saves it rounded
            excel_safe = f'="{call_id}"'
            writer.writerow([excel_safe, language or "ru", _transcript(segments_json), *[""] * len(ITEMS)])
    return len(rows)


def _transcript(segments_json: str) -> str:
    """The call as lines "agent: …" / "client: …"."""
    segments = json.loads(segments_json or "[]")
    return "\n".join(f"{s.get('speaker', '?')}: {s.get('text', '')}" for s in segments if isinstance(s, dict))
