"""Failures in one sentence a person can act on: dbt's, and the raw checks'."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from orchestration.dbt_failures import describe
from quality.suites import suites
from quality.validate import Failure, resemblance, validate_frame

MANIFEST = {
    "nodes": {
        "model.autokpi.stg_plans__monthly_plans": {
            "depends_on": {"nodes": ["source.autokpi.plans.monthly_plans"]},
        },
        "test.autokpi.unique_int_call_legs_leg_id.abc": {
            "test_metadata": {"name": "unique", "kwargs": {"column_name": "leg_id"}},
            "attached_node": "model.autokpi.int_call_legs",
            "column_name": "leg_id",
        },
    },
    "sources": {
        "source.autokpi.plans.monthly_plans": {"schema": "raw_plans", "name": "monthly_plans"},
    },
}


def _duckdb_with(tmp_path, tables: dict[str, str]):
    """A DuckDB warehouse holding each ``schema.table`` as ``select * from (values …) as t(…)``."""
    path = tmp_path / "autokpi.duckdb"
    con = duckdb.connect(str(path))
    for table, values in tables.items():
        con.execute(f"create schema if not exists {table.split('.')[0]}")
        con.execute(f"create table {table} as select * from ({values})")
    con.close()
    return path


def _warehouse(tmp_path):
    return _duckdb_with(
        tmp_path,
        {
            "raw_plans.monthly_plans": "values ('2026-10-01', 'E1', '120000.00', 'plans/plans.csv', 2), "
            "('2026-10-01', 'E2', '584 000,00', 'plans/plans.csv', 3)) "
            "as t(month, employee_id, revenue_plan, _source_file, _source_line",
            "intermediate.int_call_legs": "values ('L1', 'calls/Master.csv', 7), "
            "('L1', 'calls/Master.csv', 9)) as t(leg_id, source_file, source_line",
        },
    )


def test_a_model_error_names_the_model_the_cause_and_the_inbox_line(tmp_path):
    results = {
        "results": [
            {
                "unique_id": "model.autokpi.stg_plans__monthly_plans",
                "status": "error",
                "message": "Runtime Error in model stg_plans__monthly_plans (models/x.sql)\n"
                '  Conversion Error: Could not convert string "584 000,00" to DECIMAL(18,2)\n\n'
                "  LINE 12: cast(...)\n          ^",
            },
            {"unique_id": "model.autokpi.fct_x", "status": "error", "message": "x"},
        ]
    }
    sentence = describe(results, MANIFEST, _warehouse(tmp_path))
    assert sentence == (
        'model stg_plans__monthly_plans failed: Conversion Error: Could not convert string "584 000,00" '
        "to DECIMAL(18,2) — from the inbox file plans/plans.csv line 3, column revenue_plan "
        "(1 more failed: fct_x)"
    )


def test_a_failed_data_test_says_what_is_wrong_in_words_with_an_example(tmp_path):
    compiled = (
        "select leg_id as unique_field, count(*) as n_records, min(source_file) as source_file, "
        "min(source_line) as source_line from intermediate.int_call_legs group by leg_id having count(*) > 1"
    )
    results = {
        "results": [
            {
                "unique_id": "test.autokpi.unique_int_call_legs_leg_id.abc",
                "status": "fail",
                "failures": 1,
                "compiled_code": compiled,
                "message": "Got 1 result, configured to fail if != 0",
            }
        ]
    }
    sentence = describe(results, MANIFEST, _warehouse(tmp_path))
    assert sentence == (
        "data test failed: int_call_legs.leg_id has duplicated values (1 row, e.g. L1) "
        "— from the inbox file calls/Master.csv line 7"
    )
    assert "unique_int_call_legs_leg_id" not in sentence


def test_a_stale_table_says_how_old_its_newest_row_is_not_a_count_of_zero():
    failure = Failure(
        "expect_column_max_to_be_between",
        "created_at",
        0,
        [],
        datetime(2026, 11, 6, 12, 0),
        (datetime(2026, 11, 28), None),
    )
    assert str(failure) == (
        "the newest created_at is 2026-11-06, before 2026-11-28: no new data arrived lately "
        "(AUTOKPI_FRESHNESS_DAYS says how old is too old)"
    )
    assert "e.g. []" not in str(failure)
    rows = Failure("expect_column_values_to_be_in_set", "product_id", 1, ["P404"])
    assert str(rows) == "expect_column_values_to_be_in_set(product_id): 1 row, e.g. ['P404']"


def test_an_id_another_file_does_not_have_is_told_with_where_it_is_and_what_it_looks_like():
    """A plan for 'Е0004' typed with a Cyrillic Е (it looks like E0004) said
    "expect_column_values_to_be_in_set(employee_id): 2 rows, e.g. ['Е0004', 'e0005']"."""
    reference = "raw_directory.employees.employee_id"
    listed = ["E0004", "E0005", "E0006"]
    assert resemblance("Е0004", listed, reference) == "its 'Е' is Cyrillic: directory/employees has E0004"
    assert resemblance("ЕОО06", listed, reference) == ""  # Cyrillic О is the letter O, not a zero
    assert (
        resemblance("СЕ0006", ["CE0006"], reference)
        == "its 'СЕ' are Cyrillic: directory/employees has CE0006"
    )
    assert resemblance("e0005 ", listed, reference) == "directory/employees has E0005"
    assert resemblance("E9999", listed, reference) == ""
    failure = Failure(
        "expect_column_values_to_be_in_set",
        "employee_id",
        3,
        ["Е0004", "e0005", "E9999"],
        reference=reference,
        where=(
            "plans/plans.csv line 13; its 'Е' is Cyrillic: directory/employees has E0004",
            "plans/plans.csv line 14; directory/employees has E0005",
            "",
        ),
    )
    assert str(failure) == (
        "3 rows have employee_id not in directory/employees, e.g. 'Е0004' (plans/plans.csv line 13; its 'Е' "
        "is Cyrillic: directory/employees has E0004), 'e0005' (plans/plans.csv line 14; directory/employees "
        "has E0005) and 'E9999': write them as directory/employees does, or add them to directory/employees"
    )
    one = Failure(
        "expect_column_values_to_be_in_set",
        "product_id",
        1,
        ["P404"],
        reference="raw_crm.products.product_id",
    )
    assert str(one) == (
        "1 row has product_id not in crm/products, e.g. 'P404': write it as crm/products does, "
        "or add it to crm/products"
    )


def _said(table: str, rows: dict, references=None) -> set[str]:
    """What ``table``'s raw check says of ``rows``, read with their file and line."""
    suite = next(s for s in suites() if s.table == table)
    count = len(next(iter(rows.values())))
    frame = pd.DataFrame(
        {**rows, "_source_file": [f"{table.split('.')[1]}.csv"] * count,
         "_source_line": [str(n) for n in range(2, count + 2)]}
    )  # fmt: skip
    return {str(f) for f in validate_frame(frame, suite, references or {}).failures}


