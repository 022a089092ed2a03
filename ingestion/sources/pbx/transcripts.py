"""Transcripts as JSON lines: one call per line, with speaker-labelled segments.

    {"call_id": "1790845229.61368", "language": "ru", "agent_extension": "108",
     "started_at": "2026-10-01 09:00:29",
     "segments": [{"speaker": "agent", "start": 0.0, "end": 2.9, "text": "Здравствуйте!"}]}

``call_id`` is the PBX's linked id (or unique id): the ``call_id`` of ``fct_calls``.
A line that is not such an object goes to quarantine with its line number. The same calls
written as JSON over many lines (an array, a call per file) are read too (json_calls.py).

Card and phone numbers and e-mail addresses said in a call are replaced by placeholders
before anything is stored: in the raw table and in the quarantine's copy of a bad line.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import dlt
import pyarrow as pa

from call_quality.redact import redact, redact_json_text_values
from call_quality.seconds import seconds, seconds_or
from core import settings
from core.warehouse import connect, exists
from ingestion.sources.file_parts import NewPart
from ingestion.sources.files import WRITE_AS_UTF8, json_line, not_utf8
from ingestion.sources.pbx.json_calls import Record, documents

SCHEMA = pa.schema(
    [
        pa.field("call_id", pa.string(), nullable=False),
        ("language", pa.string()),
        ("agent_extension", pa.string()),
        ("started_at", pa.string()),
        ("segment_count", pa.int32()),
        ("segments_json", pa.string()),
        # what the scorer reads, hashed: a transcript a corrected file left as it was is not
        # scored again (ingestion/sources/call_scores)
        ("content_sha256", pa.string()),
        ("_source_file", pa.string()),
        ("_source_line", pa.int64()),
        # where the row was read in its run: (the file's place in the run) << 32 + its line.
        # Of two rows of one call in a load, dlt keeps the later read (dedup_sort), so the
        # file written last counts, as the next run's merge would have it
        ("_read_order", pa.int64()),
    ]
)
SPEAKERS = {"agent", "client"}


SPEAKERS_ENV = "AUTOKPI_TRANSCRIPT_SPEAKERS"


def _speaker(value, roles: dict[str, str]) -> str | None:
    """``Agent``, `` CLIENT ``, or a label ``roles`` gives a role (``0`` → agent): a speaker
    as speech-to-text tools write it, in one spelling."""
    if type(value) is str and value in SPEAKERS:  # as most are written: a fifth of the reading
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    word = str(value).strip().lower()
    return word if word in SPEAKERS else roles.get(word) or CALL_CENTRE_ROLES.get(word)


# speakers as call-analytics tools name them; "caller" is not one: the client inbound, the agent outbound
CALL_CENTRE_ROLES = {
    **dict.fromkeys(("оператор", "менеджер", "сотрудник", "operator", "manager", "employee"), "agent"),
    **dict.fromkeys(("клиент", "абонент", "покупатель", "customer"), "client"),
}


def speaker_roles_key() -> str:
    """The speaker roles given now and known by name, as one text: a file with lines set aside
    when they were other roles is read again."""
    return json.dumps(sorted(settings.get(SPEAKERS_ENV).items()) + sorted(CALL_CENTRE_ROLES.items()))


def _problem(record, roles: dict[str, str]) -> str | None:
    if not isinstance(record, dict):
        return 'not a JSON object: each line is one call, {"call_id": …, "segments": […]}'
    if not record.get("call_id"):
        return (
            "no call_id: each call needs the id of its call as Master.csv has it "
            '("call_id": "1790845229.61368")'
        )
    language = record.get("language")
    if language is not None and not isinstance(language, str):
        given = json.dumps(language, ensure_ascii=False)
        return f'language must be a language code such as "ru", not {given}'
    segments = record.get("segments")
    if not isinstance(segments, list):
        return (
            'no segments list: each call needs its turns as "segments": '
            '[{"speaker": "agent", "start": 0.0, "end": 2.5, "text": "Здравствуйте!"}, …]'
        )
    for i, seg in enumerate(segments):
        if not isinstance(seg, dict) or _speaker(seg.get("speaker"), roles) not in SPEAKERS:
            said = seg.get("speaker") if isinstance(seg, dict) else None
            return f"segment {i}: speaker must be agent or client" + (
                f", not {said!r} (a speech-to-text tool's own label: give each of its labels a role "
                f"with {SPEAKERS_ENV}, e.g. 0=agent,1=client, and the next run reads the file again)"
                if said is not None and not (isinstance(said, str) and said.strip().lower() in SPEAKERS)
                else ""
            )
        if not isinstance(seg.get("text"), str):
            return f"segment {i}: missing text"
        for key in _TIMES:  # most are stored as they come: asking seconds() of each cost a third
            value = seg.get(key)
            if (
                value is not None
                and (type(value) is not float or value < 0)
                and seconds_or(value, None) is None
            ):
                return (
                    f"segment {i}: {key} must be seconds (65.2) or a time (00:01:05.2), "
                    f"not {json.dumps(value, ensure_ascii=False)}"
                )
    return None


_TIMES = ("start", "end")


class NumberAsWritten(float):
    """A JSON number that keeps the digits it was written with: as a call id, Asterisk's
    1790845229.10 is not 1790845229.1 (another call), which is all a float holds."""

    __slots__ = ("written",)

    def __new__(cls, written: str):
        number = super().__new__(cls, written)
        number.written = written
        return number

    def __str__(self) -> str:
        return self.written


def _segment(seg: dict, roles: dict[str, str]) -> dict:
    """A segment as stored: its speaker's role, its times in seconds, numbers in its text redacted."""
    stored = {**seg, "speaker": _speaker(seg["speaker"], roles), "text": redact(seg["text"])}
    for key in _TIMES:
        value = seg.get(key)
        if value is not None and (type(value) is not float or value < 0):
            stored[key] = seconds(value)
    return stored


