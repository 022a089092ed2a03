"""Read Asterisk ``Master.csv`` files into Arrow batches, quarantining the lines that fail.

Which column is which comes from the file's layout (``layouts.py``: by count, by content or
by an export's header). Everything is read as text (``uniqueid`` ``…196.1`` and ``…196.10``
are different calls; a float would make them equal); staging casts. Bytes that are not UTF-8
are replaced by U+FFFD instead of failing the file. A line whose column count differs from
the file's layout, or whose time or number fields cannot be parsed, goes to the quarantine
batch with the file, line number and rule, so raw = clean + quarantined.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from core import pbx_times, phones
from core.errors import counted
from core.pbx_times import PBX_TIME
from ingestion.sources.asterisk.layouts import BOM, Layout, detect_layout
from ingestion.sources.asterisk.settings import (
    BLOCK_SIZE,
    DISPOSITIONS,
    GROUP_ROWS,
    INTEGER_RE,
    RAW_COLUMNS,
    TIMESTAMP_RE,
)
from ingestion.sources.files import complete_size, count_lines
from ingestion.sources.read_ahead import read_ahead


def _is_utf8(data: bytes) -> bool:
    """Whether ``data`` is well-formed UTF-8, by Arrow's check: a fourteenth of the time of
    decoding it and encoding it back (0.7 against 9.7 ms for 4 MB of call records)."""
    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64))
    try:
        pa.LargeStringArray.from_buffers(1, offsets, pa.py_buffer(data)).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


_LEADS = {2: (0xE0, 0xC0), 3: (0xF0, 0xE0), 4: (0xF8, 0xF0)}  # a character's length by its first byte


def _unfinished(data: bytes) -> int:
    """How many bytes at the end of ``data`` start a character the next read completes (0-3)."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 != 0x80:  # not a continuation byte: the last character starts here
            length = (
                2 if byte & 0xE0 == 0xC0 else 3 if byte & 0xF0 == 0xE0 else 4 if byte & 0xF8 == 0xF0 else 1
            )
            return back if length > back else 0
    return 0


class _Utf8Window(io.RawIOBase):
    """A byte window [start, stop) of a file, with invalid UTF-8 replaced by U+FFFD.

    Read a piece at a time; a piece of well-formed UTF-8 (nearly every one) is passed on
    as it is, any other decoded with replacement, a character cut at its end carried over
    to the next piece: the same bytes as decoding the whole window at once."""

    READ = 4 << 20

    def __init__(self, path: Path, start: int, stop: int):
        self._fh = path.open("rb")
        self._fh.seek(start)
        self._left = stop - start
        self._carried = b""
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending and self._left > 0:
            chunk = self._fh.read(min(self._left, self.READ))
            self._left -= len(chunk)
            if not chunk:
                self._left = 0
            data = self._carried + chunk
            cut = len(data) - (_unfinished(data) if self._left else 0)
            whole, self._carried = data[:cut], data[cut:]
            self._pending = whole if _is_utf8(whole) else whole.decode("utf-8", "replace").encode("utf-8")
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def close(self) -> None:
        self._fh.close()
        super().close()


def _is_header(table: pa.Table, lines, layout: Layout) -> bool:
    """True when the file's first line names the columns (``src``, ``dst``, ``start``…)
    instead of holding a call: Asterisk writes none, exports and some tools write one."""
    if not table.num_rows or int(lines[0]) != 1:
        return False
    first = {c: table.column(c)[0].as_py().strip().removeprefix(BOM).lower() for c in ("src", "dst", "start")}
    return all(value == layout.heading(c).lower() for c, value in first.items())


def _line_numbers(first: int, count: int, skipped: list[int]) -> np.ndarray:
    """Line numbers of ``count`` read rows starting at ``first``, jumping over skipped lines."""
    window_end = first + count + len(skipped)
    if not any(first <= s < window_end for s in skipped):
        return np.arange(first, first + count, dtype=np.int64)
    skip = set(skipped)
    out = np.empty(count, dtype=np.int64)
    line = first
    for i in range(count):
        while line in skip:
            line += 1
        out[i] = line
        line += 1
    return out


def _holds_a_line_break(table: pa.Table, names: list[str]) -> bool:
    """Whether any value may hold a line break: a byte search of the columns' text buffers
    (which may hold bytes of values outside a sliced batch, so never a break missed),
    a twentieth of the cost of counting breaks value by value (4.7 s of a 10 M-row load)."""
    for name in names:
        for chunk in table[name].chunks:
            buffers = chunk.buffers()
            text = buffers[2] if len(buffers) > 2 else None
            if text is not None and text.size and memoryview(text).tobytes().find(b"\n") >= 0:
                return True
    return False


