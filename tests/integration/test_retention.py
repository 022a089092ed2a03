"""AUTOKPI_RETENTION_DAYS: raw calls and transcripts of closed months past the limit go,
an open month's stay (orchestration/retention.py), on a real DuckDB file."""

from __future__ import annotations

from datetime import date

import pytest

from core.warehouse import connect
from orchestration import period_close
from orchestration.retention import apply_retention, retain


def _warehouse(path):
    with connect(path, read_only=False) as con:
        con.execute("create schema raw_pbx")
        con.execute("create table raw_pbx.asterisk_cdr (uniqueid varchar, start varchar)")
        con.execute("create table raw_pbx.transcripts (call_id varchar, started_at varchar)")
        con.execute("create table raw_pbx.asterisk_cdr_quarantine (line bigint, quarantined_at timestamp)")
        calls = [("a", "2026-08-30 10:00:00"), ("b", "2026-09-02 09:00:00"), ("c", "2026-10-01 09:00:00"),
                 ("d", "2026-11-20 12:00:00")]  # fmt: skip
        for call_id, start in calls:
            con.execute("insert into raw_pbx.asterisk_cdr values (?, ?)", [call_id, start])
            con.execute("insert into raw_pbx.transcripts values (?, ?)", [call_id, start])
        con.execute("insert into raw_pbx.asterisk_cdr_quarantine values (1, '2026-08-01'), (2, '2026-11-25')")
        period_close.ensure_schema(con)
        for month, action in [("2026-08-01", "close"), ("2026-09-01", "close"), ("2026-09-01", "reopen")]:
            month_start = date.fromisoformat(month)
            _, event = period_close._append_event(con, month_start, action, "t", None, None)
            period_close._seal(con, event, [])
    return path


def test_closed_months_past_the_limit_go_and_open_months_stay(tmp_path):
    warehouse = _warehouse(tmp_path / "w.duckdb")
    with connect(warehouse, read_only=False) as con:
        report = apply_retention(con, 60, date(2026, 12, 1))  # the cutoff: 2026-10-02
    assert report.deleted == {
        "raw_pbx.asterisk_cdr": 1,  # August: closed
        "raw_pbx.transcripts": 1,
        "raw_pbx.asterisk_cdr_quarantine": 1,
    }
    # September was reopened and October never closed: their calls are still being paid from
    assert report.kept_open == {"2026-09": 1, "2026-10": 1}
    assert "kept 1 call rows of 2026-09" in report.kept_lines()[0]
    with connect(warehouse) as con:
        left = con.execute("select uniqueid from raw_pbx.asterisk_cdr order by 1").fetchall()
        said = con.execute("select call_id from raw_pbx.transcripts order by 1").fetchall()
    assert left == said == [("b",), ("c",), ("d",)]


def test_without_the_setting_everything_is_kept(tmp_path, monkeypatch):
    warehouse = _warehouse(tmp_path / "w.duckdb")
    monkeypatch.delenv("AUTOKPI_RETENTION_DAYS", raising=False)
    assert retain(warehouse, date(2026, 12, 1)) is None
    monkeypatch.setenv("AUTOKPI_RETENTION_DAYS", "0")
    from core.settings import SettingError

    with pytest.raises(SettingError, match=r"AUTOKPI_RETENTION_DAYS='0'.*above 0"):
        retain(warehouse, date(2026, 12, 1))
    monkeypatch.setenv("AUTOKPI_RETENTION_DAYS", "1000")
    assert retain(warehouse, date(2026, 12, 1)).deleted["raw_pbx.asterisk_cdr"] == 0
