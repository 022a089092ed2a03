"""The dlt pipelines that load an inbox folder into the warehouse's raw schemas.

One pipeline per source system, each writing its own dataset (``raw_pbx``,
``raw_directory``, ``raw_crm``, ``raw_plans``), with dlt's working state kept beside the
warehouse file so two warehouses never share state. The destination is the target's
(core/warehouse.py): DuckDB through Parquet files, several times faster and leaner
than dlt's default row-by-row path; PostgreSQL through CSV and COPY.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import dlt
from dlt.common.pipeline import LoadInfo

from core.warehouse import dlt_destination, loader_file_format, state_suffix, target
from ingestion.appending_loads import appends, applies, drop_repeated_lines
from ingestion.sources.call_scores import call_quality
from ingestion.sources.crm import crm_files
from ingestion.sources.directory import directory
from ingestion.sources.disputes import disputes
from ingestion.sources.pbx import pbx_files
from ingestion.sources.plans import plans
from ingestion.sources.window import data_window


@dataclass(frozen=True)
class SourceSpec:
    name: str
    dataset: str
    factory: Callable[[Path, Path], dlt.sources.DltSource]  # (inbox, warehouse) -> source


def _api(name: str) -> Callable[[Path, Path], dlt.sources.DltSource]:
    """An API source, configured from dlt's config and secrets when the run starts."""

    def factory(_inbox: Path, _warehouse: Path) -> dlt.sources.DltSource:
        from ingestion.sources.api import amocrm, bitrix24, zadarma

        source = {
            "zadarma": zadarma.zadarma,
            "bitrix24_telephony": bitrix24.bitrix24_telephony,
            "bitrix24_crm": bitrix24.bitrix24_crm,
            "amocrm": amocrm.amocrm,
        }[name]()
        # raw tables hold text, as the files give it: staging casts (and knows the time zone)
        for detection in ("iso_timestamp", "iso_date"):
            source.schema.remove_type_detection(detection)
        return source

    return factory


# The raw table each API resource fills: the same tables as the file forms.
API_RESOURCES: dict[str, dict[str, str]] = {
    "zadarma": {"asterisk_cdr": "raw_pbx.asterisk_cdr"},
    "bitrix24_telephony": {"asterisk_cdr": "raw_pbx.asterisk_cdr"},
    "bitrix24_crm": {
        "users": "raw_crm.users",
        "deals": "raw_crm.deals",
        "deal_lines": "raw_crm.deal_lines",
        "products": "raw_crm.products",
        "companies": "raw_crm.clients",
        "contacts": "raw_crm.clients",
    },
    "amocrm": {
        "users": "raw_crm.users",
        "leads": "raw_crm.deals",
        "lead_budgets": "raw_crm.deal_lines",
        "budget_product": "raw_crm.products",
        "contacts": "raw_crm.clients",
        "companies": "raw_crm.clients",
    },
}

SOURCES: dict[str, SourceSpec] = {
    s.name: s
    for s in [
        SourceSpec(
            "directory",
            "raw_directory",
            lambda inbox, warehouse: directory(inbox_dir=str(inbox), warehouse=str(warehouse)),
        ),
        SourceSpec(
            "pbx_files",
            "raw_pbx",
            lambda inbox, warehouse: pbx_files(
                inbox_dir=str(inbox), window=data_window(inbox), warehouse=str(warehouse)
            ),
        ),
        SourceSpec(
            "crm_files",
            "raw_crm",
            lambda inbox, warehouse: crm_files(
                inbox_dir=str(inbox), window=data_window(inbox), warehouse=str(warehouse)
            ),
        ),
        SourceSpec(
            "plans",
            "raw_plans",
            lambda inbox, warehouse: plans(inbox_dir=str(inbox), warehouse=str(warehouse)),
        ),
        # scores the transcripts loaded above: reads the warehouse, not the inbox
        SourceSpec(
            "call_quality", "raw_call_quality", lambda _, warehouse: call_quality(warehouse=str(warehouse))
        ),
        # the portal's disputes and their answers: its own database beside the warehouse
        SourceSpec("disputes", "raw_disputes", lambda _, warehouse: disputes(warehouse=str(warehouse))),
    ]
}
FILE_SOURCES = list(SOURCES)
SOURCES.update(
    {
        name: SourceSpec(name, next(iter(tables.values())).split(".")[0], _api(name))
        for name, tables in API_RESOURCES.items()
    }
)


