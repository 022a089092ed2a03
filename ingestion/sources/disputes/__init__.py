"""The dlt source that copies the portal's disputes into the warehouse (``raw_disputes``).

The portal (``autokpi serve``) keeps disputes of statement numbers and their answers in
its own SQLite database beside the warehouse; dlt's ``sql_database`` source reads the
two tables (never the accounts or the access log) and replaces them in ``raw_disputes``
on every run, so dbt applies accepted corrections (``int_deal_line_moves``) and
``mart_disputes`` shows the queue. Both tables are append-only in the portal: replacing
them whole loses nothing. Without a portal database there is nothing to load and the
raw tables stay absent, which the models read as no disputes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import dlt

from core.paths import portal_database_for

TABLES = ("disputes", "dispute_answers")


def _tables_in(database: Path) -> set[str]:
    """The tables the portal's database has (none before the portal first ran; no disputes
    tables in a database the portal has not opened since they came)."""
    if not database.exists():
        return set()
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as con:
        return {name for (name,) in con.execute("select name from sqlite_master where type = 'table'")}


@dlt.source(name="disputes", max_table_nesting=0)
def disputes(warehouse: str = dlt.config.value):
    database = portal_database_for(Path(warehouse))
    present = _tables_in(database)
    for table in TABLES:
        if table in present:
            from dlt.sources.sql_database import sql_table

            yield sql_table(
                credentials=f"sqlite:///{database}",
                table=table,
                write_disposition="replace",
                reflection_level="full",
            )
        else:
            yield dlt.resource([], name=table, write_disposition="replace")
