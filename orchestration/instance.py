"""Dagster's run history for one warehouse, kept beside it (``<warehouse folder>/dagster``).

``autokpi run`` records its runs there and ``autokpi ui`` / ``make ui`` open the same folder,
so a run from the command line shows in the UI with its steps, logs and asset checks.
"""

from __future__ import annotations

import json
from pathlib import Path

# no usage reports leave the machine; a step's output is in the run's own log file
# (logs/run-*.log), so Dagster keeps no second copy (and starts no `tail` per step). The
# storage is Dagster's default SQLite layout (history/runs.db, history/runs/<run>.db,
# schedules/), its event log kept open instead of reopened for every event
# (orchestration/dagster_storage.py)
DAGSTER_YAML = """\
telemetry:
  enabled: false
compute_logs:
  module: dagster._core.storage.noop_compute_log_manager
  class: NoOpComputeLogManager
run_storage:
  module: dagster._core.storage.runs
  class: SqliteRunStorage
  config:
    base_dir: "{home}/history/"
event_log_storage:
  module: orchestration.dagster_storage
  class: QuickSqliteEventLogStorage
  config:
    base_dir: "{home}/history/runs/"
schedule_storage:
  module: dagster._core.storage.schedules
  class: SqliteScheduleStorage
  config:
    base_dir: "{home}/schedules"
"""


def dagster_home(warehouse: Path) -> Path:
    home = warehouse.parent.resolve() / "dagster"
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    wanted = DAGSTER_YAML.format(home=json.dumps(str(home))[1:-1])
    if not config.exists() or config.read_text(encoding="utf-8") != wanted:
        config.write_text(wanted, encoding="utf-8")
        config.chmod(0o600)
    return home


def run_instance(warehouse: Path):
    """The persistent Dagster instance of this warehouse (a context manager)."""
    from dagster import DagsterInstance

    return DagsterInstance.from_config(str(dagster_home(warehouse)))