def _breaks_per_row(table: pa.Table, names: list[str]) -> np.ndarray:
    """Line breaks inside each row's values (0 for nearly every CDR line)."""
    total = np.zeros(table.num_rows, dtype=np.int64)
    if not _holds_a_line_break(table, names):
        return total
    for name in names:
        counts = pc.count_substring(table[name], "\n")
        total += np.asarray(pc.fill_null(counts, 0).to_numpy(zero_copy_only=False), dtype=np.int64)
    return total


class _LineBreaks:
    """Physical line numbers of records, from the line breaks inside the records before.

    ``valid`` holds (record number, breaks) of read rows with breaks, in order; skipped
    records' breaks come from their text. A file without quoted line breaks takes the
    fast path: line = first line − 1 + record."""

    def __init__(self) -> None:
        self.records = np.empty(0, dtype=np.int64)
        self.cumulative = np.empty(0, dtype=np.int64)  # breaks up to and including each

    def _breaks_before(self, records: np.ndarray, skipped_breaks: dict[int, int]) -> np.ndarray:
        """Line breaks inside all records numbered below each of ``records``."""
        cumulative = np.concatenate([[0], self.cumulative])
        out = cumulative[np.searchsorted(self.records, records, side="left")]
        if skipped_breaks:
            numbers = np.array(sorted(skipped_breaks), dtype=np.int64)
            sums = np.concatenate([[0], np.cumsum([skipped_breaks[r] for r in numbers])])
            out = out + sums[np.searchsorted(numbers, records, side="left")]
        return out

    def lines(
        self, first_line: int, records: np.ndarray, breaks: np.ndarray, skipped_breaks: dict
    ) -> np.ndarray:
        if not breaks.any() and not self.records.size and not skipped_breaks:
            return records + (first_line - 1)
        has = breaks > 0
        start = int(self.cumulative[-1]) if self.cumulative.size else 0
        self.records = np.concatenate([self.records, records[has]])
        self.cumulative = np.concatenate([self.cumulative, start + np.cumsum(breaks[has])])
        return records + (first_line - 1) + self._breaks_before(records, skipped_breaks)

    def line_of(self, first_line: int, record: int, skipped_breaks: dict) -> int:
        return first_line - 1 + record + int(self._breaks_before(np.array([record]), skipped_breaks)[0])


@dataclass
class _Batch:
    clean: pa.Table
    quarantined: list[dict] = field(default_factory=list)
    blank_lines: int = 0
    # line breaks inside records (quoted in a value): lines that are not records of their own
    inner_breaks: int = 0
    # a CDR export's: answer and end worked out from duration and billsec
    times_worked_out: bool = False


def _whole_seconds(table: pa.Table) -> pa.Table:
    """Durations in whole seconds, as cdr_csv writes them: cdr_custom's ``${CDR(duration,f)}``
    writes ``65.123``, which is 65 (Asterisk rounds down)."""
    for column in ("duration", "billsec"):
        values = table[column]
        if pc.any(pc.match_substring(values, ".")).as_py():
            whole = pc.replace_substring_regex(values, r"^(\s*\d+)\.\d+(\s*)$", r"\1\2")
            table = table.set_column(table.column_names.index(column), column, whole)
    return table


def _channels_trimmed(table: pa.Table) -> pa.Table:
    """Channels without the spaces or tabs around them: staging reads a leg's extension from
    its channel ("SIP/101-00000001"), and "SIP/101\t" gave the extension "101\t", a call
    nobody's, silently (SQL's trim() strips spaces only)."""
    for column in ("channel", "dstchannel"):
        at = table.column_names.index(column)
        table = table.set_column(at, column, pc.ascii_trim_whitespace(table[column]))
    return table


def _start_time(table: pa.Table) -> pa.Array:
    """Each row's start as a timestamp (null where it is no time of the PBX's format)."""
    start = pc.replace_substring(pc.utf8_trim_whitespace(table["start"]), "T", " ")
    return pbx_times.moments(pc.utf8_slice_codeunits(start, 0, 19))


# a time every month has (days 1 to 28, hours 0 to 23): most times, passed without parsing
_ANY_MONTHS_TIME = (
    r"^\s*\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])[ T](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?\s*$"
)


