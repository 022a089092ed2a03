"""A large raw table's row checks run inside the DuckDB warehouse, by Great Expectations'
SQL datasource, instead of on its rows read out into pandas.

At ten million call records the pandas path read every checked column out of the
warehouse and cast it, file by file: both checks of the call records' first load took
~23 s of a ~200 s run (bench/README.md). In the warehouse the same expectations are a
few aggregate queries. GX 1.24 has no DuckDB dialect (STACK.md); through duckdb-engine its
generic SQL serves the expectations the suites use (values in a set, between, not null,
a pair of columns, a compound key), once GX keeps one connection for a validation, as it
does for SQLite: it reads a query's rows after handing its connection back, and
duckdb-engine's results do not survive that (every expectation then reads as failed).
That connection is a cursor of the check's own read-only one: the warehouse is not opened
a second time.

Values are prepared in SQL as ``validate._prepare`` prepares them in pandas, and as
staging reads them: stripped of spaces (trim()), upper- or lower-cased, numbers as
doubles (anything else null, which no range check counts), a channel's extension by the same pattern. A time
reads as an ISO 8601 one (with a space or a T, a fraction, an offset); the call records'
reader lets no other into the raw table (ingestion/sources/asterisk/helpers.py). PostgreSQL,
and the small tables, keep the pandas path.
"""

from __future__ import annotations

from great_expectations.execution_engine import sqlalchemy_execution_engine

from core.extensions import CHANNEL_EXTENSION
from core.warehouse import Connection

# what _prepare does that SQL here does alike; a suite preparing anything else stays in pandas
PREPARED_IN_SQL = {"number", "datetime", "upper", "lower", "extension", "presence"}


class _DuckDbDialect(str):
    """The name "duckdb" where GX lists the dialects it keeps one connection for (their ``.value``)."""

    value = "duckdb"


def _keep_one_connection() -> None:
    """GX keeps one connection per validation for the dialects in this tuple
    (tests/unit/test_checks_in_warehouse.py notices if an upgrade renames it)."""
    kept = sqlalchemy_execution_engine._PERSISTED_CONNECTION_DIALECTS
    if "duckdb" not in kept:
        sqlalchemy_execution_engine._PERSISTED_CONNECTION_DIALECTS = (*kept, _DuckDbDialect("duckdb"))


def applies(con: Connection, suite, references: dict) -> bool:
    """Whether a suite's row checks run in the warehouse: a large table (checked by load)
    in a DuckDB warehouse, prepared only in ways SQL here repeats, and no reference set to
    check against (a thousand extensions as an IN list took ~3 s a query at 10 M rows:
    slower than pandas)."""
    return (
        con.engine == "duckdb"
        and suite.incremental
        and set(suite.prepare.values()) <= PREPARED_IN_SQL
        and not references
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _stripped(column: str) -> str:
    return f'trim(cast("{column}" as varchar))'


def prepared_select(columns: list[str], suite, read: set[str]) -> str:
    """The select list of ``columns``, each cast as the expectations that ``read`` it need."""
    listed = []
    for column in columns:
        how = suite.prepare.get(column)
        cast = how and ({column, f"{column}_extension"} & read or how == "presence")
        if not cast:
            listed.append(f'"{column}"')
        elif how == "number":
            listed.append(f'try_cast({_stripped(column)} as double) as "{column}"')
        elif how == "datetime":
            listed.append(f'try_cast({_stripped(column)} as timestamp) as "{column}"')
        elif how == "extension":
            extension = f"regexp_extract({_stripped(column)}, {_literal(CHANNEL_EXTENSION.pattern)}, 1)"
            listed.append(f'"{column}"')
            listed.append(f"nullif({extension}, '') as \"{column}_extension\"")  # no match: ''
        elif how == "presence":
            listed.append(f'case when "{column}" is null then null else \'\' end as "{column}"')
        else:
            listed.append(f'{how}({_stripped(column)}) as "{column}"')
    return ", ".join(listed)


def inlined(sql: str, params: list) -> str:
    """``sql`` with each ``?`` replaced by its parameter as a quoted literal (a quote in it
    doubled): GX takes a query as text. ``sql`` itself holds no other ``?``."""
    parts = sql.split("?")
    if len(parts) != len(params) + 1:
        raise ValueError(f"{len(params)} parameters for {len(parts) - 1} placeholders")
    out = [parts[0]]
    for value, part in zip(params, parts[1:], strict=True):
        out += [_literal(str(value)), part]
    return "".join(out)


def batch_definition(context, con: Connection, name: str, query: str):
    """A whole-query batch of the warehouse that ``con`` is open on, for ``context``."""
    import duckdb_engine

    _keep_one_connection()
    source = context.data_sources.add_sql(
        "warehouse",
        connection_string="duckdb:///:memory:",  # the connection comes from ``creator``
        kwargs={"creator": lambda: duckdb_engine.ConnectionWrapper(con.raw.cursor())},
        create_temp_table=False,  # nothing written: the connection is read-only
    )
    return source, source.add_query_asset(name, query=query).add_batch_definition_whole_table("whole")
