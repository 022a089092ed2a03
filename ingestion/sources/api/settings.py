"""Which API sources are on, and times converted into the PBX's local time."""

from __future__ import annotations

import os
from datetime import datetime
from zoneinfo import ZoneInfo

import dlt

from ingestion.sources.tabular import with_snapshot_columns

PBX_TIMEZONE_ENV = "AUTOKPI_PBX_TIMEZONE"

# API rows are dicts, to which dlt adds _dlt_load_id and _dlt_id, required; the file forms
# load Arrow tables without them into the same raw tables. Optional here, either may come
# first (files one month, an API the next).
SYSTEM_COLUMNS = {
    "_dlt_load_id": {"nullable": True},
    "_dlt_id": {"nullable": True, "unique": False, "row_key": False},
}


def enabled_api_sources() -> list[str]:
    """``autokpi.api_sources`` from dlt's configuration (config.toml or environment)."""
    value = dlt.config.get("autokpi.api_sources", list) or []
    return [str(v) for v in value]


def pbx_zone() -> ZoneInfo:
    return ZoneInfo(os.environ.get(PBX_TIMEZONE_ENV) or "Europe/Moscow")


def pbx_local_text(moment: datetime) -> str:
    """An aware time as the PBX's local wall time, as Asterisk writes ``start``: staging
    converts it to UTC with the zone the row keeps beside it (``time_zone``: ``pbx_zone``
    as it loaded), so a later change of the setting leaves it right."""
    return moment.astimezone(pbx_zone()).strftime("%Y-%m-%d %H:%M:%S")


def merged_resource(name: str, key, endpoint: dict, mapper, table: str | None = None) -> dict:
    """A rest_api resource merged by ``key`` into a raw table, each row mapped into its shape."""
    return {
        "name": name,
        "table_name": table or name,
        "columns": SYSTEM_COLUMNS,
        "write_disposition": "merge",
        "primary_key": key,
        "endpoint": endpoint,
        "processing_steps": [{"map": lambda item: with_snapshot_columns(mapper(item), f"api:{name}")}],
    }


def keep_newest(resource: dict, cursor: str) -> dict:
    """A listing ordered by update time lists a row updated while its pages were read again
    on a later page; of the two in one load, dlt keeps an arbitrary one unless told which
    (``dedup_sort``): the newer ``cursor`` stays, so a deal won meanwhile is won."""
    return {**resource, "columns": {**resource["columns"], cursor: {"dedup_sort": "desc"}}}
