"""The run's outputs (site, finance exports, published snapshot): one Dagster step writes
them side by side, each still an asset of its own, and one that cannot be written leaves
the others written and says what to fix."""

from __future__ import annotations

import shutil

from dagster import DagsterInstance, materialize

from core.paths import EXPORTS_ENV, snapshot_path_for
from dashboards.build import site_dir_for
from orchestration.assets.outputs import EXPORTS, SITE, SNAPSHOT, run_outputs
from orchestration.resources import AutokpiSettings


def _warehouse_copy(demo_run, tmp_path):
    _, built = demo_run
    warehouse = tmp_path / "autokpi.duckdb"
    shutil.copyfile(built, warehouse)
    return warehouse


def _materialize(warehouse, selection=None):
    return materialize(
        [run_outputs],
        selection=selection,
        resources={"settings": AutokpiSettings(warehouse_path=str(warehouse))},
        instance=DagsterInstance.ephemeral(),
        raise_on_error=False,
    )


def _materialized(result) -> set:
    return {event.asset_key for event in result.get_asset_materialization_events()}


def test_each_output_is_an_asset_of_its_own_and_can_be_written_alone(demo_run, tmp_path):
    warehouse = _warehouse_copy(demo_run, tmp_path)
    result = _materialize(warehouse, selection=[SITE])
    assert result.success
    assert _materialized(result) == {SITE}
    assert (site_dir_for(warehouse) / "index.html").is_file()
    assert not snapshot_path_for(warehouse).exists() and not (tmp_path / "exports").exists()

    result = _materialize(warehouse)
    assert result.success and _materialized(result) == {SITE, EXPORTS, SNAPSHOT}
    assert snapshot_path_for(warehouse).is_file() and sorted((tmp_path / "exports").glob("bonus_*.xlsx"))


def test_an_output_that_cannot_be_written_leaves_the_others_written_and_says_what_to_fix(
    demo_run, tmp_path, monkeypatch
):
    warehouse = _warehouse_copy(demo_run, tmp_path)
    in_the_way = tmp_path / "finance-share"
    in_the_way.write_text("not a folder")
    monkeypatch.setenv(EXPORTS_ENV, str(in_the_way))

    result = _materialize(warehouse)
    assert not result.success
    assert _materialized(result) == {SITE, SNAPSHOT}  # written beside the one that failed
    assert (site_dir_for(warehouse) / "index.html").is_file() and snapshot_path_for(warehouse).is_file()
    said = result.failure_data_for_node("outputs").error.cause.message  # under Dagster's own wrapper
    assert (
        f"the finance exports were not written: {in_the_way} is a file where a folder should be "
        f"(the folder is {EXPORTS_ENV}, else exports/ beside the warehouse); fix that and run again"
    ) in said
    assert "Errno" not in said and "Traceback" not in said
