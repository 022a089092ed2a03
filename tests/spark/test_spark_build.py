"""The dbt project on Spark (session mode: local PySpark on the machine's Java), from the
demo's raw tables written as Parquet. Optional: `make test-spark` installs the `spark`
extra and runs this; `make test` does not. Writes what passed and what failed, with
dbt's first line of each error, to var/test-output/spark-report.md (README, "Targets")."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from core.paths import DBT_PROJECT_DIR, PROJECT_ROOT
from orchestration.dbt_project import dbt_executable
from tests.warehouse import query

pytestmark = [pytest.mark.spark, pytest.mark.e2e]
REPORT = PROJECT_ROOT / "var" / "test-output" / "spark-report.md"


def _raw_tables(warehouse: Path) -> list[str]:
    rows = query(
        warehouse,
        "select table_schema || '.' || table_name from information_schema.tables "
        "where table_schema like 'raw\\_%' escape '\\' and table_schema not like '%\\_staging' escape '\\' "
        "and table_name not like '\\_dlt%' escape '\\' order by 1",
    )
    return [r[0] for r in rows]


def _write_parquet(warehouse: Path, tables: list[str], root: Path) -> None:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for table in tables:
            (root / table).mkdir(parents=True)
            target = root / table / "part-0.parquet"
            con.execute(f"copy (select * from {table}) to '{target}' (format parquet)")
    finally:
        con.close()


def _dbt(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [dbt_executable(), *args, "--profiles-dir", ".", "--target-path", "target-spark", "--log-path",
         "target-spark/logs"],
        cwd=DBT_PROJECT_DIR, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


PARITY_QUERIES = [
    "select count(*), sum(talk_seconds), sum(case when is_missed then 1 else 0 end) from marts.fct_calls",
    "select month, count(*), sum(payout_amount) from marts.mart_bonus_monthly group by month order by month",
    "select count(*) from marts.mart_kpi_alerts",
]


def _session(spark_dir: Path):
    """A SparkSession on the metastore dbt wrote (the settings of profiles.yml)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.config("spark.sql.warehouse.dir", f"{spark_dir}/warehouse")
    builder = builder.config(
        "spark.hadoop.javax.jdo.option.ConnectionURL", f"jdbc:derby:;databaseName={spark_dir}/metastore_db"
    )
    builder = builder.config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
    return builder.enableHiveSupport().getOrCreate()


def _cause(message: str) -> str:
    """dbt's message without its 'Runtime Error in model …' heading and colours."""
    plain = re.sub(r"\x1b\[[0-9;]*m", "", message)
    lines = [line.strip() for line in plain.splitlines() if line.strip()]
    useful = [line for line in lines if not re.match(r"(Runtime|Database|Compilation) Error( in |$)", line)]
    return " ".join(useful)[:300]


def test_models_build_on_spark(demo_run, tmp_path):
    pytest.importorskip("pyspark", reason="make test-spark installs the spark extra")
    _, warehouse = demo_run
    tables = _raw_tables(warehouse)
    root = tmp_path / "raw"
    _write_parquet(warehouse, tables, root)
    env = {**os.environ, "DBT_TARGET": "spark", "AUTOKPI_SPARK_DIR": str(tmp_path / "spark")}

    arguments = json.dumps({"root": str(root), "tables": tables})
    registered = _dbt(["run-operation", "register_parquet_sources", "--args", arguments], env)
    assert registered.returncode == 0, registered.stdout[-2000:]
    _dbt(["build"], env)

    results = json.loads((DBT_PROJECT_DIR / "target-spark" / "run_results.json").read_text())["results"]
    failed = [r for r in results if r["status"] in ("error", "fail")]
    skipped = [r for r in results if r["status"] == "skipped"]
    passed = [r for r in results if r["status"] in ("success", "pass")]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"# dbt build on Spark (session mode): {len(passed)} passed, {len(failed)} failed, "
             f"{len(skipped)} skipped", ""]  # fmt: skip
    for r in failed:
        lines.append(f"- FAILED `{r['unique_id']}`: {_cause(r.get('message') or '')}")
    for r in skipped:
        lines.append(f"- skipped `{r['unique_id']}` (depends on a failure)")
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\n{lines[0]} (report: {REPORT})")
    assert not failed, "\n".join(lines)

    # and the numbers are DuckDB's: calls, talk time, and the payout to the cent
    spark = _session(tmp_path / "spark")
    try:
        for sql in PARITY_QUERIES:
            on_spark = [tuple(row) for row in spark.sql(sql).collect()]
            assert on_spark == query(warehouse, sql), sql
    finally:
        spark.stop()
