"""dbt's unit tests (the formulas, on hand-computed rows) on each target that builds the
models. A pipeline run leaves them out, so this is where they run: on a scratch
warehouse with no data, where their parents are built empty, which is all a unit test needs
of them. (`make test-fast` uses dbt's `--empty`, which PostgreSQL does not parse in three
models.)"""

from __future__ import annotations

import json
import os
import subprocess

from core.paths import DBT_PROJECT_DIR
from orchestration.dbt_project import dbt_environment, dbt_executable, restore_partial_parse


def _unit_tests(tmp_path) -> subprocess.CompletedProcess:
    command = [dbt_executable(), "build", "--select", "+test_type:unit", "--exclude", "test_type:data",
               "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path)]  # fmt: skip
    # named as a run's warehouse, so dbt starts from the project's parse as a run does
    warehouse = tmp_path / "autokpi.duckdb"
    restore_partial_parse(warehouse, tmp_path / "target")
    env = {**os.environ, **dbt_environment(), "AUTOKPI_WAREHOUSE": str(warehouse)}
    return subprocess.run(command, cwd=DBT_PROJECT_DIR, env=env, capture_output=True, text=True)


def _passed_unit_tests(tmp_path) -> int:
    results = json.loads((tmp_path / "target" / "run_results.json").read_text())["results"]
    return sum(1 for r in results if r["unique_id"].startswith("unit_test.") and r["status"] == "pass")


def test_dbt_unit_tests_pass_on_duckdb_and_again_on_the_same_scratch_warehouse(tmp_path):
    """Twice, as the inner loop runs them: the second time the incremental models exist
    and read their raw tables, which a scratch warehouse never had."""
    for _ in range(2):
        result = _unit_tests(tmp_path)
        assert result.returncode == 0, result.stdout[-3000:]
        assert _passed_unit_tests(tmp_path) >= 16


def test_dbt_unit_tests_pass_on_postgres(tmp_path, postgres_target):
    result = _unit_tests(tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
    assert _passed_unit_tests(tmp_path) >= 16
