"""Dagster's SQLite event log, without a new database engine and a synced commit per event.

Dagster's own SQLite event log storage opens a new SQLAlchemy engine and connection for
every event it stores and commits each with a full sync to disk. A run of autokpi stores
about 800 events (a step's start and end, every asset materialization and check, the
assets planned at the start), and that alone took 8 of the 27 seconds of a run on a small
inbox. This one keeps one connection per database file open for the life of the
instance and lets SQLite write ahead (WAL, synced at checkpoints): the same files, the
same tables, read by the Dagster UI as before. A power cut may lose the last events of a
run's history; the warehouse itself is DuckDB's and does not depend on them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage
from dagster._core.storage.sql import create_engine
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine


def _write_ahead(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("pragma journal_mode=wal")
    cursor.execute("pragma synchronous=normal")
    cursor.close()


class QuickSqliteEventLogStorage(SqliteEventLogStorage):
    """Dagster's per-run SQLite event log, one open connection per database file."""

    def __init__(self, base_dir: str, inst_data=None):
        self._engines: dict[str, Engine] = {}
        self._tables_found: set[str] = set()
        super().__init__(base_dir, inst_data)

    def has_table(self, table_name: str) -> bool:
        """Dagster asks whether a table exists before storing each asset check's result (a
        new engine and a look at the schema every time, ~1 s of a run's 300 checks). A
        table found stays found while the instance lives; one not found is asked again."""
        if table_name in self._tables_found:
            return True
        found = super().has_table(table_name)
        if found:
            self._tables_found.add(table_name)
        return found

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> QuickSqliteEventLogStorage:
        return cls(inst_data=inst_data, **config_value)

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            engine = self._engines.get(shard)
            if engine is None:
                engine = create_engine(
                    self.conn_string_for_shard(shard), connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS}
                )
                event.listen(engine, "connect", _write_ahead)
                if shard not in self._initialized_dbs:
                    self._initdb(engine)
                    self._initialized_dbs.add(shard)
                self._engines[shard] = engine
            with engine.connect() as conn, conn.begin():
                yield conn

    def dispose(self) -> None:
        super().dispose()
        with self._db_lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()
