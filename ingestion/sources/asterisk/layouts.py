"""Which column of a call record file is which: its layout.

A ``cdr_csv`` Master.csv is told by its column count (``settings.LAYOUTS``); a line
``cdr_custom``'s sample mapping wrote, by its content (the count can be a cdr_csv one); a
CDR export (FreePBX's CDR Reports, a database table saved as CSV), by the names in its
header line. A file that is none of these is refused with what to send instead.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from core.errors import counted
from ingestion.sources.asterisk.settings import (
    CUSTOM_SAMPLE_COLUMNS,
    DISPOSITIONS,
    EXPORT_NAMES,
    EXPORT_REQUIRED,
    INTEGER_RE,
    LAYOUTS,
    TIMESTAMP_RE,
)
from ingestion.sources.errors import InboxFileError

_CDR_CSV_FOLDER = "/var/log/asterisk/cdr-csv/"
BOM = "\ufeff"  # a byte-order mark, which str.strip() keeps
EXPORT_NAMES_BACK = {raw: name for name, raw in EXPORT_NAMES.items()}


@dataclass(frozen=True)
class Layout:
    """How a file's columns map onto the raw table: by their count (Master.csv) or by the
    names in its header line (a CDR export, ``settings.EXPORT_NAMES``)."""

    names: tuple[str, ...]  # the column each of the file's columns is read into
    delimiter: str = ","
    headings: tuple[str, ...] = ()  # an export's own names for them, in the file's order

    @property
    def export(self) -> bool:
        return bool(self.headings)

    @property
    def times_worked_out(self) -> bool:
        """An export without ``answer`` and ``end``: they follow from duration and billsec."""
        return self.export and not {"answer", "end"} <= set(self.names)

    def heading(self, column: str) -> str:
        """The file's own name of a column (``calldate`` for start), for messages."""
        if self.export and column in self.names:
            return self.headings[self.names.index(column)]
        return column


