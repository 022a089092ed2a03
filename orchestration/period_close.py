"""Period close: freeze a month's bonus statements in an append-only history.

``autokpi close --month 2026-10`` copies the month's rows of ``marts.mart_bonus_monthly``
and ``marts.mart_kpi_monthly`` (and the late-data adjustments paid in it) into the
``closing`` schema with who, when and which version of the KPI scheme. dbt reads that
schema as a source: a closed month is shown from it and never recomputed; late data for
it becomes an adjustment in the next open month. Nothing here deletes or updates a row:
reopening appends a ``reopen`` event with its reason.
"""

from __future__ import annotations

import getpass
import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from ingestion.warehouse import Connection, connect
from orchestration.paths import DBT_PROJECT_DIR

SCHEMA = "closing"
DDL = [
    f"create schema if not exists {SCHEMA}",
    f"""create table if not exists {SCHEMA}.period_events (
        event_id varchar primary key, month date not null, action varchar not null,
        reason varchar, actor varchar not null, occurred_at timestamp not null,
        scheme_version varchar not null)""",
    f"""create table if not exists {SCHEMA}.bonus_statements (
        event_id varchar not null, month date not null, employee_id varchar not null,
        full_name varchar, department_id varchar, role varchar, base_bonus decimal(18, 2),
        total_score decimal(18, 6), gate_factor decimal(18, 6), quality_multiplier decimal(18, 6),
        bonus_amount decimal(18, 2), adjustment_amount decimal(18, 2), payout_amount decimal(18, 2),
        computed_at timestamp)""",
    f"""create table if not exists {SCHEMA}.kpi_statements (
        event_id varchar not null, month date not null, employee_id varchar not null,
        department_id varchar, kpi_code varchar not null, actual_value decimal(18, 4),
        target_value decimal(18, 4), achievement decimal(18, 6), coefficient decimal(18, 6),
        weight decimal(9, 4), weighted_score decimal(18, 6), scale_kind varchar,
        threshold decimal(9, 4), cap decimal(9, 4), to_threshold decimal(18, 4),
        to_cap decimal(18, 4), target_prorate_factor decimal(18, 6), note varchar)""",
    f"""create table if not exists {SCHEMA}.bonus_adjustments (
        event_id varchar not null, paid_in_month date not null, for_month date not null,
        employee_id varchar not null, amount decimal(18, 2), reason varchar)""",
]
BONUS_COLUMNS = (
    "month, employee_id, full_name, department_id, role, base_bonus, total_score, gate_factor, "
    "quality_multiplier, bonus_amount, adjustment_amount, payout_amount, computed_at"
)
KPI_COLUMNS = (
    "month, employee_id, department_id, kpi_code, actual_value, target_value, achievement, "
    "coefficient, weight, weighted_score, scale_kind, threshold, cap, to_threshold, to_cap, "
    "target_prorate_factor, note"
)
SCHEME_FILES = ("kpi_codes.csv", "kpi_scheme.csv", "kpi_corridors.csv", "bonus_base.csv",
                "bonus_gates.csv", "bonus_multipliers.csv")  # fmt: skip


class PeriodCloseError(RuntimeError):
    """A close or reopen that must not happen, with the reason in one line."""


@dataclass(frozen=True)
class CloseResult:
    month: date
    action: str
    event_id: str
    employees: int
    total_payout: float
    scheme_version: str


def parse_month(text: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}", text or ""):
        raise PeriodCloseError(f"month must be YYYY-MM, got {text!r}")
    year, month = map(int, text.split("-"))
    if not 1 <= month <= 12:
        raise PeriodCloseError(f"month must be YYYY-MM, got {text!r}")
    return date(year, month, 1)


def scheme_version(seeds_dir: Path = DBT_PROJECT_DIR / "seeds") -> str:
    """A short hash of the KPI scheme files: which scheme a closed statement was made with."""
    h = hashlib.sha256()
    for name in SCHEME_FILES:
        path = seeds_dir / name
        h.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    return h.hexdigest()[:12]


def ensure_schema(con: Connection) -> None:
    for statement in DDL:
        con.execute(statement)


def latest_event(con: Connection, month: date):
    return con.execute(
        f"select action, occurred_at, actor, reason from {SCHEMA}.period_events "
        "where month = ? order by occurred_at desc, event_id desc limit 1",
        [month],
    ).fetchone()


def _new_event(con, month: date, action: str, actor: str, reason: str | None) -> str:
    event_id = uuid.uuid4().hex
    con.execute(
        f"insert into {SCHEMA}.period_events values (?, ?, ?, ?, ?, ?, ?)",
        [
            event_id,
            month,
            action,
            reason,
            actor,
            datetime.now(UTC).replace(tzinfo=None),
            scheme_version(),
        ],
    )
    return event_id


def close_month(warehouse: Path, month: date, actor: str | None = None) -> CloseResult:
    """Freeze ``month``: refuse if it is closed already or has no computed bonus rows."""
    actor = actor or getpass.getuser()
    with connect(warehouse, read_only=False) as con:
        ensure_schema(con)
        last = latest_event(con, month)
        if last and last[0] == "close":
            raise PeriodCloseError(
                f"{month:%Y-%m} is already closed (on {last[1]:%Y-%m-%d %H:%M} UTC by {last[2]}); "
                f'to change it, reopen first: autokpi close --month {month:%Y-%m} --reopen --reason "..."'
            )
        rows = con.execute(
            "select count(*), coalesce(sum(payout_amount), 0) from marts.mart_bonus_monthly "
            "where month = ? and period_status = 'open'",
            [month],
        ).fetchone()
        if not rows[0]:
            raise PeriodCloseError(
                f"no bonus rows for {month:%Y-%m}: run the pipeline on that month's data first"
            )
        con.execute("begin transaction")
        event_id = _new_event(con, month, "close", actor, None)
        con.execute(
            f"insert into {SCHEMA}.bonus_statements select ? as event_id, {BONUS_COLUMNS} "
            "from marts.mart_bonus_monthly where month = ?",
            [event_id, month],
        )
        con.execute(
            f"insert into {SCHEMA}.kpi_statements select ? as event_id, {KPI_COLUMNS} "
            "from marts.mart_kpi_monthly where month = ?",
            [event_id, month],
        )
        con.execute(
            f"insert into {SCHEMA}.bonus_adjustments select ? as event_id, paid_in_month, for_month, "
            "employee_id, adjustment_amount, adjustment_reason from intermediate.int_bonus_adjustments "
            "where paid_in_month = ?",
            [event_id, month],
        )
        con.execute("commit")
        return CloseResult(month, "close", event_id, rows[0], float(rows[1]), scheme_version())


def reopen_month(warehouse: Path, month: date, reason: str, actor: str | None = None) -> CloseResult:
    """Reopen a closed month; the reason is required and recorded. Frozen rows stay in history."""
    actor = actor or getpass.getuser()
    if not (reason or "").strip():
        raise PeriodCloseError('reopening a closed month needs a reason: --reason "..."')
    with connect(warehouse, read_only=False) as con:
        ensure_schema(con)
        last = latest_event(con, month)
        if not last or last[0] != "close":
            raise PeriodCloseError(f"{month:%Y-%m} is not closed: nothing to reopen")
        event_id = _new_event(con, month, "reopen", actor, reason.strip())
        return CloseResult(month, "reopen", event_id, 0, 0.0, scheme_version())
