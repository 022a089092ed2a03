"""Values as Russian Excel, 1C and the rest of the world write them, read by column type."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from ingestion.sources.crm import TABLES as CRM_TABLES
from ingestion.sources.plans import TABLES as PLAN_TABLES
from ingestion.sources.tabular import read_rows
from ingestion.sources.values import ValueProblem, normalise, parse_date, parse_decimal, parse_month

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "russian_excel"
DEALS = next(t for t in CRM_TABLES if t.name == "deals")
DEAL_LINES = next(t for t in CRM_TABLES if t.name == "deal_lines")
PLANS = PLAN_TABLES[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 234,50", "1234.50"),
        ("1\u00a0234\u00a0567,00", "1234567.00"),
        ("1\u202f234,5", "1234.5"),
        ("1,234.50", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1234.5", "1234.5"),
        ("0,001", "0.001"),
        ("-1 234,50", "-1234.50"),
        ("1 234,50 ₽", "1234.50"),
        ("12 000 руб.", "12000"),
        ("1,234,567", "1234567"),
        ("999999999999.99", "999999999999.99"),
    ],
)
def test_money_as_it_is_written(text, value):
    assert parse_decimal(text) == value


@pytest.mark.parametrize("text", ["584 000.00.00", "12a", "—", "1,2,3.4.5", "."])
def test_what_is_not_a_number(text):
    with pytest.raises(ValueProblem, match="a number"):
        parse_decimal(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("2026-10-01", "2026-10-01"), ("01.10.2026", "2026-10-01"), ("1.10.26", "2026-10-01"),
     ("01/10/2026", "2026-10-01"), ("2026-10-01 12:00", "2026-10-01"), ("15.10.2026 9:59", "2026-10-15")],
)  # fmt: skip
def test_dates_day_first(text, value):
    assert parse_date(text) == value


def test_a_day_that_does_not_exist():
    with pytest.raises(ValueProblem, match="a date that exists"):
        parse_date("32.10.2026")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2026-10", "2026-10-01"),
        ("10.2026", "2026-10-01"),
        ("01.10.2026", "2026-10-01"),
        ("2026-10-17", "2026-10-01"),
        ("октябрь 2026", "2026-10-01"),  # a Russian Excel export's month column
        ("Октябрь 2026 г.", "2026-10-01"),
        ("мая 2026 года", "2026-05-01"),
        ("май 2026", "2026-05-01"),
        ("мар.26", "2026-03-01"),
        ("дек 26", "2026-12-01"),
        ("Oct-26", "2026-10-01"),
        ("December 2026", "2026-12-01"),
    ],
)
def test_months(text, value):
    assert parse_month(text) == value


@pytest.mark.parametrize("text", ["октябрь", "марка 2026", "13.2026", "Smarch 2026"])
def test_what_is_no_month(text):
    with pytest.raises(ValueProblem, match="a month"):
        parse_month(text)


def test_a_time_without_an_offset_is_the_sources_local_time():
    assert normalise("15.10.2026 9:59", "datetime", "Europe/Moscow") == "2026-10-15T09:59:00+03:00"
    assert normalise("2026-10-15T09:59:00Z", "datetime", "Europe/Moscow") == "2026-10-15T09:59:00+00:00"
    # an XLSX cell is typed but has no offset: 09:59 in Moscow, not 09:59 UTC
    assert (
        normalise(datetime(2026, 10, 15, 9, 59), "datetime", "Europe/Moscow") == "2026-10-15T09:59:00+03:00"
    )
    assert normalise(date(2026, 10, 15), "month", "Europe/Moscow") == "2026-10-01"
    assert normalise(150000.5, "decimal", "Europe/Moscow") == "150000.5"
    with pytest.raises(ValueProblem, match="a finite number"):
        normalise(float("inf"), "decimal", "Europe/Moscow")


def test_a_cp1251_semicolon_plan_file_with_russian_numbers(tmp_path):
    rows, rejected = read_rows(FIXTURES / "plans.csv", PLANS, "plans/plans.csv", "Europe/Moscow")
    assert [(r["month"], r["employee_id"], r["revenue_plan"]) for r in rows] == [
        ("2026-10-01", "E0003", "1250000.00"),
        ("2026-10-01", "E0004", "584000.00"),
    ]
    assert [(r["source_line"], r["field"], r["rule"]) for r in rejected] == [
        (4, "revenue_plan", "decimal_format")
    ]
    assert rejected[0]["raw_value"] == "'584 000.00.00': expected a number (e.g. 1234.50 or 1 234,50)"


def test_deals_with_local_times_and_a_day_that_does_not_exist():
    rows, rejected = read_rows(FIXTURES / "deals.csv", DEALS, "crm/deals.csv", "Europe/Moscow")
    assert rows[0]["created_at"] == "2026-10-15T09:59:00+03:00" and rows[0]["closed_at"] == "2026-10-17"
    assert rows[0]["title"] == "Заказ «Ромашка»"
    assert [(r["source_line"], r["field"], r["raw_value"]) for r in rejected] == [
        (3, "closed_at", "'32.10.2026': expected a date that exists (e.g. 2026-10-01 or 01.10.2026)")
    ]


def test_excel_unicode_text_tab_separated():
    rows, rejected = read_rows(FIXTURES / "deal_lines.csv", DEAL_LINES, "crm/deal_lines.csv", "Europe/Moscow")
    assert rejected == []
    assert [(r["quantity"], r["price"], r["cost"]) for r in rows] == [
        ("2.5", "1290.00", "780"),
        ("1", "7400", None),
    ]
