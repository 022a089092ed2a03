"""The full pipeline job, its daily schedule and the inbox sensor."""

from __future__ import annotations

import hashlib

from dagster import (
    AssetSelection,
    DefaultSensorStatus,
    RunRequest,
    ScheduleDefinition,
    SensorEvaluationContext,
    SkipReason,
    define_asset_job,
    in_process_executor,
    sensor,
)

from orchestration.paths import inbox_from_env

# DuckDB allows one writer: the steps of a run go one after another in one process.
full_pipeline_job = define_asset_job(
    name="autokpi_full",
    selection=AssetSelection.all(),
    executor_def=in_process_executor,
    description="Load the inbox, build every model and run every check.",
)

daily_schedule = ScheduleDefinition(
    name="autokpi_daily",
    job=full_pipeline_job,
    cron_schedule="0 6 * * *",
    execution_timezone="Europe/Moscow",
    description="Every morning at 06:00 Moscow time, before the heads of sales look.",
)


def inbox_fingerprint(root) -> str:
    """Names, sizes and modification times of every file in the inbox."""
    h = hashlib.sha256()
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
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