def _a_moment(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Whether each value is a time of the PBX's format that a clock shows. A time of the
    format on the 29th to the 31st (or with a month, hour or minute out of range) is read by
    ``core.pbx_times`` (Arrow's parser alone rolls 2026-02-30 over to 2 March), and staging's
    cast would stop on it."""
    if isinstance(values, pa.ChunkedArray):
        return pa.chunked_array([_a_moment(chunk) for chunk in values.chunks], type=pa.bool_())
    sure = pc.fill_null(pc.match_substring_regex(values, _ANY_MONTHS_TIME), False)
    if pc.all(sure).as_py():
        return sure
    # only the few others are read again and parsed: every value would cost ~0.2 s a million
    maybe = pc.invert(sure)
    text = pc.filter(values, maybe)
    text = pc.if_else(pc.fill_null(pc.match_substring_regex(text, TIMESTAMP_RE), False), text, None)
    text = pc.utf8_slice_codeunits(pc.replace_substring(pc.utf8_trim_whitespace(text), "T", " "), 0, 19)
    return pc.replace_with_mask(sure, maybe, pc.is_valid(pbx_times.moments(text)))


def _disposition(table: pa.Table) -> pa.Array:
    """Each row's disposition as staging reads it: upper case, stripped of spaces only (SQL's
    trim() on every target), so "ANSWERED\t" is no disposition here either: quarantined by its
    line, not counted as an unanswered call nor stopping the call models at the raw check."""
    return pc.utf8_upper(pc.utf8_trim(table["disposition"], " "))


def _with_answer_and_end(table: pa.Table) -> pa.Table:
    """An export's answer and end, worked out as the PBX wrote them: end = start + duration,
    answer = end − billsec for an answered call (to the second, as the export keeps them);
    empty where the start, duration or billsec is no time or number (quarantined by them)."""
    started = _start_time(table)
    seconds = {}
    for column in ("duration", "billsec"):
        values = pc.utf8_trim_whitespace(table[column])
        number = pc.fill_null(pc.match_substring_regex(values, INTEGER_RE), False)
        seconds[column] = pc.cast(pc.if_else(number, values, "0"), pa.int64()).cast(pa.duration("s"))
    ended = pc.add(started, seconds["duration"])
    answered = pc.equal(_disposition(table), "ANSWERED")
    times = {
        "end": ended,
        "answer": pc.if_else(answered, pc.subtract(ended, seconds["billsec"]), pa.scalar(None, ended.type)),
    }
    for column, time in times.items():
        text = pc.fill_null(pc.strftime(time, format=PBX_TIME), "")
        table = table.set_column(table.column_names.index(column), column, text)
    return table


def _validate(
    table: pa.Table, window=None, times_worked_out: bool = False
) -> tuple[pa.Array, list[tuple[str, str, pa.Array]]]:
    """Row-level rules that staging's casts rely on, and the data window (a call dated
    years before the plans, or in the future); returns the ok-mask and the failures. Where
    answer and end were worked out, the start, duration and billsec they came from are checked."""
    failures = []
    checks = [
        ("start", TIMESTAMP_RE, False),
        ("end", TIMESTAMP_RE, False),
        ("answer", TIMESTAMP_RE, True),
        ("duration", INTEGER_RE, False),
        ("billsec", INTEGER_RE, False),
    ]
    if times_worked_out:
        checks = [check for check in checks if check[0] not in ("end", "answer")]
    ok = pa.array(np.ones(table.num_rows, dtype=bool))
    for column, pattern, may_be_empty in checks:
        values = table[column]
        # "2026-11-31 10:00:00" has the format but names no moment
        good = _a_moment(values) if pattern == TIMESTAMP_RE else pc.match_substring_regex(values, pattern)
        if may_be_empty:
            good = pc.or_(good, pc.equal(pc.utf8_trim_whitespace(values), ""))
        if column == "start" and times_worked_out:  # a time answer and end can be worked out from
            good = pc.and_(good, pc.is_valid(_start_time(table)))
        good = pc.fill_null(good, False)
        rule = "timestamp_format" if "d{4}" in pattern else "non_negative_integer"
        failures.append((rule, column, good))
        ok = pc.and_(ok, good)
    disposition = _disposition(table)
    good = pc.fill_null(pc.is_in(disposition, value_set=pa.array(DISPOSITIONS)), False)
    failures.append(("disposition_in_set", "disposition", good))
    ok = pc.and_(ok, good)
    if window is not None:
        day = pc.utf8_slice_codeunits(pc.utf8_trim_whitespace(table["start"]), 0, 10)
        inside = pc.less_equal(day, window.newest.isoformat())
        if window.oldest is not None:
            inside = pc.and_(inside, pc.greater_equal(day, window.oldest.isoformat()))
        good = pc.fill_null(inside, False)
        failures.append(("date_window", "start", good))
        ok = pc.and_(ok, good)
    return ok, failures


# customers' numbers: whole fields, and inside caller ids, dial strings and channels, and
# in the fields a dial plan fills as it likes (CDR(userfield)=${CALLERID(num)}, an account)
NUMBER_FIELDS = ("src", "dst")
TEXT_WITH_NUMBERS = ("clid", "lastdata", "channel", "dstchannel", "accountcode", "userfield", "peeraccount")


def _pseudonyms() -> dict[str, phones.ColumnPseudonyms]:
    """One file's pseudonyms, per column that holds numbers; a number's token once for all."""
    names = (*NUMBER_FIELDS, *TEXT_WITH_NUMBERS)
    tokens = phones.Tokens()
    return {
        name: phones.ColumnPseudonyms(embedded=name in TEXT_WITH_NUMBERS, tokens=tokens) for name in names
    }


def _in_groups(batches: Iterator[pa.RecordBatch], rows: int) -> Iterator[pa.Table]:
    """The batches as tables of at least ``rows`` rows each (the last one fewer)."""
    group: list[pa.RecordBatch] = []
    held = 0
    for batch in batches:
        group.append(batch)
        held += batch.num_rows
        if held >= rows:
            yield pa.Table.from_batches(group)
            group, held = [], 0
    if group:
        yield pa.Table.from_batches(group)


def _pseudonymised(table: pa.Table, pseudonyms: dict[str, phones.ColumnPseudonyms]) -> pa.Table:
    """Every full number replaced by its token (core/phones.py) before the rows go anywhere."""
    for name, pseudonymise in pseudonyms.items():
        table = table.set_column(table.column_names.index(name), name, pseudonymise(table[name]))
    return table


def _raw_record(row: dict, layout: Layout) -> str:
    """A quarantined row as the file wrote it: its columns by the file's names (an export's
    columns the raw table has no place for are not kept)."""
    headings = layout.headings or layout.names
    record = {heading: row[name] for name, heading in zip(layout.names, headings, strict=True) if name in row}
    return json.dumps(record, ensure_ascii=False)


@dataclass
class _Parsed:
    """A group of a file's records, parsed and checked, before its pseudonyms."""

    table: pa.Table  # the raw columns, with each row's file, line and column count
    ok: pa.Array  # rows every rule passes
    failures: list[tuple[str, str, pa.Array]]  # (rule, column, rows it passes)
    wrong_shape: list[dict]  # quarantined lines whose column count is not the layout's
    blank_lines: int
    inner_breaks: int


