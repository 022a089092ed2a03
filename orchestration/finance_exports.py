"""Finance exports: ``bonus_<YYYY-MM>.csv`` and ``.xlsx`` per month from the bonus marts.

Column names are stable (finance's spreadsheets and payroll imports read them) and
amounts are written as numbers, never as text. The XLSX has three sheets: ``bonus`` (the
table finance pays from), ``kpi`` (the breakdown behind every amount) and ``adjustments``
(each correction of a closed month with its cause). Why a bonus is what it is — the gate
that held it back, the multiplier, each adjustment — is written in Russian and English.

Text from the data never becomes a formula: a cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is written as a text cell in the XLSX and behind an
apostrophe in the CSV (what spreadsheet programs read as "this is text").

A month's files are written again only when their figures change: a digest of their
rows (every column but ``computed_at``, hashed by the database, so that a month that did
not change is never read into Python) and of the files written is kept in
``.autokpi-exports.json`` beside them. A closed month never changes, and an open month
whose figures a run computes again the same is left as it is (its ``computed_at`` says
when these figures were first computed; every run stamps an open month's rows with its
own time, and writing every open month again was 2 s of a 10 M-call day), so a daily run
writes the months whose figures changed; a file deleted or edited by hand is written again.
"""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from core.private_files import inside, share
from core.warehouse import connect
from dashboards import i18n
from dashboards.data import kpi_names
from dashboards.i18n import Formatter

BONUS_EXPORT_COLUMNS = [
    "month", "employee_id", "full_name", "department_id", "role", "base_bonus", "total_score",
    "gate_factor", "quality_multiplier", "bonus_amount", "adjustment_amount", "payout_amount",
    "adjustment_reason", "period_status", "computed_at", "gate_kpi_code", "gate_reason_ru",
    "gate_reason_en", "multiplier_kpi_code", "multiplier_input", "adjustment_reason_ru",
    "adjustment_reason_en",
]  # fmt: skip
KPI_EXPORT_COLUMNS = [
    "month", "employee_id", "department_id", "kpi_code", "actual_value", "target_value",
    "achievement", "coefficient", "weight", "weighted_score", "to_threshold", "to_cap", "note",
    "period_status",
]  # fmt: skip
ADJUSTMENT_EXPORT_COLUMNS = [
    "paid_in_month", "for_month", "employee_id", "adjustment_amount", "adjustment_cause", "kpi_codes",
    "dispute_ids", "adjustment_reason_ru", "adjustment_reason_en", "period_status",
]  # fmt: skip
# columns the marts hold; the rest are worded here
_BONUS_MART_COLUMNS = [c for c in BONUS_EXPORT_COLUMNS if not c.endswith(("_ru", "_en"))] + [
    "gate_min_achievement", "gate_achievement",
]  # fmt: skip
_ADJUSTMENT_MART_COLUMNS = [c for c in ADJUSTMENT_EXPORT_COLUMNS if not c.endswith(("_ru", "_en"))]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _rows(con, table: str, columns: list[str], month_column: str, month: date) -> list[dict]:
    order = ", ".join(str(i) for i in range(1, len(columns) + 1))
    result = con.execute(
        f"select {', '.join(columns)} from marts.{table} where {month_column} = ? order by {order}", [month]
    )
    return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value):
    """A CSV value: dates as ISO, decimals in plain digits (a zero with 12 places is 0E-12
    to Python), text that a spreadsheet would run as a formula behind '."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if is_formula_like(value):
        return "'" + value
    return value


def _write_cell(sheet, row: int, column: int, value, formats: dict) -> None:
    """One XLSX cell of its own type: numbers (Decimal too) and dates stay numbers and
    dates, text is always a text cell (never a formula, a number or a link), empty stays empty."""
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, (int, float, Decimal)):
        sheet.write_number(row, column, float(value))
    elif isinstance(value, datetime):
        sheet.write_datetime(row, column, value, formats["timestamp"])
    elif isinstance(value, date):
        sheet.write_datetime(row, column, value, formats["date"])
    else:
        sheet.write_string(row, column, str(value))


def _write_xlsx(path: Path, sheets: tuple) -> None:
    """The workbook, one sheet per part, the header row frozen. XlsxWriter, not openpyxl:
    a month of 1,000 employees took 4.5 s with openpyxl's write-only mode, 0.6 s here."""
    import xlsxwriter

    # in memory: no temporary file is written anywhere else (a month is a few MB at most)
    workbook = xlsxwriter.Workbook(str(path), {"in_memory": True, "remove_timezone": True})
    formats = {
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        "timestamp": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
    }
    for title, columns, rows in sheets:
        sheet = workbook.add_worksheet(title)
        sheet.freeze_panes(1, 0)
        for column, name in enumerate(columns):
            sheet.write_string(0, column, name)
        for row_number, row in enumerate(rows, start=1):
            for column, name in enumerate(columns):
                _write_cell(sheet, row_number, column, row[name], formats)
    workbook.close()


