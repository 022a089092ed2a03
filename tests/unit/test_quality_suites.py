"""Great Expectations suites: a failing expectation fails, with its count and examples."""

from __future__ import annotations

import pandas as pd

from quality.suites import suites
from quality.validate import needed_columns, validate_frame


def suite(table):
    return next(s for s in suites() if s.table == table)


def test_every_raw_table_has_a_suite():
    tables = {s.table for s in suites()}
    assert {
        "raw_pbx.asterisk_cdr", "raw_pbx.transcripts", "raw_directory.employees", "raw_directory.departments",
        "raw_crm.users", "raw_crm.clients", "raw_crm.products", "raw_crm.deals", "raw_crm.deal_lines",
        "raw_plans.monthly_plans",
    } <= tables  # fmt: skip


def test_good_rows_pass_and_padding_is_not_a_failure():
    frame = pd.DataFrame({"deal_id": ["1", "2"], "status": [" Won", "lost "]})
    report = validate_frame(frame, suite("raw_crm.deals"))
    assert report.passed and report.rows == 2


def test_failing_expectations_fail_with_counts_and_examples():
    frame = pd.DataFrame(
        {
            "deal_line_id": ["a", "a", "b"],
            "deal_id": ["1", "1", "9"],
            "product_id": ["P1", "P1", "P404"],
            "quantity": ["2", "0", "1"],
            "price": ["10", "-1", "5"],
        }
    )
    report = validate_frame(frame, suite("raw_crm.deal_lines"), {"product_id": ["P1"], "deal_id": ["1"]})
    failed = {(f.expectation, f.column): (f.unexpected_count, f.examples) for f in report.failures}
    assert not report.passed
    assert failed[("expect_column_values_to_be_unique", "deal_line_id")][0] == 2
    assert failed[("expect_column_values_to_be_between", "quantity")] == (1, [0])
    assert failed[("expect_column_values_to_be_between", "price")] == (1, [-1])
    assert failed[("expect_column_values_to_be_in_set", "product_id")] == (1, ["P404"])
    assert failed[("expect_column_values_to_be_in_set", "deal_id")] == (1, ["9"])
    # told as values crm/products does not have, not in GX's words
    told = {f.column: str(f) for f in report.failures}
    assert told["product_id"].startswith("1 row has product_id not in crm/products, e.g. 'P404'")


def test_a_reference_set_reaches_great_expectations_as_one_mark_with_the_same_failures(monkeypatch):
    from quality import validate

    frame = pd.DataFrame(
        {
            "deal_line_id": ["1", "2", "3", "4", "5"],
            "deal_id": ["D1", "D9999", None, "D9999", "d2"],
            "product_id": ["P1", "P1", "P1", "P2", "P1"],
            "quantity": ["1"] * 5,
            "price": ["1"] * 5,
            "_source_file": ["crm/deal_lines.csv"] * 5,
            "_source_line": [2, 3, 4, 5, 6],
        }
    )
    sets = {"deal_id": [f"D{i}" for i in range(1, 5000)], "product_id": ["P1", "P2"]}
    handed = []  # the value sets Great Expectations was given
    real_run = validate._run
    monkeypatch.setattr(validate, "_run", lambda *a, **k: handed.append(a[5]) or real_run(*a, **k))
    monkeypatch.setattr(validate, "MARKED_FROM", 1000)  # the deal ids' set is marked, not the products'
    marked = validate_frame(frame, suite("raw_crm.deal_lines"), sets)
    assert handed[-1] == {"deal_id": [validate.KNOWN], "product_id": ["P1", "P2"]}
    # the same frame checked by GX against the whole sets, as before the marks
    monkeypatch.setattr(validate, "_references_marked", lambda frame, sets, expectations: (frame, sets))
    whole = validate_frame(frame, suite("raw_crm.deal_lines"), sets)
    assert handed[-1] == sets
    assert marked.failures == whole.failures
    (failure,) = marked.failures  # a missing deal id is no failure; every product is known
    assert (failure.column, failure.unexpected_count) == ("deal_id", 3)
    assert failure.examples == ["D9999", "D9999", "d2"]
    assert failure.places == tuple(f"crm/deal_lines.csv line {n}" for n in (3, 5, 6))
    said = "3 rows have deal_id not in crm/deals, e.g. 'D9999' (crm/deal_lines.csv line 3"
    assert str(failure).startswith(said)


def test_an_id_with_cyrillic_look_alike_letters_is_told_what_it_resembles():
    frame = pd.DataFrame({"month": ["2026-11-01", "2026-11-01"], "employee_id": ["Е0004", "E0005"]})
    report = validate_frame(frame, suite("raw_plans.monthly_plans"), {"employee_id": ["E0004", "E0005"]})
    (failure,) = report.failures
    assert failure.where == ("its 'Е' is Cyrillic: directory/employees has E0004",)


