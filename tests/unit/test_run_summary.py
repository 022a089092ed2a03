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
