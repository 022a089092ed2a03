"""The real pseudonymised Asterisk samples: an inbox with only a directory and one Master.csv."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from orchestration.run import run_pipeline
from tests.conftest import ASTERISK_SAMPLES, make_inbox
from tests.warehouse import query

pytestmark = pytest.mark.e2e

# Hand counts: distinct uniqueids in each file (parallel dials share one).
HAND_COUNTS = {"cdr.csv": (218, 174), "smallcdr.csv": (45, 37), "smallcdr_wo_parallelcalls.csv": (34, 34)}


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory, dbt_manifest):
    """The pipeline on an inbox of one sample Master.csv, once per sample in this module:
    (summary, warehouse)."""
    runs = {}

    def run(sample: str):
        if sample not in runs:
            root = tmp_path_factory.mktemp(sample.replace(".", "_"))
            warehouse = root / "autokpi.duckdb"
            runs[sample] = (
                run_pipeline(make_inbox(root, [ASTERISK_SAMPLES / sample]), warehouse, quiet=True),
                warehouse,
            )
        return runs[sample]

    return run


@pytest.mark.parametrize("sample", sorted(HAND_COUNTS))
def test_each_call_group_counted_once(sample, sample_run):
    summary, warehouse = sample_run(sample)
    rows, calls = HAND_COUNTS[sample]
    assert query(warehouse, "select count(*) from raw_pbx.asterisk_cdr")[0][0] == rows
    assert summary.mart_rows["fct_calls"] == calls
    assert query(warehouse, "select count(distinct call_id) from marts.fct_calls")[0][0] == calls
    assert summary.mart_rows["mart_call_activity_daily"] > 0
    attributed = query(warehouse, "select count(*) from marts.fct_calls where employee_id is not null")[0][0]
    in_mart = query(
        warehouse, "select sum(calls_total + calls_internal) from marts.mart_call_activity_daily"
    )[0][0]
    assert in_mart == attributed


def test_parallel_dial_is_one_answered_call_with_the_talk_of_the_answered_row(sample_run):
    # cdr.csv lines 1-2: uniqueid 1497952162.0 rang 715-413-9112 (E2): NO ANSWER 10 s,
    # then ANSWERED 524 s with 514 s of talk, 2017-06-20 09:49:22 Moscow = 06:49:22 UTC;
    # the caller 791-445-9811 is a 10-digit number: +77914459811, masked to 12 characters.
    _, warehouse = sample_run("cdr.csv")
    row = query(
        warehouse,
        """
        select employee_id, direction, is_answered, is_missed, talk_seconds, ring_seconds,
               cast(started_at as varchar), cast(local_date as varchar), client_phone_masked
        from marts.fct_calls where call_id = '1497952162.0'
    """,
    )
    assert row == [
        ("E2", "inbound", True, False, 514, 10, "2017-06-20 06:49:22", "2017-06-20", "+*******9811")
    ]


def _rows(warehouse: Path, table: str, leave_out: tuple[str, ...]) -> list[tuple]:
    columns = [
        name
        for (name,) in query(
            warehouse,
            f"select column_name from information_schema.columns where table_schema = 'marts' "
            f"and table_name = '{table}' order by ordinal_position",
        )
        if name not in leave_out
    ]
    return query(warehouse, f"select {', '.join(columns)} from marts.{table} order by all")


def test_the_sample_exported_by_freepbx_builds_the_same_call_marts(sample_run):
    """smallcdr.csv as FreePBX's CDR Reports export it (a header, calldate first, no answer or
    end): the same calls, attributed, counted and timed the same, but for each call's end,
    worked out from its duration (a second early where Asterisk rounded it down)."""
    _, from_master_csv = sample_run("smallcdr.csv")
    _, from_export = sample_run("freepbx-cdr-report.csv")
    leave_out = {"fct_calls": ("ended_at", "built_at"), "mart_call_activity_daily": ()}
    for table, columns in leave_out.items():
        expected = _rows(from_master_csv, table, columns)
        assert expected and _rows(from_export, table, columns) == expected, table
    ended = "select call_id, epoch(ended_at) from marts.fct_calls order by call_id"
    for (call, master_end), (same_call, export_end) in zip(
        query(from_master_csv, ended), query(from_export, ended), strict=True
    ):
        assert call == same_call and 0 <= master_end - export_end <= 1


def test_a_master_csv_and_an_export_of_the_same_calls_count_each_call_once(tmp_path, sample_run):
    """The same calls sent as Master.csv and as a FreePBX export: where the export's worked-out
    end is a second off (27 of the sample's 45 lines) the two copies have different record
    keys, and both counted before int_call_legs matched them. Built
    fresh from both, or daily with the export arriving after the Master.csv was built, the
    call marts are the Master.csv's alone (but for ended_at: the copies kept are the
    export's, whose name sorts first)."""
    _, from_master_csv = sample_run("smallcdr.csv")
    both = make_inbox(
        tmp_path / "both", [ASTERISK_SAMPLES / "smallcdr.csv", ASTERISK_SAMPLES / "freepbx-cdr-report.csv"]
    )
    fresh_build = tmp_path / "fresh" / "autokpi.duckdb"
    run_pipeline(both, fresh_build, quiet=True)

    # the Master.csv's build, copied: the run this module made of it (its inbox beside it)
    shutil.copytree(from_master_csv.parent, tmp_path / "daily")
    daily, daily_build = tmp_path / "daily" / "inbox", tmp_path / "daily" / from_master_csv.name
    shutil.copy(ASTERISK_SAMPLES / "freepbx-cdr-report.csv", daily / "pbx" / "asterisk")
    run_pipeline(daily, daily_build, quiet=True)

    leave_out = {"fct_calls": ("ended_at", "built_at"), "mart_call_activity_daily": ()}
    for table, columns in leave_out.items():
        expected = _rows(from_master_csv, table, columns)
        assert _rows(fresh_build, table, columns) == expected, table
        assert _rows(daily_build, table, columns) == expected, table
    assert len(_rows(daily_build, "fct_calls", ())) == 37
    kept = "select source_file, count(*) from intermediate.int_call_legs group by 1 order by 1"
    ((_, legs),) = query(from_master_csv, kept)
    export = [("pbx/asterisk/freepbx-cdr-report.csv", legs)]
    assert query(fresh_build, kept) == query(daily_build, kept) == export

    # a warehouse an older autokpi built from both: every copy a leg of its own, and legs
    # without leg_rules_version. The next run, with nothing new, rebuilds the legs whole.
    with duckdb.connect(str(fresh_build)) as con:
        con.execute("drop table dbt_state.build_inputs")  # an older autokpi kept none
        con.execute("alter table intermediate.int_call_legs drop column leg_rules_version")
        columns = ", ".join(
            name
            for (name,) in con.execute(
                "select column_name from information_schema.columns where table_name = 'int_call_legs' "
                "intersect select column_name from information_schema.columns "
                "where table_name = 'stg_pbx__cdr_legs'"
            ).fetchall()
        )
        con.execute(
            f"insert into intermediate.int_call_legs by name select {columns} from staging.stg_pbx__cdr_legs "
            "where leg_id not in (select leg_id from intermediate.int_call_legs)"
        )
    assert query(fresh_build, "select count(*) from intermediate.int_call_legs")[0][0] > legs
    run_pipeline(both, fresh_build, quiet=True)
    assert query(fresh_build, kept) == export
    for table, columns in leave_out.items():
        assert _rows(fresh_build, table, columns) == _rows(from_master_csv, table, columns), table


def _without_ids(rows: list[list[str]]) -> bytes:
    """Lines as cdr_csv writes them without loguniqueid: 16 columns, no unique or linked id,
    so a call's legs are grouped by file, caller and start second (stg_pbx__cdr_legs)."""
    text = io.StringIO()
    csv.writer(text, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(row[:16] for row in rows)
    return text.getvalue().encode()


def test_a_master_csv_logrotate_rotated_between_runs_builds_what_a_fresh_build_does(tmp_path):
    """smallcdr.csv written without unique ids by a PBX whose cdr-csv logrotate rotates: the
    first run loads 25 lines; ten more are written, then Master.csv is set aside as
    Master.csv.1 and starts again with the last ten; a copy of lines 11-45 under a name that
    sorts first arrives too. Each record in two files is a call of its own per file (no id
    to share), and the daily run counted every copy: 58 calls where a fresh build of the
    same files has 37, talk time 1.6 times over. It builds what a fresh build does now."""
    import os

    rows = list(csv.reader((ASTERISK_SAMPLES / "smallcdr.csv").open(newline="")))
    inbox = make_inbox(tmp_path / "daily", [])
    folder = inbox / "pbx" / "asterisk"
    warehouse = tmp_path / "daily" / "autokpi.duckdb"
    (folder / "Master.csv").write_bytes(_without_ids(rows[:25]))
    run_pipeline(inbox, warehouse, quiet=True)
    with (folder / "Master.csv").open("ab") as fh:
        fh.write(_without_ids(rows[25:35]))
    os.replace(folder / "Master.csv", folder / "Master.csv.1")
    (folder / "Master.csv").write_bytes(_without_ids(rows[35:]))
    (folder / "A-copy.csv").write_bytes(_without_ids(rows[10:]))  # its copies are the ones kept
    for age, name in enumerate(("Master.csv.1", "Master.csv", "A-copy.csv")):
        os.utime(folder / name, (1_000 + age, 1_000 + age))
    summary = run_pipeline(inbox, warehouse, quiet=True)
    assert any(
        note.startswith("pbx/asterisk/Master.csv: starts with other calls") for note in summary.warnings
    )

    fresh = make_inbox(tmp_path / "fresh", [])
    for path in folder.iterdir():
        shutil.copy2(path, fresh / "pbx" / "asterisk" / path.name)
    fresh_build = tmp_path / "fresh" / "autokpi.duckdb"
    run_pipeline(fresh, fresh_build, quiet=True)
    # an id-less call's id names the file it was first read from: Master.csv for the daily
    # run, which read its lines before the rotation, and Master.csv.1 for the fresh build
    leave_out = {"fct_calls": ("call_id", "built_at"), "mart_call_activity_daily": ()}
    for table, columns in leave_out.items():
        expected = _rows(fresh_build, table, columns)
        assert expected and _rows(warehouse, table, columns) == expected, table
    assert len(_rows(warehouse, "fct_calls", ())) == 37


def test_a_changed_pbx_time_zone_rebuilds_the_history_not_only_new_days(tmp_path, sample_run, monkeypatch):
    """The PBX's zone set after a first run (the default Moscow, then the PBX's own): a daily
    run staged only new rows, so every call of the history kept its Moscow times while new
    ones took the new zone, unless someone knew to run --full-refresh. The run finds the
    setting moved and rebuilds the history; the next run rebuilds nothing again. A record an
    API brought in Moscow's local time keeps its time through the rebuild."""
    from tests.warehouse import left_as_they_were

    _, built = sample_run("smallcdr.csv")
    shutil.copytree(built.parent, tmp_path / "own")  # its inbox, warehouse and last build's inputs
    inbox, warehouse = tmp_path / "own" / "inbox", tmp_path / "own" / built.name
    times = "select call_id, started_at, local_date from marts.fct_calls order by 1"
    in_moscow = query(warehouse, times)
    with duckdb.connect(str(warehouse)) as con:  # as an autokpi that kept no settings left it
        con.execute("drop table dbt_state.built_with")
    run_pipeline(inbox, warehouse, quiet=True)  # nothing new: it keeps what the build had
    with duckdb.connect(str(warehouse)) as con:  # the first line again, as Zadarma's API brought it
        first = "select uniqueid from raw_pbx.asterisk_cdr where _source_line = 1"
        (first_call,) = con.execute(first).fetchone()
        con.execute("alter table raw_pbx.asterisk_cdr add column time_zone varchar")
        con.execute(
            "insert into raw_pbx.asterisk_cdr select * replace ('zadarma:Z1' as _source_file, "
            "'Z1' as uniqueid, 'Europe/Moscow' as time_zone) from raw_pbx.asterisk_cdr where _source_line = 1"
        )
    monkeypatch.setenv("AUTOKPI_PBX_TIMEZONE", "Asia/Yekaterinburg")  # UTC+5, two hours east
    summary = run_pipeline(inbox, warehouse, quiet=True)
    moved = [note for note in summary.warnings if note.startswith("changed since the last build")]
    assert moved == [
        'changed since the last build: pbx_timezone ("Europe/Moscow" -> "Asia/Yekaterinburg"); the '
        "history built with the old value was rebuilt too (dbt --full-refresh), so every call "
        "counts as in a warehouse built afresh"
    ]
    two_hours = timedelta(hours=2)
    from_api = [("Z1", at, day) for call, at, day in in_moscow if call == first_call]
    assert len(from_api) == 1
    shifted = [(call, at - two_hours, day) for call, at, day in in_moscow]
    assert query(warehouse, times) == sorted(shifted + from_api)
    summary = run_pipeline(inbox, warehouse, quiet=True)
    assert not any(note.startswith("changed since") for note in summary.warnings)
    assert left_as_they_were(warehouse, ["staging.stg_pbx__cdr_legs"]) == {"staging.stg_pbx__cdr_legs": True}


def test_cli_run_builds_the_call_marts_and_fails_in_one_line(tmp_path, dbt_manifest):
    inbox = make_inbox(tmp_path, [ASTERISK_SAMPLES / "smallcdr.csv"])
    # with a transcript (dlt warned on the screen of a hint the transcripts' resource put on
    # its load log too)
    (inbox / "pbx" / "transcripts").mkdir()
    (inbox / "pbx" / "transcripts" / "t.jsonl").write_text(
        '{"call_id": "1498555635.0", "language": "en", "segments": '
        '[{"speaker": "agent", "start": 0, "text": "Good morning, this is Anna"}]}\n'
    )
    autokpi = [sys.executable, "-m", "orchestration.cli"]
    done = subprocess.run(
        [*autokpi, "run", "--inbox", str(inbox), "--warehouse", str(tmp_path / "autokpi.duckdb")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "marts.fct_calls" in done.stdout and "37" in done.stdout
    assert "▶ autokpi_dbt" in done.stderr  # progress lines
    # one line per step and built asset on the screen: dbt's own log (a line per model and
    # test) and dlt's warnings go to the run's log, whose path the summary names
    assert "Completed successfully" not in done.stderr and "WARNING" not in done.stderr
    log = Path(done.stdout.split("run log:")[1].split()[0])
    assert "Completed successfully" in log.read_text(encoding="utf-8")
    assert "built marts/fct_calls" in done.stderr
    # run again with nothing new: dbt leaves its models as they were, and the screen does
    # not say it built them
    again = subprocess.run(
        [*autokpi, "run", "--inbox", str(inbox), "--warehouse", str(tmp_path / "autokpi.duckdb")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr[-2000:]
    assert "▶ autokpi_dbt" in again.stderr and "built marts/fct_calls" not in again.stderr
    # nor what reads the clock (the disputes' age in days): the day is the last build's
    assert "built marts/mart_disputes" not in again.stderr
    failed = subprocess.run(
        [*autokpi, "run", "--inbox", str(tmp_path / "missing")], capture_output=True, text=True, check=False
    )
    assert failed.returncode == 1
    assert (
        failed.stderr.strip().splitlines()[-1]
        == f"autokpi: error: inbox folder {tmp_path / 'missing'} does not exist: check the path, or "
        "create it and put the exports in it (pbx/, directory/, crm/, plans/)"
    )
