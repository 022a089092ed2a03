"""The big call tables' dbt tests read only the rows built since they last passed
(dbt_project/macros/tests/since_last_pass.sql): a day's rows, not ten million, and
never fewer than the rows no passing run has vouched for."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from tests.warehouse import dbt_on

pytestmark = pytest.mark.e2e
UNIQUE_LEG = "unique_stg_pbx__cdr_legs_leg_id"


def _dbt_test(warehouse, tmp_path) -> dict[str, str]:
    """`dbt test` of stg_pbx__cdr_legs: each test's status by name."""
    dbt_on(warehouse, ["test", "--select", "stg_pbx__cdr_legs"], tmp_path)
    results = json.loads((tmp_path / "target" / "run_results.json").read_text())["results"]
    return {r["unique_id"].split(".")[2]: r["status"] for r in results if r["unique_id"].startswith("test.")}


def _sql(warehouse, statement: str) -> None:
    with duckdb.connect(str(warehouse)) as con:
        con.execute(statement)


def _passes(warehouse) -> dict:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return dict(
            con.execute("select test_id, passed_run_started_at from dbt_state.test_passes").fetchall()
        )


def _duplicate_a_leg(warehouse, which: str, staged_at: str) -> None:
    """Two rows of the first or last leg id, staged at ``staged_at``: what a batch that
    broke the key would leave (rebuilt by key, a batch replaces the rows of its keys)."""
    order = {"first": "asc", "last": "desc"}[which]
    one_leg = (
        "select * replace (cast(? as timestamp) as staged_at) from staging.stg_pbx__cdr_legs "
        f"order by leg_id {order} limit 1"
    )
    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"create temp table twice as {one_leg}", [staged_at])
        con.execute("delete from staging.stg_pbx__cdr_legs where leg_id in (select leg_id from twice)")
        con.execute("insert into staging.stg_pbx__cdr_legs select * from twice union all select * from twice")


def test_a_test_reads_rows_built_since_it_last_passed_and_keeps_reading_a_failure(demo_run, tmp_path):
    warehouse = tmp_path / "autokpi.duckdb"
    shutil.copyfile(demo_run[1], warehouse)
    after_the_pipeline = _passes(warehouse)
    legs_tests = ["not_null_stg_pbx__cdr_legs_call_id", "not_null_stg_pbx__cdr_legs_leg_id",
                  "not_null_stg_pbx__cdr_legs_started_at", UNIQUE_LEG]  # fmt: skip
    # the pipeline's run passed them (and those of the other call tables)
    assert {t.split(".")[2] for t in after_the_pipeline} >= set(legs_tests)

    # a row older than the last pass was vouched for by it: not read again
    _duplicate_a_leg(warehouse, "first", "2000-01-01")
    assert set(_dbt_test(warehouse, tmp_path).values()) == {"pass"}
    # this run's pass moved their marks, and only theirs
    moved = {t for t, at in _passes(warehouse).items() if at > after_the_pipeline[t]}
    assert sorted(t.split(".")[2] for t in moved) == legs_tests
    # a row built since is read, and fails; failing does not move the mark, so it is read
    # again next run, until it is put right
    _duplicate_a_leg(warehouse, "last", "2999-01-01")
    assert _dbt_test(warehouse, tmp_path)[UNIQUE_LEG] == "fail"
    assert _dbt_test(warehouse, tmp_path)[UNIQUE_LEG] == "fail"
    _sql(warehouse, "delete from staging.stg_pbx__cdr_legs where staged_at = '2999-01-01'")
    assert _dbt_test(warehouse, tmp_path)[UNIQUE_LEG] == "pass"
    # a pass of another version of the test or of the model vouches for nothing: every row
    # is read again (and the old duplicate found)
    _sql(warehouse, "update dbt_state.test_passes set fingerprint = 'another version'")
    assert _dbt_test(warehouse, tmp_path)[UNIQUE_LEG] == "fail"
