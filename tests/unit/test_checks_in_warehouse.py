"""A large raw table's checks inside a DuckDB warehouse (quality/in_warehouse.py): values
prepared in SQL as pandas prepares them, failures told with their file, line and value,
and nothing read out into pandas. On a real DuckDB file."""

from __future__ import annotations

import pandas as pd
import pytest

from core.warehouse import connect
from quality import in_warehouse, validate
from quality.suites import suites

CDR = next(s for s in suites() if s.table == "raw_pbx.asterisk_cdr")

# values as a PBX export or a spreadsheet pads them: Python's whitespace (a tab, a no-break
# space), numbers with an exponent, in words or empty, channels of every kind
VALUES = {
    "disposition": ["ANSWERED", " answered\t", "\u00a0No Answer", "", None, "busy ", "Отвечен"],
    "duration": ["30", " 12 ", "1e3", "", "abc", None, "-4"],
    "channel": ["SIP/101-0000abcd", "Local/101@from-queue", "SIP/trunk-mts-0001", None, "PJSIP/5101;2",
                " SIP/102 ", "Local/abc@x"],
    "start": ["2026-08-03 09:00:01", "2026-08-03T09:00:01", " 2026-08-03 09:00:01.5 ", "2026-02-30 10:00:00",
              "", None, "2026-08-03 25:00:00"],
}  # fmt: skip


@pytest.fixture
def warehouse(tmp_path, monkeypatch):
    monkeypatch.delenv("DBT_TARGET", raising=False)
    path = tmp_path / "w.duckdb"
    with connect(path, read_only=False) as con:
        con.execute(
            "create table values_as_loaded "
            "(disposition varchar, duration varchar, channel varchar, start varchar)"
        )
        con.executemany(
            "insert into values_as_loaded values (?, ?, ?, ?)", list(zip(*VALUES.values(), strict=True))
        )
    return path


def test_values_are_prepared_in_sql_as_pandas_prepares_them(warehouse):
    read = {"disposition", "duration", "channel_extension", "start"}
    frame = pd.DataFrame(VALUES).astype("string")
    expected = validate._prepare(frame.copy(), CDR, read)
    with connect(warehouse) as con:
        listing = in_warehouse.prepared_select(list(VALUES), CDR, read)
        result = con.raw.execute(f"select {listing} from values_as_loaded")
        names = [d[0] for d in result.description]
        got = dict(zip(names, zip(*result.fetchall(), strict=True), strict=True))

    def as_python(column) -> list:
        return [None if pd.isna(v) else v for v in expected[column]]

    assert list(got["disposition"]) == as_python("disposition")
    assert list(got["channel_extension"]) == as_python("channel_extension") == [
        "101", "101", None, None, "5101", "102", None
    ]  # fmt: skip
    assert list(got["duration"]) == as_python("duration") == [30.0, 12.0, 1000.0, None, None, None, -4.0]
    # a time is there or not alike (the call records hold ISO times only: the reader quarantines others)
    there = [v is not None for v in got["start"]]
    assert there == [v is not None for v in as_python("start")] == [True] * 3 + [False] * 4


def _load_cdr(warehouse, rows: list[tuple]) -> None:
    with connect(warehouse, read_only=False) as con:
        con.execute("create schema raw_pbx")
        con.execute(
            "create table raw_pbx.asterisk_cdr (_source_file varchar, _source_line bigint, start varchar, "
            "disposition varchar, duration varchar, billsec varchar, channel varchar, dstchannel varchar, "
            "_dlt_load_id varchar)"
        )
        con.executemany("insert into raw_pbx.asterisk_cdr values (?, ?, ?, ?, ?, ?, ?, ?, 'L1')", rows)


def test_the_call_records_are_checked_in_the_warehouse_and_failures_name_file_line_and_value(
    warehouse, monkeypatch
):
    def read_out(*args, **kwargs):
        raise AssertionError("the call records were read out into pandas")

    monkeypatch.setattr(validate, "validate_frame", read_out)
    good = ("2026-11-02 09:00:00", "ANSWERED", "30", "20", "SIP/trunk-1", "SIP/101-0001")
    _load_cdr(
        warehouse,
        [
            ("pbx/Master.csv", 1, *good),
            ("pbx/Master.csv", 2, "2026-11-02 09:05:00", "answered ", "12", "40", "SIP/101-0002", ""),
            ("pbx/Master.csv", 3, "2026-11-02 09:09:00", "LOST", "5", "0", "SIP/101-0003", ""),
            ("pbx/Master.csv", 3, *good),  # the same line twice
        ],
    )
    report = validate.validate_table(warehouse, CDR)
    assert report.rows == 4 and not report.passed
    failed = {f.expectation: f for f in report.failures}
    assert set(failed) == {
        "expect_column_values_to_be_in_set",
        "expect_column_pair_values_a_to_be_greater_than_b",
        "expect_compound_columns_to_be_unique",
    }
    assert (
        failed["expect_column_values_to_be_in_set"].examples,
        failed["expect_column_values_to_be_in_set"].places,
    ) == (
        ["LOST"],
        ("pbx/Master.csv line 3",),
    )
    talk = failed["expect_column_pair_values_a_to_be_greater_than_b"]
    assert (talk.unexpected_count, talk.places) == (1, ("pbx/Master.csv line 2",))
    assert failed["expect_compound_columns_to_be_unique"].unexpected_count == 2
    sentence = str(talk)
    assert "pbx/Master.csv line 2" in sentence and "40" in sentence and "12" in sentence

    # the warehouse is free again: the check lent GX a cursor of its own read-only connection
    with connect(warehouse, read_only=False) as con:
        con.execute("delete from raw_pbx.asterisk_cdr where _source_line in (2, 3)")
        con.execute(
            "insert into raw_pbx.asterisk_cdr values ('pbx/Master.csv', 2, ?, ?, ?, ?, ?, ?, 'L2')",
            list(good),
        )
    report = validate.validate_table(warehouse, CDR)
    assert report.passed and report.rows == 2


