"""dbt's invocation folders: a killed run's is removed by the next run, a live one never."""

from __future__ import annotations

import os
import subprocess
import sys

from orchestration.dbt_project import invocation_target_path, remove_abandoned_invocations


def _folder(parent, name: str):
    path = parent / name
    (path / "compiled").mkdir(parents=True)
    (path / "run_results.json").write_text("{}", encoding="utf-8")
    return path


def test_a_killed_runs_folder_goes_and_a_live_ones_stays(tmp_path):
    ours = invocation_target_path("0123456789abcdef")
    assert ours.name.startswith(f"autokpi_dbt-0123456-{os.getpid()}-")
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(gone.stdout)  # a process that has exited (a run killed mid-dbt)
    abandoned = _folder(tmp_path, f"autokpi_dbt-0123456-{dead_pid}-a1b2c3d4")
    live = _folder(tmp_path, ours.name)  # this process: a run still going
    parent = _folder(tmp_path, f"autokpi_dbt-0123456-{os.getppid()}-a1b2c3d4")  # another live process
    other = _folder(tmp_path, "manifest-cache")  # not an invocation at all

    assert remove_abandoned_invocations(tmp_path) == [abandoned]
    assert not abandoned.exists()
    assert live.exists() and parent.exists() and other.exists()
