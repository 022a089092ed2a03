"""Reliability: a run killed (SIGKILL) during a load and during dbt, then run again, ends
with the same warehouse as an uninterrupted run; two runs at once do not collide (the
second waits for the first)."""

from __future__ import annotations

import subprocess
import time

import duckdb
import pytest

from core.paths import DBT_PROJECT_DIR
from tests.conftest import ASTERISK_SAMPLES, cli_run, make_inbox
from tests.warehouse import lock_held, mart_digests, query

pytestmark = pytest.mark.e2e
RAW_TABLES = [
    "raw_pbx.asterisk_cdr",
    "raw_pbx.transcripts",
    "raw_crm.deals",
    "raw_crm.deal_lines",
    "raw_call_quality.call_scores",
]


def start_run(inbox, warehouse) -> subprocess.Popen:
    return subprocess.Popen(
        cli_run(inbox, warehouse),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_when(proc: subprocess.Popen, marker: str, delay: float) -> list[str]:
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if marker in line:
            time.sleep(delay)
            proc.kill()  # SIGKILL: no cleanup of any kind
            break
    proc.wait()
    return seen


def test_killed_during_load_and_during_dbt_then_run_twice_at_once_equals_uninterrupted(
    demo_run, demo_inbox, tmp_path
):
    _, reference = demo_run
    warehouse = tmp_path / "autokpi.duckdb"
    seen = kill_when(start_run(demo_inbox, warehouse), "▶ load_pbx_files", 0.3)
    assert any("load_pbx_files" in line for line in seen)
    killed_in_dbt = start_run(demo_inbox, warehouse)
    seen = kill_when(killed_in_dbt, "built staging/", 0.0)
    assert any("built staging/" in line for line in seen)
    # its dbt folder (named with the run's process) is left behind, for the next run to remove
    left_behind = f"autokpi_dbt-*-{killed_in_dbt.pid}-*"
    assert list((DBT_PROJECT_DIR / "target").glob(left_behind))

    # run again, twice at once: the second waits for the first, which finishes the work
    first = start_run(demo_inbox, warehouse)
    for line in first.stderr:
        if "▶" in line:
            break
    second = start_run(demo_inbox, warehouse)
    _, second_err = second.communicate(timeout=600)
    _, first_err = first.communicate(timeout=600)
    assert first.returncode == 0, first_err[-2000:]
    assert second.returncode == 0, second_err[-2000:]
    assert "another run is writing" in second_err and "waiting for it" in second_err

    for table in RAW_TABLES:
        assert query(warehouse, f"select count(*) from {table}") == query(
            reference, f"select count(*) from {table}"
        )
    assert mart_digests(warehouse) == mart_digests(reference)
    assert not list((DBT_PROJECT_DIR / "target").glob(left_behind))


def test_a_run_reads_the_warehouse_for_its_summary_before_letting_the_next_run_in(
    tmp_path, monkeypatch, dbt_manifest
):
    """A run waiting for the lock opens the file for writing the moment it gets it, and
    DuckDB then refuses every other process: so a run must be done with the file (its
    summary's row counts and notes too) before it lets go of the lock, or it fails after
    its work is done. (Found with two runs at once on a busy machine.)"""
    from orchestration.run import run_pipeline

    warehouse = tmp_path / "autokpi.duckdb"
    opened_unlocked = []
    real_connect = duckdb.connect

    def watched_connect(*args, **kwargs):
        if str(warehouse) in map(str, [*args, *kwargs.values()]) and not lock_held(warehouse):
            opened_unlocked.append(args or kwargs)
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(duckdb, "connect", watched_connect)
    summary = run_pipeline(make_inbox(tmp_path, [ASTERISK_SAMPLES / "smallcdr.csv"]), warehouse, quiet=True)
    assert summary.mart_rows["fct_calls"] > 0  # the summary did read the warehouse
    assert opened_unlocked == []


@pytest.fixture
def small_disk(tmp_path):
    """A disk of its own, 6 MB, for the warehouse's folder (a tmpfs: needs root, as CI has)."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=6m,mode=0700", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small disk here: {mounted.stderr.decode().strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_is_said_in_one_sentence_and_the_next_run_with_room_loads_everything(
    tmp_path, small_disk, dbt_manifest
):
    """The warehouse's disk fills during a run: it said '(sqlite3.OperationalError) disk I/O
    error' (Dagster's run history, the last writer to fail) after eighty lines of tracebacks
    from dlt and from loggers that could not write their files."""
    cdr = ASTERISK_SAMPLES / "smallcdr.csv"
    inbox = make_inbox(tmp_path, [cdr])
    warehouse = small_disk / "autokpi.duckdb"
    full = subprocess.run(cli_run(inbox, warehouse), capture_output=True, text=True)
    assert full.returncode == 1
    assert (
        full.stderr.strip()
        .splitlines()[-1]
        .startswith(f"autokpi: error: the disk holding {small_disk} is full (")
    )
    assert "free space there, or give the warehouse a folder on a disk with room" in full.stderr
    assert "Traceback" not in full.stderr and "Logging error" not in full.stderr

    subprocess.run(["mount", "-o", "remount,size=300m", str(small_disk)], check=True)
    again = subprocess.run(cli_run(inbox, warehouse), capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    lines = len(cdr.read_text(encoding="utf-8").splitlines())
    (raw,) = query(warehouse, "select count(*) from raw_pbx.asterisk_cdr")[0]
    logged = query(warehouse, "select rows_read, rows_clean, rows_quarantined from raw_pbx.load_log")
    assert logged == [(lines, raw, 0)]  # every line once: nothing lost to the failed run, nothing twice
    assert query(warehouse, "select count(*) from marts.fct_calls")[0][0] > 0


def test_a_read_only_warehouse_folder_is_said_in_one_sentence(tmp_path, small_disk):
    """It said "[Errno 30] Read-only file system: '…/logs/run-….log'"."""
    inbox = make_inbox(tmp_path, [ASTERISK_SAMPLES / "smallcdr.csv"])
    (small_disk / "logs").mkdir()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    done = subprocess.run(cli_run(inbox, small_disk / "autokpi.duckdb"), capture_output=True, text=True)
    assert done.returncode == 1
    said = done.stderr.strip().splitlines()[-1]
    assert said.startswith(f"autokpi: error: cannot write: {small_disk}/")
    assert "is on a read-only file system; give the warehouse a folder this user can write to" in said
    assert "Errno" not in done.stderr and "Traceback" not in done.stderr
