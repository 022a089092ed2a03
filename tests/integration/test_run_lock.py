"""One run writes a warehouse at a time, however it was started: `autokpi run` takes the
warehouse's lock, and so does every run Dagster starts (the daily schedule, the inbox
sensor, a click in the UI), through the settings resource every asset needs."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
from dagster import job, op

from orchestration.locking import WarehouseBusyError, lock_file_for, warehouse_lock
from orchestration.resources import AutokpiSettings
from tests.warehouse import lock_held

# when the probe's step ran, and whether the warehouse was held then
seen: list[tuple[float, bool]] = []


@op
def note_the_lock(settings: AutokpiSettings) -> None:
    seen.append((time.time(), lock_held(settings.warehouse())))


@job
def probe_job():
    note_the_lock()


# Takes the lock, then holds it until the test's process has the lock file open (its job
# waiting for it) and a second more, not for a fixed time: a job that started late on a busy
# machine would find the lock free and never wait.
HOLDER = """
import fcntl, os, sys, time
fh = open(sys.argv[1], "w"); fcntl.flock(fh, fcntl.LOCK_EX); print("held", flush=True)
lock, test = os.path.realpath(sys.argv[1]), os.getppid()

def opened_by_the_test():
    for fd in os.listdir(f"/proc/{test}/fd"):
        try:
            if os.readlink(f"/proc/{test}/fd/{fd}") == lock:
                return True
        except OSError:
            pass
    return False

deadline = time.monotonic() + 120
while not opened_by_the_test() and time.monotonic() < deadline:
    time.sleep(0.05)
time.sleep(1)
print(time.time(), flush=True)
"""


def test_a_run_dagster_starts_waits_for_the_run_that_holds_the_warehouse(tmp_path, capfd):
    warehouse = tmp_path / "autokpi.duckdb"
    holder = subprocess.Popen(  # another run: holds the lock until this test's job waits for it
        [sys.executable, "-c", HOLDER, str(lock_file_for(warehouse))], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "held"
    seen.clear()
    result = probe_job.execute_in_process(
        resources={"settings": AutokpiSettings(warehouse_path=str(warehouse))}, raise_on_error=False
    )
    released_at = float(holder.stdout.readline())
    holder.wait(timeout=30)
    assert result.success
    [(ran_at, held)] = seen
    assert ran_at >= released_at  # it waited for the other run
    assert held  # and held the warehouse while its step ran
    assert "another run is writing" in capfd.readouterr().err
    assert not lock_held(warehouse)  # and let go when it ended


def test_the_lock_is_taken_again_where_it_is_held_and_by_no_one_else(tmp_path):
    warehouse = tmp_path / "autokpi.duckdb"
    with warehouse_lock(warehouse):
        with warehouse_lock(warehouse, wait_seconds=0.1):  # `autokpi run`, then its job
            assert lock_held(warehouse)
        assert lock_held(warehouse)  # the inner one does not let go of the outer
        other = subprocess.run(
            [sys.executable, "-c",
             "import sys; from pathlib import Path; from orchestration.locking import warehouse_lock\n"
             "with warehouse_lock(Path(sys.argv[1]), wait_seconds=0.5): pass",
             str(warehouse)],
            capture_output=True, text=True,
        )  # fmt: skip
        assert other.returncode != 0 and "WarehouseBusyError" in other.stderr
    assert not lock_held(warehouse)
    with pytest.raises(ValueError), warehouse_lock(warehouse):
        raise ValueError
    assert not lock_held(warehouse)  # an error inside lets go too

    # another thread of this process is another run: it waits (and here gives up)
    failures = []

    def other_run():
        try:
            with warehouse_lock(warehouse, wait_seconds=0.1):
                pass
        except WarehouseBusyError as error:
            failures.append(error)

    with warehouse_lock(warehouse):
        thread = threading.Thread(target=other_run)
        thread.start()
        thread.join()
    assert len(failures) == 1


def test_every_step_of_every_job_needs_the_settings_that_hold_the_lock():
    from orchestration.definitions import build_definitions

    jobs = build_definitions().resolve_all_job_defs()
    expected = {"autokpi_full", "autokpi_refresh", "close_month_job", "portal_requests_job"}
    assert expected <= {j.name for j in jobs}
    for job_def in jobs:
        steps = job_def.nodes_in_topological_order
        assert steps
        for step in steps:
            assert "settings" in step.definition.required_resource_keys, (job_def.name, step.name)