def test_a_raw_check_names_the_file_line_and_value_of_each_rule_broken_and_what_to_do():
    """It said "expect_column_values_to_be_between(quantity): 1 row, e.g. [0]": a rule's
    name, no file, no line, nothing to do."""
    lines = {"deal_line_id": ["L1", "L2", "L1"], "deal_id": ["D1"] * 3, "product_id": ["P1"] * 3,
             "quantity": ["2", "0", "1"], "price": ["10", "5", "-1"]}  # fmt: skip
    assert _said("raw_crm.deal_lines", lines, {"product_id": ["P1"], "deal_id": ["D1"]}) == {
        "2 rows share a deal_line_id with another row, e.g. 'L1' (deal_lines.csv lines 2 and 4): keep one "
        "row per deal_line_id, or give each its own, and send the file again",
        "1 row has a quantity that is not above 0, e.g. 0 (deal_lines.csv line 3): correct it in the file "
        "and send it again",
        "1 row has a price that is not 0 or more, e.g. -1 (deal_lines.csv line 4): correct it in the file "
        "and send it again",
    }
    deals = {"deal_id": ["D1", "D2"], "status": ["won", "Успешно"]}
    assert _said("raw_crm.deals", deals) == {
        "1 row has a status that is none of won, lost, in_progress, e.g. 'успешно' (deals.csv line 3): "
        "write it as one of these and send the file again"
    }
    clients = {"client_id": ["C1", "C2"], "phones": ["+7 916 000-00-01", None]}
    assert _said("raw_crm.clients", clients) == {
        "1 row has no phones, e.g. clients.csv line 3: fill it in and send the file again"
    }
    plans = {"month": ["2026-10-01", "2026-10-01"], "employee_id": ["E1", "E1"], "revenue_plan": ["1", "2"]}
    assert _said("raw_plans.monthly_plans", plans, {"employee_id": ["E1"]}) == {
        "2 rows share a month and employee_id with another row, e.g. (month 2026-10-01, employee_id E1) "
        "(monthly_plans.csv lines 2 and 3): keep one row per month and employee_id, or give each its own, "
        "and send the file again"
    }