def test_cdr_talk_time_cannot_exceed_duration():
    frame = pd.DataFrame(
        {
            "start": ["2026-10-01 10:00:00"] * 2,
            "_source_file": ["f"] * 2,
            "_source_line": [1, 2],
            "disposition": ["ANSWERED", "no answer"],
            "duration": ["60", "10"],
            "billsec": ["50", "20"],
        }
    )
    report = validate_frame(frame, suite("raw_pbx.asterisk_cdr"))
    assert [(f.expectation, f.unexpected_count) for f in report.failures] == [
        ("expect_column_pair_values_a_to_be_greater_than_b", 1)
    ]


def _cdr_rows(starts, channels, dstchannels):
    return pd.DataFrame({"start": starts, "channel": channels, "dstchannel": dstchannels})


def test_calls_on_an_extension_the_directory_does_not_know_are_a_warning(monkeypatch):
    monkeypatch.setenv("AUTOKPI_FRESHNESS_DAYS", "100000")  # freshness is not what this tests
    frame = _cdr_rows(
        ["2026-10-01 10:00:00"] * 3,
        ["SIP/trunk-mts-0001", "SIP/101-0002", "PJSIP/999-0003"],
        ["SIP/5101-0004", "SIP/trunk-0005", "Local/102@from-queue-0006;1"],
    )
    known = ["101", "5101", "102"]
    report = validate_frame(
        frame,
        suite("raw_pbx.asterisk_cdr"),
        {"channel_extension": known, "dstchannel_extension": known},
        advisory=True,
    )
    failed = {f.column: (f.unexpected_count, f.examples) for f in report.failures}
    assert failed == {"channel_extension": (1, ["999"])}  # trunks are not extensions


def test_data_older_than_the_freshness_window_is_a_warning(monkeypatch):
    monkeypatch.setenv("AUTOKPI_FRESHNESS_DAYS", "3")
    today = pd.Timestamp.now().floor("s")
    fresh = _cdr_rows([str(today - pd.Timedelta(days=1))], ["SIP/101-1"], ["SIP/trunk-2"])
    stale = _cdr_rows([str(today - pd.Timedelta(days=5))], ["SIP/101-1"], ["SIP/trunk-2"])
    assert validate_frame(fresh, suite("raw_pbx.asterisk_cdr"), advisory=True).passed
    report = validate_frame(stale, suite("raw_pbx.asterisk_cdr"), advisory=True)
    assert [(f.expectation, f.column) for f in report.failures] == [
        ("expect_column_max_to_be_between", "start")
    ]


def test_only_the_columns_a_suite_reads_are_fetched():
    cdr = suite("raw_pbx.asterisk_cdr")
    assert needed_columns(cdr) == {
        "start",
        "_source_file",
        "_source_line",
        "disposition",
        "duration",
        "billsec",
    }
    assert needed_columns(cdr, advisory=True) == {"start", "channel", "dstchannel"}
    # on every row: not the start, which the advisory reads only for its newest value
    assert needed_columns(cdr, advisory=True, expectations=[]) == {"channel", "dstchannel"}
    assert needed_columns(suite("raw_crm.deal_lines")) >= {
        "deal_line_id",
        "quantity",
        "price",
        "product_id",
        "deal_id",
    }


def test_a_directory_listing_extensions_with_commas_knows_each_of_them(tmp_path):
    """ "101,5101" in the directory: 5101 is known, as the models split it (no false warning)."""
    import duckdb

    from core.warehouse import connect
    from quality.validate import _reference_sets

    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema raw_directory")
        con.execute("create table raw_directory.employees (employee_id varchar, extensions varchar)")
        con.execute("insert into raw_directory.employees values ('E1', '101,5101'), ('E2', '102; 7001')")
    with connect(warehouse) as con:
        known = _reference_sets(con, suite("raw_pbx.asterisk_cdr"), advisory=True)
    assert known["channel_extension"] == ["101", "102", "5101", "7001"]


def test_numbers_read_fast_when_all_are_numbers_and_count_the_others_when_not():
    """Arrow casts a column that is all numbers; one that is not goes through pandas, which
    makes the others NaN; either way the result is plain float64, which GX compares at once."""
    from quality.validate import _numbers

    clean = _numbers(pd.Series(["4", "1e3", "4.5", None], dtype="string"))
    assert (
        clean.dtype == "float64" and clean.iloc[:3].tolist() == [4.0, 1000.0, 4.5] and pd.isna(clean.iloc[3])
    )
    mixed = _numbers(pd.Series(["4", "four", "", "-1"], dtype="string"))
    assert mixed.dtype == "float64" and mixed.isna().tolist() == [False, True, True, False]
    frame = pd.DataFrame({"product_id": ["P1", "P2"], "cost": ["4", "four"], "list_price": ["-1", "5"]})
    failed = {f.column: f.examples for f in validate_frame(frame, suite("raw_crm.products")).failures}
    assert failed == {"list_price": [-1]}  # "four": ingestion's row rules quarantine it, not this range


