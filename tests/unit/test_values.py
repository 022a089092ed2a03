"""Values as Russian Excel, 1C and the rest of the world write them, read by column type."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from ingestion.sources.crm import TABLES as CRM_TABLES
from ingestion.sources.plans import TABLES as PLAN_TABLES
from ingestion.sources.tabular import read_rows
from ingestion.sources.values import (
    Conventions,
    ValueProblem,
    conventions_of,
    normalise,
    parse_date,
    parse_decimal,
    parse_integer,
    parse_month,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "russian_excel"
MARKS = Path(__file__).resolve().parents[1] / "fixtures" / "two_readings"
DEALS = next(t for t in CRM_TABLES if t.name == "deals")
DEAL_LINES = next(t for t in CRM_TABLES if t.name == "deal_lines")
PRODUCTS = next(t for t in CRM_TABLES if t.name == "products")
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
        ("\u22121 234,50", "-1234.50"),  # the minus sign 1C and typeset reports write
        ("1 234,50 ₽", "1234.50"),
        ("12 000 руб.", "12000"),
        ("(1 234,50 ₽)", "-1234.50"),  # Excel's accounting format with the rouble
        ("₽1,234.50", "1234.50"),  # English Excel's rouble currency format
        ("-₽1,234.50", "-1234.50"),
        ("RUB 1 234,50", "1234.50"),
        ("1,234,567", "1234567"),
        ("999999999999.99", "999999999999.99"),
    ],
)
def test_money_as_it_is_written(text, value):
    assert parse_decimal(text) == value


@pytest.mark.parametrize("text", ["$1,234.50", "1 234,50 USD", "€1.234,50", "12%", "1 234,50 ₽ 5"])
def test_another_currency_or_a_percentage_is_no_amount_in_roubles(text):
    with pytest.raises(ValueProblem):
        parse_decimal(text)


@pytest.mark.parametrize(
    ("texts", "mark"),
    [
        (["1,500", "2,345.50"], "."),  # the second shows '.' decimal, ',' thousands
        (["1,500", "1 234,50"], ","),
        (["1,500", "0,5"], ","),
        (["150.000", "1.234.567"], ","),  # '.' written twice groups thousands
        (["1,500", "1234,500"], ","),  # four digits before a mark: it cannot be grouping
        (["1,500", "150.000", "1500"], None),  # no number shows a mark
        (["1,5", "1,234.50"], None),  # they disagree
        (["1,500", "=B2*1.1"], None),  # a formula a program wrote shows nothing of the file's own
    ],
)
def test_the_decimal_mark_a_file_shows(texts, mark):
    assert conventions_of(("decimal", t) for t in texts).decimal_mark == mark


@pytest.mark.parametrize(
    ("text", "mark", "value"),
    [("1,500", ".", "1500"), ("1,500", ",", "1.500"), ("150.000", ",", "150000"), ("150.000", ".", "150.000"),
     ("-1,500", ".", "-1500"), ("(584,000)", ".", "-584000")],
)  # fmt: skip
def test_a_number_with_one_mark_and_three_digits_is_read_by_the_files_mark(text, mark, value):
    assert parse_decimal(text, mark) == value


def test_a_number_with_one_mark_and_three_digits_and_no_mark_in_the_file_is_refused():
    with pytest.raises(ValueProblem) as refused:
        parse_decimal("150,000")
    assert str(refused.value) == (
        "a number whose decimal mark is clear: 150,000 is 150000 if ',' groups thousands and 150 if it "
        "is the decimal mark, and no other number in the file shows which; write it as 150000 or 150 "
        "and send the file again (or say which with AUTOKPI_DECIMAL_MARK)"
    )


def test_a_whole_number_with_one_mark_is_grouped_thousands():
    assert parse_integer("1,500") == "1500" and parse_integer("2.000") == "2000"
    with pytest.raises(ValueProblem, match="a whole number"):
        parse_integer("1,500", ",")


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


def test_an_english_plans_export_reads_thousands_by_the_files_own_decimal_point():
    rows, rejected = read_rows(MARKS / "plans_english.csv", PLANS, "plans/plans.csv", "Europe/Moscow")
    assert rejected == []
    assert [(r["employee_id"], r["revenue_plan"], r["calls_plan"]) for r in rows] == [
        ("E0003", "150000", "420"),
        ("E0004", "1250000.00", "1500"),
        ("E0005", "584000", "400"),
    ]


def test_a_russian_export_reads_a_quantity_by_the_files_own_decimal_comma():
    rows, rejected = read_rows(
        MARKS / "deal_lines_russian.csv", DEAL_LINES, "crm/deal_lines.csv", "Europe/Moscow"
    )
    assert rejected == []
    assert [(r["quantity"], r["price"], r["cost"]) for r in rows] == [
        ("1.500", "1290.00", "780"),
        ("2", "7400", "5100.50"),
    ]


def test_numbers_no_other_number_explains_go_to_quarantine_with_both_readings():
    rows, rejected = read_rows(MARKS / "plans_unclear.csv", PLANS, "plans/plans.csv", "Europe/Moscow")
    assert [(r["employee_id"], r["revenue_plan"]) for r in rows] == [("E0005", "1200000")]
    assert [(r["source_line"], r["field"], r["rule"]) for r in rejected] == [
        (2, "revenue_plan", "decimal_format"),
        (3, "revenue_plan", "decimal_format"),
    ]
    assert rejected[0]["raw_value"].startswith(
        "'150.000': expected a number whose decimal mark is clear: 150.000 is"
    )


TWO_READINGS = Path(__file__).resolve().parents[1] / "fixtures" / "two_readings"


def test_an_english_us_export_reads_dates_month_first_with_am_and_pm():
    rows, rejected = read_rows(TWO_READINGS / "deals_english_us.csv", DEALS, "crm/deals.csv", "Europe/Moscow")
    assert rejected == []
    assert [(r["created_at"], r["closed_at"]) for r in rows] == [
        ("2026-10-15T09:59:00+03:00", "2026-10-05"),
        ("2026-10-02T12:30:00+03:00", "2026-11-01"),
        ("2026-10-03T00:05:00+03:00", None),
    ]


def test_an_english_uk_export_reads_dates_day_first():
    rows, rejected = read_rows(TWO_READINGS / "deals_english_uk.csv", DEALS, "crm/deals.csv", "Europe/Moscow")
    assert rejected == []
    assert [(r["created_at"], r["closed_at"]) for r in rows] == [
        ("2026-10-25T09:59:00+03:00", "2026-11-05"),
        ("2026-10-02T14:30:00+03:00", "2026-11-03"),
    ]


def test_dates_no_other_date_explains_go_to_quarantine_with_both_readings():
    rows, rejected = read_rows(
        TWO_READINGS / "deals_unclear_dates.csv", DEALS, "crm/deals.csv", "Europe/Moscow"
    )
    assert [(r["deal_id"], r["closed_at"]) for r in rows] == [("D3", "2026-07-07")]
    assert [(r["source_line"], r["field"], r["rule"]) for r in rejected] == [
        (2, "closed_at", "date_format"),
        (3, "closed_at", "date_format"),
    ]
    assert rejected[0]["raw_value"] == (
        "'05/10/2026': expected a date whose order is clear: 05/10/2026 is 05.10.2026 read day first and "
        "10.05.2026 read month first, and no other date in the file shows which; write it as 2026-10-05 or "
        "2026-05-10 and send the file again (or say which with AUTOKPI_SLASHED_DATES)"
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [("10/15/2026 12:00 AM", "2026-10-15T00:00:00+03:00"),
     ("10/15/2026 12:00 PM", "2026-10-15T12:00:00+03:00"),
     ("10/15/2026 1:05:09 p.m.", "2026-10-15T13:05:09+03:00")],
)  # fmt: skip
def test_times_with_am_and_pm(text, value):
    assert normalise(text, "datetime", "Europe/Moscow", Conventions(month_first=True)) == value


def test_hour_thirteen_is_no_time_before_pm():
    with pytest.raises(ValueProblem, match="hours 1–12 before AM or PM"):
        normalise("10/15/2026 13:05 PM", "datetime", "Europe/Moscow", Conventions(month_first=True))


def test_yes_and_no_as_russian_excel_saves_them_and_a_word_that_is_neither_goes_to_quarantine():
    rows, rejected = read_rows(FIXTURES / "products.csv", PRODUCTS, "crm/products.csv", "Europe/Moscow")
    assert [(r["product_id"], r["is_priority"], r["is_promo"]) for r in rows] == [
        ("P1", "true", "false"),
        ("P2", "false", "true"),
        ("P4", "true", "false"),
    ]
    assert [(r["source_line"], r["field"], r["rule"], r["raw_value"]) for r in rejected] == [
        (4, "is_priority", "flag_format",
         "'приоритет': expected yes or no (true/false, 1/0, да/нет, ИСТИНА/ЛОЖЬ; empty is no)"),
    ]  # fmt: skip


@pytest.mark.parametrize(("value", "flag"), [(True, "true"), (False, "false"), (1, "true"), (0.0, "false")])
def test_yes_and_no_in_typed_xlsx_cells(value, flag):
    assert normalise(value, "flag", "Europe/Moscow") == flag


def test_the_settings_say_what_a_file_does_not_and_a_file_that_shows_it_wins(monkeypatch):
    monkeypatch.setenv("AUTOKPI_DECIMAL_MARK", "point")
    monkeypatch.setenv("AUTOKPI_SLASHED_DATES", "month-first")
    rows, rejected = read_rows(MARKS / "plans_unclear.csv", PLANS, "plans/plans.csv", "Europe/Moscow")
    # '.' the decimal mark: 150.000 is 150, 584,000 is 584000
    assert rejected == [] and [r["revenue_plan"] for r in rows] == ["150.000", "584000", "1200000"]
    rows, rejected = read_rows(
        TWO_READINGS / "deals_unclear_dates.csv", DEALS, "crm/deals.csv", "Europe/Moscow"
    )
    assert rejected == [] and [r["closed_at"] for r in rows] == ["2026-05-10", "2026-03-11", "2026-07-07"]
    # a British file shows day first (25/10/2026): the setting does not turn it round
    rows, _ = read_rows(TWO_READINGS / "deals_english_uk.csv", DEALS, "crm/deals.csv", "Europe/Moscow")
    assert [r["closed_at"] for r in rows] == ["2026-11-05", "2026-11-03"]
    monkeypatch.setenv("AUTOKPI_DECIMAL_MARK", "comma")
    rows, _ = read_rows(MARKS / "deal_lines_russian.csv", DEAL_LINES, "crm/deal_lines.csv", "Europe/Moscow")
    assert rows[0]["quantity"] == "1.500"