def test_great_expectations_still_lists_the_dialects_it_keeps_one_connection_for():
    """The check keeps one connection by adding DuckDB to this GX tuple: an upgrade that
    renames it fails here rather than every call-record check reading as failed."""
    from great_expectations.execution_engine import sqlalchemy_execution_engine

    in_warehouse._keep_one_connection()
    kept = sqlalchemy_execution_engine._PERSISTED_CONNECTION_DIALECTS
    assert "duckdb" in kept and all(hasattr(d, "value") for d in kept)


def test_a_parameter_is_inlined_as_a_quoted_literal():
    sql = in_warehouse.inlined("select ? as a, ? as b", ["it's", 3])
    assert sql == "select 'it''s' as a, '3' as b"
    with pytest.raises(ValueError):
        in_warehouse.inlined("select ?", [])


def test_a_start_on_a_day_the_month_does_not_have_is_told_as_no_time_with_its_line(warehouse):
    """2026-11-31 passes the reader's pattern but is no date: dbt's cast would stop on it.
    Both paths read it as no time (Arrow's parser alone rolled it over to 1 December), and
    the sentence says what to write."""
    good = ("2026-11-30 09:00:00", "ANSWERED", "30", "20", "SIP/trunk-1", "SIP/101-0001")
    _load_cdr(
        warehouse, [("pbx/Master.csv", 1, *good), ("pbx/Master.csv", 2, "2026-11-31 10:00:00", *good[1:])]
    )
    report = validate.validate_table(warehouse, CDR)
    assert [f.expectation for f in report.failures] == ["expect_column_values_to_not_be_null"]
    sentence = str(report.failures[0])
    assert sentence.startswith(
        "1 row has no start, or one that is not a date and time, e.g. pbx/Master.csv line 2"
    )
    frame = pd.DataFrame(
        [("pbx/Master.csv", 2, "2026-11-31 10:00:00", "ANSWERED", "30", "20")],
        columns=["_source_file", "_source_line", "start", "disposition", "duration", "billsec"],
    )
    in_pandas = validate.validate_frame(frame, CDR)
    assert [str(f) for f in in_pandas.failures] == [sentence]


def test_a_disposition_padded_with_a_tab_fails_as_staging_would_read_it(warehouse):
    """Staging trims spaces only: 'ANSWERED\\t' stays so in the models and is no answer there.
    The check reads it as staging does (it stripped every whitespace, and such a call passed
    and was counted unanswered), on the warehouse's path and pandas' alike."""
    good = ("2026-11-30 09:00:00", "ANSWERED", "30", "20", "SIP/trunk-1", "SIP/101-0001")
    padded = ("2026-11-30 09:05:00", " ANSWERED\t", "30", "20", "SIP/trunk-1", "SIP/101-0002")
    _load_cdr(warehouse, [("pbx/Master.csv", 1, *good), ("pbx/Master.csv", 2, *padded)])
    report = validate.validate_table(warehouse, CDR)
    assert [(f.expectation, f.examples, f.places) for f in report.failures] == [
        ("expect_column_values_to_be_in_set", ["ANSWERED\t"], ("pbx/Master.csv line 2",))
    ]
    frame = pd.DataFrame(
        [("pbx/Master.csv", n, *row[:4]) for n, row in ((1, good), (2, padded))],
        columns=["_source_file", "_source_line", "start", "disposition", "duration", "billsec"],
    )
    assert [str(f) for f in validate.validate_frame(frame, CDR).failures] == [str(report.failures[0])]


def test_what_a_check_strips_is_what_each_warehouses_trim_strips(warehouse):
    """Staging reads values through trim(): the pandas path strips the same characters."""
    import duckdb

    con = duckdb.connect()
    ends = [
        ch for ch in map(chr, range(0x3100)) if con.execute("select trim(?)", [f"a{ch}"]).fetchone()[0] == "a"
    ]
    assert "".join(ends) == validate.TRIMMED["duckdb"]
    assert "\t" not in validate.TRIMMED["postgres"] and validate.TRIMMED["postgres"].strip() == ""
