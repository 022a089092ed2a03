"""A directory with mistakes, an inbox with only a Master.csv, a renamed column: each is
a sentence a person can act on, and what can be built is built."""

from __future__ import annotations

import shutil
import subprocess
import sys

import duckdb
import pytest

from orchestration.run import PipelineError, run_pipeline
from tests.conftest import ASTERISK_SAMPLES
from tests.warehouse import query

pytestmark = pytest.mark.e2e


def autokpi(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "orchestration.cli", *args], capture_output=True, text=True)


def test_directory_mistakes_hold_the_models_back_with_a_sentence_each(tmp_path, dbt_manifest):
    inbox = tmp_path / "inbox"
    (inbox / "directory").mkdir(parents=True)
    (inbox / "pbx" / "asterisk").mkdir(parents=True)
    shutil.copy(ASTERISK_SAMPLES / "smallcdr.csv", inbox / "pbx" / "asterisk")
    (inbox / "directory" / "departments.csv").write_text("department_id,department_name\nD1,Sales\n")
    (inbox / "directory" / "employees.csv").write_text(
        "employee_id,full_name,department_id,role,extensions,crm_user_id,hire_date,leave_date\n"
        "E1,A,D1,sales_manager,101,U1,2026-01-01,\n"
        'E2,B,D1,sales_manager,"101, 5102",U2,2026-03-01,\n'
        "E3,C,,sales_manager,103,U3,2026-01-01,\n"
        "E4,D,D99,sales_manager,104,U4,2026-01-01,\n"
        "E5,E,D1,sales_manager,105,U5,2026-10-01,2026-09-01\n"
        "E6,F,D1,salesman,106,U6,2026-01-01,\n"
        "E7,G,D1,sales_manager,1O7,U7,2026-01-01,\n"
        "E8,H,D1,sales_manager,108 5108,U8,2026-01-01,\n"
        "E9,I,D1,sales_manager,109,U1,2026-01-01,\n"
    )
    with pytest.raises(PipelineError) as raised:
        run_pipeline(inbox, tmp_path / "autokpi.duckdb", quiet=True)
    message = str(raised.value)
    assert message.startswith("raw data check gx_employees failed on dlt_directory_employees: ")
    for sentence in [
        "directory/employees.csv lines 2 and 3: E1 and E2 both have extension 101 (from 2026-03-01); "
        "an extension is one person's at a time",
        "directory/employees.csv line 4: E3 has no department_id; fill it in",
        "directory/employees.csv line 5: E4's department D99 is not in the department list (known: D1)",
        "directory/employees.csv line 6: E5 leaves (2026-09-01) before being hired (2026-10-01)",
        "directory/employees.csv line 7: E6's role 'salesman' is not a role of the KPI scheme",
        "directory/employees.csv line 8: E7's extension '1O7' is not a number, so no call would count "
        "for them (a call names its extension in digits); its 'O' is a letter, not a digit: write 107?",
        "directory/employees.csv line 9: E8's extension '108 5108' is not a number, so no call would "
        "count for them (a call names its extension in digits); separate extensions with ';' (108;5108)",
        "directory/employees.csv lines 2 and 10: E1 and E9 both have crm_user_id U1, so each would be "
        "credited with every deal of that CRM user; a CRM user is one employee's: give each their own, "
        "or leave it empty for one who left",
    ]:
        assert sentence in message, sentence
    assert "unique_int_call_legs" not in message and "held back" in message


def test_an_inbox_with_only_a_master_csv_builds_the_call_marts_and_says_what_is_missing(
    tmp_path, dbt_manifest
):
    inbox = tmp_path / "inbox"
    (inbox / "pbx" / "asterisk").mkdir(parents=True)
    shutil.copy(ASTERISK_SAMPLES / "cdr.csv", inbox / "pbx" / "asterisk")
    warehouse = tmp_path / "autokpi.duckdb"
    summary = run_pipeline(inbox, warehouse, quiet=True)
    assert summary.mart_rows["fct_calls"] == 174
    assert any(w.startswith("no employee directory in ") for w in summary.warnings)
    page = (summary.site.parent / "en" / "index.html").read_text()
    assert 'id="missing-inputs"' in page and "the employee directory (inbox/directory)" in page

    # a renamed column of a raw table that exists stops the build naming table and column
    con = duckdb.connect(str(warehouse))
    con.execute("alter table raw_pbx.asterisk_cdr rename column disposition to dispositon")
    con.close()
    with pytest.raises(PipelineError) as raised:
        run_pipeline(None, warehouse, quiet=True, job_name="autokpi_refresh")
    message = str(raised.value)
    assert (
        "the raw table raw_pbx.asterisk_cdr has no column disposition, which stg_pbx__cdr_legs reads"
        in message
    )


def test_inbox_arguments_that_cannot_work_say_why(tmp_path):
    a_file = tmp_path / "Master.csv"
    a_file.write_text("x\n")
    done = autokpi("run", "--inbox", str(a_file), "--warehouse", str(tmp_path / "autokpi.duckdb"))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        f"autokpi: error: {a_file} is a file; --inbox takes the inbox folder "
        "(the one holding pbx/, directory/, crm/, plans/)"
    )


def test_the_month_in_progress_counts_the_working_days_elapsed(demo_run):
    _, warehouse = demo_run
    # the demo's data ends on Friday 6 November 2026; 4 November is a holiday
    days = query(
        warehouse,
        "select distinct working_days from marts.mart_call_kpis "
        "where period_grain = 'month' and period_start = '2026-11-01' and level = 'employee'",
    )
    assert days == [(4,)]
    november = query(
        warehouse,
        "select count(*) from marts.mart_kpi_alerts where period_grain = 'month' "
        "and period_start = '2026-11-01' and rule != 'missing_target'",
    )
    assert november == [(0,)]  # 4 working days: too early to judge a month (alert_rules: 5)


def test_an_inbox_without_call_records_builds_the_sales_marts_run_after_run(
    tmp_path, demo_inbox, dbt_manifest
):
    """No pbx/ folder at all (the phone export not set up yet): the CRM, plans and bonus
    are built, the call marts are empty with a sentence saying why, and the next run too
    (the first load of call records found no raw table to tidy, and the call staging
    model, built empty, had no raw table to read from incrementally)."""
    inbox = tmp_path / "inbox"
    shutil.copytree(demo_inbox, inbox, ignore=shutil.ignore_patterns("pbx"))
    warehouse = tmp_path / "autokpi.duckdb"
    for _ in range(2):
        summary = run_pipeline(inbox, warehouse, quiet=True)
        assert summary.mart_rows["fct_calls"] == 0
        assert summary.mart_rows["fct_sales_lines"] > 0 and summary.mart_rows["mart_bonus_monthly"] > 0
        assert any(w.startswith("no call records: ") for w in summary.warnings)