def pipelines_dir(warehouse: Path) -> Path:
    """dlt's working state, beside the warehouse, one folder per target and database."""
    return warehouse.parent / f".{warehouse.stem}{state_suffix()}.dlt"


def unloadable_warehouse(warehouse: Path) -> str | None:
    """Why dlt cannot load into this DuckDB warehouse, or None. dlt's DuckDB loader writes
    the path of each file it loads from its working folder (``pipelines_dir``) into SQL
    between apostrophes as it is: an apostrophe in that path ends the string, and every
    load fails with "unterminated string literal"."""
    if target() != "duckdb" or "'" not in str(pipelines_dir(warehouse)):
        return None
    return (
        f"the warehouse path {warehouse} has an apostrophe ('), and dlt cannot load into a "
        "DuckDB file under such a path; give one without it (--warehouse or AUTOKPI_WAREHOUSE)"
    )


def make_pipeline(source_name: str, warehouse: Path) -> dlt.Pipeline:
    spec = SOURCES[source_name]
    keep_no_loaded_data()
    return dlt.pipeline(
        pipeline_name=f"autokpi_{source_name}",
        destination=dlt_destination(warehouse),
        dataset_name=spec.dataset,
        pipelines_dir=str(pipelines_dir(warehouse)),
    )


def make_source(source_name: str, inbox: Path, warehouse: Path) -> dlt.sources.DltSource:
    return SOURCES[source_name].factory(inbox, warehouse)


def load_source(source_name: str, inbox: Path, warehouse: Path) -> LoadInfo:
    """Load one source system's files; raises on a failed load job."""
    pipeline = make_pipeline(source_name, warehouse)
    source = make_source(source_name, inbox, warehouse)
    with appending_when_new(source_name, source, pipeline, inbox, warehouse):
        try:
            info = pipeline.run(source, loader_file_format=loader_file_format())
        finally:
            forget_trace(pipeline)
        info.raise_on_failed_jobs()
    return info


@contextmanager
def appending_when_new(
    source_name: str, source: dlt.sources.DltSource, pipeline: dlt.Pipeline, inbox: Path, warehouse: Path
) -> Iterator[None]:
    """Around a load: the call records append when their raw table is empty or every line
    read is new, and lines held twice after an appending or an interrupted load are kept
    once (ingestion/appending_loads.py). Every load of a source goes through it, the CLI's
    and Dagster's alike."""
    dataset = SOURCES[source_name].dataset
    interrupted = pipeline.has_pending_data  # a package a killed run left: dlt loads it first
    appending = appends(source_name, source, pipeline, dataset, inbox, warehouse)
    yield
    if interrupted and applies(source_name):
        drop_repeated_lines(dataset, warehouse)  # every file
    elif appending is not None:
        drop_repeated_lines(dataset, warehouse, appending.files)


def keep_no_loaded_data() -> None:
    """Once in the warehouse, rows leave dlt's folders: a completed load package's files
    (Parquet with phone numbers and transcripts) are deleted, and the staging dataset that
    merges go through (``raw_pbx_staging``) is emptied after each load. dlt's own settings,
    set here for every autokpi pipeline."""
    dlt.config["load.delete_completed_jobs"] = True
    dlt.config["load.truncate_staging_dataset"] = True


def forget_trace(pipeline: dlt.Pipeline) -> None:
    """dlt pickles each run's trace, exceptions and their request URLs included; a Bitrix24
    webhook carries its token in the URL, so no trace stays on disk after a load."""
    (Path(pipeline.working_dir) / "trace.pickle").unlink(missing_ok=True)
