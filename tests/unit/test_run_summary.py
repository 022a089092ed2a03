"""The run's summary: what a person reads after `autokpi run`."""

from __future__ import annotations

from pathlib import Path

from orchestration.run import RunSummary


def test_rows_replaced_by_a_newer_export_are_counted_and_said_to_need_nothing(monkeypatch):
    monkeypatch.setenv("DBT_TARGET", "duckdb")
    summary = RunSummary(
        Path("/w/autokpi.duckdb"),
        Path("/w/exports"),
        1.0,
        quarantined_rows={
            "raw_plans.monthly_plans_quarantine (superseded)": 1,
            "raw_crm.deals_quarantine (date_format)": 2,
        },
    )
    lines = summary.lines()
    superseded = next(line for line in lines if "(superseded)" in line)
    assert superseded.endswith("(replaced by a newer file's rows: nothing to fix if the newer one is right)")
    broken = next(line for line in lines if "(date_format)" in line)
    assert broken.split() == ["raw_crm.deals_quarantine", "(date_format)", "2"]


def test_won_deals_of_a_crm_user_no_employee_has_are_said_with_their_revenue(tmp_path, monkeypatch):
    """A salesperson whose crm_user_id the directory lacks (or has mistyped) sold for nobody:
    their revenue left every KPI, in silence."""
    import duckdb

    from orchestration.run import sales_credited_to_nobody

    monkeypatch.setenv("DBT_TARGET", "duckdb")
    warehouse = tmp_path / "autokpi.duckdb"
    con = duckdb.connect(str(warehouse))
    con.execute("create schema marts")
    con.execute(
        "create table marts.fct_sales_lines (deal_id varchar, employee_id varchar, "
        "responsible_crm_user_id varchar, deal_status varchar, revenue decimal(18, 2))"
    )
    con.close()
    assert sales_credited_to_nobody(warehouse) == []  # no directory yet: its own note says so
    con = duckdb.connect(str(warehouse))
    con.execute("create schema raw_directory")
    con.execute("create table raw_directory.employees (employee_id varchar, crm_user_id varchar)")
    con.execute(
        """insert into marts.fct_sales_lines values
        ('D1', 'E1', 'U1', 'won', 100.00),
        ('D2', null, 'U7', 'won', 1250000.00), ('D2', null, 'U7', 'won', 0.50),
        ('D3', null, 'U7', 'won', 10.00),
        ('D4', null, 'U8', 'won', 99.99), ('D5', null, 'U8', 'lost', 5000000.00),
        ('D6', null, null, 'won', 1.00)"""
    )
    con.close()
    assert sales_credited_to_nobody(warehouse) == [
        "won deals credited to nobody, their CRM user being no employee's crm_user_id in "
        "directory/employees: U7 (2 deals, 1,250,010.50), U8 (1 deal, 99.99), "
        "(no responsible user) (1 deal, 1.00); if they sell, fill in their crm_user_id there"
    ]


def test_files_not_read_for_one_reason_are_one_line(tmp_path):
    """A cdr-csv folder synced as it is holds logrotate's compressed weeks, a year of them:
    a line each was 52 lines on every run's screen, drowning the one that mattered."""
    from orchestration.run import _unread_files

    folder = tmp_path / "pbx" / "asterisk"
    folder.mkdir(parents=True)
    for week in range(2, 53):
        (folder / f"Master.csv.{week}.gz").write_bytes(b"")
    (folder / "Master.csv").write_text("")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "plans.xls").write_bytes(b"")
    plans, rotated = _unread_files(tmp_path)
    assert plans == (
        "plans/plans.xls: not read: a .xls workbook is not read; save it as .xlsx "
        "(Excel: File > Save As > Excel Workbook)"
    )
    assert rotated.startswith("pbx/asterisk/Master.csv.10.gz, pbx/asterisk/Master.csv.11.gz, ")
    assert " and 46 more: not read: a Master.csv that logrotate set aside and compressed" in rotated
