"""Fuzzing the file readers: whatever bytes arrive, a reader loads them, quarantines them
with a reason, or refuses the file with an ``InboxFileError`` naming it; it never crashes.
Every line read is accounted for: clean + quarantined + blank = lines in the file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.sources.asterisk.helpers import read_cdr
from ingestion.sources.errors import InboxFileError
from ingestion.sources.file_parts import new_part
from ingestion.sources.files import complete_size, count_lines
from ingestion.sources.pbx.json_calls import is_json_document
from ingestion.sources.pbx.transcripts import read_transcripts
from ingestion.sources.tabular import TableSpec, read_rows

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
DEALS = TableSpec("deals", "deals", ("deal_id",), ("deal_id", "status"))

cells = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12)
# cdr_csv is one record per line: Asterisk writes no line break inside a field
cdr_cells = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\r\n"), max_size=12
)
cdr_like_lines = st.lists(
    st.lists(cdr_cells, min_size=0, max_size=23).map(
        lambda fields: ",".join('"' + f.replace('"', '""') + '"' for f in fields) + "\n"
    ),
    max_size=12,
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _read_cdr_fully(path: Path):
    """(clean rows, quarantined rows, blank lines), or the refusal."""
    clean = quarantined = blank = 0
    for batch in read_cdr(path, path.name):
        clean += batch.clean.num_rows
        quarantined += len(batch.quarantined)
        blank += batch.blank_lines
        assert all(q["rule"] and q["source_line"] >= 1 for q in batch.quarantined)
    return clean, quarantined, blank


def _cdr_accounts_for_every_line(path: Path) -> None:
    try:
        clean, quarantined, blank = _read_cdr_fully(path)
    except InboxFileError as error:
        assert path.name in str(error)
        return
    assert clean + quarantined + blank == count_lines(path, 0, complete_size(path))


@FUZZ
@given(data=st.binary(max_size=2048))
def test_cdr_reader_on_random_bytes(tmp_path, data):
    _cdr_accounts_for_every_line(_write(tmp_path, "Master.csv", data))


@FUZZ
@given(lines=cdr_like_lines)
def test_cdr_reader_on_random_csv_shapes(tmp_path, lines):
    _cdr_accounts_for_every_line(_write(tmp_path, "Master.csv", "".join(lines).encode()))


@FUZZ
@given(data=st.binary(max_size=1024) | json_values.map(lambda v: json.dumps(v).encode()))
def test_tabular_json_reader_on_random_input(tmp_path, data):
    path = _write(tmp_path, "deals.json", data)
    try:
        rows = read_rows(path, DEALS, "crm/deals.json", "Europe/Moscow")[0]
    except InboxFileError as error:
        assert "deals.json" in str(error)
        return
    assert all(r["deal_id"] and r["_source_file"] == "crm/deals.json" for r in rows)


@FUZZ
@given(
    header=st.lists(st.sampled_from(["deal_id", "status", "x", ""]) | cells, max_size=5),
    body=st.lists(st.lists(cells, max_size=6), max_size=6),
)
def test_tabular_csv_reader_on_random_shapes(tmp_path, header, body):
    out = io.StringIO()
    writer = csv.writer(out)
    for row in [header, *body]:
        writer.writerow(row)
    path = _write(tmp_path, "deals.csv", out.getvalue().encode())
    try:
        rows = read_rows(path, DEALS, "crm/deals.csv", "Europe/Moscow")[0]
    except InboxFileError as error:
        assert "deals.csv" in str(error)
        return
    assert len(rows) <= len(body)


@FUZZ
@given(lines=st.lists(st.binary(max_size=80) | json_values.map(json.dumps).map(str.encode), max_size=8))
def test_transcript_reader_on_random_lines(tmp_path, lines):
    path = _write(tmp_path, "t.jsonl", b"\n".join(line.replace(b"\n", b" ") for line in lines) + b"\n")
    document = is_json_document(path)  # a first line "[" or "{" alone: JSON over lines
    part = new_part(path, "pbx/transcripts/t.jsonl", {}, document=document)
    if part is None:
        return
    kept = bad = 0
    lines_read = []
    for rows, quarantined in read_transcripts(part):
        kept += len(rows)
        bad += len(quarantined)
        assert all(r["call_id"] for r in rows)
        lines_read += [r["_source_line"] for r in rows] + [q["source_line"] for q in quarantined]
    text = path.read_bytes().decode("utf-8", "replace")
    # a line of nothing but a byte-order mark is blank too
    non_blank = sum(1 for line in text.split("\n")[:-1] if line.strip().removeprefix("\ufeff"))
    if document:  # values, not lines: each where it starts, and nothing said only of no calls
        assert all(1 <= line <= text.count("\n") + 1 for line in lines_read)
        if kept + bad == 0:
            assert all(_holds_no_call(v) for v in _values(text.replace("\ufeff", "")))
    else:
        assert kept + bad == non_blank


def _values(text: str) -> list:
    """The JSON values of a text, one after another (commas between them allowed)."""
    decoder, values, at = json.JSONDecoder(), [], 0
    while True:
        while at < len(text) and (text[at].isspace() or text[at] == ","):
            at += 1
        if at == len(text):
            return values
        value, at = decoder.raw_decode(text, at)
        values.append(value)


def _holds_no_call(value) -> bool:
    """An empty array, or an object that is no call holding only an empty list."""
    if isinstance(value, dict) and "call_id" not in value:
        lists = [v for v in value.values() if isinstance(v, list)]
        return lists == [[]]
    return value == []


@FUZZ
@given(data=st.binary(max_size=1024), suffix=st.sampled_from([".csv", ".xlsx", ".jsonl"]))
def test_tabular_readers_on_random_bytes(tmp_path, data, suffix):
    path = _write(tmp_path, f"deals{suffix}", data)
    try:
        rows = read_rows(path, DEALS, f"crm/deals{suffix}", "Europe/Moscow")[0]
    except InboxFileError as error:
        assert f"deals{suffix}" in str(error)
        return
    assert all(r["deal_id"] for r in rows)
