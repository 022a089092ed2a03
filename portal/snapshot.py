"""What the portal reads: the published snapshot of the marts (``serving/<name>_marts.duckdb``),
never the warehouse, so a signed-in reader never blocks a run.

A run replaces the snapshot file by renaming a new one into place; the reader notices the
new file (its inode changes) and reopens, so every request sees one whole snapshot. What
it read from one snapshot (people, statements) is kept until the next one: a snapshot
never changes, and a statement page is read many times between two runs.

On the PostgreSQL target there is no file: ``PostgresMartsReader`` reads the ``marts``
schema on the server in read-only transactions (a reader never blocks a run there either),
and the build time the marts carry (``mart_bonus_monthly.computed_at``) stands for the
inode: a new build is a new snapshot. ``open_reader`` picks the one for the target.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import duckdb

from core.errors import UserFacingError
from dashboards.data import SiteData


class SnapshotMissingError(UserFacingError):
    pass


def _rows(cursor, sql: str, params=None) -> list[dict]:
    cursor.execute(sql, params or [])
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


class SnapshotReader:
    def __init__(self, path: Path | None):
        self.path = path
        self._lock = threading.Lock()
        self._con = None
        self._inode = None  # the snapshot's version last read: the file's inode (the build time on PG)
        self._cache: dict = {}  # (version, what, key) → rows read from that snapshot
        if path is not None and not path.exists():
            raise SnapshotMissingError(
                f"there is no published snapshot of the marts at {path}: run `autokpi run` "
                "(or make demo) first; the portal reads what a run publishes"
            )

    def _version(self):
        """What changes when a run publishes new marts: the snapshot file's inode."""
        return self.path.stat().st_ino

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            inode = self.path.stat().st_ino
            if self._con is None or inode != self._inode:
                if self._con is not None:
                    self._con.close()
                self._cache.clear()
                # attached to an in-memory database of its own: duckdb.connect(path) would hand
                # back the process's cached instance of the old file while anything still holds it
                self._con = duckdb.connect()
                quoted = str(self.path).replace("'", "''")
                self._con.execute(f"attach '{quoted}' as snapshot (read_only)")
                self._inode = inode
            cursor = self._con.cursor()
            cursor.execute("use snapshot")
            return cursor

    def _cached(self, what: str, key, read):
        """``read(cursor)`` once per snapshot; the snapshot's inode is part of the key, so a
        read that raced a reopen never serves the new snapshot's requests."""
        version = self._version()  # outside the lock: on the server it is a query
        with self._lock:
            entry = (version, what, key)
            if entry in self._cache:
                return self._cache[entry]
        cursor = self._cursor()
        try:
            entry = (self._inode, what, key)
            value = read(cursor)
        finally:
            cursor.close()
        with self._lock:
            if len(self._cache) > 10_000:  # bounded: a year of a thousand people's statements
                self._cache.clear()
            self._cache[entry] = value
        return value

    def _people(self) -> dict[str, dict]:
        return self._cached(
            "people",
            None,
            lambda cur: {r["employee_id"]: r for r in _rows(cur, "select * from marts.dim_employee")},
        )

    def person(self, employee_id: str) -> dict | None:
        return self._people().get(employee_id)

    def people(self) -> list[dict]:
        """The directory, by employee id."""
        return [person for _, person in sorted(self._people().items())]

    def statements(self) -> list[dict]:
        """Every (month, employee) with a bonus row, newest month first: the portal's index."""
        return self._cached(
            "statements",
            None,
            lambda cur: _rows(
                cur,
                "select b.month, b.employee_id, b.full_name, b.department_id, d.department_name, "
                "b.period_status, b.payout_amount from marts.mart_bonus_monthly as b "
                "left join marts.dim_department as d using (department_id) "
                "order by b.month desc, b.department_id, b.employee_id",
            ),
        )

    def months(self) -> list[dict]:
        """Each month with statements: its status, how many and the payout, newest first."""
        return self._cached(
            "months",
            None,
            lambda cur: _rows(
                cur,
                "select month, min(period_status) as period_status, count(*) as statements, "
                "sum(payout_amount) as payout from marts.mart_bonus_monthly "
                "group by month order by month desc",
            ),
        )

    def statement(self, month: date, employee_id: str) -> SiteData | None:
        """The rows one statement shows, as the site's data (its template reads those)."""
        return self._cached(
            "statement", (month, employee_id), lambda cur: self._read_statement(cur, month, employee_id)
        )

    @staticmethod
    def _read_statement(cur, month: date, employee_id: str) -> SiteData | None:
        data = SiteData(month=month)
        args = [month, employee_id]
        data.statements = _rows(
            cur,
            "select * from marts.mart_bonus_statements where month = ? and employee_id = ? order by kpi_code",
            args,
        )
        if not data.statements:
            return None
        data.bonus = _rows(
            cur, "select * from marts.mart_bonus_monthly where month = ? and employee_id = ?", args
        )
        data.adjustments = _rows(
            cur,
            "select * from marts.mart_bonus_adjustments where paid_in_month = ? and employee_id = ? "
            "order by for_month",
            args,
        )
        data.employees = {
            r["employee_id"]: r
            for r in _rows(cur, "select * from marts.dim_employee where employee_id = ?", [employee_id])
        }
        data.departments = {r["department_id"]: r for r in _rows(cur, "select * from marts.dim_department")}
        data.kpi_names = {
            r["kpi_code"]: {"ru": r["kpi_name_ru"], "en": r["kpi_name_en"]} for r in data.statements
        }
        return data

    def is_missed_call_of(self, call_id: str, employee_id: str) -> bool:
        """Whether ``call_id`` is a missed call counted for ``employee_id`` now (or was, until a
        dispute excluded it): what an exclusion by dispute may take off."""
        cursor = self._cursor()
        try:
            cursor.execute(
                "select count(*) from marts.fct_calls where call_id = ? and is_missed "
                "and (employee_id = ? or missed_excluded_by_dispute is not null)",
                [call_id, employee_id],
            )
            return cursor.fetchone()[0] > 0
        finally:
            cursor.close()

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


