"""Small exports (directory, CRM, plans) from CSV, JSON, JSON lines or XLSX, as text tables.

Files come as Excel and 1C save them: UTF-8 (with or without a byte-order mark), UTF-16 or
Windows-1251; separated by ``,``, ``;`` or tabs; numbers as ``1 234,50``, dates as
``01.10.2026``. Columns of a declared type (``TableSpec.types``) are read into one
spelling at load (``ingestion/sources/values.py``); a value that does not parse sends its
row to quarantine naming file, line, column and value, and the rest of the file loads.
Every other value stays text, as the file has it; staging casts. Each row keeps the file
and line (or array index, or sheet row) it came from. A row without its key (a total, a
note) is quarantined too; an empty row (``;;;``, as Excel saves one) is skipped like a
blank line. A missing required column or a file that is not what its extension says is
an ``InboxFileError`` naming the file and line: that file is refused whole.

Each table is a snapshot of the files now in its folder (a full export replaces the last
one): dlt's ``scd2`` strategy keeps every version with its validity, so a row that is gone
from the export (an employee who left the list, a plan corrected to another month) is
gone from the current rows (``_dlt_valid_to`` is null), and its history stays. A folder
that only gained files since a load that read every file clean (a CRM exporting each day's
deals as a file of its own) has only the new files read: the others' current rows come
back from the warehouse with the versions they were loaded with, unless a new row gives
one of their keys other values, which reads every file as before. When a file
of the table is refused, the table keeps its last snapshot until the file is corrected. A
file identical to another one in the folder (``deals (1).csv``) is loaded once and
reported as a duplicate. Where two files give one key different values, the newer file
(by modification time, then a copy after its original, then name:
``ingestion/sources/files.py``) wins and the replaced row is quarantined as ``superseded``,
so each file's rows read = rows clean + rows quarantined.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa

from core import phones
from core.private_files import inbox_files
from ingestion.sources.errors import InboxFileError
from ingestion.sources.files import UTF16_BOMS, oldest_first
from ingestion.sources.values import ValueProblem, configured_conventions, conventions_of, normalise

# a title, a date and an empty line may come before the header (1C, Excel reports)
HEADER_SEARCH_ROWS = 20
SUFFIXES = (".csv", ".json", ".jsonl", ".ndjson", ".xlsx")
# rows from files share one merge key: a snapshot of the files retires only their rows,
# never those an API source wrote into the same table
ORIGIN = "files"


@dataclass(frozen=True)
class TableSpec:
    """What one raw table is made of: its files, its natural key, its required columns,
    and the columns read by type (``decimal``, ``integer``, ``date``, ``month``, ``datetime``)."""

    name: str
    file_stem: str  # files named <stem>.csv, <stem>-2026-10.json, <stem>_march.xlsx…
    key: tuple[str, ...]
    required: tuple[str, ...]
    types: tuple[tuple[str, str], ...] = ()
    # date columns that must fall in the data window (ingestion/sources/window.py)
    dated: tuple[str, ...] = ()
    # lists of phone numbers ("+7 916 …; 8 495 …"): pseudonymised before they are stored
    phone_lists: tuple[str, ...] = ()

    def matches(self, path: Path) -> bool:
        pattern = rf"^{re.escape(self.file_stem)}([-_. ][^/]*)?$"
        return path.suffix.lower() in SUFFIXES and re.match(pattern, path.stem) is not None


def files_for(folder: Path, spec: TableSpec) -> list[Path]:
    return [p for p in inbox_files(folder, recursive=False) if spec.matches(p)]


def _text(value) -> str | None:
    if type(value) is str:  # what a CSV holds: the common case first
        return value
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != datetime.min.time() else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(UTF16_BOMS):  # Excel's "Unicode text": UTF-16
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InboxFileError(path, "broken UTF-16 text") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # Excel's UTF-8 byte-order mark
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:  # Russian Excel exports are often Windows-1251
        return data.decode("cp1251")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InboxFileError(path, "neither UTF-8 nor Windows-1251 text", line=line) from None


def _delimiter(header: str) -> str:
    """The separator the header line uses most: ``;`` (Russian Excel), tab, or ``,``."""
    counts = {d: header.count(d) for d in (";", "\t", ",")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def _find_header(lines: list[list], required: tuple[str, ...]) -> int | None:
    """Which of the first rows is the header: the first naming every required column (an
    export from 1C or Excel may open with a title, a date and an empty row); None if none."""
    for i, cells in enumerate(lines[:HEADER_SEARCH_ROWS]):
        names = {(_text(c) or "").strip().strip('"').strip().lower() for c in cells}
        if required and all(r in names for r in required):
            return i
    return None


def _header_index(lines: list[list], required: tuple[str, ...]) -> int:
    """The header's row, else the first row (whose missing columns the caller names)."""
    found = _find_header(lines, required)
    return 0 if found is None else found


