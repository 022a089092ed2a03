"""The one place that builds autokpi's Dagster definitions.

Load with ``dagster dev -m orchestration.definitions`` (``make ui``) after the dbt
manifest exists (``orchestration.dbt_project.ensure_manifest``).
"""

from __future__ import annotations

import warnings

from dagster import BetaWarning, Definitions, PreviewWarning, colored_console_logger
from dagster_dlt import DagsterDltResource

from orchestration.assets.checks import raw_table_checks
from orchestration.assets.ingestion import (
    closing_history_specs,
    inbox_folder_specs,
    ingestion_assets,
    portal_specs,
)
from orchestration.assets.outputs import run_outputs
from orchestration.assets.speech_to_text import speech_to_text
from orchestration.assets.warehouse import warehouse_assets
from orchestration.dbt_project import dbt_executable, dbt_project
from orchestration.jobs import (
    close_month_job,
    daily_schedule,
    full_pipeline_job,
    inbox_sensor,
    portal_requests_job,
    portal_requests_sensor,
    refresh_after_close,
    refresh_job,
)
from orchestration.resources import AutokpiDbtCliResource, AutokpiSettings
from orchestration.run_log import progress_logger, run_log_file

# Dagster's notices that a parameter it passes itself is in beta (its sensors' owners,
# when the definitions resolve) speak to Dagster's developers, not to whoever runs autokpi
warnings.filterwarnings("ignore", category=BetaWarning)
warnings.filterwarnings("ignore", category=PreviewWarning)


def build_definitions() -> Definitions:
    return Definitions(
        assets=[
            *inbox_folder_specs(),
            *closing_history_specs(),
            *portal_specs(),
            speech_to_text,
            *ingestion_assets(),
            warehouse_assets(),
            run_outputs,
        ],
        asset_checks=raw_table_checks(),
        jobs=[full_pipeline_job, refresh_job, close_month_job, portal_requests_job],
        schedules=[daily_schedule],
        sensors=[inbox_sensor, portal_requests_sensor, refresh_after_close],
        resources={
            "dlt": DagsterDltResource(),
            "dbt": AutokpiDbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()),
            "settings": AutokpiSettings(),
        },
        # console: Dagster's usual log (the UI, `dagster job execute`); progress: the CLI's
        # lines; run_log: everything into the file the CLI names on failure
        loggers={"console": colored_console_logger, "progress": progress_logger, "run_log": run_log_file},
    )


defs = build_definitions()
