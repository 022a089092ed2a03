"""Where the warehouse is and how every part reaches it: a DuckDB file, or PostgreSQL.

One setting, ``DBT_TARGET`` (``duckdb``, the default, or ``postgres``), switches the whole
pipeline: dlt's destination, dbt's target (profiles.yml reads the same variable), and the
readers outside dbt (quality checks, quarantine report, exports, dashboards, period
close, the call scorer). PostgreSQL is reached with libpq's own variables (``PGHOST``,
``PGPORT``, ``PGUSER``, ``PGPASSWORD``, ``PGDATABASE``), which dbt's profile reads too.

The warehouse *path* stays the run's home either way: the dashboards, exports, lock and
dlt's working state live beside it; on PostgreSQL the file itself is never created.

Readers write SQL that both engines understand, with ``?`` placeholders (translated to
psycopg2's ``%s``; so a literal ``?`` inside a string of a parameterised statement is not
supported, and none of autokpi's SQL has one).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from core import settings

TARGET_ENV = "DBT_TARGET"
TARGETS = ("duckdb", "postgres")
ENGINE_NAMES = {"duckdb": "DuckDB", "postgres": "PostgreSQL"}
# the file formats dlt loads through: Parquet into DuckDB, CSV (COPY) into PostgreSQL
LOADER_FILE_FORMATS = {"duckdb": "parquet", "postgres": "csv"}


class TargetError(ValueError):
    """A target setting that cannot work; the message says which variable to fix."""


def target() -> str:
    value = settings.raw(TARGET_ENV)
    if value not in TARGETS:
        raise TargetError(
            f"{TARGET_ENV}={value!r} is not a target autokpi knows: use one of {', '.join(TARGETS)}"
        )
    return value


@dataclass(frozen=True)
class PostgresSettings:
    host: str
    port: int
    user: str
    password: str
    database: str
    connect_timeout: int  # seconds (PGCONNECT_TIMEOUT); libpq waits for ever when given none

    @classmethod
    def from_env(cls) -> PostgresSettings:
        port = settings.raw("PGPORT")
        if not port.isdigit():
            raise TargetError(f"PGPORT={port!r} is not a port number")
        return cls(
            host=settings.raw("PGHOST"),
            port=int(port),
            user=settings.raw("PGUSER"),
            password=settings.raw("PGPASSWORD"),
            database=settings.raw("PGDATABASE"),
            connect_timeout=settings.get("PGCONNECT_TIMEOUT"),
        )

    def describe(self) -> str:
        """Where it points, without the password (for messages and logs)."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.database}"


def exists(warehouse: Path) -> bool:
    """Whether there is a warehouse to read yet (a PostgreSQL database is assumed to be)."""
    return warehouse.exists() if target() == "duckdb" else True


def not_a_warehouse(warehouse: Path) -> str | None:
    """Why ``warehouse`` cannot be opened as a DuckDB warehouse (a folder, or a file of
    another kind given by mistake), in a sentence; None when it can or does not exist yet."""
    if target() != "duckdb" or not warehouse.exists():
        return None
    if warehouse.is_dir():
        return (
            f"{warehouse} is a folder; --warehouse (or AUTOKPI_WAREHOUSE) takes the warehouse file, "
            f"e.g. {warehouse / 'autokpi.duckdb'}"
        )
    with warehouse.open("rb") as fh:
        head = fh.read(12)
    if head[8:12] == b"DUCK":  # DuckDB's magic bytes, after the header's checksum
        return None
    kind = "an empty file" if not head else "a file of another kind"
    return (
        f"{warehouse} is not a DuckDB database but {kind}; give --warehouse (or AUTOKPI_WAREHOUSE) "
        "an autokpi warehouse, or a file name not taken yet to start one"
    )


# every schema autokpi writes: dlt's raw datasets (and their _staging twins), dbt's layers,
# the seeds, and the frozen statements of closed months
OWN_SCHEMAS = ("staging", "intermediate", "marts", "config", "closing", "raw_checks", "quality")


def start_over(warehouse: Path) -> None:
    """Remove everything autokpi wrote to the warehouse (the demo starts from nothing):
    the DuckDB file, or autokpi's schemas in the PostgreSQL database."""
    if target() == "duckdb":
        for path in (warehouse, warehouse.with_name(warehouse.name + ".wal")):
            path.unlink(missing_ok=True)
        return
    with connect(warehouse, read_only=False) as con:
        schemas = [
            r[0]
            for r in con.execute("select schema_name from information_schema.schemata").fetchall()
            if r[0].startswith("raw_") or r[0] in OWN_SCHEMAS
        ]
        for schema in schemas:
            con.execute(f'drop schema "{schema}" cascade')


