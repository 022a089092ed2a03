"""Which dlt loads of a raw table already passed a suite, so a run checks only the rest.

A load's rows are recorded here once every row-level expectation passed on them, under
the suite's fingerprint (its expectations and reference values). Rows of any other load
are checked in every run: a bad file keeps failing, and holding its models back, until
a corrected file replaces its rows (dlt's merge gives them a new load id). A changed
suite, or a changed reference set (the directory's extensions), has a new fingerprint,
so every row is checked again once.
"""

from __future__ import annotations

import hashlib
import json

from core.warehouse import Connection
from ingestion.sources.load_id import LOAD_ID

# "raw_checks", apart from the call-quality scores (raw_call_quality); a warehouse from
# before the rename kept this in "quality": its loads are checked once more, then recorded here
STATE_SCHEMA = "raw_checks"
STATE_TABLE = f"{STATE_SCHEMA}.checked_loads"


def fingerprint(expectations: list, prepare: dict, references: dict[str, list]) -> str:
    """What a pass depends on: the expectations' configuration and the reference values."""
    described = {
        "expectations": sorted(
            json.dumps(e.configuration.to_json_dict(), sort_keys=True, default=str) for e in expectations
        ),
        "prepare": prepare,
        "references": {column: sorted(map(str, values)) for column, values in references.items()},
    }
    return hashlib.md5(json.dumps(described, sort_keys=True).encode()).hexdigest()


def unchecked_condition(
    con: Connection, table: str, check: str, version: str, alias: str
) -> tuple[str, list]:
    """SQL (and its parameters) true for rows of ``alias`` not yet passed by ``check``."""
    if not con.table_exists(*STATE_TABLE.split(".")):
        return "true", []
    return (
        f"coalesce({alias}.{LOAD_ID}, '') not in ("
        f"select load_id from {STATE_TABLE} where table_name = ? and check_name = ? and fingerprint = ?)",
        [table, check, version],
    )


def record_passed(con: Connection, table: str, check: str, version: str, load_ids: list[str]) -> None:
    """Remember that ``check`` passed on every row of these loads."""
    con.execute(f"create schema if not exists {STATE_SCHEMA}")
    con.execute(
        f"create table if not exists {STATE_TABLE} (table_name varchar, check_name varchar, "
        "fingerprint varchar, load_id varchar, checked_at timestamp default current_timestamp)"
    )
    for load_id in load_ids:  # '' stands for rows loaded before they carried a load id
        con.execute(
            f"insert into {STATE_TABLE} (table_name, check_name, fingerprint, load_id) values (?, ?, ?, ?)",
            [table, check, version, load_id or ""],
        )
