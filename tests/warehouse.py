"""Reading a test's warehouse: a read-only DuckDB connection per query, so no test holds
the single writer's lock while the pipeline runs."""

from __future__ import annotations

import duckdb


def query(warehouse, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def mart_columns(warehouse, table: str) -> list[str]:
    rows = query(
        warehouse,
        "select column_name from information_schema.columns where table_schema = 'marts' "
        "and table_name = ? order by ordinal_position",
        [table],
    )
    return [r[0] for r in rows]