def test_extensions_read_by_arrow_are_those_the_python_pattern_reads():
    from core.extensions import CHANNEL_EXTENSION
    from quality.validate import _extensions

    channels = pd.Series(
        ["SIP/101-0000abcd", "Local/101@from-queue", "SIP/trunk-mts-0001", None, "PJSIP/5101;2", "DAHDI/1-1",
         "SIP/102", "Local/abc@x", "SIP/103-"],
        dtype="string",
    )  # fmt: skip
    expected = channels.str.extract(CHANNEL_EXTENSION.pattern, expand=False)
    assert _extensions(channels).equals(expected)


def test_a_column_read_only_for_its_newest_value_is_not_cast_for_every_row():
    from quality.validate import _prepare

    cdr = suite("raw_pbx.asterisk_cdr")
    frame = pd.DataFrame({"start": ["2026-10-01 10:00:00"], "channel": ["SIP/101-1"], "dstchannel": [None]})
    prepared = _prepare(frame.copy(), cdr, {"channel_extension", "dstchannel_extension"})
    assert prepared["start"].tolist() == ["2026-10-01 10:00:00"]  # left as text
    assert prepared["channel_extension"].tolist() == ["101"]


def test_checks_do_not_hash_every_row_of_a_batch(monkeypatch):
    """GX fingerprints a pandas batch by hashing all its rows (1.9 s for three million call
    records), a marker nothing reads: validate.py sets its threshold to 0. A GX upgrade that
    renames the threshold fails here, not silently slower."""
    from great_expectations.execution_engine import pandas_execution_engine

    def fingerprint(frame):
        raise AssertionError("a batch was hashed")

    monkeypatch.setattr(pandas_execution_engine, "hash_pandas_dataframe", fingerprint)
    frame = pd.DataFrame({"deal_id": ["1", "2"], "status": ["won", "lost"]})
    assert validate_frame(frame, suite("raw_crm.deals")).passed


def test_times_read_fast_in_the_pbx_format_and_as_pandas_reads_any_other():
    from quality.validate import _times

    values = pd.Series(
        [
            "2026-08-03 09:00:01",
            "03/08/2026 09:00",
            None,
            "not a time",
            "2026-08-03T09:00:01Z",
            "2026-08-03 09:00:01.5",
            "2026-02-30 10:00:00",  # no such day: Arrow's parser alone rolled it over to 2 March
        ],
        dtype="string",
    )
    expected = pd.to_datetime(values, errors="coerce", utc=True, format="mixed").dt.tz_localize(None)
    read = _times(values)
    assert read.isna().tolist() == [False, False, True, True, False, False, True]
    assert read.tolist() == expected.tolist()


def test_only_what_a_rule_reads_and_each_rows_place_reach_great_expectations(monkeypatch):
    """GX drops a column's empty rows by taking every column of the frame: a channel read
    for its extension alone was taken over every row for nothing (~2 s at 10 M rows)."""
    from quality import validate

    given = []
    real_run = validate._run

    def recording(context, batch, parameters, *args, **kwargs):
        given.append(parameters["dataframe"])
        return real_run(context, batch, parameters, *args, **kwargs)

    monkeypatch.setattr(validate, "_run", recording)
    frame = pd.DataFrame(
        {"channel": ["SIP/101-1", "SIP/999-2"], "dstchannel": [None, None], "clid": ["x", "y"],
         "_source_file": ["pbx/Master.csv"] * 2, "_source_line": [1, 2]}
    )  # fmt: skip
    cdr = suite("raw_pbx.asterisk_cdr")
    known = {"channel_extension": ["101"], "dstchannel_extension": ["101"]}
    report = validate_frame(frame, cdr, known, expectations=[])
    assert sorted(given[0].columns) == [
        "_source_file", "_source_line", "channel_extension", "dstchannel_extension"
    ]  # fmt: skip
    assert [(f.column, f.examples, f.places) for f in report.failures] == [
        ("channel_extension", ["999"], ("pbx/Master.csv line 2",))
    ]


def test_an_outline_names_what_the_suites_check_without_great_expectations():
    """The definitions and a run's summary read the suites' tables and check names from an
    outline, so that loading them does not import Great Expectations (2-3 s)."""
    outlined, built = suites(outline=True), suites()
    assert [(s.table, s.asset_key, s.check_name, s.advisory_check_name, s.dbt_source) for s in outlined] == [
        (s.table, s.asset_key, s.check_name, s.advisory_check_name, s.dbt_source) for s in built
    ]
    for outline, suite in zip(outlined, built, strict=True):
        assert outline.expectations == [type(e).__name__ for e in suite.expectations]
        assert outline.advisory == [type(e).__name__ for e in suite.advisory]
        assert (outline.prepare, outline.references, outline.advisory_references, outline.incremental) == (
            suite.prepare, suite.references, suite.advisory_references, suite.incremental
        )  # fmt: skip
