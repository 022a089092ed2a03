"""dlt loads of the inbox as Dagster assets, one multi-asset per source system.

Each dlt resource becomes an asset keyed ``dlt_<source>_<resource>`` (dagster-dlt's
convention, which the dbt sources' ``meta.dagster.asset_key`` point at), downstream of
an ``inbox/<folder>`` asset that stands for the files. The inbox and the warehouse are
read from the settings resource when the run starts, so nothing touches the disk when
definitions load.
"""

from pathlib import Path

from dagster import AssetExecutionContext, AssetKey, AssetSpec, Failure, multi_asset
from dagster_dlt import DagsterDltResource, DagsterDltTranslator
from dagster_dlt.translator import DltResourceTranslatorData

from core.memory import release_freed_memory
from core.warehouse import loader_file_format, target
from ingestion.pipeline import (
    API_RESOURCES,
    FILE_SOURCES,
    appending_when_new,
    forget_trace,
    make_pipeline,
    make_source,
)
from ingestion.sources.api.http import SourceError, describe_failure
from ingestion.sources.api.settings import enabled_api_sources
from orchestration.resources import AutokpiSettings
from orchestration.retention import retain

INBOX_FOLDER_OF_SOURCE = {
    "pbx_files": "pbx",
    "directory": "directory",
    "crm_files": "crm",
    "plans": "plans",
}
# Sources made from other loaded tables rather than from inbox files.
UPSTREAM_OF_SOURCE = {
    "call_quality": AssetKey("dlt_pbx_files_transcripts"),
    "disputes": AssetKey(["portal", "disputes"]),
}
# Steps that write into a source's inbox folder before it loads.
WRITERS_BEFORE_SOURCE = {
    "pbx_files": [AssetKey(["pbx", "speech_to_text"])],
}


class InboxDltTranslator(DagsterDltTranslator):
    """dagster-dlt's keys, with each source's upstream being its inbox folder."""

    def get_asset_spec(self, data: DltResourceTranslatorData) -> AssetSpec:
        spec = super().get_asset_spec(data)
        source = data.resource.source_name
        upstream = UPSTREAM_OF_SOURCE.get(source) or AssetKey(["inbox", INBOX_FOLDER_OF_SOURCE[source]])
        return spec.replace_attributes(
            deps=[upstream, *WRITERS_BEFORE_SOURCE.get(source, [])],
            group_name="ingestion",
            kinds={"dlt", target()},
        )


def inbox_folder_specs() -> list[AssetSpec]:
    return [
        AssetSpec(
            key=AssetKey(["inbox", folder]),
            description=f"Files dropped into <inbox>/{folder}/ (the sensor watches them).",
            group_name="inbox",
            kinds={"file"},
        )
        for folder in INBOX_FOLDER_OF_SOURCE.values()
    ]


def portal_specs() -> list[AssetSpec]:
    """The portal's disputes: written by people in `autokpi serve`, loaded by dlt each run."""
    return [
        AssetSpec(
            key=AssetKey(["portal", "disputes"]),
            description="Disputes of statement numbers and their answers, in the portal's database.",
            group_name="portal",
            kinds={"sqlite"},
        )
    ]


CLOSING_TABLES = ["period_events", "bonus_statements", "kpi_statements", "bonus_adjustments"]


def closing_history_specs() -> list[AssetSpec]:
    """The close history tables: appended by `autokpi close` / close_month_job, read by dbt."""
    return [
        AssetSpec(
            key=AssetKey(["closing", table]),
            description=f"closing.{table}: append-only history written when a month is closed or reopened.",
            group_name="closing",
            kinds={target()},
        )
        for table in CLOSING_TABLES
    ]


def start_dbt_when_loaded(pipeline) -> None:
    """A load that wrote something means dbt builds in this run: the run's dbt fork server
    (orchestration/dbt_forkserver.py) starts now and imports dbt beside the raw checks. A
    run with nothing new loads nothing and never pays for that import (1.5-2 s of CPU); a
    run whose dbt has something to build all the same (a new day, a changed project)
    starts the server when dbt first runs (``AutokpiSettings.dbt_environment``)."""
    from orchestration import dbt_forkserver

    trace = pipeline.last_trace
    info = trace.last_load_info if trace is not None else None
    if info is not None and info.loads_ids:
        dbt_forkserver.start()


