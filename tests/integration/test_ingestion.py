"""dlt loads into a real DuckDB file: idempotent, incremental, quarantine beside the table."""

from __future__ import annotations

import logging
import shutil
from datetime import UTC, datetime

import dlt
import duckdb
import pytest

from ingestion.pipeline import FILE_SOURCES, load_source, unloadable_warehouse
from orchestration.run import PipelineError, run_pipeline
from tests.conftest import ASTERISK_SAMPLES, make_inbox
from tests.warehouse import query


def _count(warehouse, table):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(f"select count(*) from {table}").fetchone()[0]
    finally:
        con.close()


def _quarantined(warehouse, table) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(f"select source_file, rule, raw_value from {table}").fetchall()
    finally:
        con.close()


def test_every_source_loads_and_a_second_load_adds_nothing(demo_inbox, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    counts = {}
    for run in range(2):
        for name in FILE_SOURCES:
            load_source(name, demo_inbox, warehouse)
        counts[run] = {
            t: _count(warehouse, t)
            for t in [
                "raw_pbx.asterisk_cdr",
                "raw_pbx.transcripts",
                "raw_crm.deals",
                "raw_crm.deal_lines",
                "raw_directory.employees",
                "raw_plans.monthly_plans",
            ]
        }
    assert counts[0] == counts[1]
    assert counts[0]["raw_pbx.asterisk_cdr"] == sum(
        sum(1 for _ in p.open()) for p in (demo_inbox / "pbx" / "asterisk").glob("*.csv")
    )


def test_appended_lines_are_the_only_ones_read(tmp_path):
    sample = (ASTERISK_SAMPLES / "smallcdr.csv").read_bytes().splitlines(keepends=True)
    inbox = make_inbox(tmp_path, [])
    master = inbox / "pbx" / "asterisk" / "Master.csv"
    warehouse = tmp_path / "w.duckdb"
    master.write_bytes(b"".join(sample[:20]))
    load_source("pbx_files", inbox, warehouse)
    assert _count(warehouse, "raw_pbx.asterisk_cdr") == 20
    with master.open("ab") as fh:
        fh.write(b"".join(sample[20:]))
    load_source("pbx_files", inbox, warehouse)
    load_source("pbx_files", inbox, warehouse)
    con = duckdb.connect(str(warehouse), read_only=True)
    lines = [r[0] for r in con.execute("select _source_line from raw_pbx.asterisk_cdr order by 1").fetchall()]
    con.close()
    assert lines == list(range(1, len(sample) + 1))


def test_reading_call_records_says_how_far_it_is(tmp_path, monkeypatch, caplog):
    """A first load of months of call records takes a minute or more: the run says how many
    it has read as it goes (every 15 s; here every batch)."""
    from core import progress

    sample = (ASTERISK_SAMPLES / "smallcdr.csv").read_bytes()
    inbox = make_inbox(tmp_path, [])
    (inbox / "pbx" / "asterisk" / "Master.csv").write_bytes(sample)
    monkeypatch.setattr(progress, "EVERY_SECONDS", 0)
    with caplog.at_level(logging.INFO, logger=progress.LOGGER):
        load_source("pbx_files", inbox, tmp_path / "w.duckdb")
    said = [r.getMessage() for r in caplog.records if r.name == progress.LOGGER]
    rows = _count(tmp_path / "w.duckdb", "raw_pbx.asterisk_cdr")
    assert said and said[-1].startswith(f"reading call records: {rows:,} (")


def test_bad_lines_land_in_quarantine_so_raw_equals_clean_plus_quarantined(tmp_path):
    inbox = make_inbox(tmp_path, [])
    lines = (ASTERISK_SAMPLES / "smallcdr.csv").read_text().splitlines(keepends=True)
    lines[3] = '"too","few","columns"\n'
    lines[7] = lines[7].replace('"NO ANSWER"', '"PERHAPS"').replace('"ANSWERED"', '"PERHAPS"')
    (inbox / "pbx" / "asterisk" / "Master.csv").write_text("".join(lines))
    warehouse = tmp_path / "w.duckdb"
    load_source("pbx_files", inbox, warehouse)
    clean = _count(warehouse, "raw_pbx.asterisk_cdr")
    quarantined = _count(warehouse, "raw_pbx.asterisk_cdr_quarantine")
    assert (clean, quarantined) == (len(lines) - 2, 2)


def test_a_corrected_file_sent_again_replaces_the_quarantined_rows_it_fixes(tmp_path):
    from orchestration.quarantine_report import rows

    inbox = make_inbox(tmp_path, [])
    good = (ASTERISK_SAMPLES / "smallcdr.csv").read_text().splitlines(keepends=True)
    broken = list(good)
    broken[3] = '"too","few","columns"\n'
    broken[7] = broken[7].replace('"NO ANSWER"', '"PERHAPS"').replace('"ANSWERED"', '"PERHAPS"')
    master = inbox / "pbx" / "asterisk" / "Master.csv"
    master.write_text("".join(broken))
    warehouse = tmp_path / "w.duckdb"
    load_source("pbx_files", inbox, warehouse)
    assert [(r[2], r[3]) for r in rows(warehouse)] == [(4, "column_count"), (8, "disposition_in_set")]

    half_fixed = list(good)
    half_fixed[7] = broken[7]  # line 4 corrected, line 8 still wrong
    master.write_text("".join(half_fixed))
    load_source("pbx_files", inbox, warehouse)
    assert [(r[2], r[3]) for r in rows(warehouse)] == [(8, "disposition_in_set")]
    assert _count(warehouse, "raw_pbx.asterisk_cdr") == len(good) - 1

    master.write_text("".join(good) + "".join(good[:2]))  # fixed, and two calls appended since
    load_source("pbx_files", inbox, warehouse)
    load_source("pbx_files", inbox, warehouse)
    assert rows(warehouse) == []
    con = duckdb.connect(str(warehouse), read_only=True)
    lines = [r[0] for r in con.execute("select _source_line from raw_pbx.asterisk_cdr order by 1").fetchall()]
    log = con.execute(
        "select first_line, rows_read, rows_clean, rows_quarantined from raw_pbx.load_log order by logged_at"
    ).fetchall()
    con.close()
    assert lines == list(range(1, len(good) + 3))  # each line once: the corrected rows replaced the old
    assert log == [(1, 45, 43, 2), (1, 45, 44, 1), (1, 47, 47, 0)]


def test_a_line_a_corrected_file_now_holds_wrong_leaves_the_raw_table_for_quarantine(tmp_path):
    """raw = clean + quarantined for the file as last sent: the old version of a line the
    resend breaks is not kept counting beside its quarantine record."""
    from orchestration.quarantine_report import rows

    inbox = make_inbox(tmp_path, [])
    good = (ASTERISK_SAMPLES / "smallcdr.csv").read_text().splitlines(keepends=True)
    master = inbox / "pbx" / "asterisk" / "Master.csv"
    master.write_text("".join(good))
    warehouse = tmp_path / "w.duckdb"
    load_source("pbx_files", inbox, warehouse)
    broken = list(good)
    broken[3] = '"too","few","columns"\n'
    master.write_text("".join(broken))
    load_source("pbx_files", inbox, warehouse)
    assert [(r[2], r[3]) for r in rows(warehouse)] == [(4, "column_count")]
    con = duckdb.connect(str(warehouse), read_only=True)
    lines = [r[0] for r in con.execute("select _source_line from raw_pbx.asterisk_cdr order by 1").fetchall()]
    con.close()
    assert lines == [n for n in range(1, len(good) + 1) if n != 4]

    master.write_text("".join(good))  # corrected again: the line is back, once
    load_source("pbx_files", inbox, warehouse)
    assert rows(warehouse) == [] and _count(warehouse, "raw_pbx.asterisk_cdr") == len(good)


def test_a_copy_set_aside_is_named_again_once_its_original_is_corrected(tmp_path):
    """A copy set aside as identical to a loaded file stays out when the original is sent
    again corrected (its older version of the corrected lines must not count), and the load
    log says so once: a fresh build would load it, so the user is told to remove it."""
    import os

    inbox = make_inbox(tmp_path, [])
    good = (ASTERISK_SAMPLES / "smallcdr.csv").read_text().splitlines(keepends=True)
    folder = inbox / "pbx" / "asterisk"
    master, copy = folder / "Master.csv", folder / "Master (1).csv"
    master.write_text("".join(good))
    copy.write_text("".join(good))
    os.utime(master, (1_700_000_000, 1_700_000_000))  # the original is the older file
    warehouse = tmp_path / "w.duckdb"

    def notes():
        copy_log = "select message from raw_pbx.load_log where source_file = ? order by logged_at"
        return query(warehouse, copy_log, ["pbx/asterisk/Master (1).csv"])

    load_source("pbx_files", inbox, warehouse)
    assert notes() == [("identical to pbx/asterisk/Master.csv, which is loaded already: not loaded twice",)]
    load_source("pbx_files", inbox, warehouse)
    assert len(notes()) == 1

    corrected = list(good)
    corrected[5] = corrected[5].replace("ANSWERED", "NO ANSWER", 1)
    assert corrected[5] != good[5]
    master.write_text("".join(corrected))  # sent again, corrected: now the newer file
    load_source("pbx_files", inbox, warehouse)
    load_source("pbx_files", inbox, warehouse)  # said once
    assert notes()[1:] == [
        (
            "identical to pbx/asterisk/Master.csv when it arrived, and that file was sent again "
            "corrected since: not loaded, as it holds the version before the correction; remove it "
            "from the inbox (a fresh build would load it), or give it a new name if it holds calls "
            "of its own",
        )
    ]
    files = query(warehouse, "select distinct _source_file from raw_pbx.asterisk_cdr")
    assert files == [("pbx/asterisk/Master.csv",)]

    copy.unlink()  # removed, as told: the next correction says nothing more of it
    corrected[6] = corrected[6].replace("ANSWERED", "BUSY", 1)
    master.write_text("".join(corrected))
    load_source("pbx_files", inbox, warehouse)
    assert len(notes()) == 2


def test_a_rewritten_file_is_refused_with_its_name_and_not_loaded_twice(tmp_path):
    inbox = make_inbox(tmp_path, [ASTERISK_SAMPLES / "smallcdr.csv"])
    warehouse = tmp_path / "w.duckdb"
    load_source("pbx_files", inbox, warehouse)
    shutil.copy(
        ASTERISK_SAMPLES / "smallcdr_wo_parallelcalls.csv", inbox / "pbx" / "asterisk" / "smallcdr.csv"
    )
    load_source("pbx_files", inbox, warehouse)
    load_source("pbx_files", inbox, warehouse)  # refused once, not again while unchanged
    assert _count(warehouse, "raw_pbx.asterisk_cdr") == 45
    rejected = _quarantined(warehouse, "raw_pbx.asterisk_cdr_quarantine")
    assert len(rejected) == 1
    assert rejected[0][:2] == ("pbx/asterisk/smallcdr.csv", "file_rejected")
    # named as the inbox names it, like every other note: not where the inbox sits on disk
    assert rejected[0][2].startswith("pbx/asterisk/smallcdr.csv: changed in lines that were already loaded")
    # a call record file starting again is what logrotate does: what to do then is said too
    assert rejected[0][2].endswith(
        "(if logrotate rotated it, give this one a name of its own, e.g. Master-2026-11-30.csv, and copy "
        "the file it set aside in under a name of its own too, e.g. Master-2026-11-23.csv: calls loaded "
        "before count once)"
    )


def test_a_file_missing_a_column_is_refused_and_the_others_load(tmp_path):
    inbox = make_inbox(tmp_path, [])
    (inbox / "directory" / "employees-extra.csv").write_text("employee_id,full_name\nE9,A\n")
    warehouse = tmp_path / "w.duckdb"
    load_source("directory", inbox, warehouse)
    assert _count(warehouse, "raw_directory.employees") == 5  # the good file loaded
    con = duckdb.connect(str(warehouse), read_only=True)
    rejected = con.execute(
        "select source_file, rule, raw_value from raw_directory.employees_quarantine"
    ).fetchall()
    con.close()
    assert rejected == [
        (
            "directory/employees-extra.csv",
            "file_rejected",
            "directory/employees-extra.csv: missing column(s) department_id, role, extensions; "
            "employees needs employee_id, full_name, department_id, role, extensions "
            "(the header has employee_id, full_name: rename its columns to these names)",
        )
    ]
    # the report prints a refused file's sentence whole: it says what to do at its end
    from orchestration.quarantine_report import format_report

    assert "rename its columns to these names)" in format_report(warehouse)


def test_a_refused_file_sent_again_corrected_leaves_quarantine(tmp_path):
    from orchestration.quarantine_report import summary

    inbox = make_inbox(tmp_path, [])
    broken = inbox / "directory" / "employees-extra.csv"
    broken.write_text("employee_id,full_name\nE9,A\n")
    warehouse = tmp_path / "w.duckdb"
    load_source("directory", inbox, warehouse)
    assert [(g.rule, g.rows) for g in summary(warehouse)] == [("file_rejected", 1)]
    broken.write_text("employee_id,full_name,department_id,role,extensions\nE9,A,D,sales_manager,199\n")
    load_source("directory", inbox, warehouse)
    assert summary(warehouse) == []
    assert _count(warehouse, "raw_directory.employees") == 6


def test_a_file_refused_later_keeps_its_last_rows_and_a_removed_row_is_retired(tmp_path):
    inbox = make_inbox(tmp_path, [])
    extra = inbox / "directory" / "employees-extra.csv"
    extra.write_text(
        "employee_id,full_name,department_id,role,extensions\nE9,A,HQ,sales_manager,909\nE8,B,HQ,sales_manager,908\n"
    )
    warehouse = tmp_path / "w.duckdb"
    load_source("directory", inbox, warehouse)
    current = "select employee_id from raw_directory.employees where _dlt_valid_to is null order by 1"
    assert [r[0] for r in duckdb.connect(str(warehouse), read_only=True).execute(current).fetchall()][
        -2:
    ] == [
        "E8",
        "E9",
    ]
    extra.write_text("employee_id,full_name\nE9,A\n")  # broken: the snapshot keeps E8 and E9
    load_source("directory", inbox, warehouse)
    con = duckdb.connect(str(warehouse), read_only=True)
    assert [r[0] for r in con.execute(current).fetchall()][-2:] == ["E8", "E9"]
    con.close()
    extra.write_text("employee_id,full_name,department_id,role,extensions\nE9,A,HQ,sales_manager,909\n")
    load_source("directory", inbox, warehouse)  # corrected, without E8: E8 is retired, kept as history
    con = duckdb.connect(str(warehouse), read_only=True)
    assert "E8" not in [r[0] for r in con.execute(current).fetchall()]
    assert con.execute(
        "select count(*) from raw_directory.employees where employee_id = 'E8' and _dlt_valid_to is not null"
    ).fetchone() == (1,)
    con.close()


def test_a_list_whose_files_are_as_the_last_load_read_them_is_not_read_again(tmp_path, monkeypatch):
    from ingestion.sources import tabular

    inbox = make_inbox(tmp_path, [])
    folder = inbox / "directory"
    (folder / "departments.csv").write_text("department_id,department_name\nHQ,Head office\n")
    reads = []  # the files read, load by load
    real = tabular.read_rows
    monkeypatch.setattr(
        tabular, "read_rows", lambda path, *a, **k: reads.append(path.name) or real(path, *a, **k)
    )
    warehouse = tmp_path / "w.duckdb"
    current = "select count(*) from raw_directory.employees where _dlt_valid_to is null"

    def load() -> list[str]:
        reads.clear()
        load_source("directory", inbox, warehouse)
        return sorted(reads)

    assert load() == ["departments.csv", "employees.csv"]
    employees, logged = query(warehouse, current)[0][0], _count(warehouse, "raw_directory.load_log")
    assert load() == [] and _count(warehouse, "raw_directory.load_log") == logged  # as they were
    assert query(warehouse, current)[0][0] == employees
    # a file changed: that file's table is read again, the other stays as it was
    (folder / "departments.csv").write_text("department_id,department_name\nHQ,Head office\nS,Sales\n")
    assert load() == ["departments.csv"]
    departments = "select count(*) from raw_directory.departments where _dlt_valid_to is null"
    assert query(warehouse, departments) == [(2,)]
    # a setting of how a file reads: every list is read again
    monkeypatch.setenv("AUTOKPI_DECIMAL_MARK", "comma")
    assert load() == ["departments.csv", "employees.csv"]
    assert load() == []
    # the rows gone from the warehouse (an older copy restored, a table emptied): read again
    with duckdb.connect(str(warehouse)) as con:
        con.execute("delete from raw_directory.employees")
    assert load() == ["employees.csv"] and query(warehouse, current)[0][0] == employees
    # a file with a row for quarantine is read on every run, and said each time: added, it
    # is read alone (the others' rows come back from the warehouse), then with every file
    (folder / "employees-extra.csv").write_text(
        "employee_id,full_name,department_id,role,extensions\n,Total,,,\nE9,A,HQ,sales_manager,909\n"
    )
    assert load() == ["employees-extra.csv"]
    assert load() == ["employees-extra.csv", "employees.csv"]
    said = query(warehouse, "select count(*) from raw_directory.load_log where source_file like '%extra%'")
    assert said == [(2,)]


_DEALS_HEADER = "deal_id,client_id,responsible_user_id,status,created_at,closed_at\n"


def _deals_file(path, rows: list[str], mtime_s: int) -> None:
    import os

    path.write_text(_DEALS_HEADER + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    os.utime(path, ns=(mtime_s * 10**9,) * 2)


def _current_deals(warehouse) -> list[tuple]:
    """Every column of the current deals but dlt's own (load ids, validity)."""
    return query(
        warehouse,
        "select columns(lambda c: not starts_with(c, '_dlt_')) from raw_crm.deals "
        "where _dlt_valid_to is null order by deal_id",
    )


def test_a_deals_file_added_beside_the_others_is_the_only_one_read(tmp_path, monkeypatch):
    """A CRM that exports each day's deals as a file of its own: the day's run reads that
    file and takes the other files' rows back from the warehouse, and the table holds what
    reading every file gives a new warehouse, each kept row the version it was. A row of
    the new file that gives a kept key other values, or a file gone, reads every file."""
    import os

    from ingestion.sources import tabular

    reads = []  # the files read, load by load
    real = tabular.read_rows
    monkeypatch.setattr(
        tabular, "read_rows", lambda path, *a, **k: reads.append(path.name) or real(path, *a, **k)
    )

    inbox = make_inbox(tmp_path, [])
    crm = inbox / "crm"
    crm.mkdir()
    _deals_file(
        crm / "deals.csv",
        ["D1,C1,U1,won,2026-11-02 10:00:00,2026-11-20", "D2,C2,U1,lost,2026-11-03 11:00:00,"],
        1_790_000_000,
    )
    _deals_file(crm / "deals-2026-11-25.csv", ["D3,C3,U2,in_progress,2026-11-25 09:30:00,"], 1_790_100_000)
    warehouse = tmp_path / "w.duckdb"

    def load(at=warehouse) -> list[str]:
        reads.clear()
        load_source("crm_files", inbox, at)
        return sorted(r for r in reads if r.startswith("deals"))

    assert load() == ["deals-2026-11-25.csv", "deals.csv"]
    # a day's file, sorting between the two by name, newest by time: only it is read
    _deals_file(crm / "deals-2026-11-26.csv", ["D4,C1,U2,won,2026-11-26 12:00:00,2026-11-26"], 1_790_200_000)
    assert load() == ["deals-2026-11-26.csv"]
    fresh = tmp_path / "fresh.duckdb"
    assert load(fresh) == ["deals-2026-11-25.csv", "deals-2026-11-26.csv", "deals.csv"]
    assert _current_deals(warehouse) == _current_deals(fresh)
    assert [r[0] for r in _current_deals(warehouse)] == ["D1", "D2", "D3", "D4"]
    retired = "select count(*) from raw_crm.deals where _dlt_valid_to is not null"
    assert query(warehouse, retired) == [(0,)]  # the kept rows were not written again as new versions
    assert load() == []  # and as they were, nothing is read

    # the same deal with other values in a newer file: every file is read, the older row
    # quarantined as superseded, as a new warehouse has it
    _deals_file(crm / "deals-2026-11-27.csv", ["D2,C2,U1,won,2026-11-03 11:00:00,2026-11-27"], 1_790_300_000)
    # (the new file first, alone, then every file)
    everything = ["deals-2026-11-25.csv", "deals-2026-11-26.csv", "deals-2026-11-27.csv", "deals.csv"]
    assert load() == sorted([*everything, "deals-2026-11-27.csv"])
    fresh2 = tmp_path / "fresh2.duckdb"
    load(fresh2)
    assert _current_deals(warehouse) == _current_deals(fresh2)
    superseded = "select source_file, rule from raw_crm.deals_quarantine where rule = 'superseded'"
    assert query(warehouse, superseded) == query(fresh2, superseded) == [("crm/deals.csv", "superseded")]

    # a file gone: every file left is read, its rows are no longer current
    os.remove(crm / "deals-2026-11-27.csv")
    os.remove(crm / "deals-2026-11-25.csv")
    assert load() == ["deals-2026-11-26.csv", "deals.csv"]
    assert [r[0] for r in _current_deals(warehouse)] == ["D1", "D2", "D4"]
    assert [r[3] for r in _current_deals(warehouse)][1] == "lost"


def test_two_plan_files_giving_one_key_two_values_keep_the_newer_and_quarantine_the_other(tmp_path):
    """A corrected plan sent as a second file (cp1251, ``;``, ``1 234,50``) beside the old
    one: the newer file's value is the plan, the older row goes to quarantine saying which
    file and line replaced it, and each file's rows read = clean + quarantined."""
    import os

    inbox = make_inbox(tmp_path, [])
    (inbox / "plans").mkdir(exist_ok=True)
    old = inbox / "plans" / "plans.csv"
    old.write_text(
        "month,employee_id,revenue_plan,calls_plan\n2026-12-01,E5,586000.00,420\n2026-12-01,E6,600000.00,420\n"
    )
    new = inbox / "plans" / "plans-dec.csv"  # sorts before plans.csv by name, yet is the newer
    new.write_bytes(
        "month;employee_id;revenue_plan;calls_plan\n2026-12-01;E5;1 234 567 890,50;420\n".encode("cp1251")
    )
    os.utime(old, ns=(1_700_000_000_000_000_000,) * 2)
    os.utime(new, ns=(1_700_000_100_000_000_000,) * 2)
    warehouse = tmp_path / "w.duckdb"
    load_source("plans", inbox, warehouse)
    con = duckdb.connect(str(warehouse), read_only=True)
    current = con.execute(
        "select employee_id, revenue_plan, _source_file from raw_plans.monthly_plans "
        "where _dlt_valid_to is null order by 1"
    ).fetchall()
    quarantined = con.execute(
        "select source_file, source_line, rule, field, raw_value from raw_plans.monthly_plans_quarantine"
    ).fetchall()
    log = con.execute(
        "select source_file, rows_read, rows_clean, rows_quarantined, status, message "
        "from raw_plans.load_log order by source_file"
    ).fetchall()
    con.close()
    assert current == [("E5", "1234567890.50", "plans/plans-dec.csv"), ("E6", "600000.00", "plans/plans.csv")]
    assert quarantined == [
        (
            "plans/plans.csv",
            2,
            "superseded",
            "revenue_plan",
            "'586000.00': replaced by '1234567890.50' from plans/plans-dec.csv line 2, "
            "a newer file with the same month, employee_id",
        )
    ]
    assert [row[:5] for row in log] == [
        ("plans/plans-dec.csv", 1, 1, 0, "loaded"),
        ("plans/plans.csv", 2, 1, 1, "conflict"),
    ]
    assert log[1][5] == (
        "line 2 (month 2026-12-01, employee_id E5) is replaced by plans/plans-dec.csv line 2, "
        "a newer file with other values (revenue_plan 586000.00 -> 1234567890.50); "
        "if plans/plans.csv is the right one, correct or remove plans/plans-dec.csv"
    )

    os.utime(old, ns=(1_700_000_200_000_000_000,) * 2)  # the old file saved again: now it is the newer
    load_source("plans", inbox, warehouse)
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute(
        "select revenue_plan, _source_file from raw_plans.monthly_plans "
        "where _dlt_valid_to is null and employee_id = 'E5'"
    ).fetchall() == [("586000.00", "plans/plans.csv")]
    con.close()


def test_call_records_append_when_every_line_is_new_and_merge_when_a_file_is_corrected(tmp_path):
    """Into an empty table, and with only new lines (appended to a file, or a new file), the
    load appends (no merge through a staging copy); a file corrected in lines loaded before
    merges, so the corrected line replaces the old one. The decision reads the state the run
    starts from: with the pipeline's folder an older copy, the warehouse's newer state counts."""
    from ingestion.pipeline import make_pipeline, pipelines_dir

    sample = (ASTERISK_SAMPLES / "smallcdr.csv").read_bytes().splitlines(keepends=True)
    inbox = make_inbox(tmp_path, [])
    master = inbox / "pbx" / "asterisk" / "Master.csv"
    warehouse = tmp_path / "w.duckdb"
    master.write_bytes(b"".join(sample[:20]))

    def disposition():
        schema = make_pipeline("pbx_files", warehouse).default_schema
        return schema.get_table("asterisk_cdr")["write_disposition"]

    def dispositions_of(line):
        return query(
            warehouse,
            "select disposition from raw_pbx.asterisk_cdr where _source_file = 'pbx/asterisk/Master.csv' "
            f"and _source_line = {line}",
        )

    load_source("pbx_files", inbox, warehouse)
    assert disposition() == "append" and _count(warehouse, "raw_pbx.asterisk_cdr") == 20
    older_state = tmp_path / "older-dlt"
    shutil.copytree(pipelines_dir(warehouse), older_state)

    with master.open("ab") as fh:  # the PBX appends ten calls
        fh.write(b"".join(sample[20:30]))
    load_source("pbx_files", inbox, warehouse)
    assert disposition() == "append" and _count(warehouse, "raw_pbx.asterisk_cdr") == 30

    # a line loaded in the second load is corrected; the pipeline's folder is an older copy
    # that knows only the first twenty lines (as after restoring it from a backup)
    at = next(i for i in range(20, 30) if b'"NO ANSWER"' in sample[i])
    corrected = sample[:30]
    corrected[at] = corrected[at].replace(b'"NO ANSWER"', b'"BUSY"')
    master.write_bytes(b"".join(corrected))
    shutil.rmtree(pipelines_dir(warehouse))
    shutil.copytree(older_state, pipelines_dir(warehouse))
    load_source("pbx_files", inbox, warehouse)
    assert disposition() == "merge" and _count(warehouse, "raw_pbx.asterisk_cdr") == 30
    assert dispositions_of(at + 1) == [("BUSY",)]

    (inbox / "pbx" / "asterisk" / "Master-2.csv").write_bytes(b"".join(sample[30:]))  # a new file
    load_source("pbx_files", inbox, warehouse)
    assert disposition() == "append" and _count(warehouse, "raw_pbx.asterisk_cdr") == len(sample)


def test_call_records_merge_when_a_file_cannot_be_read_before_the_run(tmp_path, monkeypatch):
    """What the run will read again is decided before it; a file that cannot be read then
    leaves the decision to the merge, which replaces whatever the run finds."""
    from ingestion.appending_loads import appends
    from ingestion.pipeline import make_pipeline, make_source
    from ingestion.sources import pbx

    inbox = make_inbox(tmp_path, [])
    master = inbox / "pbx" / "asterisk" / "Master.csv"
    master.write_bytes((ASTERISK_SAMPLES / "smallcdr.csv").read_bytes())
    warehouse = tmp_path / "w.duckdb"
    load_source("pbx_files", inbox, warehouse)
    with master.open("ab") as fh:
        fh.write(master.read_bytes().splitlines(keepends=True)[0])
    pipeline = make_pipeline("pbx_files", warehouse)

    def decided():
        return appends(
            "pbx_files", make_source("pbx_files", inbox, warehouse), pipeline, "raw_pbx", inbox, warehouse
        )

    assert decided() is not None  # an appended line: the load appends

    def unreadable(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(pbx, "new_part", unreadable)
    assert decided() is None


def test_a_line_loaded_twice_by_an_interrupted_append_is_kept_once(tmp_path):
    from ingestion.appending_loads import drop_repeated_lines

    inbox = make_inbox(tmp_path, [])
    (inbox / "pbx" / "asterisk" / "Master.csv").write_bytes((ASTERISK_SAMPLES / "smallcdr.csv").read_bytes())
    warehouse = tmp_path / "w.duckdb"
    load_source("pbx_files", inbox, warehouse)
    loaded = _count(warehouse, "raw_pbx.asterisk_cdr")
    with duckdb.connect(str(warehouse)) as con:  # a load job loaded again: its lines, twice
        con.execute("insert into raw_pbx.asterisk_cdr from raw_pbx.asterisk_cdr where _source_line <= 5")
    # looked for among the rows of the files a load read (another file's: none found)
    assert drop_repeated_lines("raw_pbx", warehouse, ()) == 0
    assert drop_repeated_lines("raw_pbx", warehouse, ("pbx/asterisk/Other.csv",)) == 0
    assert drop_repeated_lines("raw_pbx", warehouse, ("pbx/asterisk/Master.csv",)) == 5
    assert _count(warehouse, "raw_pbx.asterisk_cdr") == loaded
    assert drop_repeated_lines("raw_pbx", warehouse) == 0


def test_file_sources_load_without_dlt_warnings(demo_inbox, tmp_path):
    """A clean inbox loads without a warning on the screen: the snapshot tables' arrow fields
    carry the same not-null hints dlt's merge declares (they once warned on every load)."""
    import logging

    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    dlt_log = logging.getLogger("dlt")
    keep = Keep(level=logging.WARNING)
    dlt_log.addHandler(keep)
    try:
        for name in ("crm_files", "directory", "plans"):
            load_source(name, demo_inbox, tmp_path / "w.duckdb")
    finally:
        dlt_log.removeHandler(keep)
    assert [r.getMessage() for r in records] == []


def test_a_transcript_line_still_being_written_waits_and_says_so(demo_inbox, tmp_path):
    """A transcripts file whose last line has no line end yet: the lines before it load,
    the cut one waits for the next run, and the load log says which line (as for a CDR)."""
    inbox = tmp_path / "inbox"
    folder = inbox / "pbx" / "transcripts"
    folder.mkdir(parents=True)
    lines = next((demo_inbox / "pbx" / "transcripts").glob("*.jsonl")).read_bytes().splitlines(keepends=True)
    transcripts = folder / "transcripts.jsonl"
    transcripts.write_bytes(b"".join(lines[:3]) + lines[3][:40])
    warehouse = tmp_path / "w.duckdb"
    load_source("pbx_files", inbox, warehouse)
    assert _count(warehouse, "raw_pbx.transcripts") == 3
    con = duckdb.connect(str(warehouse), read_only=True)
    notes = con.execute("select status, message from raw_pbx.load_log where status = 'waiting'").fetchall()
    con.close()
    assert notes == [("waiting", "waiting for the rest of line 4 (no line end yet)")]
    transcripts.write_bytes(b"".join(lines[:4]))  # the line finished
    load_source("pbx_files", inbox, warehouse)
    assert _count(warehouse, "raw_pbx.transcripts") == 4


def test_an_empty_master_csv_or_transcripts_file_is_said_once_and_loads_when_it_fills(tmp_path):
    """An empty Master.csv or transcripts file (an export that failed) was skipped in
    silence, as if it loaded."""
    from orchestration.run import _load_notes

    sample = (ASTERISK_SAMPLES / "smallcdr.csv").read_bytes().splitlines(keepends=True)
    inbox = make_inbox(tmp_path, [ASTERISK_SAMPLES / "smallcdr.csv"])
    empty = inbox / "pbx" / "asterisk" / "Master-empty.csv"
    empty.write_bytes(b"")
    (inbox / "pbx" / "transcripts").mkdir()
    (inbox / "pbx" / "transcripts" / "2026-10-01.jsonl").write_bytes(b"")
    warehouse = tmp_path / "w.duckdb"

    def notes():
        con = duckdb.connect(str(warehouse), read_only=True)
        try:
            return con.execute(
                "select source_file, status, message from raw_pbx.load_log where status = 'empty' order by 1"
            ).fetchall()
        finally:
            con.close()

    load_source("pbx_files", inbox, warehouse)
    said = [
        ("pbx/asterisk/Master-empty.csv", "empty",
         "empty file: no call records; if the PBX had calls then, export them again"),
        ("pbx/transcripts/2026-10-01.jsonl", "empty",
         "empty file: no transcripts; if calls were transcribed then, send the file again"),
    ]  # fmt: skip
    assert notes() == said
    assert "pbx/asterisk/Master-empty.csv: empty file: no call records" in "\n".join(
        _load_notes(warehouse, datetime(2000, 1, 1))
    )
    load_source("pbx_files", inbox, warehouse)
    assert notes() == said  # once, not every run
    empty.write_bytes(b"".join(sample[:3]))  # it fills: it loads like any other file
    load_source("pbx_files", inbox, warehouse)
    assert _count(warehouse, "raw_pbx.asterisk_cdr") == len(sample) + 3


def test_a_file_of_column_names_only_is_said_and_what_became_of_its_rows_too(tmp_path):
    """A CRM or directory export whose filter matched nothing has its header and no rows.
    It loaded nothing and said nothing: the rows it held before were retired (or, when every
    file of the table was like it, kept) without a word."""
    from orchestration.run import _load_notes

    inbox = make_inbox(tmp_path, [])
    main = inbox / "directory" / "employees.csv"
    extra = inbox / "directory" / "employees-extra.csv"
    header = "employee_id,full_name,department_id,role,extensions\n"
    extra.write_text(header + "E9,A,HQ,sales_manager,909\nE8,B,HQ,sales_manager,908\n")
    warehouse = tmp_path / "w.duckdb"
    load_source("directory", inbox, warehouse)
    current = "select count(*) from raw_directory.employees where _dlt_valid_to is null"

    def said(since):
        con = duckdb.connect(str(warehouse), read_only=True)
        try:
            return con.execute(
                "select source_file, status, rows_read, message from raw_directory.load_log "
                "where status = 'empty' and logged_at >= ? order by 1",
                [since],
            ).fetchall()
        finally:
            con.close()

    con = duckdb.connect(str(warehouse), read_only=True)
    (before,) = con.execute(current).fetchone()
    con.close()
    assert said(datetime(2000, 1, 1)) == []

    extra.write_text(header)  # the export's filter matched nobody
    since = datetime.now(UTC).replace(tzinfo=None)
    load_source("directory", inbox, warehouse)
    assert said(since) == [
        ("directory/employees-extra.csv", "empty", 0,
         "holds no rows: nothing loaded from it, and the 2 rows it held before "
         "are no longer current; if it should have rows, export it again"),
    ]  # fmt: skip
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute(current).fetchone() == (before - 2,)
    con.close()
    assert "directory/employees-extra.csv: holds no rows: nothing loaded from it" in "\n".join(
        _load_notes(warehouse, since)
    )

    # now every employees file is empty (in another column order: not a copy of the other)
    main.write_text("full_name,employee_id,department_id,role,extensions\n")
    since = datetime.now(UTC).replace(tzinfo=None)
    load_source("directory", inbox, warehouse)
    kept = (
        "holds no rows: nothing loaded from it; no employees file has rows, so the "
        "employees loaded before stay as they were; if it should have rows, export it again"
    )
    assert said(since) == [
        ("directory/employees-extra.csv", "empty", 0, kept),
        ("directory/employees.csv", "empty", 0, kept),
    ]
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute(current).fetchone() == (before - 2,)
    con.close()


def test_a_rewritten_transcripts_file_is_refused_with_its_name_and_the_call_records_still_load(tmp_path):
    """A transcripts file rewritten in lines already loaded stopped the whole PBX load (the
    call records too) with a traceback; a call record file in the same state was refused."""
    inbox = make_inbox(tmp_path, [ASTERISK_SAMPLES / "smallcdr.csv"])
    folder = inbox / "pbx" / "transcripts"
    folder.mkdir()
    day = folder / "2026-10-01.jsonl"
    day.write_text('{"call_id": "a1", "language": "ru", "segments": []}\n{"call_id": "a2", "segments": []}\n')
    warehouse = tmp_path / "w.duckdb"
    load_source("pbx_files", inbox, warehouse)
    day.write_text('{"call_id": "b1", "language": "ru", "segments": []}\n')
    shutil.copy(ASTERISK_SAMPLES / "smallcdr_wo_parallelcalls.csv", inbox / "pbx" / "asterisk")
    load_source("pbx_files", inbox, warehouse)
    load_source("pbx_files", inbox, warehouse)  # refused once, not again while unchanged
    assert _count(warehouse, "raw_pbx.transcripts") == 2  # the first load's calls stay
    assert _count(warehouse, "raw_pbx.asterisk_cdr") > 45  # the new call records loaded
    rejected = _quarantined(warehouse, "raw_pbx.transcripts_quarantine")
    assert len(rejected) == 1
    assert rejected[0][:2] == ("pbx/transcripts/2026-10-01.jsonl", "file_rejected")
    changed = "pbx/transcripts/2026-10-01.jsonl: changed in lines that were already loaded"
    assert rejected[0][2].startswith(changed)


def test_a_warehouse_under_an_apostrophe_is_refused_in_one_sentence_before_anything_is_made(tmp_path):
    """dlt's DuckDB loader (1.31) puts each file's path into SQL unescaped: under
    "Bob's data" every load failed with "unterminated string literal", after the run had
    made its folders."""
    inbox = make_inbox(tmp_path, [ASTERISK_SAMPLES / "smallcdr.csv"])
    warehouse = tmp_path / "Bob's data" / "autokpi.duckdb"
    with pytest.raises(PipelineError) as refused:
        run_pipeline(inbox, warehouse, quiet=True)
    assert str(refused.value) == (
        f"the warehouse path {warehouse} has an apostrophe ('), and dlt cannot load into a DuckDB file "
        "under such a path; give one without it (--warehouse or AUTOKPI_WAREHOUSE)"
    )
    assert not warehouse.parent.exists()
    # `autokpi demo` says it before it empties the warehouse and writes its inbox
    from orchestration.cli import main

    assert main(["demo", "--out", str(tmp_path / "demo"), "--warehouse", str(warehouse)]) == 1
    assert not (tmp_path / "demo").exists() and not warehouse.parent.exists()
    # other characters a folder may have load (a space, Cyrillic, a double quote, a $)
    assert unloadable_warehouse(tmp_path / 'Отдел "продаж" $HOME (1)' / "autokpi.duckdb") is None


@pytest.mark.parametrize(
    ("make", "sentence"),
    [
        (
            lambda path: path.mkdir(),
            "{path} is a folder; --warehouse (or AUTOKPI_WAREHOUSE) takes the warehouse file, "
            "e.g. {path}/autokpi.duckdb",
        ),
        (
            lambda path: path.write_text("employee_id,name\n", encoding="utf-8"),
            "{path} is not a DuckDB database but a file of another kind; give --warehouse "
            "(or AUTOKPI_WAREHOUSE) an autokpi warehouse, or a file name not taken yet to start one",
        ),
        (
            lambda path: path.touch(),
            "{path} is not a DuckDB database but an empty file; give --warehouse "
            "(or AUTOKPI_WAREHOUSE) an autokpi warehouse, or a file name not taken yet to start one",
        ),
    ],
    ids=["folder", "csv", "empty"],
)
def test_a_warehouse_that_is_no_duckdb_file_is_refused_in_one_sentence_and_left_as_it_was(
    tmp_path, make, sentence
):
    """DuckDB said `IO Error: Could not read from file ...: Is a directory` or `... exists,
    but it is not a valid DuckDB database file!`: what, not what to do."""
    inbox = make_inbox(tmp_path, [ASTERISK_SAMPLES / "smallcdr.csv"])
    warehouse = tmp_path / "employees.csv"
    make(warehouse)
    warehouse.chmod(0o755 if warehouse.is_dir() else 0o644)
    before = sorted((p.name, p.stat().st_mode) for p in tmp_path.iterdir())
    with pytest.raises(PipelineError) as refused:
        run_pipeline(inbox, warehouse, quiet=True)
    assert str(refused.value) == sentence.format(path=warehouse)
    # no logs or dlt folder beside it, and its mode as it was (a run makes its own files private)
    assert sorted((p.name, p.stat().st_mode) for p in tmp_path.iterdir()) == before


def test_dlt_still_cannot_load_under_an_apostrophe(tmp_path):
    """Why the refusal above exists. When a dlt release loads here, this fails: lift
    ``unloadable_warehouse`` (ingestion/pipeline.py) and this test with it."""
    folder = tmp_path / "Bob's data"
    pipeline = dlt.pipeline(
        pipeline_name="apostrophe",
        destination=dlt.destinations.duckdb(str(folder / "w.duckdb")),
        dataset_name="raw",
        pipelines_dir=str(folder / ".dlt"),
    )
    with pytest.raises(Exception, match="unterminated string literal"):
        pipeline.run([{"id": 1}], table_name="rows", loader_file_format="parquet").raise_on_failed_jobs()


@pytest.mark.parametrize(
    "command", [["quarantine"], ["close", "--month", "2026-10"], ["demo", "--out", "{tmp}/inbox"], ["docs"]]
)
def test_every_command_refuses_a_warehouse_that_is_no_duckdb_file_before_touching_it(
    tmp_path, capsys, command
):
    """`autokpi demo` empties its warehouse: given a file by mistake it must not even lock it."""
    from orchestration.cli import main

    mistaken = tmp_path / "employees.csv"
    mistaken.write_text("employee_id,name\nE1,Анна\n", encoding="utf-8")
    assert main([*(a.format(tmp=tmp_path) for a in command), "--warehouse", str(mistaken)]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        f"autokpi: error: {mistaken} is not a DuckDB database but a file of another kind; give --warehouse "
        "(or AUTOKPI_WAREHOUSE) an autokpi warehouse, or a file name not taken yet to start one"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["employees.csv"]  # no lock file, no folder beside it
    assert mistaken.read_text(encoding="utf-8") == "employee_id,name\nE1,Анна\n"


def test_an_export_saved_twice_at_once_names_the_copy_the_duplicate(tmp_path):
    """ " (1)" sorts before ".csv": taken by name (or by a modification time both share), the
    original was called the copy's duplicate."""
    import os

    inbox = tmp_path / "inbox"
    (inbox / "crm").mkdir(parents=True)
    deals = "deal_id,client_id,responsible_user_id,status,created_at,closed_at\n"
    deals += "D1,C1,U1,won,2026-10-15,2026-10-17\n"
    for name in ("deals.csv", "deals (1).csv"):
        (inbox / "crm" / name).write_text(deals, encoding="utf-8")
        os.utime(inbox / "crm" / name, (1_790_000_000, 1_790_000_000))
    warehouse = tmp_path / "w.duckdb"
    load_source("crm_files", inbox, warehouse)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        said = con.execute(
            "select source_file, message from raw_crm.load_log where status = 'duplicate'"
        ).fetchall()
    finally:
        con.close()
    assert said == [
        (
            "crm/deals (1).csv",
            "identical to crm/deals.csv: loaded once; remove it from the inbox if it is a copy",
        )
    ]
    assert _count(warehouse, "raw_crm.deals") == 1


def test_a_cdr_export_an_older_reader_refused_is_read_without_being_sent_again(tmp_path, monkeypatch):
    """A FreePBX export dropped in before the reader took exports was refused, and a refused
    file is skipped until it changes: the upgrade would have read it only if sent again."""
    from ingestion.sources import pbx
    from ingestion.sources.errors import InboxFileError
    from orchestration.quarantine_report import summary

    inbox = make_inbox(tmp_path, [ASTERISK_SAMPLES / "freepbx-cdr-report.csv"])
    warehouse = tmp_path / "w.duckdb"

    def older_reader(path, *args, **kwargs):
        raise InboxFileError(path, "not an Asterisk cdr_csv line: 26 columns, expected one of 16, …", line=1)

    with monkeypatch.context() as older:  # the reader before version 2, and its state
        older.setattr(pbx, "read_cdr", older_reader)
        older.setattr(pbx, "READER_VERSIONS", {"asterisk_cdr": 1, "transcripts": 1})
        load_source("pbx_files", inbox, warehouse)
        load_source("pbx_files", inbox, warehouse)  # refused once, not again
    assert [(g.rule, g.rows) for g in summary(warehouse)] == [("file_rejected", 1)]
    load_source("pbx_files", inbox, warehouse)
    assert _count(warehouse, "raw_pbx.asterisk_cdr") == 45
    assert summary(warehouse) == []
    load_source("pbx_files", inbox, warehouse)  # and once read, it is not read again
    assert _count(warehouse, "raw_pbx.asterisk_cdr") == 45


def test_call_records_an_older_reader_loaded_are_read_again_once_and_their_rows_replaced(
    tmp_path, monkeypatch
):
    """Reader 3 no longer reads a channel's id into a phone number ("SIP/701-00003485"
    lost its extension; a number before an all-digit id stayed in clear). A file an
    older reader loaded, and that grew since, is read again whole once: its rows are
    replaced, none doubled, its quarantined line quarantined once."""
    import re

    from core import phones
    from ingestion.sources import pbx
    from orchestration.quarantine_report import rows as quarantined_rows

    def line(n: int, trunk: str, agent: str) -> str:
        return (
            f'"","89161234567","701","from-trunk","""A"" <89161234567>","{trunk}","{agent}","Dial","",'
            f'"2026-10-01 10:00:0{n}","2026-10-01 10:00:0{n}","2026-10-01 10:01:0{n}",60,60,'
            f'"ANSWERED","DOCUMENTATION","1.{n}",""\n'
        )

    inbox = make_inbox(tmp_path, [])
    master = inbox / "pbx" / "asterisk" / "Master.csv"
    master.write_text(line(1, "SIP/89161234567-00003484", "SIP/701-00003485") + '"a","cut line"\n')
    warehouse = tmp_path / "w.duckdb"
    with monkeypatch.context() as older:  # reader 2: a number ran on into an all-digit id
        embedded = r"(?<![\w.#*])(?!\d{4}-\d\d-\d\d)\+?\d[\d\-() ]{8,}\d(?![\w.])"
        older.setattr(phones, "_EMBEDDED", re.compile(embedded))
        older.setattr(phones, "_ENDS_IN_SHORT_PEER_AND_CHANNEL_ID", "no channel id is left out")
        older.setattr(pbx, "READER_VERSIONS", {"asterisk_cdr": 2, "transcripts": 1})
        load_source("pbx_files", inbox, warehouse)
        with master.open("a") as fh:
            fh.write(line(2, "SIP/trunk-0000a001", "SIP/702-00003487"))
        load_source("pbx_files", inbox, warehouse)
    channels = "select _source_line, channel, dstchannel from raw_pbx.asterisk_cdr order by 1"
    before = query(warehouse, channels)
    assert before[0][1] == "SIP/89161234567-00003484" and before[0][2].startswith("SIP/+*******3485#")
    assert before[1][2].startswith("SIP/+*******3487#")

    load_source("pbx_files", inbox, warehouse)
    token = phones.pseudonymise("89161234567")
    assert query(warehouse, channels) == [
        (1, f"SIP/{token}-00003484", "SIP/701-00003485"),
        (3, "SIP/trunk-0000a001", "SIP/702-00003487"),
    ]
    assert [(r[2], r[3]) for r in quarantined_rows(warehouse)] == [(2, "column_count")]
    logged = query(warehouse, "select count(*) from raw_pbx.load_log")
    load_source("pbx_files", inbox, warehouse)  # read again once, not at every load
    assert query(warehouse, "select count(*) from raw_pbx.load_log") == logged
    assert query(warehouse, channels)[0][2] == "SIP/701-00003485"


def _rotate(folder, lines: list[bytes], keep_from: int, week: int) -> None:
    """What Debian's logrotate does to cdr-csv weekly (delaycompress): Master.csv.1 is
    compressed to .2.gz, Master.csv becomes Master.csv.1, and Asterisk starts a new one."""
    import gzip
    import os

    one, live = folder / "Master.csv.1", folder / "Master.csv"
    if one.exists():
        (folder / "Master.csv.2.gz").write_bytes(gzip.compress(one.read_bytes()))
    os.replace(live, one)
    live.write_bytes(b"".join(lines[keep_from:]))
    os.utime(one, (week * 1000, week * 1000))  # written before the new live file
    os.utime(live, (week * 1000 + 500, week * 1000 + 500))


def test_a_master_csv_logrotate_rotates_is_read_on_and_every_call_is_kept(tmp_path):
    """Debian rotates cdr-csv/*.csv weekly: Master.csv starts again, and the lines written
    since the last load are only in Master.csv.1. The new Master.csv was refused (a file
    changed in lines already loaded) and Master.csv.1 not read, every week, until renamed."""
    from ingestion.sources.unread import unread_files

    lines = (ASTERISK_SAMPLES / "cdr.csv").read_bytes().splitlines(keepends=True)
    inbox = make_inbox(tmp_path, [])
    folder = inbox / "pbx" / "asterisk"
    warehouse = tmp_path / "w.duckdb"
    (folder / "Master.csv").write_bytes(b"".join(lines[:100]))
    load_source("pbx_files", inbox, warehouse)
    with (folder / "Master.csv").open("ab") as live:  # written after the load, before rotation
        live.write(b"".join(lines[100:120]))
    _rotate(folder, lines[:150], 120, week=1)
    load_source("pbx_files", inbox, warehouse)
    with (folder / "Master.csv").open("ab") as live:
        live.write(b"".join(lines[150:170]))
    _rotate(folder, lines, 170, week=2)
    load_source("pbx_files", inbox, warehouse)
    load_source("pbx_files", inbox, warehouse)  # nothing new: nothing read again

    quarantine = "select count(*) from information_schema.tables where table_name = 'asterisk_cdr_quarantine'"
    assert query(warehouse, quarantine) == [(0,)]  # nothing refused or set aside, ever
    by_file = query(
        warehouse, "select _source_file, count(*) from raw_pbx.asterisk_cdr group by 1 order by 1"
    )
    assert by_file == [
        ("pbx/asterisk/Master.csv", 100),  # week 1, as loaded then
        ("pbx/asterisk/Master.csv#2", 30),  # week 2's live file: lines 121-150
        ("pbx/asterisk/Master.csv#3", 48),  # week 3's: lines 171-218
        ("pbx/asterisk/Master.csv.1", 120),  # week 1 whole, with the 20 lines never loaded live
        ("pbx/asterisk/Master.csv.1#2", 50),  # week 2 whole
    ]
    columns = (
        'accountcode, src, dst, clid, channel, start, answer, "end", duration, billsec, disposition, uniqueid'
    )
    distinct = query(warehouse, f"select count(*) from (select distinct {columns} from raw_pbx.asterisk_cdr)")
    assert distinct[0][0] == len(set(lines))  # every line of the three weeks (210 distinct of 218)
    notes = query(
        warehouse,
        "select source_file, message from raw_pbx.load_log where status = 'started_again' order by logged_at",
    )
    assert [file for file, _ in notes] == [  # said once each time, read in the order written
        "pbx/asterisk/Master.csv",
        "pbx/asterisk/Master.csv.1",
        "pbx/asterisk/Master.csv",
    ]
    assert notes[0][1].startswith(
        "starts with other calls than were loaded from it before (rotated by logrotate)"
    )
    assert [p.name for p, _ in unread_files(inbox)] == ["Master.csv.2.gz"]


def test_a_file_of_another_name_that_starts_again_is_still_refused(tmp_path):
    """Only the names logrotate reuses start a file of their own: Master-2026-10.csv sent
    again with other calls is more likely a mistake than a rotation, and is said so."""
    inbox = make_inbox(tmp_path, [])
    lines = (ASTERISK_SAMPLES / "cdr.csv").read_bytes().splitlines(keepends=True)
    path = inbox / "pbx" / "asterisk" / "Master-2026-10.csv"
    path.write_bytes(b"".join(lines[:10]))
    warehouse = tmp_path / "w.duckdb"
    load_source("pbx_files", inbox, warehouse)
    path.write_bytes(b"".join(lines[10:20]))
    load_source("pbx_files", inbox, warehouse)
    rejected = _quarantined(warehouse, "raw_pbx.asterisk_cdr_quarantine")
    assert [r[:2] for r in rejected] == [("pbx/asterisk/Master-2026-10.csv", "file_rejected")]


def test_a_copy_of_a_master_csv_that_logrotate_started_again_is_not_called_a_correction(tmp_path):
    """A copy set aside as identical to Master.csv holds the lines it held: when logrotate
    starts Master.csv again, that is no correction of them, and the copy is not named so."""
    import os

    lines = (ASTERISK_SAMPLES / "cdr.csv").read_bytes().splitlines(keepends=True)
    inbox = make_inbox(tmp_path, [])
    folder = inbox / "pbx" / "asterisk"
    master, copy = folder / "Master.csv", folder / "Master (1).csv"
    master.write_bytes(b"".join(lines[:50]))
    copy.write_bytes(b"".join(lines[:50]))
    os.utime(master, (1_700_000_000, 1_700_000_000))
    warehouse = tmp_path / "w.duckdb"
    load_source("pbx_files", inbox, warehouse)
    master.write_bytes(b"".join(lines[50:]))  # rotated: the week's lines are in the copy already
    load_source("pbx_files", inbox, warehouse)
    said = query(
        warehouse, "select source_file, status from raw_pbx.load_log where status != 'loaded' order by 1"
    )
    assert said == [
        ("pbx/asterisk/Master (1).csv", "duplicate"),
        ("pbx/asterisk/Master.csv", "started_again"),
    ]
    assert _count(warehouse, "raw_pbx.asterisk_cdr") == len(lines)


def test_a_new_call_record_file_is_read_once_for_its_digest_and_copies_are_still_recognised(
    tmp_path, monkeypatch
):
    """Only a file of the very size of one loaded can be its copy: a new file of another size
    is not read through a second time to compare digests (a gigabyte a month at 10 M calls),
    while a copy under another name, and a file of the same size that differs, are told apart."""
    from ingestion.sources import pbx

    lines = (ASTERISK_SAMPLES / "smallcdr.csv").read_bytes().splitlines(keepends=True)
    inbox = make_inbox(tmp_path, [])
    folder = inbox / "pbx" / "asterisk"
    (folder / "Master-2026-09.csv").write_bytes(b"".join(lines[:20]))
    (folder / "Master-2026-10.csv").write_bytes(b"".join(lines[20:]))
    read, tallied = [], []

    def counted(path, upto):
        read.append(path.name)
        return digest(path, upto)

    class Tallied(pbx.FileTally):
        def __init__(self, path, start, stop, digest=False):
            if digest:
                tallied.append(path.name)
            super().__init__(path, start, stop, digest)

    digest = pbx.content_digest
    monkeypatch.setattr(pbx, "content_digest", counted)
    monkeypatch.setattr(pbx, "FileTally", Tallied)
    warehouse = tmp_path / "w.duckdb"
    load_source("pbx_files", inbox, warehouse)
    # once each, in the pass that counts its lines beside the reading; never again after it
    assert read == [] and sorted(tallied) == ["Master-2026-09.csv", "Master-2026-10.csv"]

    # a copy of the same size and content is named a duplicate; the same size with one call
    # a day later is a file of its own and loads
    (folder / "копия Master-2026-09.csv").write_bytes((folder / "Master-2026-09.csv").read_bytes())
    changed = lines[20:]
    changed[0] = changed[0].replace(b"2017-06-27", b"2017-06-28")
    assert changed[0] != lines[20]
    assert len(b"".join(changed)) == (folder / "Master-2026-10.csv").stat().st_size
    (folder / "Master-2026-10 corrected.csv").write_bytes(b"".join(changed))
    before = _count(warehouse, "raw_pbx.asterisk_cdr")
    load_source("pbx_files", inbox, warehouse)
    said = query(warehouse, "select source_file, status from raw_pbx.load_log where status = 'duplicate'")
    assert said == [("pbx/asterisk/копия Master-2026-09.csv", "duplicate")]
    assert _count(warehouse, "raw_pbx.asterisk_cdr") == before + len(changed)


def test_pbx_files_saved_as_utf16_are_refused_in_a_sentence_that_says_how_to_save_them(tmp_path):
    """PowerShell 5 writes UTF-16 with ``>`` and ``Out-File``, Excel's "Unicode text" too: a
    transcripts file so written had each of its lines quarantined as "not valid JSON" and a
    last "line still being written"; a Master.csv was refused as "23 columns"."""
    inbox = make_inbox(tmp_path, [ASTERISK_SAMPLES / "smallcdr.csv"])
    folder = inbox / "pbx" / "transcripts"
    folder.mkdir()
    line = '{"call_id": "a1", "language": "ru", "segments": []}\n'
    (folder / "2026-10-01.jsonl").write_bytes(line.encode("utf-16"))  # with a byte-order mark
    (folder / "2026-10-02.jsonl").write_bytes(line.encode("utf-16-le"))  # without one
    (folder / "2026-10-03.jsonl").write_text(line, encoding="utf-8")
    master = (ASTERISK_SAMPLES / "smallcdr_wo_parallelcalls.csv").read_text(encoding="utf-8")
    (inbox / "pbx" / "asterisk" / "Master-unicode.csv").write_bytes(master.encode("utf-16"))
    warehouse = tmp_path / "w.duckdb"
    load_source("pbx_files", inbox, warehouse)
    load_source("pbx_files", inbox, warehouse)  # refused once, not again while unchanged
    assert query(warehouse, "select call_id from raw_pbx.transcripts") == [("a1",)]
    refused = sorted(_quarantined(warehouse, "raw_pbx.transcripts_quarantine"))
    assert refused == [
        (f"pbx/transcripts/2026-10-0{day}.jsonl", "file_rejected",
         f"pbx/transcripts/2026-10-0{day}.jsonl: is UTF-16 text (as PowerShell 5 writes with > or Out-File); "
         "write it as UTF-8 (Out-File -Encoding utf8) and send it again")
        for day in (1, 2)
    ]  # fmt: skip
    assert _quarantined(warehouse, "raw_pbx.asterisk_cdr_quarantine") == [
        ("pbx/asterisk/Master-unicode.csv", "file_rejected",
         "pbx/asterisk/Master-unicode.csv: is UTF-16 text (as Excel saves \"Unicode text\"); send the "
         "Master.csv files as Asterisk's cdr_csv writes them in /var/log/asterisk/cdr-csv/")
    ]  # fmt: skip
    assert _count(warehouse, "raw_pbx.asterisk_cdr") > 0  # the other call records loaded


def test_a_transcripts_file_in_windows_1251_is_refused_and_loads_once_written_as_utf8(tmp_path):
    """A Russian Windows tool's "ANSI" file: its text was read with every Russian letter
    replaced, and its calls scored on that, a lower score each, and no word said of it."""
    inbox = make_inbox(tmp_path, [ASTERISK_SAMPLES / "smallcdr.csv"])
    folder = inbox / "pbx" / "transcripts"
    folder.mkdir()
    day = folder / "2026-10-01.jsonl"
    line = '{"call_id": "a1", "language": "ru", "segments": [{"speaker": "agent", "text": "Здравствуйте"}]}\n'
    day.write_bytes(line.encode("cp1251"))
    warehouse = tmp_path / "w.duckdb"
    load_source("pbx_files", inbox, warehouse)
    tables = "select table_name from information_schema.tables where table_schema = 'raw_pbx' order by 1"
    assert ("transcripts",) not in query(warehouse, tables)
    assert _quarantined(warehouse, "raw_pbx.transcripts_quarantine") == [
        ("pbx/transcripts/2026-10-01.jsonl", "file_rejected",
         "pbx/transcripts/2026-10-01.jsonl:1: is not UTF-8 text (byte 0xC7 at byte 80 of the line; a Windows "
         "tool writes Russian so in Windows-1251); write the file as UTF-8 and send it again")
    ]  # fmt: skip
    day.write_text(line, encoding="utf-8")  # the same name: nothing of it was loaded
    load_source("pbx_files", inbox, warehouse)
    read = "select segments_json like '%Здравствуйте%' from raw_pbx.transcripts"
    assert query(warehouse, read) == [(True,)]
    from orchestration.quarantine_report import summary

    assert summary(warehouse) == []  # the refusal is no longer in quarantine