def test_a_reference_failure_takes_its_file_and_line_from_the_rows_read():
    plans = {"month": ["2026-10-01"], "employee_id": ["Е0004"], "revenue_plan": ["1"]}
    assert _said("raw_plans.monthly_plans", plans, {"employee_id": ["E0004"]}) == {
        "1 row has employee_id not in directory/employees, e.g. 'Е0004' (monthly_plans.csv line 2; its 'Е' "
        "is Cyrillic: directory/employees has E0004): write it as directory/employees does, or add it to "
        "directory/employees"
    }


def test_talk_time_above_the_calls_duration_is_told_with_both_and_the_line():
    cdr = {"start": ["2026-10-01 10:00:00"] * 2, "disposition": ["ANSWERED"] * 2,
           "duration": ["60", "10"], "billsec": ["50", "20"]}  # fmt: skip
    assert _said("raw_pbx.asterisk_cdr", cdr) == {
        "1 row has a billsec above its duration, e.g. duration 10 and billsec 20 (asterisk_cdr.csv line 3): "
        "correct it in the file and send it again"
    }


def test_rows_an_api_wrote_beside_a_files_rows_are_told_without_a_place():
    frame = pd.DataFrame(
        {"deal_id": ["D1", "D1", "D2"], "status": ["won", "won", "lost"],
         "_source_file": ["crm/deals.csv", None, float("nan")], "_source_line": ["2", None, float("nan")]}
    )  # fmt: skip
    suite = next(s for s in suites() if s.table == "raw_crm.deals")
    (failure,) = validate_frame(frame, suite).failures
    assert str(failure) == (
        "2 rows share a deal_id with another row, e.g. 'D1' (crm/deals.csv line 2): keep one row per "
        "deal_id, or give each its own, and send the file again"
    )


def test_a_persons_name_typed_for_their_id_is_told_whose_name_it_is(tmp_path):
    """Finance types "Иванов Иван" where the plan wants E0004; namesakes are all named."""
    from quality.validate import validate_table

    path = _duckdb_with(
        tmp_path,
        {
            "raw_directory.employees": "values ('E0004', 'Иванов Иван'), ('E0005', 'Петрова Алёна'), "
            "('E0009', 'Петрова Алёна')) as t(employee_id, full_name",
            "raw_plans.monthly_plans": "values "
            "('2026-12-01', 'иванов  иван', '150000', 'plans/plans.csv', 2), "
            "('2026-12-01', 'Петрова Алена', '584000', 'plans/plans.csv', 3)) "
            "as t(month, employee_id, revenue_plan, _source_file, _source_line",
        },
    )
    suite = next(s for s in suites() if s.table == "raw_plans.monthly_plans")
    (failure,) = validate_table(path, suite).failures
    assert str(failure) == (
        "2 rows have employee_id not in directory/employees, e.g. 'иванов  иван' (plans/plans.csv line 2; "
        "directory/employees has that name for E0004) and 'Петрова Алена' (plans/plans.csv line 3; "
        "directory/employees has that name for E0005 and E0009): write them as directory/employees does, "
        "or add them to directory/employees"
    )


def test_a_scheme_folder_that_is_not_there_says_which_setting_to_change(tmp_path):
    import pytest

    from core.errors import UserFacingError
    from orchestration.dbt_project import scheme_seed_path

    with pytest.raises(UserFacingError) as raised:
        scheme_seed_path(tmp_path / "schem")
    said = str(raised.value)
    assert said == (
        f"the scheme folder {tmp_path / 'schem'} (AUTOKPI_SCHEME_DIR) does not exist: set AUTOKPI_SCHEME_DIR "
        "to the folder holding the scheme's CSV files, or unset it for the scheme the project ships"
    )
