"""Reads from the warehouse outside dbt: fast paths give what the plain ones give."""

from __future__ import annotations


def test_text_read_through_arrow_gives_what_duckdb_df_gives(tmp_path):
    """The raw checks read text and whole numbers through Arrow (four times faster at
    millions of rows): the same dtypes and values as DuckDB's df(), missing values included;
    any other column type is read by df() itself."""
    import duckdb

    from core.warehouse import Result

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    queries = [
        "select * from (values (1::bigint, 'a', 2::smallint), (null, null, 3)) t(a, b, c)",
        "select * from (values (1::bigint, 'a'), (5, 'b')) t(a, b)",
        "select 1.5::decimal(18, 2) as x, 'a' as b, date '2026-10-01' as d",
    ]
    for sql in queries:
        expected, read = con.execute(sql).df(), Result(con.execute(sql), "duckdb").text_df()
        assert read.dtypes.tolist() == expected.dtypes.tolist()
        assert read.equals(expected), sql


def test_a_renamed_kpi_has_its_latest_name_on_the_site_and_in_the_exports(tmp_path):
    """The site and the finance exports read KPI names through one function: the newest
    statement's name, whatever order the rows come in; a name left empty is the code."""
    import duckdb

    from core.warehouse import connect
    from dashboards import data
    from orchestration import finance_exports

    path = tmp_path / "w.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute(
        "create table marts.mart_bonus_statements as select * from (values"
        " (date '2026-10-01', 'E1', 'calls', 'Звонки', 'Calls'),"
        " (date '2026-11-01', 'E1', 'calls', 'Исходящие звонки', 'Outbound calls'),"
        " (date '2026-09-01', 'E2', 'calls', 'Звонки', 'Calls'),"
        " (date '2026-11-01', 'E2', 'revenue', null, null)"
        ") as t(month, employee_id, kpi_code, kpi_name_ru, kpi_name_en)"
    )
    con.close()
    with connect(path) as warehouse:
        names = data.kpi_names(warehouse)
    assert finance_exports.kpi_names is data.kpi_names
    assert names == {
        "calls": {"ru": "Исходящие звонки", "en": "Outbound calls"},
        "revenue": {"ru": "revenue", "en": "revenue"},
    }