def read_cdr(
    path: Path, source_file: str, start: int = 0, first_line: int = 1, stop: int | None = None, window=None
) -> Iterator[_Batch]:
    """Arrow batches of one file's lines from byte ``start`` (line ``first_line``) to ``stop``.

    Parsing and checking a group of records (Arrow's work, mostly without the interpreter
    lock) runs a group or two ahead, in a thread of its own, of its pseudonyms (mostly
    Python's): one after the other they took 11.4 s of a 3.3 M-row file read alone, 8.5 s so."""
    stop = complete_size(path) if stop is None else stop
    if stop <= start:
        return
    layout = detect_layout(path, start, stop)
    if layout is None:  # only blank lines: nothing to load, but every line accounted for
        yield _Batch(pa.table({}), blank_lines=count_lines(path, start, stop))
        return
    pseudonyms = _pseudonyms()  # each number's pseudonym worked out once in the file
    for parsed in read_ahead(_parsed(path, source_file, start, first_line, stop, window, layout)):
        table = _pseudonymised(parsed.table, pseudonyms)
        quarantined = []
        if not pc.all(parsed.ok).as_py():
            bad = table.filter(pc.invert(parsed.ok))
            for rule, column, good in parsed.failures:
                rows = table.filter(pc.invert(good))
                for rec in rows.to_pylist():
                    quarantined.append(
                        {
                            "source_file": source_file,
                            "source_line": rec["_source_line"],
                            "rule": rule,
                            "field": layout.heading(column),
                            "raw_value": rec[column]
                            if rule != "date_window"
                            else f"{rec[column]!r}: {window.why_outside(rec[column].strip())}",
                            "raw_record": _raw_record(rec, layout),
                        }
                    )
            # A row failing two rules is quarantined once, under its first failure.
            seen: set[int] = set()
            quarantined = [
                q for q in quarantined if not (q["source_line"] in seen or seen.add(q["source_line"]))
            ]
            assert len(quarantined) == bad.num_rows
            table = table.filter(parsed.ok)
        quarantined.extend(parsed.wrong_shape)
        yield _Batch(table, quarantined, parsed.blank_lines, parsed.inner_breaks, layout.times_worked_out)


