"""Reading a test's warehouse: a read-only DuckDB connection per query, so no test holds
the single writer's lock while the pipeline runs."""

from __future__ import annotations

import fcntl
import hashlib
import os
import subprocess

import duckdb


def query(warehouse, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def lock_held(warehouse) -> bool:
    """Whether some process (or this one) holds the warehouse's run lock right now."""
    from orchestration.locking import lock_file_for

    # a second open file: flock refuses it while the lock is held
    with lock_file_for(warehouse).open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
        return False


def mart_columns(warehouse, table: str) -> list[str]:
    rows = query(
        warehouse,
        "select column_name from information_schema.columns where table_schema = 'marts' "
        "and table_name = ? order by ordinal_position",
        [table],
    )
    return [r[0] for r in rows]


def mart_digests(warehouse) -> dict[str, str]:
    """A hash of each mart's rows; when a row was computed or built (computed_at,
    built_at) is left out."""
    from orchestration.run import MARTS

    digests = {}
    for mart in MARTS:
        cols = [c for c in mart_columns(warehouse, mart) if c not in ("computed_at", "built_at")]
        rows = query(warehouse, f"select {', '.join(cols)} from marts.{mart} order by all")
        digests[mart] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return digests


def left_as_they_were(warehouse, models: list[str]) -> dict[str, bool]:
    """For each ``schema.model``: whether the warehouse's last run left it as the build before
    made it (its Dagster materialization says ``rebuilt: false``) rather than rebuilding it."""
    from dagster import AssetKey

    from orchestration.instance import run_instance

    left = {}
    with run_instance(warehouse) as instance:
        latest_run = instance.get_runs(limit=1)[0].run_id
        for model in models:
            event = instance.get_latest_materialization_event(AssetKey(model.split(".")))
            assert event is not None and event.run_id == latest_run, f"{model} was not in the last run"
            rebuilt = event.asset_materialization.metadata.get("rebuilt")
            left[model] = rebuilt is not None and rebuilt.value is False
    return left


def dbt_on(warehouse, args: list[str], work) -> subprocess.CompletedProcess:
    """dbt's command line (``args``: ``["run", "--select", …]``) on ``warehouse``, from the
    project's parse as a run starts; its target and log in the folder ``work``."""
    from core.paths import DBT_PROJECT_DIR
    from orchestration.dbt_project import dbt_environment, dbt_executable, restore_partial_parse

    command = [dbt_executable(), *args, "--target-path", str(work / "target"), "--log-path", str(work)]
    restore_partial_parse(warehouse, work / "target")
    env = {**os.environ, **dbt_environment(), "AUTOKPI_WAREHOUSE": str(warehouse)}
    return subprocess.run(command, cwd=DBT_PROJECT_DIR, env=env, capture_output=True, text=True, check=False)
