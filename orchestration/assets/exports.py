"""Finance exports as a Dagster asset, written after the bonus marts on every run."""

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset

from orchestration.assets.checks import held_back_in_this_run
from orchestration.finance_exports import write_exports
from orchestration.resources import AutokpiSettings


@asset(
    key=AssetKey(["exports", "finance_bonus"]),
    deps=[AssetKey(["marts", "mart_bonus_monthly"]), AssetKey(["marts", "mart_kpi_monthly"])],
    group_name="exports",
    kinds={"csv", "xlsx"},
    output_required=False,
    description="bonus_<YYYY-MM>.csv and .xlsx (sheets bonus and kpi) for every month, for finance; "
    "not rewritten in a run whose raw data checks failed.",
)
def finance_exports(context: AssetExecutionContext, settings: AutokpiSettings):
    if held_back_in_this_run(context, "exports"):  # finance keeps the files of the last good run
        return
    out_dir = settings.exports()
    written = write_exports(settings.warehouse(), out_dir)
    context.log.info(f"wrote {len(written)} files into {out_dir}")
    yield MaterializeResult(metadata={"folder": str(out_dir), "files": len(written)})
