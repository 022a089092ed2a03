"""Dagster's run history for one warehouse, kept beside it (``<warehouse folder>/dagster``).

``autokpi run`` records its runs there and ``autokpi ui`` / ``make ui`` open the same folder,
so a run from the command line shows in the UI with its steps, logs and asset checks.
"""

from __future__ import annotations

from pathlib import Path

# no usage reports leave the machine; a step's output is in the run's own log file
# (logs/run-*.log), so Dagster keeps no second copy (and starts no `tail` per step)
DAGSTER_YAML = """\
telemetry:
  enabled: false
compute_logs:
  module: dagster._core.storage.noop_compute_log_manager
  class: NoOpComputeLogManager
"""


def dagster_home(warehouse: Path) -> Path:
    home = warehouse.parent / "dagster"
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists() or config.read_text(encoding="utf-8") != DAGSTER_YAML:
        config.write_text(DAGSTER_YAML, encoding="utf-8")
        config.chmod(0o600)
    return home


def run_instance(warehouse: Path):
    """The persistent Dagster instance of this warehouse (a context manager)."""
    from dagster import DagsterInstance

    return DagsterInstance.from_config(str(dagster_home(warehouse)))