def _rows_csv(path: Path, required: tuple[str, ...] = ()) -> Iterator[tuple[int, dict]]:
    text = _decode(path)
    head = text.split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS]
    skip = _header_index([[c for c in re.split("[;\t,]", line)] for line in head], required)
    delimiter = _delimiter(head[skip] if head else "")
    body = io.StringIO(text, newline="")
    for _ in range(skip):
        body.readline()
    reader = csv.DictReader(body, delimiter=delimiter)
    if not reader.fieldnames:
        raise InboxFileError(path, "empty file: expected a header line")
    n_fields = len(reader.fieldnames)
    for row in reader:
        if None in row or len(row) != n_fields or any(v is None for v in row.values()):
            raise InboxFileError(
                path, f"expected {n_fields} columns as in the header", line=reader.line_num + skip
            )
        yield reader.line_num + skip, row


def _rows_json(path: Path, required: tuple[str, ...] = ()) -> Iterator[tuple[int, dict]]:
    text = _decode(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InboxFileError(path, f"not valid JSON: {exc.msg}", line=exc.lineno) from None
    if isinstance(data, dict):  # {"items": [...]} or {"result": [...]}
        lists = [v for v in data.values() if isinstance(v, list)]
        data = lists[0] if len(lists) == 1 else [data]
    if not isinstance(data, list):
        raise InboxFileError(path, "expected a JSON array of objects (or an object holding one)", line=1)
    for i, row in enumerate(data, start=1):
        if not isinstance(row, dict):
            raise InboxFileError(path, f"item {i} is not an object")
        yield i, row


def _rows_jsonl(path: Path, required: tuple[str, ...] = ()) -> Iterator[tuple[int, dict]]:
    # decoded as the CSV and JSON readers do (UTF-8, UTF-16 or Windows-1251), then by line
    for i, text in enumerate(_decode(path).split("\n"), start=1):
        line = text.strip().removeprefix("\ufeff")  # a joined file's byte-order mark, Windows' \r
        if not line:
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InboxFileError(path, f"not valid JSON: {exc.msg}", line=i) from None
        if not isinstance(row, dict):
            raise InboxFileError(path, "expected one JSON object per line", line=i)
        yield i, row


def _rows_xlsx(path: Path, required: tuple[str, ...] = ()) -> Iterator[tuple[int, dict]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a bad archive
        raise InboxFileError(path, f"not a readable XLSX workbook ({exc.__class__.__name__})") from None
    try:
        # the first sheet whose header names the required columns (a workbook may open with
        # a cover or a summary sheet), else the first sheet
        for sheet in [*wb.worksheets, wb.worksheets[0]]:
            rows = sheet.iter_rows(values_only=True)
            first = [list(values or ()) for _, values in zip(range(HEADER_SEARCH_ROWS), rows, strict=False)]
            if _find_header(first, required) is not None:
                break
        if required and len(wb.worksheets) > 1 and _find_header(first, required) is None:
            # a header in other words on another sheet than the first: said, not read as empty
            sheets = ", ".join(sheet.title for sheet in wb.worksheets)
            raise InboxFileError(
                path,
                f"no sheet has a header with the columns {', '.join(required)} (sheets: {sheets}): "
                "rename the columns of the sheet that holds the data to these names",
            )
        skip = _header_index(first, required)
        header = [(_text(h) or "").strip() for h in (first[skip] if first else [])]
        after = itertools.chain(first[skip + 1 :], rows)
        formulas = _formulas(path, wb.worksheets.index(sheet), skip + 1) if _has_formulas(path) else iter(())
        for i, values in enumerate(after, start=skip + 2):
            written = next(formulas, None)
            if values is None or all(v is None for v in values):
                continue
            if written is not None:  # a formula cell without the value a spreadsheet saves beside it
                values = [
                    UncalculatedFormula(w) if v is None and isinstance(w, str) and w.startswith("=") else v
                    for v, w in itertools.zip_longest(values, written)
                ]
            yield i, dict(zip(header, values, strict=False))
    finally:
        wb.close()


class UncalculatedFormula(str):
    """A cell's formula (``=B2*1.1``) where its value should be: a workbook written by a
    program rather than saved by Excel or LibreOffice holds no calculated value, and
    openpyxl, which calculates nothing, reads such a cell as empty."""


# a cell's formula in a sheet's XML: <f>…</f>, <f t="shared" …/> (not <formula>, <font>)
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(path: Path) -> bool:
    """Whether any sheet of the workbook holds a formula: reading a sheet a second time for
    them doubled the time of a 50 k-row export (4.9 → 9.2 s), and most exports hold none."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with archive.open(name) as sheet:
                tail = b""
                while chunk := sheet.read(1 << 20):
                    if _FORMULA_TAG.search(tail + chunk):
                        return True
                    tail = chunk[-16:]  # a tag cut between two chunks
    return False


def _formulas(path: Path, sheet_index: int, skip: int) -> Iterator[tuple]:
    """The sheet's cells as written (formulas as text), row by row after ``skip`` rows."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=False)
    try:
        yield from itertools.islice(wb.worksheets[sheet_index].iter_rows(values_only=True), skip, None)
    finally:
        wb.close()


READERS = {
    ".csv": _rows_csv,
    ".json": _rows_json,
    ".jsonl": _rows_jsonl,
    ".ndjson": _rows_jsonl,
    ".xlsx": _rows_xlsx,
}


# "7,91612E+10": a number Excel showed in scientific notation and saved so in a CSV
_SCIENTIFIC = re.compile(r"\d[.,]?\d*\s*[eE][+]?\d+")
_SHORTENED_BY_EXCEL = (
    "phone numbers in full; this one Excel wrote in scientific notation and its last digits "
    "are lost: format the column as Text in Excel and export the file again"
)


class _ColumnNames(dict):
    """A header cell → the column name it stands for (``" Price "`` → ``price``), each
    worked out once."""

    def __missing__(self, key) -> str:
        self[key] = name = str(key).strip().lower()
        return name


def _uncalculated(row: dict) -> tuple | None:
    """The first cell of a workbook's row that holds a formula and no value, as a problem."""
    return next(
        (
            (column, value, _NOT_CALCULATED, "formula_not_calculated")
            for column, value in row.items()
            if isinstance(value, UncalculatedFormula)
        ),
        None,
    )


def _stripped_text(value) -> str | None:
    text = _text(value)
    return text.strip() if isinstance(text, str) else text


_NOT_CALCULATED = (
    "a value, not a formula without one: the workbook was written by a program, and only a "
    "spreadsheet calculates formulas; open it in Excel or LibreOffice, save it and send it again"
)


def read_rows(
    path: Path, spec: TableSpec, source_file: str, zone: str, window=None
) -> tuple[list[dict], list[dict]]:
    """The rows of one file as text dicts with ``_source_file`` and ``_source_line``, and
    the quarantine rows of those whose typed values do not parse."""
    reader = READERS[path.suffix.lower()]
    types = dict(spec.types)
    rows, rejected = [], []
    checked = False
    read = list(reader(path, spec.required))
    # a file names its columns once: each header cell is read once, not on every row; and
    # repeats its values: the conventions are looked for in each text once (a typed XLSX cell
    # shows none)
    column_names = _ColumnNames()
    cells = {
        (types[column], v)
        for _, raw in read
        for k, v in raw.items()
        if (column := column_names[k]) in types and isinstance(v, str)
    }
    conventions = conventions_of(cells, default=configured_conventions())
    # a file repeats its values (a few quantities and costs over 200 k deal lines): each text
    # is read once per kind; a typed XLSX cell each time (True and 1 are one key to a dict)
    known: dict[tuple[str, str], str | None] = {}

    def spelled(value, kind: str) -> str | None:
        if not isinstance(value, str):
            return normalise(value, kind, zone, conventions)
        if (kind, value) not in known:  # a value that does not parse raises, and is not kept
            known[kind, value] = normalise(value, kind, zone, conventions)
        return known[kind, value]

    secret = None  # the phone key, read once a file (when a row has numbers), not once a row
    for line, raw in read:
        row = {column_names[k]: v for k, v in raw.items() if k is not None}
        if not checked:
            missing = [c for c in spec.required if c not in row]
            if missing:
                raise InboxFileError(
                    path,
                    f"missing column(s) {', '.join(missing)}; {spec.name} needs {', '.join(spec.required)}"
                    f" (the header has {', '.join(str(k) for k in raw if k is not None) or 'nothing'}: "
                    "rename its columns to these names)",
                )
            checked = True
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row.values()):
            continue  # an empty row as Excel saves one (";;;"): no data, like a blank line
        problem = _uncalculated(row) if reader is _rows_xlsx else None  # only a workbook has formulas
        for column, kind in types.items():
            if column in row:
                try:
                    row[column] = spelled(row[column], kind)
                except ValueProblem as error:
                    problem = problem or (column, row[column], str(error), f"{kind}_format")
        for column in spec.dated if window is not None else ():
            why = window.why_outside(row[column]) if isinstance(row.get(column), str) else None
            if why and not problem:
                problem = (column, row[column], f"a date in the data window, not {why}", "date_window")
        row = {k: (v.strip() if type(v) is str else _stripped_text(v)) for k, v in row.items()}
        for column in spec.phone_lists:
            if isinstance(row.get(column), str):
                if _SCIENTIFIC.search(row[column]) and not problem:
                    problem = (column, row[column], _SHORTENED_BY_EXCEL, "phone_format")
                secret = secret or phones.key()
                row[column] = phones.pseudonymise_list(row[column], secret)
        if problem:
            column, value, expected, rule = problem
            rejected.append(
                {
                    "source_file": source_file,
                    "source_line": line,
                    "rule": rule,
                    "field": column,
                    "raw_value": f"{_text(value)!r}: expected {expected}",
                    "raw_record": json.dumps(row, ensure_ascii=False),
                }
            )
            continue
        empty_key = [k for k in spec.key if not row.get(k)]
        if empty_key:  # a total or a note line: kept in quarantine, the rest of the file loads
            names = ", ".join(empty_key)
            rejected.append(
                {
                    "source_file": source_file,
                    "source_line": line,
                    "rule": "missing_key",
                    "field": names,
                    "raw_value": f"'': {names} is empty, and the row's key ({', '.join(spec.key)}) needs it: "
                    "a total or a note line is not loaded; fill it in or remove the line",
                    "raw_record": json.dumps(row, ensure_ascii=False),
                }
            )
            continue
        row["_source_file"] = source_file
        row["_source_line"] = line
        rows.append(row)
    return rows, rejected


@dataclass(frozen=True)
class Superseded:
    """A row replaced by a later row with the same key and other values."""

    old: dict
    new: dict
    columns: tuple[str, ...]  # the columns whose values differ


def latest_by_key(rows: Iterable[dict], key: tuple[str, ...]) -> tuple[list[dict], list[Superseded]]:
    """One row per natural key, a later file (or later line) winning as a newer export
    would; and the rows it replaced with other values (the same values twice is no news)."""
    out: dict[tuple, dict] = {}
    superseded = []
    for row in rows:
        k = tuple(row[c] for c in key)
        before = out.get(k)
        if before is not None and row_hash(before) != row_hash(row):
            names = dict.fromkeys(c for c in [*before, *row] if not c.startswith("_"))
            differ = tuple(c for c in names if before.get(c) != row.get(c))
            superseded.append(Superseded(before, row, differ))
        out[k] = row
    return list(out.values()), superseded


def _where(row: dict, own_file: str) -> str:
    line = f"line {row.get('_source_line')}"
    return line if row.get("_source_file") == own_file else f"{row.get('_source_file')} {line}"


def superseded_quarantine_row(s: Superseded, key: tuple[str, ...]) -> dict:
    """The replaced row, kept in quarantine with what replaced it."""
    file = s.old["_source_file"]
    newer = "a later line of the same file" if s.new["_source_file"] == file else "a newer file"
    olds = ", ".join(repr(s.old.get(c)) for c in s.columns)
    news = ", ".join(repr(s.new.get(c)) for c in s.columns)
    return {
        "source_file": file,
        "source_line": s.old.get("_source_line"),
        "rule": "superseded",
        "field": ", ".join(s.columns),
        "raw_value": f"{olds}: replaced by {news} from {_where(s.new, file)}, {newer} "
        f"with the same {', '.join(key)}",
        "raw_record": json.dumps(
            {k: v for k, v in s.old.items() if not k.startswith("_")}, ensure_ascii=False
        ),
    }


def superseded_message(replaced: list[Superseded], key: tuple[str, ...]) -> str:
    """One sentence for a file whose rows newer rows replaced: the first, and what to do."""
    first = replaced[0]
    file = first.old["_source_file"]
    ident = ", ".join(f"{c} {first.old[c]}" for c in key)
    changes = ", ".join(f"{c} {first.old.get(c)} -> {first.new.get(c)}" for c in first.columns)
    newer = first.new["_source_file"]
    if newer == file:
        where, advice = "a later line of this file", "keep one line per key in it"
    else:
        where = f"{newer} line {first.new.get('_source_line')}, a newer file"
        advice = f"if {file} is the right one, correct or remove {newer}"
    head = (
        f"{len(replaced)} rows are replaced by newer rows with the same key; the first: "
        if len(replaced) > 1
        else ""
    )
    return (
        f"{head}line {first.old.get('_source_line')} ({ident}) "
        f"is replaced by {where} with other values ({changes}); {advice}"
    )


# json.dumps(values, ensure_ascii=False, default=str), without a new encoder for every row
_ROW_VALUES_JSON = json.JSONEncoder(ensure_ascii=False, default=str).encode


def row_hash(row: dict) -> str:
    """What identifies a version of a row: its values (an empty one as absent), not the file
    and line it sits on."""
    values = sorted((k, v) for k, v in row.items() if not k.startswith("_") and v is not None)
    return hashlib.sha256(_ROW_VALUES_JSON(values).encode()).hexdigest()[:32]


def with_snapshot_columns(row: dict | None, origin: str) -> dict | None:
    """A row written into a snapshot table by something else than its files (an API):
    its version hash, and an origin the files' snapshot never retires."""
    if row is not None:
        row["_row_hash"], row["_origin"] = row_hash(row), origin
    return row


def to_arrow(rows: list[dict], key: tuple[str, ...] = ()) -> pa.Table:
    """Text columns (the union over rows), ``_source_line`` as an integer; the key and the
    snapshot's version and origin not null, as dlt's merge declares them (a nullable field
    there had dlt warn on every load that the hints differ)."""
    columns: dict[str, None] = {}
    for row in rows:
        for k in row:
            columns.setdefault(k, None)
    required = {*key, "_row_hash", "_origin"}
    fields = [
        pa.field(c, pa.int64() if c == "_source_line" else pa.string(), nullable=c not in required)
        for c in columns
    ]
    return pa.Table.from_pylist(rows, schema=pa.schema(fields))


def content_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def last_rows_of(warehouse: Path | None, dataset: str, table: str, source_file: str) -> list[dict]:
    """The current rows a file gave the table in its last good load: a refused file keeps
    them until it is corrected, instead of the snapshot retiring them."""
    return current_rows_by_file(warehouse, dataset, table, [source_file]).get(source_file, [])


def current_rows_by_file(
    warehouse: Path | None, dataset: str, table: str, source_files: list[str]
) -> dict[str, list[dict]]:
    """The current rows each of ``source_files`` gave the table, in file and line order,
    each with the version it was loaded with (``_row_hash``, where the table has it), so that
    loading them again writes no new version; {} when there is no such table."""
    from core.warehouse import connect, exists

    if warehouse is None or not exists(warehouse) or not source_files:
        return {}
    with connect(warehouse) as con:
        if not con.table_exists(dataset, table):
            return {}
        present = con.columns(dataset, table)
        columns = [c for c in present if not c.startswith("_dlt_") and c != "_origin"]
        current = ' and "_dlt_valid_to" is null' if "_dlt_valid_to" in present else ""
        listing = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in source_files)
        result = con.execute(
            f'select {listing} from {dataset}.{table} where "_source_file" in ({marks}){current} '
            'order by "_source_file", "_source_line"',
            list(source_files),
        )
        by_file: dict[str, list[dict]] = {}
        for row in result.fetchall():
            record = dict(zip(columns, row, strict=True))
            by_file.setdefault(record["_source_file"], []).append(record)
        return by_file


