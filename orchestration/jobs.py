"""Jobs: the full pipeline, a refresh of the models and exports, the monthly close and the
portal's close requests; the daily schedule, the inbox and portal sensors, and a refresh
after every close."""

import hashlib

from dagster import (
    AssetSelection,
    Config,
    DagsterRunStatus,
    DefaultSensorStatus,
    OpExecutionContext,
    RunRequest,
    ScheduleDefinition,
    SensorEvaluationContext,
    SkipReason,
    define_asset_job,
    in_process_executor,
    job,
    op,
    run_status_sensor,
    sensor,
)

from core.paths import inbox_from_env
from orchestration.period_close import close_month, parse_month, reopen_month
from orchestration.period_requests import perform_period_requests, waiting_period_requests
from orchestration.resources import AutokpiSettings

# DuckDB allows one writer: the steps of a run go one after another in one process.
full_pipeline_job = define_asset_job(
    name="autokpi_full",
    selection=AssetSelection.all(),
    executor_def=in_process_executor,
    description="Load the inbox, build every model, run every check, write the finance exports.",
)

refresh_job = define_asset_job(
    name="autokpi_refresh",
    selection=AssetSelection.all() - AssetSelection.groups("ingestion"),
    executor_def=in_process_executor,
    description="Rebuild the models and exports from what is loaded (after a close, a scheme change).",
)

daily_schedule = ScheduleDefinition(
    name="autokpi_daily",
    job=full_pipeline_job,
    cron_schedule="0 6 * * *",
    execution_timezone="Europe/Moscow",
    description="Every morning at 06:00 Moscow time, before the heads of sales look.",
)


class CloseMonthConfig(Config):
    month: str
    reopen: bool = False
    reason: str = ""
    actor: str = "dagster"


@op(description="Freeze (or reopen) a month's bonus statements in the closing history.")
def freeze_month(context: OpExecutionContext, config: CloseMonthConfig, settings: AutokpiSettings) -> None:
    month = parse_month(config.month)
    warehouse = settings.warehouse()  # held by this run (AutokpiSettings) from its start
    if config.reopen:
        result = reopen_month(warehouse, month, config.reason, config.actor, context.run_id)
    else:
        result = close_month(warehouse, month, config.actor, context.run_id)
    context.log.info(
        f"{result.action} {month:%Y-%m}: event {result.event_id}, scheme {result.scheme_version}, "
        f"digest {result.digest}"
    )


@job(description="Close a month (config: month YYYY-MM; reopen with reopen: true and a reason).")
def close_month_job():
    freeze_month()


@op(description="Close or reopen the months finance asked for in the portal, and answer each request.")
def perform_portal_requests(context: OpExecutionContext, settings: AutokpiSettings) -> None:
    # the warehouse is held by this run (AutokpiSettings) from its start
    lines = perform_period_requests(settings.warehouse(), context.run_id)
    for line in lines:
        context.log.info(line)


@job(description="Perform finance's close and reopen requests from the portal.")
def portal_requests_job():
    perform_portal_requests()


@sensor(
    job=portal_requests_job,
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.RUNNING,
    description="Starts portal_requests_job when finance asked in the portal to close or reopen a month.",
)
def portal_requests_sensor(context: SensorEvaluationContext):
    from core.paths import warehouse_from_env

    waiting = waiting_period_requests(warehouse_from_env())
    if not waiting:
        return SkipReason("no close or reopen request waits in the portal")
    return RunRequest(run_key="portal-requests-" + ",".join(str(n) for n in waiting))


@run_status_sensor(
    run_status=DagsterRunStatus.SUCCESS,
    monitored_jobs=[close_month_job, portal_requests_job],
    request_job=refresh_job,
    default_status=DefaultSensorStatus.RUNNING,
    description="After a close, rebuild the marts (the month shows as closed) and the exports.",
)
def refresh_after_close(context):
    return RunRequest(run_key=context.dagster_run.run_id)


def inbox_fingerprint(root) -> str:
    """Names, sizes and modification times of every file in the inbox, but for the
    transcripts a run writes itself (speech-to-text), which must not start another run."""
    from call_quality.speech_to_text.transcribe import OUTPUT_FOLDER

    h = hashlib.sha256()
    if root.is_dir():
        written_by_runs = root / OUTPUT_FOLDER
        for path in sorted(p for p in root.rglob("*") if p.is_file() and written_by_runs not in p.parents):
            stat = path.stat()
            h.update(f"{path.relative_to(root)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return h.hexdigest()


@sensor(
    job=full_pipeline_job,
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.STOPPED,
    description="Starts a run when files are added to or change in the inbox folder.",
)
def inbox_sensor(context: SensorEvaluationContext):
    inbox = inbox_from_env()
    fingerprint = inbox_fingerprint(inbox)
    if fingerprint == context.cursor:
        return SkipReason(f"nothing new in {inbox}")
    context.update_cursor(fingerprint)
    return RunRequest(run_key=fingerprint)