def state_suffix() -> str:
    """Tells dlt's working state of one target (and database) from another's."""
    if target() == "duckdb":
        return ""
    return f".postgres-{PostgresSettings.from_env().database}"


def describe(warehouse: Path) -> str:
    return str(warehouse) if target() == "duckdb" else PostgresSettings.from_env().describe()


MEMORY_LIMIT_ENV = "AUTOKPI_DUCKDB_MEMORY_LIMIT"


def duckdb_memory_limit() -> str:
    """DuckDB's memory limit for every connection autokpi opens (dbt's profile reads the
    same variable). DuckDB would take 80 % of the machine otherwise; past the limit it
    spills to disk. At 10 M call rows this held dbt to 2.4 GB instead of 11.7 GB."""
    return settings.raw(MEMORY_LIMIT_ENV)


def dlt_destination(warehouse: Path):
    """dlt's destination for the current target."""
    import dlt

    if target() == "duckdb":
        from dlt.destinations.impl.duckdb.configuration import DuckDbCredentials

        credentials = DuckDbCredentials(str(warehouse), global_config={"memory_limit": duckdb_memory_limit()})
        return dlt.destinations.duckdb(credentials)
    from dlt.sources.credentials import ConnectionStringCredentials

    pg = PostgresSettings.from_env()
    credentials = ConnectionStringCredentials()
    credentials.drivername = "postgresql"
    credentials.host, credentials.port = pg.host, pg.port
    credentials.username, credentials.password, credentials.database = pg.user, pg.password, pg.database
    return dlt.destinations.postgres(credentials=credentials)


def loader_file_format() -> str:
    return LOADER_FILE_FORMATS[target()]


_TEXT_AND_WHOLE_NUMBERS = {"VARCHAR", "TINYINT", "SMALLINT", "INTEGER", "BIGINT"}


class Result:
    """Rows of one statement: ``fetchall``, ``fetchone``, ``df`` on either engine."""

    def __init__(self, cursor, engine: str):
        self._cursor, self._engine = cursor, engine
        self.columns = [d[0] for d in cursor.description] if cursor.description else []

    def fetchall(self) -> list[tuple]:
        return self._cursor.fetchall() if self.columns else []

    def fetchone(self) -> tuple | None:
        return self._cursor.fetchone() if self.columns else None

    def text_df(self):
        """``df()`` for a read of text and whole-number columns (raw tables), through Arrow
        on DuckDB: four times faster at millions of rows (2.6 → 0.6 s for three million call
        records) and the same dtypes. Other columns, or PostgreSQL: ``df()``."""
        types = {str(d[1]) for d in self._cursor.description or []} if self._engine == "duckdb" else {"?"}
        if not types <= _TEXT_AND_WHOLE_NUMBERS:
            return self.df()
        import warnings

        import numpy as np
        import pandas as pd
        import pyarrow as pa

        with warnings.catch_warnings():  # "an extra copy of the rows": measured, and still fast
            warnings.simplefilter("ignore", UserWarning)
            table = self._cursor.to_arrow_table()
        text = pd.StringDtype(na_value=np.nan)  # as df() gives text: missing is NaN

        def as_df_gives(arrow_type):
            if (
                pa.types.is_string(arrow_type)
                or pa.types.is_large_string(arrow_type)
                or pa.types.is_string_view(arrow_type)
            ):
                return text
            return (
                pd.api.types.pandas_dtype(f"Int{arrow_type.bit_width}")
                if pa.types.is_signed_integer(arrow_type)
                else None
            )

        # each column handed over and its Arrow buffers freed as it goes: one copy at a time
        frame = table.to_pandas(types_mapper=as_df_gives, self_destruct=True, split_blocks=True)
        del table
        for name in frame.columns:  # whole numbers with nothing missing: numpy's, as df() gives them
            nullable = not isinstance(frame[name].dtype, np.dtype)
            if nullable and pd.api.types.is_integer_dtype(frame[name].dtype) and not frame[name].isna().any():
                frame[name] = frame[name].astype(frame[name].dtype.numpy_dtype)
        return frame

    def df(self):
        if self._engine == "duckdb":
            return self._cursor.df()  # DuckDB's own, column by column: fast at millions of rows
        import pandas as pd

        frame = pd.DataFrame.from_records(self.fetchall(), columns=self.columns)
        for column in frame.columns:  # as DuckDB gives them: numbers, not Decimal objects
            if frame[column].map(lambda v: isinstance(v, Decimal)).any():
                frame[column] = frame[column].astype(float)
        return frame


