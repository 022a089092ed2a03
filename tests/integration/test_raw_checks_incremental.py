"""A large raw table's suite reads only the loads it has not passed (quality/checked_loads.py),
on a real DuckDB file and on the private PostgreSQL server."""

from __future__ import annotations

from datetime import datetime

import great_expectations as gx
import pytest

from core.warehouse import connect
from quality.suites import Suite
from quality.validate import _select_list, validate_table

E = gx.expectations


def _suite(*extra) -> Suite:
    return Suite(
        "raw_test.calls",
        "dlt_test_calls",
        [
            E.ExpectColumnValuesToBeBetween(column="duration", min_value=0),
            E.ExpectCompoundColumnsToBeUnique(column_list=["_source_file", "_source_line"]),
            *extra,
        ],
        prepare={"duration": "number", "start": "datetime"},
        advisory=[E.ExpectColumnMaxToBeBetween(column="start", min_value=datetime(2026, 11, 1))],
        incremental=True,
        chunk_by="_source_file",
        newest_by="start",
    )


def _load(warehouse, load_id: str, rows: list[tuple], replacing_file: str | None = None) -> None:
    """Rows (file, line, start, duration) as one dlt load would merge them."""
    with connect(warehouse, read_only=False) as con:
        con.execute("create schema if not exists raw_test")
        con.execute(
            "create table if not exists raw_test.calls (_source_file varchar, _source_line bigint, "
            "start varchar, duration varchar, _dlt_load_id varchar)"
        )
        if replacing_file:
            con.execute("delete from raw_test.calls where _source_file = ?", [replacing_file])
        for row in rows:
            con.execute("insert into raw_test.calls values (?, ?, ?, ?, ?)", [*row, load_id])


def _scenario(warehouse) -> None:
    first = [("a.csv", n, f"2026-10-0{n} 10:00:00", "30") for n in range(1, 6)]
    first += [("b.csv", n, f"2026-10-1{n} 10:00:00", "5") for n in range(1, 4)]
    _load(warehouse, "L1", first)
    report = validate_table(warehouse, _suite())
    assert report.passed and (report.rows, report.already_passed) == (8, 0)

    report = validate_table(warehouse, _suite())  # nothing new: nothing read
    assert report.passed and (report.rows, report.already_passed) == (0, 8)

    _load(
        warehouse, "L2", [("c.csv", 1, "2026-11-20 09:00:00", "-4"), ("c.csv", 2, "2026-11-20T09:05:00", "7")]
    )
    report = validate_table(warehouse, _suite())
    assert not report.passed and (report.rows, report.already_passed) == (2, 8)
    assert [(f.expectation, f.column, f.unexpected_count, f.examples) for f in report.failures] == [
        ("expect_column_values_to_be_between", "duration", 1, [-4.0])
    ]
    # the bad load keeps failing, and holding its models back, until it is corrected
    again = validate_table(warehouse, _suite())
    assert not again.passed and again.rows == 2

    _load(warehouse, "L3", [("c.csv", 1, "2026-11-20 09:00:00", "4")], replacing_file="c.csv")
    report = validate_table(warehouse, _suite())
    assert report.passed and (report.rows, report.already_passed) == (1, 8)

    # a duplicate of an old row: the old row is read too, so both count
    _load(warehouse, "L4", [("a.csv", 2, "2026-11-21 10:00:00", "9")])
    report = validate_table(warehouse, _suite())
    assert not report.passed and report.rows == 2
    assert [(f.expectation, f.unexpected_count) for f in report.failures] == [
        ("expect_compound_columns_to_be_unique", 2)
    ]
    with connect(warehouse, read_only=False) as con:
        con.execute("delete from raw_test.calls where _dlt_load_id = 'L4'")

    # a changed suite checks every row once more, chunk by chunk (a.csv, b.csv, c.csv)
    stricter = E.ExpectColumnValuesToBeBetween(column="duration", max_value=20)
    report = validate_table(warehouse, _suite(stricter))
    assert not report.passed and report.rows == 9
    assert [(f.column, f.unexpected_count, f.examples) for f in report.failures] == [
        ("duration", 5, [30.0, 30.0, 30.0, 30.0, 30.0])
    ]

    # freshness is about the newest row of the whole table, new rows or not
    advisory = validate_table(warehouse, _suite(), advisory=True)
    assert advisory.passed, advisory.failures  # newest: 2026-11-20T09:05, written with a T
    with connect(warehouse, read_only=False) as con:
        con.execute("update raw_test.calls set start = replace(start, '2026-11', '2026-09')")
    advisory = validate_table(warehouse, _suite(), advisory=True)
    assert not advisory.passed and advisory.rows == 0
    assert [f.expectation for f in advisory.failures] == ["expect_column_max_to_be_between"]


