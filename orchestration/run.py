"""Run the whole pipeline in this process: inbox → dlt → dbt, through the Dagster job.

Used by ``autokpi run`` and ``autokpi demo`` (no Dagster server needed) and by the
end-to-end tests. One run at a time may write a warehouse: a lock file beside it makes
a second run wait, since DuckDB allows a single writer.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from orchestration.dbt_project import ensure_manifest
from orchestration.paths import INBOX_ENV, WAREHOUSE_ENV

MARTS = [
    "fct_calls",
    "mart_call_activity_daily",
    "fct_sales_lines",
    "dim_employee",
    "dim_department",
    "dim_date",
]
QUARANTINES = [("raw_pbx", "asterisk_cdr_quarantine"), ("raw_pbx", "transcripts_quarantine")]


class PipelineError(RuntimeError):
    """The run failed; the message is the first failure, in one line where possible."""


@dataclass
class RunSummary:
    warehouse: Path
    seconds: float
    mart_rows: dict[str, int] = field(default_factory=dict)
    quarantined_rows: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"autokpi: pipeline finished in {self.seconds:.1f} s", "", "rows per mart:"]
        out += [f"  marts.{name:<28} {rows:>10,}" for name, rows in self.mart_rows.items()]
        if any(self.quarantined_rows.values()):
            out += ["", "quarantined (fix at the source, then send the file again):"]
            out += [f"  {name:<34} {rows:>10,}" for name, rows in self.quarantined_rows.items() if rows]
        out += [
            "",
            f"warehouse: {self.warehouse}",
            f"  open it: duckdb -readonly {self.warehouse}   (tables in schema marts)",
            "lineage:  make ui   (Dagster UI on http://127.0.0.1:3000)",
        ]
        return out


@contextmanager
def warehouse_lock(warehouse: Path, wait_seconds: float = 600) -> Iterator[None]:
    """Hold an exclusive lock on ``<warehouse>.lock``; wait for another run to finish."""
    lock_path = warehouse.with_name(warehouse.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as fh:
        deadline = time.monotonic() + wait_seconds
        told = False
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise PipelineError(
                        f"another autokpi run is still writing {warehouse} "
                        f"after {wait_seconds:.0f} s; try later"
                    ) from None
                if not told:
                    print(f"autokpi: another run is writing {warehouse}; waiting for it…", file=sys.stderr)
                    told = True
                time.sleep(0.5)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _root_cause(error) -> str:
    while getattr(error, "cause", None) is not None:
        error = error.cause
    return error.message.strip().splitlines()[-1] if error.message else error.cls_name


def _failure_message(result) -> str:
    for event in result.all_events:
        if event.is_step_failure and event.step_failure_data and event.step_failure_data.error:
            return f"step {event.step_key}: {_root_cause(event.step_failure_data.error)}"
    return "the run failed (see the log above)"


def count_rows(warehouse: Path) -> tuple[dict[str, int], dict[str, int]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = {
            (s, t)
            for s, t in con.execute(
                "select table_schema, table_name from information_schema.tables"
            ).fetchall()
        }
        marts = {
            m: con.execute(f"select count(*) from marts.{m}").fetchone()[0]
            for m in MARTS
            if ("marts", m) in tables
        }
        quarantined = {
            f"{s}.{t}": con.execute(f"select count(*) from {s}.{t}").fetchone()[0]
            for s, t in QUARANTINES
            if (s, t) in tables
        }
    finally:
        con.close()
    return marts, quarantined


def run_pipeline(inbox: Path, warehouse: Path, quiet: bool = False) -> RunSummary:
    """Materialize every asset of the full job on ``inbox`` into ``warehouse``."""
    inbox, warehouse = inbox.resolve(), warehouse.resolve()
    if not inbox.is_dir():
        raise PipelineError(f"inbox folder {inbox} does not exist")
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    os.environ[INBOX_ENV] = str(inbox)
    os.environ[WAREHOUSE_ENV] = str(warehouse)
    ensure_manifest()

    from dagster import DagsterInstance

    from orchestration.definitions import defs

    job = defs.resolve_job_def("autokpi_full")
    # quiet: the console logger at ERROR level only (tests); else one line per step
    run_config = (
        {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}
        if quiet
        else {"loggers": {"progress": {}}}
    )
    started = time.monotonic()
    with warehouse_lock(warehouse), DagsterInstance.ephemeral() as instance:
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_config=run_config,
        )
    if not result.success:
        raise PipelineError(_failure_message(result))
    marts, quarantined = count_rows(warehouse)
    return RunSummary(warehouse, time.monotonic() - started, marts, quarantined)
