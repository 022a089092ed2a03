"""Small exports (directory, CRM, plans) from CSV, JSON, JSON lines or XLSX, as text tables.

Every value is read as text, as the file has it; staging casts. Each row keeps the file
and line (or array index, or sheet row) it came from. A missing required column, a file
that is not what its extension says, or a row without its key is an ``InboxFileError``
naming the file and line.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa

from ingestion.sources.errors import InboxFileError

SUFFIXES = (".csv", ".json", ".jsonl", ".ndjson", ".xlsx")


@dataclass(frozen=True)
class TableSpec:
    """What one raw table is made of: its files, its natural key, its required columns."""

    name: str
    file_stem: str  # files named <stem>.csv, <stem>-2026-10.json, <stem>_march.xlsx…
    key: tuple[str, ...]
    required: tuple[str, ...]

    def matches(self, path: Path) -> bool:
        pattern = rf"^{re.escape(self.file_stem)}([-_. ][^/]*)?$"
        return path.suffix.lower() in SUFFIXES and re.match(pattern, path.stem) is not None


def files_for(folder: Path, spec: TableSpec) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and spec.matches(p))


def _text(value) -> str | None:
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


def _rows_csv(path: Path) -> Iterator[tuple[int, dict]]:
    text = _decode(path)
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames:
        raise InboxFileError(path, "empty file: expected a header line")
    n_fields = len(reader.fieldnames)
    for row in reader:
        if None in row or len(row) != n_fields or any(v is None for v in row.values()):
            raise InboxFileError(path, f"expected {n_fields} columns as in the header", line=reader.line_num)
        yield reader.line_num, row


def _rows_json(path: Path) -> Iterator[tuple[int, dict]]:
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


def _rows_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    with path.open("rb") as fh:
        for i, raw in enumerate(fh, start=1):
            line = raw.decode("utf-8", "replace").strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InboxFileError(path, f"not valid JSON: {exc.msg}", line=i) from None
            if not isinstance(row, dict):
                raise InboxFileError(path, "expected one JSON object per line", line=i)
            yield i, row


def _rows_xlsx(path: Path) -> Iterator[tuple[int, dict]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a bad archive
        raise InboxFileError(path, f"not a readable XLSX workbook ({exc.__class__.__name__})") from None
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [(_text(h) or "").strip() for h in next(rows, [])]
        for i, values in enumerate(rows, start=2):
            if values is None or all(v is None for v in values):
                continue
            yield i, dict(zip(header, values, strict=False))
    finally:
        wb.close()


READERS = {
    ".csv": _rows_csv,
    ".json": _rows_json,
    ".jsonl": _rows_jsonl,
    ".ndjson": _rows_jsonl,
    ".xlsx": _rows_xlsx,
}


def read_rows(path: Path, spec: TableSpec, source_file: str) -> Iterator[dict]:
    """Rows of one file as text dicts with ``_source_file`` and ``_source_line``."""
    reader = READERS[path.suffix.lower()]
    checked = False
    for line, row in reader(path):
        row = {str(k).strip().lower(): _text(v) for k, v in row.items() if k is not None}
        if not checked:
            missing = [c for c in spec.required if c not in row]
            if missing:
                raise InboxFileError(
                    path,
                    f"missing column(s) {', '.join(missing)}; {spec.name} needs {', '.join(spec.required)}",
                )
            checked = True
        row = {k: (v.strip() if isinstance(v, str) else v) for k, v in row.items()}
        empty_key = [k for k in spec.key if not row.get(k)]
        if empty_key:
            raise InboxFileError(path, f"empty {', '.join(empty_key)} (the row's key)", line=line)
        row["_source_file"] = source_file
        row["_source_line"] = line
        yield row


def latest_by_key(rows: Iterable[dict], key: tuple[str, ...]) -> list[dict]:
    """One row per natural key; a later file (or later line) wins, as a newer export would."""
    out: dict[tuple, dict] = {}
    for row in rows:
        out[tuple(row[k] for k in key)] = row
    return list(out.values())


def to_arrow(rows: list[dict], key: tuple[str, ...] = ()) -> pa.Table:
    """Text columns (the union over rows), ``_source_line`` as an integer, the key not null."""
    columns: dict[str, None] = {}
    for row in rows:
        for k in row:
            columns.setdefault(k, None)
    fields = [
        pa.field(c, pa.int64() if c == "_source_line" else pa.string(), nullable=c not in key)
        for c in columns
    ]
    return pa.Table.from_pylist(rows, schema=pa.schema(fields))


def tabular_resource(inbox_dir: str, folder: str, spec: TableSpec):
    """A dlt resource merging every ``<inbox>/<folder>/<stem>*`` file into ``spec.name`` by its key."""
    import dlt

    from ingestion.sources.load_log import load_log_item, log_entry
    from ingestion.sources.quarantine import quarantine_item, rejected_file_row

    @dlt.resource(name=spec.name, write_disposition="merge", primary_key=list(spec.key))
    def _rows():
        inbox = Path(inbox_dir)
        rows: list[dict] = []
        log = []
        for path in files_for(inbox / folder, spec):
            name = path.relative_to(inbox).as_posix()
            try:
                file_rows = list(read_rows(path, spec, name))
            except InboxFileError as error:
                # the file is refused whole, with its reason; the other files still load
                yield quarantine_item([rejected_file_row(name, error)], spec.name)
                log.append(log_entry(name, spec.name, 0, 0, 0, error.line, "rejected", str(error)))
                continue
            rows.extend(file_rows)
            log.append(log_entry(name, spec.name, len(file_rows), len(file_rows), 0))
        if log:
            yield load_log_item(log)
        if rows:
            yield to_arrow(latest_by_key(rows, spec.key), spec.key)

    return _rows