def test_only_loads_not_passed_are_read_on_duckdb(tmp_path, monkeypatch):
    monkeypatch.delenv("DBT_TARGET", raising=False)
    _scenario(tmp_path / "w.duckdb")


def test_the_same_when_old_rows_sharing_a_key_are_too_many_to_name(tmp_path, monkeypatch):
    """Past SHARED_KEYS_NAMED such rows (a whole file loaded twice) the condition finds
    them by a join instead of naming each: the same rows read, the same verdicts."""
    from quality import validate

    monkeypatch.delenv("DBT_TARGET", raising=False)
    monkeypatch.setattr(validate, "SHARED_KEYS_NAMED", 0)
    _scenario(tmp_path / "w.duckdb")


@pytest.mark.usefixtures("postgres_target")
def test_the_same_on_postgres(tmp_path):
    _scenario(tmp_path / "w.duckdb")


def test_a_presence_column_is_checked_without_reading_its_text(tmp_path, monkeypatch):
    monkeypatch.delenv("DBT_TARGET", raising=False)
    warehouse = tmp_path / "w.duckdb"
    with connect(warehouse, read_only=False) as con:
        con.execute("create schema raw_test")
        con.execute(
            "create table raw_test.transcripts (call_id varchar, segments_json varchar, _dlt_load_id varchar)"
        )
        con.execute(
            "insert into raw_test.transcripts values (?, ?, 'L1'), (?, null, 'L1')",
            ["a", '[{"text": "hello"}]', "b"],
        )
    suite = Suite(
        "raw_test.transcripts",
        "dlt_test_transcripts",
        [E.ExpectColumnValuesToNotBeNull(column="segments_json")],
        prepare={"segments_json": "presence"},
        incremental=True,
    )
    report = validate_table(warehouse, suite)
    assert not report.passed and report.rows == 2
    assert [(f.column, f.unexpected_count) for f in report.failures] == [("segments_json", 1)]
    with connect(warehouse) as con:  # what the check reads of the text: only whether it is there
        listing = _select_list(["segments_json"], suite)
        assert con.execute(f"select {listing} from raw_test.transcripts order by call_id").fetchall() == [
            ("",),
            (None,),
        ]


@pytest.mark.usefixtures("postgres_target")
def test_chunks_hold_whole_files_and_a_bounded_number_of_rows(tmp_path, monkeypatch):
    """Rows read out of the warehouse (PostgreSQL's path: a DuckDB warehouse checks them in
    place): monthly files are a chunk each; an API that names every row's source apart does
    not make a chunk (a Great Expectations run) per row."""
    from quality import validate

    monkeypatch.setattr(validate, "CHUNK_ROWS", 4)
    frames = []
    real_validate_frame = validate.validate_frame

    def counting(frame, *args, **kwargs):
        frames.append(sorted(frame["_source_file"].unique()))
        return real_validate_frame(frame, *args, **kwargs)

    monkeypatch.setattr(validate, "validate_frame", counting)
    warehouse = tmp_path / "w.duckdb"
    rows = [("a.csv", n, "2026-11-01 10:00:00", "30") for n in range(1, 6)]
    rows += [("b.csv", n, "2026-11-02 10:00:00", "5") for n in range(1, 4)]
    rows += [(f"api:{n:03}", 1, "2026-11-03 10:00:00", "7") for n in range(10)]
    _load(warehouse, "L1", rows)
    report = validate_table(warehouse, _suite())
    assert report.passed and report.rows == 18
    assert frames == [
        ["a.csv"],  # 5 rows: more than CHUNK_ROWS, still one file
        ["api:000", "api:001", "api:002", "api:003"],
        ["api:004", "api:005", "api:006", "api:007"],
        ["api:008", "api:009"],  # with b.csv's 3 rows it would be 5: b.csv starts the next
        ["b.csv"],
    ]
