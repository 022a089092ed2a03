"""The dlt source that copies the portal's disputes into the warehouse (``raw_disputes``).

The portal (``autokpi serve``) keeps disputes of statement numbers and their answers in
its own database: a SQLite file beside a DuckDB warehouse, the ``portal`` schema on the
PostgreSQL target (core/portal_database.py). dlt's ``sql_database`` source reads the two
tables (never the accounts or the access log) and replaces them in ``raw_disputes`` on
every run, so dbt applies accepted corrections (``int_deal_line_moves``) and
``mart_disputes`` shows the queue. Both tables are append-only in the portal: replacing
them whole loses nothing. Without a portal database there is nothing to load and the raw
tables stay absent, which the models read as no disputes.
"""

from __future__ import annotations

from pathlib import Path

import dlt
import sqlalchemy as sa

from core.paths import portal_database_for
from core.portal_database import PORTAL_SCHEMA, portal_database_exists, portal_server_url

TABLES = ("disputes", "dispute_answers")


def _portal_engine(warehouse: Path) -> tuple[sa.Engine, str | None]:
    """An engine on the portal's database, read only where the engine allows it, and the
    schema its tables are in."""
    url = portal_server_url(warehouse)
    if url is None:
        database = portal_database_for(warehouse)
        return sa.create_engine(f"sqlite:///file:{database}?mode=ro&uri=true"), None
    return sa.create_engine(url), PORTAL_SCHEMA


@dlt.source(name="disputes", max_table_nesting=0)
def disputes(warehouse: str = dlt.config.value):
    present: set[str] = set()
    if portal_database_exists(Path(warehouse)):
        # the tables there (none in a database the portal has not opened since they came)
        engine, schema = _portal_engine(Path(warehouse))
        present = set(sa.inspect(engine).get_table_names(schema=schema))
    for table in TABLES:
        if table in present:
            from dlt.sources.sql_database import sql_table

            yield sql_table(
                credentials=engine,
                schema=schema,
                table=table,
                write_disposition="replace",
                reflection_level="full",
            )
        else:
            yield dlt.resource([], name=table, write_disposition="replace")
