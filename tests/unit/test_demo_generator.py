"""The demo generator: deterministic, in the inbox layout, with the shapes the models must handle."""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter, defaultdict
from datetime import date

from demo.generate import generate

ARGS = {
    "employees": 9,
    "days": 10,
    "seed": 3,
    "end": date(2026, 10, 9),
    "calls_per_day": 10,
    "progress": False,
}


def _digest(folder):
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "demo_manifest.json"):
        h.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return h.hexdigest()


def test_same_arguments_same_bytes(tmp_path):
    generate(tmp_path / "a", **ARGS)
    generate(tmp_path / "b", **ARGS)
    generate(tmp_path / "c", **{**ARGS, "seed": 4})
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_inbox_layout_and_planted_people(tmp_path):
    manifest = generate(tmp_path, **ARGS)
    for folder in ["directory", "pbx/asterisk", "pbx/transcripts", "crm", "plans"]:
        assert any((tmp_path / folder).iterdir()), folder
    planted = manifest["planted"]
    assert all(planted[h] for h in planted)
    people = [e for ids in planted.values() for e in ids]
    assert len(people) == len(set(people)), "one habit per person"
    with (tmp_path / "directory" / "employees.csv").open() as fh:
        ids = {row["employee_id"] for row in csv.DictReader(fh)}
    assert set(people) <= ids
    assert json.loads((tmp_path / "demo_manifest.json").read_text())["planted"] == planted


def test_call_records_have_every_shape(tmp_path):
    generate(tmp_path, **ARGS)
    rows = []
    for path in sorted((tmp_path / "pbx" / "asterisk").glob("*.csv")):
        with path.open(newline="") as fh:
            rows += list(csv.reader(fh))
    assert {len(r) for r in rows} == {21}
    legs = defaultdict(list)
    for r in rows:
        legs[r[19]].append(r)  # linkedid
    apps = Counter(r[7] for r in rows)
    assert {"Dial", "Hangup", "VoiceMail", "Playback"} <= set(apps)
    dispositions = Counter(r[14] for r in rows)
    assert {"ANSWERED", "NO ANSWER", "BUSY"} <= set(dispositions)
    ring_groups = [ls for ls in legs.values() if sum(r[7] == "Dial" for r in ls) > 1]
    assert any(sum(r[14] == "ANSWERED" for r in ls) == 1 for ls in ring_groups)
    assert any(all(r[14] != "ANSWERED" for r in ls if r[7] == "Dial") for ls in ring_groups)
    transfers = [ls for ls in legs.values() if len({r[16] for r in ls}) > 1]
    assert transfers, "a transfer has legs with different unique ids and one linked id"
    assert any(r[7] == "Hangup" and r[12] == "0" for r in rows)
    assert any(r[3] == "from-internal" and len(r[2]) <= 4 for r in rows), "internal calls"
    assert any(r[3] == "ivr-closed" for r in rows), "after-hours calls"
