"""Period close: freeze a month's bonus statements in an append-only history.

``autokpi close --month 2026-10`` copies the month's rows of ``marts.mart_bonus_monthly``,
``marts.mart_kpi_monthly`` and the corrections paid in it (``marts.mart_bonus_adjustments``)
into the ``closing`` schema with who (``--by``, the operating-system user, the Dagster run),
when and which version of the KPI scheme. dbt reads that schema as a source: a closed month
is shown from it and never recomputed; late data for it becomes an adjustment in the next
open month. Nothing here deletes or updates a frozen row: reopening appends a ``reopen``
event with its reason.

Every frozen row carries a digest of its values, and every event a digest chained over
the events before it and its rows' digests. ``verify_closing`` recomputes them all (every
run does, before dbt): a frozen row changed by hand stops the run, naming the month and
the employee.
"""

from __future__ import annotations

import getpass
import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from core.errors import UserFacingError
from core.paths import SCHEME_FILES, SEEDS_DIR, scheme_dir
from core.warehouse import Connection, connect

SCHEMA = "closing"

# (table, [(column, type)]): what a close freezes; row_digest is added to each
EVENT_COLUMNS = [
    ("event_id", "varchar primary key"), ("month", "date not null"), ("action", "varchar not null"),
    ("reason", "varchar"), ("actor", "varchar not null"), ("occurred_at", "timestamp not null"),
    ("scheme_version", "varchar not null"), ("os_user", "varchar"), ("dagster_run_id", "varchar"),
    ("digest", "varchar"),
]  # fmt: skip
BONUS_COLUMNS = [
    ("month", "date"), ("employee_id", "varchar"), ("full_name", "varchar"), ("department_id", "varchar"),
    ("role", "varchar"), ("base_bonus", "decimal(18, 2)"), ("total_score", "decimal(38, 16)"),
    ("gate_factor", "decimal(38, 12)"), ("quality_multiplier", "decimal(38, 12)"),
    ("bonus_amount", "decimal(18, 2)"), ("adjustment_amount", "decimal(18, 2)"),
    ("payout_amount", "decimal(18, 2)"), ("computed_at", "timestamp"), ("gate_kpi_code", "varchar"),
    ("gate_min_achievement", "decimal(9, 4)"), ("gate_achievement", "decimal(38, 12)"),
    ("gate_note", "varchar"), ("multiplier_code", "varchar"), ("multiplier_kpi_code", "varchar"),
    ("multiplier_input", "decimal(38, 12)"), ("scheme_fingerprint", "varchar"),
]  # fmt: skip
KPI_COLUMNS = [
    ("month", "date"), ("employee_id", "varchar"), ("department_id", "varchar"), ("kpi_code", "varchar"),
    ("actual_value", "decimal(38, 12)"), ("target_value", "decimal(38, 12)"),
    ("achievement", "decimal(38, 12)"), ("coefficient", "decimal(38, 12)"), ("weight", "decimal(9, 4)"),
    ("weighted_score", "decimal(38, 16)"), ("scale_kind", "varchar"), ("threshold", "decimal(9, 4)"),
    ("cap", "decimal(9, 4)"), ("to_threshold", "decimal(38, 16)"), ("to_cap", "decimal(38, 16)"),
    ("target_prorate_factor", "decimal(38, 12)"), ("note", "varchar"), ("to_gate", "decimal(38, 16)"),
]  # fmt: skip
# mart_bonus_adjustments' columns under the names closing.bonus_adjustments has had since v1
ADJUSTMENT_COLUMNS = [
    ("paid_in_month", "date"), ("for_month", "date"), ("employee_id", "varchar"),
    ("amount", "decimal(18, 2)"), ("reason", "varchar"), ("cause", "varchar"), ("kpi_codes", "varchar"),
]  # fmt: skip
ADJUSTMENT_SOURCE = {
    "amount": "adjustment_amount",
    "reason": "adjustment_reason",
    "cause": "adjustment_cause",
}
FROZEN = {
    "bonus_statements": ("mart_bonus_monthly", "month", BONUS_COLUMNS),
    "kpi_statements": ("mart_kpi_monthly", "month", KPI_COLUMNS),
    "bonus_adjustments": ("mart_bonus_adjustments", "paid_in_month", ADJUSTMENT_COLUMNS),
}


