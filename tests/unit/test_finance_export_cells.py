"""The XLSX a month is exported to, cell by cell: what finance's spreadsheets read back."""

from __future__ import annotations

import csv
from datetime import date, datetime
from decimal import Decimal

from openpyxl import load_workbook

from orchestration.finance_exports import BONUS_EXPORT_COLUMNS, write_month

COLUMNS = [
    "month",
    "employee_id",
    "full_name",
    "bonus_amount",
    "total_score",
    "computed_at",
    "adjustment_reason",
]
ROWS = [
    dict.fromkeys(BONUS_EXPORT_COLUMNS)
    | {
        "month": date(2026, 10, 1),
        "employee_id": "E1",
        "full_name": '=HYPERLINK("http://evil.example","Click")',
        "bonus_amount": Decimal("1234567890.50"),  # a billion roubles, to the kopeck
        "total_score": Decimal("1.087500000000"),
        "computed_at": datetime(2026, 11, 2, 6, 30, 15),
        "adjustment_reason": None,
    },
    dict.fromkeys(BONUS_EXPORT_COLUMNS)
    | {
        "month": date(2026, 10, 1),
        "employee_id": "E2",
        "full_name": "+7 (916) 000-00-00",
        "bonus_amount": Decimal("0.01"),
        "total_score": 0,
        "gate_factor": Decimal("0E-12"),  # a zero with 12 places, as the warehouse returns it
        "computed_at": datetime(2026, 11, 2, 6, 30, 15),
        "adjustment_reason": "http://example.org 1 234,50",
    },
]


def test_a_month_reads_back_as_numbers_dates_and_plain_text(tmp_path):
    sheets = (("bonus", COLUMNS, ROWS), ("kpi", ["month"], []), ("adjustments", ["paid_in_month"], []))
    written = write_month(None, date(2026, 10, 1), tmp_path, sheets)
    assert [p.name for p in written] == ["bonus_2026-10.csv", "bonus_2026-10.xlsx"]

    workbook = load_workbook(tmp_path / "bonus_2026-10.xlsx")
    assert workbook.sheetnames == ["bonus", "kpi", "adjustments"]
    sheet = workbook["bonus"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == COLUMNS
    first, second = ([c for c in row] for row in sheet.iter_rows(min_row=2))
    assert first[0].is_date and first[0].value == datetime(2026, 10, 1)
    assert first[0].number_format == "yyyy-mm-dd"
    assert first[2].data_type == "s" and first[2].value == ROWS[0]["full_name"]  # never a formula
    assert first[3].data_type == "n" and Decimal(str(first[3].value)) == Decimal("1234567890.5")
    assert first[4].value == 1.0875
    assert first[5].is_date and first[5].value == datetime(2026, 11, 2, 6, 30, 15)
    assert first[6].value is None
    assert second[2].data_type == "s" and second[2].value == "+7 (916) 000-00-00"
    assert second[3].value == 0.01 and second[4].value == 0
    assert second[6].data_type == "s" and second[6].value == "http://example.org 1 234,50"
    assert sheet.max_row == 3 and workbook["kpi"].max_row == 1


def test_the_csv_writes_decimals_as_plain_numbers(tmp_path):
    """Payroll imports read the CSV: a zero the warehouse returns with 12 places was written
    as 0E-12, scientific notation; every decimal is written in plain digits."""
    sheets = (("bonus", COLUMNS, ROWS), ("kpi", ["month"], []), ("adjustments", ["paid_in_month"], []))
    write_month(None, date(2026, 10, 1), tmp_path, sheets)
    with (tmp_path / "bonus_2026-10.csv").open(encoding="utf-8", newline="") as fh:
        first, second = list(csv.DictReader(fh))
    assert first["bonus_amount"] == "1234567890.50" and first["total_score"] == "1.087500000000"
    assert second["gate_factor"] == "0.000000000000" and second["bonus_amount"] == "0.01"
    assert second["full_name"] == "'+7 (916) 000-00-00"  # text a spreadsheet would run, behind '


def test_the_simulation_csv_keeps_names_from_running_as_formulas(tmp_path):
    from orchestration.simulate import SimulationRow, write_csv

    rows = [SimulationRow("E1", "=1+2", "sales_manager", Decimal("1000.00"), Decimal("1234567890.50"))]
    with write_csv(rows, tmp_path / "simulation.csv").open(encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["full_name"] == "'=1+2"
    assert (row["current_bonus"], row["proposed_bonus"], row["difference"]) == (
        "1000.00",
        "1234567890.50",
        "1234566890.50",
    )
