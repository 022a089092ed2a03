"""What a run hands to people — the dashboard site, the finance exports and the published
snapshot — as one Dagster step that writes the three side by side.

Each reads the marts and nothing the others write. Dagster runs a job's steps one after
another in the run's process, and one after another they took 11.5 s of a day's run at 10 M
calls (the snapshot 5.3 s, mostly DuckDB working off Python's interpreter lock; the site 3.8
and the exports 2.4 s, mostly Python): so they are one multi-asset whose writers run in
threads. Each keeps its own asset key, the marts it reads and its description in the
lineage, and can be materialized alone. None is rewritten in a run whose raw checks failed
(the files of the last good run stay).
"""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from dagster import AssetExecutionContext, AssetKey, AssetSpec, MaterializeResult, multi_asset

from core.disk import why_not_written
from core.errors import UserFacingError
from core.paths import EXPORTS_ENV
from core.warehouse import target
from dashboards.build import build_site, site_dir_for
from orchestration.assets.checks import held_back_in_this_run
from orchestration.dbt_project import mart_asset_keys
from orchestration.finance_exports import write_exports
from orchestration.resources import AutokpiSettings
from orchestration.serving import publish_snapshot

SITE = AssetKey(["dashboards", "site"])
EXPORTS = AssetKey(["exports", "finance_bonus"])
SNAPSHOT = AssetKey(["serving", "marts_snapshot"])

SITE_MARTS = [
    "mart_plan_progress", "mart_sales_daily", "mart_call_kpis", "mart_call_rating_monthly", "mart_kpi_alerts",
    "mart_call_quality", "mart_call_quality_monthly", "mart_bonus_monthly", "mart_bonus_statements",
    "dim_employee", "dim_department",
]  # fmt: skip

SPECS = [
    AssetSpec(
        SITE,
        deps=[AssetKey(["marts", m]) for m in SITE_MARTS],
        group_name="exports",
        kinds={"html"},
        skippable=True,
        description="The static dashboard site (overview, call rating, alerts, quality, bonus, one "
        "statement per employee and month) in Russian and English; not rewritten when raw checks failed.",
    ),
    AssetSpec(
        EXPORTS,
        deps=[AssetKey(["marts", "mart_bonus_monthly"]), AssetKey(["marts", "mart_kpi_monthly"])],
        group_name="exports",
        kinds={"csv", "xlsx"},
        skippable=True,
        description="bonus_<YYYY-MM>.csv and .xlsx (sheets bonus and kpi) for every month, for finance; "
        "not rewritten in a run whose raw data checks failed.",
    ),
    AssetSpec(
        SNAPSHOT,
        deps=mart_asset_keys(),
        group_name="exports",
        kinds={"duckdb", "parquet"},
        skippable=True,
        description="Every mart copied into serving/<warehouse>_marts.duckdb and serving/parquet/, renamed "
        "into place: what BI tools, Excel and the portal read, so a reader never blocks a run. "
        "Not rewritten when raw checks failed; on PostgreSQL readers use the autokpi_reader role.",
    ),
]


@dataclass(frozen=True)
class Written:
    """What one writer made: the line for the run's log and the asset's metadata."""

    said: str
    metadata: dict


def _site(settings: AutokpiSettings) -> Written:
    warehouse = settings.warehouse()
    top = build_site(warehouse, site_dir_for(warehouse))
    return Written(f"wrote the dashboards: {top}", {"index": str(top)})


def _exports(settings: AutokpiSettings) -> Written:
    out_dir = settings.exports()
    written = write_exports(settings.warehouse(), out_dir)
    metadata = {"folder": str(out_dir), "files": len(written)}
    return Written(f"wrote {len(written)} files into {out_dir}", metadata)


def _snapshot(settings: AutokpiSettings) -> Written:
    snapshot = publish_snapshot(settings.warehouse())
    return Written(
        f"published {len(snapshot.tables)} marts: {snapshot.database}",
        {"database": str(snapshot.database), "marts": len(snapshot.tables)},
    )


# the longest first, so it starts while the others take their turns at the interpreter
WRITERS: dict[AssetKey, tuple[str, Callable[[AutokpiSettings], Written]]] = {
    SNAPSHOT: ("the published snapshot's files", _snapshot),
    SITE: ("the dashboards", _site),
    EXPORTS: ("the finance exports", _exports),  # finance keeps the files of the last good run
}


# where each output's folder is set
_FOLDER_IS = {
    SITE: "the site goes into site/ beside the warehouse",
    EXPORTS: f"the folder is {EXPORTS_ENV}, else exports/ beside the warehouse",
    SNAPSHOT: "the snapshot goes into serving/ beside the warehouse",
}


def _as_sentence(key: AssetKey, error: BaseException) -> BaseException:
    """A file-system failure of one output as a sentence that says what to fix; the marts
    are built and the other outputs written, so the next run only has to write this one."""
    why = why_not_written(error)
    if why is None:
        return error
    return UserFacingError(
        f"{WRITERS[key][0]} were not written: {why} ({_FOLDER_IS[key]}); fix that and run "
        "again (the marts are built and the other outputs written)"
    )


@multi_asset(name="outputs", specs=SPECS, can_subset=True)
def run_outputs(context: AssetExecutionContext, settings: AutokpiSettings):
    chosen = [key for key in WRITERS if key in context.selected_asset_keys]
    if SNAPSHOT in chosen and target() != "duckdb":
        context.log.info("PostgreSQL: readers connect as autokpi_reader; no snapshot to publish")
        chosen.remove(SNAPSHOT)
    chosen = [key for key in chosen if not held_back_in_this_run(context, WRITERS[key][0])]
    if not chosen:
        return
    # the snapshot sets the process's umask while it writes (serving.py): the value a run sets
    # for all its files anyway (run.py), so what the other threads write meanwhile is as private
    with ThreadPoolExecutor(max_workers=len(chosen), thread_name_prefix="autokpi-output") as pool:
        running = {key: pool.submit(WRITERS[key][1], settings) for key in chosen}
    failures = []
    for key, future in running.items():  # reported from this thread: Dagster's log is not shared
        error = future.exception()
        if error is not None:
            failures.append(_as_sentence(key, error))
            continue
        written = future.result()
        context.log.info(written.said)
        yield MaterializeResult(asset_key=key, metadata=written.metadata)
    if failures:
        raise failures[0]  # the others' files are written and materialized