def read_transcripts(part: NewPart, batch_rows: int = 50_000) -> Iterator[tuple[list[dict], list[dict]]]:
    """(rows, quarantined) batches from the new part of one transcripts file: JSON lines, or
    JSON over many lines as speech-to-text tools also write it (``json_calls.documents``)."""
    roles = settings.get(SPEAKERS_ENV)
    rows: list[dict] = []
    bad: list[dict] = []
    records = documents(part) if part.document else _lines(part)
    for line_no, record, problem, text in records:
        if problem is None and type(record) is dict and type(record.get("call_id")) is float:
            record = json.loads(text, parse_float=NumberAsWritten)  # rare: read again, digits kept
        if problem is None:
            problem = _problem(record, roles)
        if problem:
            bad.append(
                {
                    "source_file": part.name,
                    "source_line": line_no,
                    "rule": "transcript_format",
                    "field": None,
                    "raw_value": problem,
                    "raw_record": redact_json_text_values(text[:10_000]),
                }
            )
            continue
        rows.append(_row(record, roles, part.name, line_no))
        if len(rows) >= batch_rows:
            yield rows, bad
            rows, bad = [], []
    if rows or bad:
        yield rows, bad


def _lines(part: NewPart) -> Iterator[Record]:
    """JSON lines: one call per line."""
    with part.path.open("rb") as fh:
        fh.seek(part.start)
        line_no = part.first_line - 1
        while fh.tell() < part.stop:
            raw = fh.readline()
            line_no += 1
            try:
                text = raw.decode("utf-8").strip().removeprefix("\ufeff")  # Notepad's byte-order mark
            except UnicodeDecodeError:  # its words would be scored with letters replaced
                yield line_no, None, f"not UTF-8 text ({not_utf8(raw)}); {WRITE_AS_UTF8}", json_line(raw)
                continue
            if not text:
                continue
            try:
                yield line_no, json.loads(text), None, text
            except json.JSONDecodeError as exc:
                yield line_no, None, f"not valid JSON: {exc.msg}", text


def _row(record: dict, roles: dict[str, str], source_file: str, line_no: int) -> dict:
    language, extension = record.get("language"), _opt_str(record.get("agent_extension"))
    segments = json.dumps([_segment(seg, roles) for seg in record["segments"]], ensure_ascii=False)
    return {
        "call_id": str(record["call_id"]),
        "language": language,
        "agent_extension": extension,
        "started_at": _opt_str(record.get("started_at")),
        "segment_count": len(record["segments"]),
        "segments_json": segments,
        "content_sha256": content_sha256(language, extension, segments),
        "_source_file": source_file,
        "_source_line": line_no,
    }


def content_sha256(language: str | None, agent_extension: str | None, segments_json: str) -> str:
    """The hash of what a score is made from: the language, the agent's extension and the
    segments as stored (speaker roles given, numbers redacted)."""
    parts = ["\x01" if value is None else value for value in (language, agent_extension)]  # None is not ""
    return hashlib.sha256("\x00".join([*parts, segments_json]).encode()).hexdigest()


def _opt_str(value) -> str | None:
    return None if value is None else str(value)


def to_arrow(rows: list[dict], file_order: int = 0) -> pa.Table:
    """The rows of the ``file_order``-th file read in this run (files in the order written)."""
    for row in rows:
        row["_read_order"] = (file_order << 32) + row["_source_line"]
    return pa.Table.from_pylist(rows, schema=SCHEMA)


# A corrected transcripts file sent again takes back the calls its lines held before and
# no longer hold (a line wrong now, or holding another call): the call's transcript leaves
# the raw table, and this log says which, so that its quality score goes too (the
# call_quality source) and the run says so (orchestration/run.py).
WITHDRAWN_TABLE = "transcripts_withdrawn"
WITHDRAWAL_SCHEMA = pa.schema(
    [
        ("call_id", pa.string()),
        ("source_file", pa.string()),
        ("source_line", pa.int64()),
        ("withdrawn_at", pa.timestamp("us")),
    ]
)


def stored_calls(warehouse: str, source_file: str) -> dict[str, int]:
    """The calls whose transcript the raw table holds from ``source_file``, with their line."""
    if not warehouse or not exists(Path(warehouse)):
        return {}
    with connect(Path(warehouse)) as con:
        if not con.table_exists("raw_pbx", "transcripts"):
            return {}
        rows = con.execute(
            "select call_id, _source_line from raw_pbx.transcripts where _source_file = ?", [source_file]
        ).fetchall()
    return dict(rows)


def withdrawal_log_item(source_file: str, withdrawn: dict[str, int]):
    """A dlt item that appends the withdrawn calls (call id → line) to the withdrawal log."""
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [
        {"call_id": call_id, "source_file": source_file, "source_line": line, "withdrawn_at": now}
        for call_id, line in sorted(withdrawn.items(), key=lambda item: item[1])
    ]
    return dlt.mark.with_hints(
        pa.Table.from_pylist(rows, schema=WITHDRAWAL_SCHEMA),
        dlt.mark.make_hints(
            table_name=WITHDRAWN_TABLE,
            write_disposition="append",
            primary_key=[],
            merge_key=[],
            columns=[{"name": f.name, "nullable": True} for f in WITHDRAWAL_SCHEMA],
        ),
        create_table_variant=True,
    )