def build_source_assets(source_name: str):
    translator = InboxDltTranslator()
    template = make_source(source_name, Path("."), Path("."))  # resources only: reads nothing yet
    specs = [
        translator.get_asset_spec(DltResourceTranslatorData(resource=resource, pipeline=None))
        for resource in template.selected_resources.values()  # not the helpers feeding them
    ]

    @multi_asset(name=f"load_{source_name}", specs=specs, can_subset=True)
    def _load(context: AssetExecutionContext, dlt: DagsterDltResource, settings: AutokpiSettings):
        inbox, warehouse = settings.inbox(), settings.warehouse()
        context.log.info(f"loading {source_name} into {warehouse}")
        pipeline = make_pipeline(source_name, warehouse)
        source = make_source(source_name, inbox, warehouse)
        with appending_when_new(source_name, source, pipeline, inbox, warehouse):
            try:
                yield from dlt.run(
                    context=context,
                    dlt_source=source,
                    dlt_pipeline=pipeline,
                    dagster_dlt_translator=translator,
                    loader_file_format=loader_file_format(),
                )
                start_dbt_when_loaded(pipeline)
            finally:
                forget_trace(pipeline)
                release_freed_memory()
        report = retain(warehouse) if source_name == "pbx_files" else None  # AUTOKPI_RETENTION_DAYS
        if report:
            for line in report.deleted_lines():
                context.log.info(f"retention: {line}")
            for line in report.kept_lines():
                context.log.warning(f"retention: {line}")

    return _load


def api_asset_key(source_name: str, resource: str) -> AssetKey:
    return AssetKey(f"dlt_{source_name}_{resource}")  # dagster-dlt's key for a resource


def build_api_source_assets(source_name: str):
    """An API source's load. Its configuration is read when the run starts (never when
    definitions load). A permanent failure (a refused token) fails this step with a
    one-line, secret-free reason; the other sources still load, and, as Dagster skips
    what depends on a failed step, the models keep their last good build until the next
    run succeeds."""
    specs = [
        AssetSpec(
            key=api_asset_key(source_name, resource),
            description=f"{source_name} → {table}",
            group_name="ingestion",
            kinds={"dlt", target()},
        )
        for resource, table in API_RESOURCES[source_name].items()
    ]

    @multi_asset(name=f"load_{source_name}", specs=specs, can_subset=True)
    def _load(context: AssetExecutionContext, dlt: DagsterDltResource, settings: AutokpiSettings):
        warehouse = settings.warehouse()
        context.log.info(f"loading {source_name} (API) into {warehouse}")
        pipeline = make_pipeline(source_name, warehouse)
        try:
            yield from dlt.run(
                context=context,
                dlt_source=make_source(source_name, settings.inbox(), warehouse),
                dlt_pipeline=pipeline,
                dagster_dlt_translator=DagsterDltTranslator(),  # keys dlt_<source>_<resource>
                loader_file_format=loader_file_format(),
            )
            start_dbt_when_loaded(pipeline)
        except Exception as error:
            failure = (
                error
                if isinstance(error, SourceError)
                else describe_failure(
                    source_name,
                    error,
                    _secrets(source_name),
                    f"check the credentials of sources.{source_name}",
                )
            )
            raise Failure(description=str(failure), allow_retries=False) from None
        finally:
            forget_trace(pipeline)

    return _load


SECRET_ARGS = ("api_key", "api_secret", "webhook_url", "access_token")


def _secrets(source_name: str) -> list[str]:
    """Values that must never appear in a message: the source's configured secrets."""
    import dlt

    values = []
    for arg in SECRET_ARGS:
        try:
            value = dlt.secrets.get(f"sources.{source_name}.{arg}")
        except Exception:  # a secret that does not resolve is not a value to hide
            value = None
        if value:
            values.append(str(value))
    return values


def ingestion_assets() -> list:
    return [build_source_assets(name) for name in FILE_SOURCES] + [
        build_api_source_assets(name) for name in enabled_api_sources()
    ]
