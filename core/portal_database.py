"""Where the portal's own database is: accounts, invitations, the access log, disputes and
period requests.

Beside a DuckDB warehouse it is a SQLite file, ``portal/portal.sqlite`` (core/paths.py).
On the PostgreSQL target it is the schema ``portal`` of the warehouse's database, so the
company's server keeps it, backs it up and serves every portal worker with the rest; the
BI readers' role is granted ``marts`` only and never reads it. The portal writes it
(portal/store.py), dlt loads its disputes (ingestion/sources/disputes), a run performs its
period requests (orchestration/period_requests.py).
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from core.paths import portal_database_for
from core.warehouse import PostgresSettings, connect, target

PORTAL_SCHEMA = "portal"


def portal_server_url(warehouse: Path) -> sa.URL | None:
    """The PostgreSQL database that holds the portal's schema; None on the DuckDB target,
    where the portal's database is the SQLite file ``portal_database_for(warehouse)``.
    The URL carries PGPASSWORD when it is set: never print it (``describe`` does not)."""
    if target() == "duckdb":
        return None
    pg = PostgresSettings.from_env()
    return sa.URL.create(
        "postgresql+psycopg2",
        username=pg.user or None,
        password=pg.password or None,
        host=pg.host or None,
        port=pg.port,
        database=pg.database or None,
    )


def portal_server_engine(url: sa.URL) -> sa.Engine:
    """An engine whose unqualified names are the portal's schema (its tables, Alembic's
    version table)."""
    return sa.create_engine(url, connect_args={"options": f"-c search_path={PORTAL_SCHEMA}"})


def portal_database_exists(warehouse: Path) -> bool:
    """Whether the portal has made its database yet (it does on its first start)."""
    if target() == "duckdb":
        return portal_database_for(warehouse).exists()
    with connect(warehouse) as con:
        return con.table_exists(PORTAL_SCHEMA, "alembic_version")