def _first_records(
    path: Path, start: int, stop: int, delimiter: str = ",", count: int = 1
) -> tuple[list[tuple[int, list[str]]], str]:
    """The first ``count`` non-empty records from byte ``start``, each with its line (counted
    from ``start``), and the text read. A record may span lines (a quoted line break in a
    caller name). A line that is no CSV is refused when it is the first; after it, the
    reader of the whole file names it."""
    with path.open("rb") as fh:
        fh.seek(start)
        head = fh.read(min(stop - start, 256 << 10)).decode("utf-8", "replace")
    if start == 0:
        head = head.removeprefix(BOM)  # Excel's "CSV UTF-8" and Windows tools write one
    complete = head if stop - start <= 256 << 10 else head[: head.rfind("\n") + 1]
    reader = csv.reader(io.StringIO(complete, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    try:
        for fields in reader:
            if any(f.strip() for f in fields):
                records.append((reader.line_num, fields))
                if len(records) == count:
                    break
    except csv.Error as exc:  # e.g. a bare carriage return inside the line
        if not records:
            raise InboxFileError(path, f"not an Asterisk cdr_csv line: {exc}", line=reader.line_num) from None
    return records, complete


def _names_columns(fields: list[str]) -> bool:
    """True for a line of column names holding ``src`` and ``dst`` (a header, not a call)."""
    names = [f.strip().lower() for f in fields]
    return {"src", "dst"} <= set(names) and all(n.replace("_", "").isalnum() for n in names if n)


def _export_layout(path: Path, stop: int) -> Layout | None:
    """The layout a CDR export's header line gives (its first line, however far the file was
    read before), or None for a file without one. An export missing a column that calls are
    counted or attributed by is refused, naming it."""
    delimiter = ","
    records, _ = _first_records(path, 0, stop, count=2)  # the header and the first call
    # ";" where it was saved as "CSV for MS Excel" in a Russian locale, tabs from a database client
    header = records[0][1] if records else []
    other = next((d for d in (";", "\t") if len(header) == 1 and d in header[0]), None)
    if other:
        delimiter = other
        records, _ = _first_records(path, 0, stop, delimiter, count=2)
    if not records or not _names_columns(records[0][1]):
        return None
    (line, fields), first_call = records[0], records[1] if len(records) > 1 else None
    headings = tuple(f.strip() for f in fields)
    lowered = [h.lower() for h in headings]
    names: list[str] = []
    for position, heading in enumerate(lowered):
        name = EXPORT_NAMES.get(heading, heading)
        if name != heading and name in lowered:  # both calldate and start: start is the start
            name = heading
        # a column named twice, or one the raw table has no place for, is read and left out
        names.append(name if name and name not in names else f"{heading}#{position}")
    missing = [EXPORT_NAMES_BACK.get(c, c) for c in EXPORT_REQUIRED if c not in names]
    if missing:
        raise InboxFileError(
            path,
            f"a CDR export without the column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            "(calls are counted and attributed by them): export every column of the cdr table again, "
            f"or send the files Asterisk's cdr_csv writes in {_CDR_CSV_FOLDER}",
            line=line,
        )
    layout = Layout(tuple(names), delimiter, headings)
    if first_call is not None:
        _refuse_if_saved_by_a_spreadsheet(path, layout, *first_call)
    return layout


# a time as a spreadsheet shows it (27.06.2017 10:29, 6/27/2017 10:29 AM), not as the PBX wrote it
_SPREADSHEET_TIME = re.compile(r"^\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}")
# a unique id a spreadsheet took for a number: 1498559343,3 or 1,49856E+09
_SPREADSHEET_NUMBER = re.compile(r",|[eE]\+")


def _refuse_if_saved_by_a_spreadsheet(path: Path, layout: Layout, line: int, fields: list[str]) -> None:
    """An export opened and saved in Excel has lost what it held: times rewritten (seconds
    gone), unique ids turned into numbers (``1498559343.30`` and ``.3`` one call). Its first
    call (``fields``, on ``line``) says so; the file is refused whole rather than every line
    quarantined."""
    if len(fields) != len(layout.names):
        return
    call = dict(zip(layout.names, fields, strict=True))
    changed = [
        (layout.heading(column), call[column])
        for column, looks_changed in (("start", _SPREADSHEET_TIME), ("uniqueid", _SPREADSHEET_NUMBER))
        if column in call and looks_changed.search(call[column])
    ]
    if changed:
        shown = " and ".join(f"{column} {value!r}" for column, value in changed)
        raise InboxFileError(
            path,
            f"a CDR export opened and saved in a spreadsheet, which rewrote its values ({shown}: times "
            "lose their seconds and unique ids their digits): download the export again and put it in "
            "pbx/asterisk/ as it downloads, without opening it in Excel",
            line=line,
        )


def _custom_sample_layout(fields: list[str]) -> Layout | None:
    """The layout of a line cdr_custom's sample mapping wrote (``settings.CUSTOM_SAMPLE_COLUMNS``),
    with the fields an admin added after it, or None. A cdr_csv line holds lastdata and
    billsec where this one holds the start and the disposition, so the two cannot be mistaken."""
    columns = CUSTOM_SAMPLE_COLUMNS
    if len(fields) < len(columns):
        return None
    value = dict(zip(columns, fields, strict=False))
    if not (
        re.match(TIMESTAMP_RE, value["start"])
        and value["disposition"].strip().upper() in DISPOSITIONS
        and re.match(INTEGER_RE, value["billsec"])
    ):
        return None
    added = [f"custom_field_{position}" for position in range(len(columns) + 1, len(fields) + 1)]
    return Layout((*columns, *added))


def detect_layout(path: Path, start: int, stop: int) -> Layout | None:
    """The file's layout: an export's header, else the column count of the first non-empty
    record in the window, which must be a known layout; None for a window of blank lines."""
    export = _export_layout(path, stop)
    if export is not None:
        return export
    records, text = _first_records(path, start, stop)
    if not records:
        return None
    line, fields = records[0]
    custom = _custom_sample_layout(fields)
    if custom is not None:
        return custom
    if len(fields) not in LAYOUTS:
        known = ", ".join(str(k) for k in LAYOUTS)
        raise InboxFileError(
            path,
            f"not an Asterisk cdr_csv line: {counted(len(fields), 'column')}, expected one of {known}"
            + (_saved_by_a_spreadsheet(line, text) or _what_to_send()),
            line=line,
        )
    return Layout(tuple(LAYOUTS[len(fields)]))


def _saved_by_a_spreadsheet(line_number: int, text: str) -> str:
    """What to do when the refused line is an Asterisk line separated by ';' (a Master.csv
    opened and saved by a spreadsheet in a Russian locale), else nothing."""
    line = text.splitlines()[line_number - 1] if line_number else ""
    fields = next(csv.reader([line], delimiter=";"), [])
    if len(fields) in LAYOUTS:
        return (
            "; its values are separated by ';' (saved from a spreadsheet?): "
            "send the file as the PBX wrote it, with commas"
        )
    return ""


def _what_to_send() -> str:
    return f"; send the Master.csv files as Asterisk's cdr_csv writes them in {_CDR_CSV_FOLDER}"