# the code that reads the files: a change to it reads every file again
_READING_CODE = (Path(__file__), Path(__file__).parent / "values.py", Path(phones.__file__))


def inputs_of(spec: TableSpec, files: list[tuple[str, str]], zone: str, window=None) -> str:
    """What a table's rows are made from: its files (name and content, in the order read),
    the reading's settings (the CRM's time zone, the decimal mark and date order where a
    file shows none, the data window's start, the phone numbers' key, as the pseudonym of
    a number no one has) and the code that reads them. The window's end moves every day:
    a load is only kept as it is when no row of it fell outside the window."""
    described = {
        "spec": repr(spec),
        "files": files,
        "zone": zone,
        "conventions": repr(configured_conventions()),
        "window_from": str(window.oldest) if window is not None and window.oldest else None,
        "phones": phones.token("+70000000000") if spec.phone_lists else None,
        "code": [content_hash(path) for path in _READING_CODE],
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def current_file_rows(warehouse: Path | None, dataset: str, table: str) -> int | None:
    """How many current rows the files gave the table (an API's rows in it not counted);
    None when there is no such table."""
    from core.warehouse import connect, exists

    if warehouse is None or not exists(warehouse):
        return None
    with connect(warehouse) as con:
        if not con.table_exists(dataset, table):
            return None
        columns = con.columns(dataset, table)
        where = [f"\"_origin\" = '{ORIGIN}'"] if "_origin" in columns else []
        where += ['"_dlt_valid_to" is null'] if "_dlt_valid_to" in columns else []
        condition = f" where {' and '.join(where)}" if where else ""
        return con.execute(f"select count(*) from {dataset}.{table}{condition}").fetchone()[0]


def _header_only_message(table: str, held: int, kept: bool) -> str:
    """What became of a file of column names and no rows (an export whose filter matched
    nothing): loaded as it stands, it takes its earlier rows out of the current snapshot;
    when no file of the table has rows, the snapshot stays as it was."""
    if kept:
        what = f"; no {table} file has rows, so the {table} loaded before stay as they were"
    elif held == 1:
        what = ", and the row it held before is no longer current"
    elif held:
        what = f", and the {held} rows it held before are no longer current"
    else:
        what = ""
    return f"holds no rows: nothing loaded from it{what}; if it should have rows, export it again"


def tabular_resource(inbox_dir: str, folder: str, spec: TableSpec, window=None, warehouse=None, dataset=""):
    """A dlt resource holding the snapshot of every ``<inbox>/<folder>/<stem>*`` file; the
    ``dated`` columns must fall in ``window`` (ingestion/sources/window.py). A refused file
    keeps its rows of the last good load (read from ``warehouse``, ``dataset``)."""
    import dlt

    from core.settings import crm_timezone
    from ingestion.sources.load_log import load_log_item, log_entry
    from ingestion.sources.quarantine import quarantine_item, rejected_file_row

    @dlt.resource(
        name=spec.name,
        merge_key="_origin",
        # a version is a row's values, not the line it sits on (row_hash); an API source
        # writing the same table gives its rows the same columns (api/settings.py)
        write_disposition={
            "disposition": "merge",
            "strategy": "scd2",
            "row_version_column_name": "_row_hash",
        },
    )
    def _rows():
        inbox = Path(inbox_dir)
        loaded_to = Path(warehouse) if warehouse else None  # where a file's earlier rows are
        zone = crm_timezone()
        files = [(path, path.relative_to(inbox).as_posix(), content_hash(path))
                 for path in oldest_first(files_for(inbox / folder, spec))]  # fmt: skip
        # the files as the last load read them, every row clean, and the table still holding
        # what it gave: nothing to read (reading 200 k deal lines again was 6 s of every run)
        state = dlt.current.resource_state()
        inputs = inputs_of(spec, [(name, digest) for _, name, digest in files], zone, window)
        settings = inputs_of(spec, [], zone, window)  # the same reading, whatever the files
        last = state.pop("read", None)
        held = current_file_rows(loaded_to, dataset, spec.name)
        if last and last.get("inputs") == inputs and held == last.get("rows"):
            state["read"] = last
            return
        # files only added since a clean read: the others' rows come back from the warehouse
        # (a day's new deals file no longer has every deals file parsed again); when a kept
        # row and a new one share a key with other values, every file is read, as before
        kept = _kept_rows(loaded_to, dataset, spec, files, last, settings, held)
        read = _snapshot(files, kept, loaded_to, zone) if kept else None
        if read is None:
            read = _snapshot(files, {}, loaded_to, zone)
        items, current, clean = read
        if clean:  # dlt's state goes into the warehouse with these rows, in one load
            state["read"] = {
                "inputs": inputs,
                "rows": len(current),
                "files": [[name, digest] for _, name, digest in files],
                "settings": settings,
            }
        yield from items

    def _snapshot(files, kept: dict[str, list[dict]], loaded_to: Path | None, zone: str):
        """The items to load (quarantine, log, rows), the current rows and whether every
        file read now was clean; the rows of ``kept`` files as given, not read again. None
        when a kept file's row meets a row read now with the same key and other values:
        what becomes of it (quarantine, the file's log) needs every file read."""
        items = []
        rows: list[dict] = []
        log = []
        seen: dict[str, str] = {}  # content hash -> the file loaded with it
        entries: dict[str, dict] = {}  # file -> its load-log entry, when it was read
        header_only: list[str] = []  # files read whole that hold no row
        for path, name, digest in files:
            if name in kept:
                seen[digest] = name
                rows.extend(kept[name])
                continue
            if digest in seen:
                # said every run while it is there: how to stop it, too
                message = (
                    f"identical to {seen[digest]}: loaded once; remove it from the inbox if it is a copy"
                )
                log.append(log_entry(name, spec.name, 0, 0, 0, None, "duplicate", message))
                continue
            seen[digest] = name
            try:
                file_rows, rejected = read_rows(path, spec, name, zone, window)
            except InboxFileError as refused:
                # the file is refused whole, with its reason; the other files still load
                error = refused.named(name)
                items.append(quarantine_item([rejected_file_row(name, error)], spec.name))
                log.append(log_entry(name, spec.name, 0, 0, 0, error.line, "rejected", str(error)))
                rows.extend(last_rows_of(loaded_to, dataset, spec.name, name))
                continue
            if not file_rows and not rejected:  # its column names and no rows: said below
                header_only.append(name)
                continue
            if rejected:
                items.append(quarantine_item(rejected, spec.name))
            rows.extend(file_rows)
            entries[name] = log_entry(
                name, spec.name, len(file_rows) + len(rejected), len(file_rows), len(rejected)
            )
            log.append(entries[name])
        current, superseded = latest_by_key(rows, spec.key)
        if any(s.old["_source_file"] in kept or s.new["_source_file"] in kept for s in superseded):
            return None
        # a replaced row of a file read now is quarantined, so its file's rows still add up;
        # a refused file's last rows were reported with the refusal
        replaced = [s for s in superseded if s.old["_source_file"] in entries]
        if replaced:
            quarantined = [superseded_quarantine_row(s, spec.key) for s in replaced]
            items.append(quarantine_item(quarantined, spec.name))
        for name, entry in entries.items():
            own = [s for s in replaced if s.old["_source_file"] == name]
            if own:
                entry["rows_clean"] -= len(own)
                entry["rows_quarantined"] += len(own)
                entry["status"], entry["message"] = "conflict", superseded_message(own, spec.key)
        for name in header_only:
            held = len(last_rows_of(loaded_to, dataset, spec.name, name))
            message = _header_only_message(spec.name, held, kept=not current)
            log.append(log_entry(name, spec.name, 0, 0, 0, None, "empty", message))
        if log:
            items.append(load_log_item(log))
        if current:  # nothing at all keeps the last snapshot: an empty folder is not an empty export
            for row in current:
                if "_row_hash" not in row:  # a kept row keeps the version it was loaded with
                    row["_row_hash"] = row_hash(row)
                row["_origin"] = ORIGIN
            items.append(to_arrow(current, spec.key))
        # every file read now read whole, once, and every row of it loaded (a duplicate, a
        # refused or empty file, a row quarantined or replaced: said in the log, and every
        # file read next run again)
        clean = bool(current) and all(e["status"] == "loaded" and not e["rows_quarantined"] for e in log)
        return items, current, clean

    return _rows


def _kept_rows(
    warehouse: Path | None, dataset: str, spec: TableSpec, files: list, last: dict | None, settings: str, held
) -> dict[str, list[dict]]:
    """The current rows of each file the last load read whole and clean and that is still
    there as it was, by file, from the warehouse: {} unless the folder only gained files
    since (none changed, renamed or gone), the reading's settings are the same and the
    table still holds every row that load gave it."""
    if not last or last.get("settings") != settings or held is None or held != last.get("rows"):
        return {}
    before = {name: digest for name, digest in last.get("files", [])}
    now = {name: digest for _, name, digest in files}
    if not before or any(now.get(name) != digest for name, digest in before.items()):
        return {}
    kept = current_rows_by_file(warehouse, dataset, spec.name, list(before))
    rows = sum(len(file_rows) for file_rows in kept.values())
    # every current row is a kept file's, each with its version (a table an older autokpi
    # made has none: every file is read once)
    if rows != held or any("_row_hash" not in r for file_rows in kept.values() for r in file_rows):
        return {}
    return {name: kept.get(name, []) for name in before}
