"""The published snapshot as a Dagster asset, written after every mart on every run."""

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset

from core.warehouse import target
from orchestration.assets.checks import held_back_in_this_run
from orchestration.dbt_project import mart_asset_keys
from orchestration.resources import AutokpiSettings
from orchestration.serving import publish_snapshot


@asset(
    key=AssetKey(["serving", "marts_snapshot"]),
    deps=mart_asset_keys(),
    group_name="exports",
    kinds={"duckdb", "parquet"},
    output_required=False,
    description="Every mart copied into serving/<warehouse>_marts.duckdb and serving/parquet/, renamed "
    "into place: what BI tools, Excel and the portal read, so a reader never blocks a run. "
    "Not rewritten when raw checks failed; on PostgreSQL readers use the autokpi_reader role.",
)
def marts_snapshot(context: AssetExecutionContext, settings: AutokpiSettings):
    if target() != "duckdb":
        context.log.info("PostgreSQL: readers connect as autokpi_reader; no snapshot to publish")
        return
    if held_back_in_this_run(context, "the published snapshot"):
        return
    snapshot = publish_snapshot(settings.warehouse())
    context.log.info(f"published {len(snapshot.tables)} marts: {snapshot.database}")
    yield MaterializeResult(metadata={"database": str(snapshot.database), "marts": len(snapshot.tables)})