class PeriodCloseError(UserFacingError):
    """A close or reopen that must not happen, with the reason in one line."""


class ClosedMonthChanged(UserFacingError):
    """A frozen row or close event no longer matches its digest."""


@dataclass(frozen=True)
class CloseResult:
    month: date
    action: str
    event_id: str
    employees: int
    total_payout: Decimal
    scheme_version: str
    digest: str


def parse_month(text: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}", text or ""):
        raise PeriodCloseError(f"month must be YYYY-MM, got {text!r}")
    year, month = map(int, text.split("-"))
    if not 1 <= month <= 12:
        raise PeriodCloseError(f"month must be YYYY-MM, got {text!r}")
    return date(year, month, 1)


def scheme_version(folder: Path | None = None) -> str:
    """A short hash of the KPI codes and the scheme files: which scheme a close was made with."""
    folder = folder or scheme_dir()
    h = hashlib.sha256()
    for path in [SEEDS_DIR / "kpi_codes.csv", *(folder / name for name in SCHEME_FILES)]:
        h.update(path.name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    return h.hexdigest()[:12]


def _canonical(value) -> str:
    """One spelling per value on every engine: 1.50 and 1.5000 are the same number."""
    if value is None:
        return "\u2400"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def row_digest(values) -> str:
    return hashlib.sha256("\x1f".join(_canonical(v) for v in values).encode()).hexdigest()


def event_digest(previous: str, event: tuple, row_digests: list[str]) -> str:
    h = hashlib.sha256(previous.encode())
    h.update(("\x1e" + "\x1f".join(_canonical(v) for v in event)).encode())
    for digest in sorted(row_digests):
        h.update(b"\x1d" + digest.encode())
    return h.hexdigest()


def ensure_schema(con: Connection) -> None:
    """Create the closing tables, or bring older ones up to today's columns and types."""
    con.execute(f"create schema if not exists {SCHEMA}")
    con.execute(
        f"create table if not exists {SCHEMA}.period_events ("
        + ", ".join(f"{c} {t}" for c, t in EVENT_COLUMNS)
        + ")"
    )
    events = {c for c in con.columns(SCHEMA, "period_events")}
    for column, kind in EVENT_COLUMNS:  # columns added since: no constraint on older rows
        if column not in events:
            plain = kind.replace(" primary key", "").replace(" not null", "")
            con.execute(f"alter table {SCHEMA}.period_events add column {column} {plain}")
    for table, (_, _, columns) in FROZEN.items():
        spec = ", ".join(f"{c} {t}" for c, t in columns)
        con.execute(
            f"create table if not exists {SCHEMA}.{table} "
            f"(event_id varchar not null, {spec}, row_digest varchar)"
        )
        existing = _column_types(con, table)
        for column, kind in [*columns, ("row_digest", "varchar")]:
            if column not in existing:
                con.execute(f"alter table {SCHEMA}.{table} add column {column} {kind}")
            elif kind.startswith("decimal") and existing[column] != _precision_scale(kind):
                # widened since this table was made: older closes keep their digits
                con.execute(f"alter table {SCHEMA}.{table} alter column {column} type {kind}")


def _precision_scale(kind: str) -> tuple[int, int]:
    precision, scale = re.findall(r"\d+", kind)
    return int(precision), int(scale)


def _column_types(con: Connection, table: str) -> dict[str, tuple | None]:
    """Column → (precision, scale) of a closing table (None for a column that is not a number)."""
    rows = con.execute(
        "select column_name, numeric_precision, numeric_scale from information_schema.columns "
        "where table_schema = ? and table_name = ?",
        [SCHEMA, table],
    ).fetchall()
    return {name: (precision, scale) if precision is not None else None for name, precision, scale in rows}


def latest_event(con: Connection, month: date):
    return con.execute(
        f"select action, occurred_at, actor, reason from {SCHEMA}.period_events "
        "where month = ? order by occurred_at desc, event_id desc limit 1",
        [month],
    ).fetchone()


def closed_months(con: Connection) -> set[date]:
    """The months closed now: those whose latest event is a close (a reopened month is not)."""
    if not con.table_exists(SCHEMA, "period_events"):
        return set()
    rows = con.execute(f"select month, action from {SCHEMA}.period_events order by occurred_at, event_id")
    latest = {month: action for month, action in rows.fetchall()}
    return {month for month, action in latest.items() if action == "close"}


def _events(con: Connection) -> list[tuple]:
    return con.execute(
        f"select {', '.join(c for c, _ in EVENT_COLUMNS)} from {SCHEMA}.period_events "
        "order by occurred_at, event_id"
    ).fetchall()


def _frozen_rows(con: Connection, table: str, event_id: str | None = None) -> list[tuple]:
    """(event_id, row_digest, employee_id, month, values...) of a closing table."""
    _, month_column, columns = FROZEN[table]
    names = ", ".join(c for c, _ in columns)
    where, params = ("where event_id = ?", [event_id]) if event_id else ("", [])
    return con.execute(
        f"select event_id, row_digest, employee_id, {month_column}, {names} from {SCHEMA}.{table} {where}",
        params,
    ).fetchall()


def _chain_head(con: Connection) -> str:
    events = _events(con)
    return (events[-1][-1] or "") if events else ""


def _append_event(
    con: Connection, month: date, action: str, actor: str, reason: str | None, run_id: str | None
) -> tuple[str, tuple]:
    event = (
        uuid.uuid4().hex,
        month,
        action,
        reason,
        actor,
        datetime.now(UTC).replace(tzinfo=None),
        scheme_version(),
        getpass.getuser(),
        run_id,
    )
    return event[0], event


def _seal(con: Connection, event: tuple, row_digests: list[str]) -> str:
    digest = event_digest(_chain_head(con), event, row_digests)
    placeholders = ", ".join("?" for _ in EVENT_COLUMNS)
    con.execute(f"insert into {SCHEMA}.period_events values ({placeholders})", [*event, digest])
    return digest


def close_month(
    warehouse: Path, month: date, actor: str | None = None, run_id: str | None = None
) -> CloseResult:
    """Freeze ``month``: refuse if it is closed already or has no computed bonus rows."""
    actor = actor or getpass.getuser()
    with connect(warehouse, read_only=False) as con:
        ensure_schema(con)
        verify_closing(con)
        last = latest_event(con, month)
        if last and last[0] == "close":
            raise PeriodCloseError(
                f"{month:%Y-%m} is already closed (on {last[1]:%Y-%m-%d %H:%M} UTC by {last[2]}); "
                f'to change it, reopen first: autokpi close --month {month:%Y-%m} --reopen --reason "..."'
            )
        count, payout = con.execute(
            "select count(*), coalesce(sum(payout_amount), 0) from marts.mart_bonus_monthly "
            "where month = ? and period_status = 'open'",
            [month],
        ).fetchone()
        if not count:
            raise PeriodCloseError(
                f"no bonus rows for {month:%Y-%m}: run the pipeline on that month's data first"
            )
        event_id, event = _append_event(con, month, "close", actor, None, run_id)
        digests: list[str] = []
        con.execute("begin transaction")
        for table, (mart, month_column, columns) in FROZEN.items():
            names = [ADJUSTMENT_SOURCE.get(c, c) for c, _ in columns]
            rows = con.execute(
                f"select {', '.join(names)} from marts.{mart} where {month_column} = ?", [month]
            ).fetchall()
            sealed = [(event_id, *row, row_digest(row)) for row in rows]
            digests += [r[-1] for r in sealed]
            placeholders = ", ".join("?" for _ in range(len(columns) + 2))
            con.executemany(
                f"insert into {SCHEMA}.{table} (event_id, {', '.join(c for c, _ in columns)}, row_digest) "
                f"values ({placeholders})",
                sealed,
            )
        digest = _seal(con, event, digests)
        con.execute("commit")
        return CloseResult(month, "close", event_id, count, Decimal(payout), event[6], digest)


def reopen_month(
    warehouse: Path, month: date, reason: str, actor: str | None = None, run_id: str | None = None
) -> CloseResult:
    """Reopen a closed month; the reason is required and recorded. Frozen rows stay in history."""
    actor = actor or getpass.getuser()
    if not (reason or "").strip():
        raise PeriodCloseError('reopening a closed month needs a reason: --reason "..."')
    with connect(warehouse, read_only=False) as con:
        ensure_schema(con)
        verify_closing(con)
        last = latest_event(con, month)
        if not last or last[0] != "close":
            raise PeriodCloseError(f"{month:%Y-%m} is not closed: nothing to reopen")
        event_id, event = _append_event(con, month, "reopen", actor, reason.strip(), run_id)
        digest = _seal(con, event, [])
        return CloseResult(month, "reopen", event_id, 0, Decimal(0), event[6], digest)


def verify_closing(con: Connection) -> int:
    """Recompute every frozen row's digest and the chain over the close events; raise
    ``ClosedMonthChanged`` naming the month and employee of the first row that changed.
    Closes made before digests were kept are sealed once, as they are now. Returns the
    number of events checked."""
    if not con.table_exists(SCHEMA, "period_events"):
        return 0
    if "digest" not in con.columns(SCHEMA, "period_events"):
        return 0  # written by an older autokpi and not yet migrated: the next close seals it
    rows_by_event: dict[str, list[str]] = {}
    for table in FROZEN:
        if "row_digest" not in con.columns(SCHEMA, table):
            continue
        for event_id, stored, employee_id, month, *values in _frozen_rows(con, table):
            actual = row_digest(values)
            if stored is None:  # frozen before digests were kept
                rows_by_event.setdefault(event_id, []).append(actual)
                continue
            if stored != actual:
                raise ClosedMonthChanged(
                    f"closed month {month:%Y-%m} was changed after its close: the frozen row of employee "
                    f"{employee_id} in {SCHEMA}.{table} no longer matches its digest; restore the "
                    "warehouse from a backup (a closed month never changes; late data becomes an "
                    "adjustment in the next open month)"
                )
            rows_by_event.setdefault(event_id, []).append(stored)
    previous = ""
    for *event, digest in _events(con):
        expected = event_digest(previous, tuple(event), rows_by_event.get(event[0], []))
        if digest is None:  # an event from before digests: sealed once, as it stands
            con.execute(
                f"update {SCHEMA}.period_events set digest = ? where event_id = ?", [expected, event[0]]
            )
            digest = expected
        elif digest != expected:
            raise ClosedMonthChanged(
                f"the close history of {event[1]:%Y-%m} was changed after it was written (event "
                f"{event[0][:8]}, {event[2]} by {event[4]}): rows were added, removed or altered in "
                f"{SCHEMA}; restore the warehouse from a backup"
            )
        previous = digest
    return len(rows_by_event)


def verify_warehouse(warehouse: Path) -> None:
    """``verify_closing`` on a warehouse file or server (read-write: old closes get sealed)."""
    from core.warehouse import exists

    if not exists(warehouse):
        return
    with connect(warehouse, read_only=False) as con:
        if con.table_exists(SCHEMA, "period_events"):
            ensure_schema(con)
            verify_closing(con)
