"""The demo end to end: generated files → dlt → DuckDB → dbt marts, through the Dagster job."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from ingestion.pipeline import make_pipeline
from orchestration import dbt_forkserver
from orchestration.run import MARTS, run_pipeline
from tests.warehouse import left_as_they_were, mart_columns, mart_digests, query

pytestmark = pytest.mark.e2e

FCT_CALLS_CONTRACT = [
    "call_id",
    "started_at",
    "local_date",
    "employee_id",
    "department_id",
    "direction",
    "is_answered",
    "is_missed",
    "ring_seconds",
    "talk_seconds",
    "client_phone_masked",
    "client_id",
]
ACTIVITY_CONTRACT = [
    "activity_date",
    "employee_id",
    "department_id",
    "calls_total",
    "calls_inbound",
    "calls_outbound",
    "calls_answered",
    "calls_missed",
    "talk_seconds",
    "avg_talk_seconds",
    "missed_callback_rate",
    "rank_in_department",
]


def test_marts_have_the_contract_columns(demo_run):
    summary, warehouse = demo_run
    assert mart_columns(warehouse, "fct_calls")[: len(FCT_CALLS_CONTRACT)] == FCT_CALLS_CONTRACT
    assert mart_columns(warehouse, "mart_call_activity_daily")[: len(ACTIVITY_CONTRACT)] == ACTIVITY_CONTRACT
    # adjustments appear only once a closed month's inputs change; disputes once someone opens one
    assert {m for m in MARTS if not summary.mart_rows[m]} == {"mart_bonus_adjustments", "mart_disputes"}


def test_the_run_writes_the_dashboards(demo_run):
    summary, warehouse = demo_run
    site = warehouse.parent / "site"
    assert summary.site == site / "index.html" and summary.site.is_file()
    assert (site / "ru" / "index.html").is_file() and (site / "en" / "bonus.html").is_file()
    # for heads and finance: the month's statements in one table, a page per month (the
    # newest also as statements.html), no file per employee
    expected = query(
        warehouse, "select distinct strftime(month, '%Y-%m'), employee_id from marts.mart_bonus_statements"
    )
    months = {m for m, _ in expected}
    assert len(months) > 1 and all(
        f'id="statement-{m}-{e}"' in (site / "en" / f"statements-{m}.html").read_text(encoding="utf-8")
        for m, e in expected
    )
    newest = (site / "en" / "statements.html").read_text(encoding="utf-8")
    assert f'id="statements-{max(months)}"' in newest and not any(
        f'id="statements-{m}"' in newest for m in months - {max(months)}
    )
    assert not (site / "ru" / "statements").exists() and not (site / "en" / "statements").exists()
    assert f"dashboards: {summary.site}" in "\n".join(summary.lines())


def test_months_whose_rows_are_the_same_are_not_rendered_again(demo_run, tmp_path, monkeypatch):
    """The statements and bonus pages are kept per month: after one month's figures change,
    a site built from the kept months equals a site built from nothing and shows the new
    figures, and only that month's rows are read; the run time every bonus row carries
    (computed_at) renders nothing again."""
    from dashboards.build import SECTIONS_CACHE, build_site
    from dashboards.data import SiteData

    read = []  # the months whose statement and bonus rows each build read (None: every month)
    real = SiteData._read_monthly_rows

    def reading(self, con, months):
        read.append(months)
        return real(self, con, months)

    monkeypatch.setattr(SiteData, "_read_monthly_rows", reading)

    _, warehouse = demo_run
    copy = tmp_path / "autokpi.duckdb"
    shutil.copy(warehouse, copy)
    kept, fresh = tmp_path / "site", tmp_path / "site-fresh"
    build_site(copy, kept)
    before = {p.name for p in (kept / SECTIONS_CACHE).iterdir()}
    month = query(copy, "select max(month) from marts.mart_bonus_statements")[0][0]
    with duckdb.connect(str(copy)) as con:
        con.execute(
            "update marts.mart_bonus_statements set payout_amount = 987654.32 where month = ?", [month]
        )
        con.execute("update marts.mart_bonus_monthly set computed_at = computed_at + interval 1 day")
        con.execute("update marts.mart_bonus_monthly set bonus_amount = 876543.21 where month = ?", [month])
    read.clear()
    build_site(copy, kept)
    assert read == [{month}]
    build_site(copy, fresh)
    for lang in ("ru", "en"):
        pages = sorted(p.name for p in (fresh / lang).glob("*.html"))
        assert "statements.html" in pages and sorted(p.name for p in (kept / lang).glob("*.html")) == pages
        for page in pages:
            html = (kept / lang / page).read_text(encoding="utf-8")
            assert html == (fresh / lang / page).read_text(encoding="utf-8")
    assert 'data-value="987654.32"' in (kept / "en" / "statements.html").read_text(encoding="utf-8")
    assert 'data-value="876543.21"' in (kept / "en" / "bonus.html").read_text(encoding="utf-8")
    after = {p.name for p in (kept / SECTIONS_CACHE).iterdir()}
    months = query(
        copy,
        "select (select count(distinct month) from marts.mart_bonus_statements)"
        " + (select count(distinct month) from marts.mart_bonus_monthly)",
    )[0][0]
    # the changed month of each page, in each language: no other month, though every
    # bonus row's computed_at changed
    assert len(after) == 2 * months and len(after - before) == 4


def test_old_data_is_a_warning_in_the_summary_not_a_failure(demo_run):
    summary, _ = demo_run  # the test demo ends on 2026-11-06: older than the 3-day window
    assert any(
        w.startswith("raw data check gx_asterisk_cdr_advisory failed")
        and "the newest start is 2026-11-06" in w
        and "AUTOKPI_FRESHNESS_DAYS" in w
        for w in summary.warnings
    )
    assert not any("_extension" in w for w in summary.warnings)  # every demo extension is in the directory
    assert not any("credited to nobody" in w for w in summary.warnings)  # and every seller's CRM user
    assert "warnings (the models were built" in "\n".join(summary.lines())


def test_every_call_group_is_one_call_counted_once(demo_run):
    _, warehouse = demo_run
    groups = query(
        warehouse, "select count(distinct coalesce(nullif(linkedid, ''), uniqueid)) from raw_pbx.asterisk_cdr"
    )
    calls = query(warehouse, "select count(*), count(distinct call_id) from marts.fct_calls")
    assert calls[0] == (groups[0][0], groups[0][0])
    attributed = query(warehouse, "select count(*) from marts.fct_calls where employee_id is not null")[0][0]
    in_mart = query(
        warehouse, "select sum(calls_total + calls_internal) from marts.mart_call_activity_daily"
    )[0][0]
    assert in_mart == attributed


def test_pbx_answers_are_not_talk_with_employees(demo_run):
    _, warehouse = demo_run
    # after-hours calls are answered by the IVR only: missed, no talk, nobody's
    rows = query(
        warehouse,
        """
        select f.is_missed, f.talk_seconds, f.employee_id
        from marts.fct_calls as f
        join raw_pbx.asterisk_cdr as r on r.linkedid = f.call_id
        where r.dcontext = 'ivr-closed'
    """,
    )
    assert rows and all(r == (True, 0, None) for r in rows)


def test_phone_numbers_are_masked_and_linked_to_clients(demo_run):
    _, warehouse = demo_run
    masked = query(
        warehouse, "select client_phone_masked from marts.fct_calls where client_phone_masked is not null"
    )
    assert masked and all(m[0].startswith("+*") and m[0][-4:].isdigit() for m in masked)
    linked = query(
        warehouse,
        "select avg(case when client_id is not null then 1 else 0 end) from marts.fct_calls "
        "where direction != 'internal' and client_phone_masked is not null",
    )[0][0]
    assert linked > 0.95  # demo clients call from numbers the CRM has in other spellings


def test_planted_behaviour_shows_in_the_marts(demo_run, demo_inbox):
    _, warehouse = demo_run
    planted = json.loads((demo_inbox / "demo_manifest.json").read_text())["planted"]
    stats = {
        r[0]: r[1:]
        for r in query(
            warehouse,
            """
            select employee_id, department_id,
                   sum(calls_missed) * 1.0 / nullif(sum(calls_inbound), 0) as missed_rate,
                   sum(talk_seconds) * 1.0 / nullif(sum(calls_answered), 0) as avg_talk
            from marts.mart_call_activity_daily group by 1, 2
        """,
        )
    }
    misser = planted["misses_calls"][0]
    department = stats[misser][0]
    peers = {e: s for e, s in stats.items() if s[0] == department}
    assert max(peers, key=lambda e: peers[e][1]) == misser
    short = planted["short_talks"][0]
    assert stats[short][2] == min(s[2] for s in stats.values())


def test_running_again_changes_nothing(demo_run, demo_inbox):
    summary, warehouse = demo_run
    before = mart_digests(warehouse)
    passed_sql = "select table_name, check_name, load_id from raw_checks.checked_loads order by all"
    passed = query(warehouse, passed_sql)
    # the large raw tables' loads passed their checks once, and carry dlt's load id
    # (the advisory check warned of old data, a table-wide fact: its rows passed all the same)
    assert {(t, c) for t, c, _ in passed} == {
        ("raw_pbx.asterisk_cdr", "gx_asterisk_cdr"),
        ("raw_pbx.asterisk_cdr", "gx_asterisk_cdr_advisory"),
        ("raw_pbx.transcripts", "gx_transcripts"),
    }
    loads = query(warehouse, "select distinct _dlt_load_id from raw_pbx.asterisk_cdr")
    assert [(load,) for _, c, load in passed if c == "gx_asterisk_cdr"] == loads
    # the call records went into an empty table: appended, not merged (the same marts as a
    # merge: another warehouse built from the same files is compared row for row in
    # test_reliability.py)
    loaded = make_pipeline("pbx_files", warehouse).default_schema.get_table("asterisk_cdr")
    assert loaded["write_disposition"] == "append"
    dbt_forkserver.stop()  # the demo's run started one in this process
    again = run_pipeline(demo_inbox, warehouse, quiet=True)
    # no input changed on the day of the last build: dbt built nothing (and was not started,
    # nor the process that imports it for a run's dbt commands: nothing was loaded)
    models = ["marts.fct_calls", "marts.mart_bonus_monthly", "marts.mart_disputes"]
    assert left_as_they_were(warehouse, models) == dict.fromkeys(models, True)
    assert not dbt_forkserver.running()
    assert again.mart_rows == summary.mart_rows
    assert mart_digests(warehouse) == before
    assert query(warehouse, passed_sql) == passed  # nothing new loaded: nothing new passed
    # on another day what reads the clock (the disputes' age in days) is built again, alone
    with duckdb.connect(str(warehouse)) as con:
        (inputs,) = con.execute("select inputs from dbt_state.build_inputs").fetchone()
        con.execute(
            "update dbt_state.build_inputs set inputs = ?",
            [json.dumps(json.loads(inputs) | {"today": "2026-01-01"})],
        )
    run_pipeline(demo_inbox, warehouse, quiet=True)
    expected = {"marts.fct_calls": True, "marts.mart_bonus_monthly": True, "marts.mart_disputes": False}
    assert left_as_they_were(warehouse, models) == expected
    assert dbt_forkserver.running()  # nothing loaded, and dbt built: started by its command
    assert (
        json.loads(query(warehouse, "select inputs from dbt_state.build_inputs")[0][0])["today"]
        > "2026-01-01"
    )


def test_the_run_is_in_the_warehouses_dagster_history_and_leaves_no_setting_behind(demo_run):
    import os
    import stat

    from dagster import DagsterRunStatus

    from orchestration.instance import run_instance

    _, warehouse = demo_run
    with run_instance(warehouse) as instance:
        runs = instance.get_runs()  # newest first; another test may have run it again
        assert runs and {(r.job_name, r.status) for r in runs} == {("autokpi_full", DagsterRunStatus.SUCCESS)}
        events = instance.get_records_for_run(runs[-1].run_id, limit=1000).records
        assert len(events) > 100  # the steps and dbt's events, for the UI
    home = warehouse.parent / "dagster"
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    # the run's warehouse reached dbt through the run's configuration, not this process
    assert os.environ.get("AUTOKPI_WAREHOUSE") != str(warehouse)


def test_dbt_docs_travel_with_the_site(demo_run, tmp_path, dbt_manifest):
    """`autokpi docs` on a built warehouse: the site carries dbt's page and links to it."""
    from dashboards.build import build_site
    from orchestration.dbt_docs import write_docs

    _, warehouse = demo_run
    copy = tmp_path / "autokpi.duckdb"
    shutil.copyfile(warehouse, copy)
    build_site(copy)
    assert "dbt-docs/index.html" not in (tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8")
    write_docs(copy)
    page = (tmp_path / "site" / "dbt-docs" / "index.html").read_text(encoding="utf-8")
    assert "model.autokpi.mart_bonus_monthly" in page and "exposure.autokpi.dashboard_site" in page
    for lang in ("en", "ru"):
        assert 'href="../dbt-docs/index.html"' in (tmp_path / "site" / lang / "bonus.html").read_text(
            encoding="utf-8"
        )