class Connection:
    """A connection to the warehouse with one small interface over DuckDB and psycopg2."""

    def __init__(self, raw, engine: str):
        self.raw, self.engine = raw, engine

    def execute(self, sql: str, params=None) -> Result:
        if self.engine == "duckdb":
            cursor = self.raw.execute(sql, list(params or []))
        else:
            cursor = self.raw.cursor()
            if params:
                cursor.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(params))
            else:  # psycopg2 reads % as a placeholder only when given parameters
                cursor.execute(sql)
        return Result(cursor, self.engine)

    def executemany(self, sql: str, rows: list) -> None:
        if not rows:
            return
        if self.engine == "duckdb":
            self.raw.executemany(sql, [list(r) for r in rows])
        else:
            self.raw.cursor().executemany(sql.replace("%", "%%").replace("?", "%s"), [tuple(r) for r in rows])

    def stream(self, sql: str, params=None, size: int = 5000) -> Iterator[list[tuple]]:
        """Rows in batches of ``size``, without holding the whole result in memory."""
        if self.engine == "duckdb":
            cursor = self.raw.execute(sql, list(params or []))
        else:  # a server-side cursor: PostgreSQL sends the rows as they are fetched
            cursor = self.raw.cursor(name="autokpi_stream")
            cursor.itersize = size
            cursor.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(params or ()))
        while batch := cursor.fetchmany(size):
            yield batch

    def content_hash(self, schema: str, table: str, columns: list[str]) -> tuple[int, str]:
        """The table's row count and the sum of a hash of each row's ``columns``, worked out
        in the database: it moves when any of their values moves, in any row, whatever the
        rows' order. (Read into Python and hashed there, 933 k call scores took 10.9 s.)"""
        if not columns:
            (count,) = self.execute(f"select count(*) from {schema}.{table}").fetchone()
            return count, ""
        count, total = self.execute(
            f"select count(*), cast(sum({self._row_hash(columns)}) as varchar) from {schema}.{table}"
        ).fetchone()
        return count, total or ""

    def _row_hash(self, columns: list[str]) -> str:
        listing = ", ".join(f'"{c}"' for c in columns)
        if self.engine == "duckdb":
            return f"hash({listing})"
        return f"hashtextextended(cast(row({listing}) as text), 0)"  # PostgreSQL 11+

    def content_hashes(self, schema: str, table: str, columns: list[str], by: str) -> dict:
        """:meth:`content_hash` of each value of column ``by``: {value: (rows, sum)}."""
        total = f"cast(sum({self._row_hash(columns)}) as varchar)"
        rows = self.execute(
            f'select "{by}", count(*), {total} from {schema}.{table} group by "{by}"'
        ).fetchall()
        return {value: (count, total or "") for value, count, total in rows}

    def table_exists(self, schema: str, table: str) -> bool:
        return bool(
            self.execute(
                "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
                [schema, table],
            ).fetchone()[0]
        )

    def columns(self, schema: str, table: str) -> list[str]:
        return [
            r[0]
            for r in self.execute(
                "select column_name from information_schema.columns "
                "where table_schema = ? and table_name = ? order by ordinal_position",
                [schema, table],
            ).fetchall()
        ]


@contextmanager
def connect(warehouse: Path, read_only: bool = True) -> Iterator[Connection]:
    """A connection for one job; writes are committed when the block ends without error."""
    if target() == "duckdb":
        import duckdb

        config = {"memory_limit": duckdb_memory_limit()}
        raw = duckdb.connect(str(warehouse), read_only=read_only, config=config)
        try:
            yield Connection(raw, "duckdb")
        finally:
            raw.close()
        return
    import psycopg2

    pg = PostgresSettings.from_env()
    try:
        raw = psycopg2.connect(
            host=pg.host,
            port=pg.port,
            user=pg.user,
            password=pg.password,
            dbname=pg.database,
            connect_timeout=pg.connect_timeout,
        )
    except psycopg2.OperationalError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        if first_line.endswith("timeout expired"):
            first_line = f"no answer within {pg.connect_timeout} s (PGCONNECT_TIMEOUT sets the wait)"
        raise TargetError(f"cannot reach the PostgreSQL warehouse {pg.describe()}: {first_line}") from None
    raw.set_session(readonly=read_only)
    try:
        yield Connection(raw, "postgres")
        raw.commit()
    except BaseException:
        raw.rollback()
        raise
    finally:
        raw.close()