def _parsed(
    path: Path, source_file: str, start: int, first_line: int, stop: int, window, layout: Layout
) -> Iterator[_Parsed]:
    """The file's records in groups, parsed, numbered by line and checked (``read_cdr``)."""
    names, n_columns = list(layout.names), len(layout.names)
    # pyarrow numbers records, not lines: a quoted line break inside a value (a caller
    # name) makes one record of two lines. Records are numbered here and turned into
    # physical line numbers by the line breaks each record holds.
    bad_rows: list[tuple[int, str, int]] = []  # (record, text, columns)
    skipped: list[int] = []  # record numbers
    skipped_breaks: dict[int, int] = {}  # record -> line breaks inside it
    blank = [0]

    def on_invalid(row) -> str:
        record = row.number
        skipped.append(record)
        breaks = row.text.count("\n")
        if breaks:
            skipped_breaks[record] = breaks
        if row.text.strip():
            bad_rows.append((record, row.text, row.actual_columns))
        else:
            blank[0] += 1
        return "skip"

    reader = pcsv.open_csv(
        _Utf8Window(path, start, stop),
        read_options=pcsv.ReadOptions(column_names=names, block_size=BLOCK_SIZE, use_threads=False),
        parse_options=pcsv.ParseOptions(
            delimiter=layout.delimiter,
            invalid_row_handler=on_invalid,
            ignore_empty_lines=False,
            newlines_in_values=True,
        ),
        convert_options=pcsv.ConvertOptions(
            column_types={name: pa.string() for name in names},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    next_record = 1
    lines_before = _LineBreaks()  # line breaks inside the records read so far
    for table in _in_groups(reader, GROUP_ROWS):
        records = _line_numbers(next_record, table.num_rows, skipped)
        if table.num_rows:
            next_record = int(records[-1]) + 1
        breaks = _breaks_per_row(table, names)
        lines = lines_before.lines(first_line, records, breaks, skipped_breaks)
        blank_lines, blank[0] = blank[0], 0
        if _is_header(table, lines, layout):  # a line of column names, as some export tools write
            table, lines = table.slice(1), lines[1:]
            blank_lines += 1
        for name in RAW_COLUMNS:
            if name not in table.column_names:
                table = table.append_column(name, pa.nulls(table.num_rows, pa.string()))
        table = table.select(RAW_COLUMNS)
        table = _whole_seconds(table)
        table = _channels_trimmed(table)
        if layout.times_worked_out:
            table = _with_answer_and_end(table)
        # file and line are the row's key: a load interrupted and run again replaces, never doubles
        table = table.append_column(
            pa.field("_source_file", pa.string(), nullable=False),
            pa.array([source_file] * table.num_rows, pa.string()),
        )
        table = table.append_column(
            pa.field("_source_line", pa.int64(), nullable=False), pa.array(lines, pa.int64())
        )
        table = table.append_column("_column_count", pa.array(np.full(table.num_rows, n_columns), pa.int16()))
        ok, failures = _validate(table, window, layout.times_worked_out)
        wrong_shape = [
            {
                "source_file": source_file,
                "source_line": lines_before.line_of(first_line, record, skipped_breaks),
                "rule": "column_count",
                "field": None,
                "raw_value": f"{counted(actual, 'column')}, expected {n_columns}",
                "raw_record": phones.pseudonymise_text(text),
            }
            for record, text, actual in bad_rows
        ]
        inner = int(breaks.sum()) + sum(skipped_breaks.get(record, 0) for record, _, _ in bad_rows)
        bad_rows.clear()
        yield _Parsed(table, ok, failures, wrong_shape, blank_lines, inner)