class _QmarkCursor:
    """A psycopg2 cursor that takes the ``?`` placeholders the DuckDB reader's SQL uses."""

    def __init__(self, cursor):
        self._cursor = cursor

    def execute(self, sql: str, params=None):
        if params:
            return self._cursor.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(params))
        return self._cursor.execute(sql)

    def __getattr__(self, name):
        return getattr(self._cursor, name)


class PostgresMartsReader(SnapshotReader):
    """The marts on the PostgreSQL target's server, read as the DuckDB snapshot is read."""

    def __init__(self):
        from core.warehouse import PostgresSettings

        super().__init__(None)
        self.settings = PostgresSettings.from_env()

    def _connection(self):
        import psycopg2

        if self._con is None or self._con.closed:
            pg = self.settings
            try:
                self._con = psycopg2.connect(
                    host=pg.host, port=pg.port, user=pg.user, password=pg.password, dbname=pg.database
                )
            except psycopg2.OperationalError as error:
                reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
                raise SnapshotMissingError(f"cannot reach the marts on {pg.describe()}: {reason}") from None
            self._con.set_session(readonly=True, autocommit=True)
        return self._con

    def _version(self):
        import psycopg2.errors

        with self._lock:
            cursor = self._connection().cursor()
        try:
            cursor.execute("select max(computed_at) from marts.mart_bonus_monthly")
            return cursor.fetchone()[0]
        except psycopg2.errors.UndefinedTable:
            raise SnapshotMissingError(
                f"there are no marts on {self.settings.describe()} yet: run `autokpi run` first; "
                "the portal reads what a run builds"
            ) from None
        finally:
            cursor.close()

    def _cursor(self):
        version = self._version()
        with self._lock:
            if version != self._inode:
                self._cache.clear()
                self._inode = version
            return _QmarkCursor(self._connection().cursor())

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


def open_reader(warehouse: Path) -> SnapshotReader:
    """The portal's reader of the marts for the current target."""
    from core.paths import snapshot_path_for
    from core.warehouse import target

    return SnapshotReader(snapshot_path_for(warehouse)) if target() == "duckdb" else PostgresMartsReader()