def _worded(bonus: list[dict], adjustments: list[dict], names: dict) -> None:
    """The reasons in Russian and English, beside the codes the marts hold."""
    for lang in ("ru", "en"):
        fmt = Formatter(lang)
        by_employee: dict[str, list[str]] = {}
        for adjustment in adjustments:
            text = fmt.adjustment_reason(adjustment, names)
            adjustment[f"adjustment_reason_{lang}"] = text
            by_employee.setdefault(adjustment["employee_id"], []).append(text)
        for row in bonus:
            row[f"gate_reason_{lang}"] = fmt.gate_reason(row, names) or None
            row[f"adjustment_reason_{lang}"] = "; ".join(by_employee.get(row["employee_id"], [])) or None


MANIFEST = ".autokpi-exports.json"


def _sheets(con, month: date, names: dict) -> tuple:
    bonus = _rows(con, "mart_bonus_monthly", _BONUS_MART_COLUMNS, "month", month)
    kpis = _rows(con, "mart_kpi_monthly", KPI_EXPORT_COLUMNS, "month", month)
    adjustments = _rows(con, "mart_bonus_adjustments", _ADJUSTMENT_MART_COLUMNS, "paid_in_month", month)
    _worded(bonus, adjustments, names)
    return (
        ("bonus", BONUS_EXPORT_COLUMNS, bonus),
        ("kpi", KPI_EXPORT_COLUMNS, kpis),
        ("adjustments", ADJUSTMENT_EXPORT_COLUMNS, adjustments),
    )


# the code that words and writes the files: a change to it writes every month again
_WRITING_CODE = (Path(__file__), Path(i18n.__file__))


def _digests(con, names: dict) -> dict[date, str]:
    """What each month's files hold, as one hash, worked out without reading the rows into
    Python: every exported column of the month's bonus, KPI and adjustment rows but the time
    the run computed them (hashed by the database), the KPI names the reasons are worded
    with and the code that words them. (Each month's sheets read and hashed in Python were
    0.1-0.15 s a month of every run at 10 M calls, growing with every month kept.)"""
    made_from = hashlib.sha256(
        json.dumps(names, sort_keys=True).encode() + b"".join(p.read_bytes() for p in _WRITING_CODE)
    ).hexdigest()

    def by(table: str, columns: list[str], month_column: str) -> dict:
        figures = [c for c in columns if c != "computed_at"]
        return con.content_hashes("marts", table, figures, month_column)

    bonus = by("mart_bonus_monthly", _BONUS_MART_COLUMNS, "month")
    kpis = by("mart_kpi_monthly", KPI_EXPORT_COLUMNS, "month")
    adjustments = by("mart_bonus_adjustments", _ADJUSTMENT_MART_COLUMNS, "paid_in_month")
    return {
        month: hashlib.sha256(
            repr((bonus[month], kpis.get(month), adjustments.get(month), made_from)).encode()
        ).hexdigest()
        for month in bonus
    }


def _file_digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def write_month(con, month: date, out_dir: Path, sheets: tuple | None = None) -> list[Path]:
    sheets = sheets or _sheets(con, month, kpi_names(con))
    bonus = sheets[0][2]
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"bonus_{month:%Y-%m}"
    csv_path = inside(out_dir, out_dir / f"{stem}.csv")  # a link planted there is refused
    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(BONUS_EXPORT_COLUMNS)
        writer.writerows([[csv_cell(row[c]) for c in BONUS_EXPORT_COLUMNS] for row in bonus])
    xlsx_path = inside(out_dir, out_dir / f"{stem}.xlsx")
    _write_xlsx(xlsx_path, sheets)
    return [csv_path, xlsx_path]


def write_exports(warehouse: Path, out_dir: Path, months: list[date] | None = None) -> list[Path]:
    """Write the files of every month (or just ``months``) whose rows changed since they
    were last written, or whose files are gone or edited; returns the paths written."""
    manifest_path = inside(out_dir, out_dir / MANIFEST)
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}  # none yet, or unreadable: every month is written
    with connect(warehouse) as con:
        if months is None:
            months = [
                r[0]
                for r in con.execute(
                    "select distinct month from marts.mart_bonus_monthly order by 1"
                ).fetchall()
            ]
        names = kpi_names(con)
        digests = _digests(con, names)
        written: list[Path] = []
        for month in months:
            stem = f"bonus_{month:%Y-%m}"
            kept, rows = manifest.get(stem, {}), digests.get(month, "no bonus rows")
            files = {suffix: out_dir / f"{stem}.{suffix}" for suffix in ("csv", "xlsx")}
            if kept.get("rows") == rows and all(kept.get(s) == _file_digest(p) for s, p in files.items()):
                continue  # the same rows, and the files as they were written
            written += write_month(con, month, out_dir, _sheets(con, month, names))
            manifest[stem] = {"rows": rows, **{s: _file_digest(p) for s, p in files.items()}}
    if written:
        manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    share(out_dir)
    return written
