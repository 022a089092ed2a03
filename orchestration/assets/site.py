"""The dashboard site as a Dagster asset, written after the marts it shows on every run."""

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset

from dashboards.build import build_site, site_dir_for
from orchestration.assets.checks import held_back_in_this_run
from orchestration.resources import AutokpiSettings

SITE_MARTS = [
    "mart_plan_progress", "mart_sales_daily", "mart_call_kpis", "mart_call_rating_monthly", "mart_kpi_alerts",
    "mart_call_quality", "mart_call_quality_monthly", "mart_bonus_monthly", "mart_bonus_statements",
    "dim_employee", "dim_department",
]  # fmt: skip


@asset(
    key=AssetKey(["dashboards", "site"]),
    deps=[AssetKey(["marts", m]) for m in SITE_MARTS],
    group_name="exports",
    kinds={"html"},
    output_required=False,
    description="The static dashboard site (overview, call rating, alerts, quality, bonus, one statement "
    "per employee and month) in Russian and English; not rewritten when raw checks failed.",
)
def dashboard_site(context: AssetExecutionContext, settings: AutokpiSettings):
    if held_back_in_this_run(context, "dashboards"):
        return
    warehouse = settings.warehouse()
    top = build_site(warehouse, site_dir_for(warehouse))
    context.log.info(f"wrote the dashboards: {top}")
    yield MaterializeResult(metadata={"index": str(top)})
