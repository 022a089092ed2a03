"""The portal's own database: accounts, one-time invitations and the access log.

A SQLite file, ``<warehouse folder>/portal/portal.sqlite`` (0600 in a 0700 folder: it holds
password hashes, so the share group never reads it), or on the PostgreSQL target the schema
``portal`` of the warehouse's database (public's rights revoked; core/portal_database.py).
Its tables are Alembic's (``portal/migrations``), brought to the newest revision whenever
the store opens; the same migrations build both.

- An **account** is a login: an employee id from the directory (whose role and department
  are read from the snapshot on every request, so a move or a departure counts at once), or
  a name of its own with a portal role (``finance``, ``admin``) given by ``autokpi invite``.
- An **invitation** is a one-time link to set a password; only a hash of its token is kept.
- The **access log** is append-only: triggers refuse to change or delete its rows
  (portal/append_only.py).
- A **dispute** of a number on a statement, and its one **answer** (accepted with a
  correction, or rejected with a reason), append-only too; dlt loads both into the
  warehouse (``raw_disputes``), where dbt applies accepted corrections.
- A **period request**: finance asks to close or reopen a month; the next run performs it
  (the portal never writes the warehouse) and appends its **outcome**. Append-only.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from call_quality.checklist import ITEMS
from core.errors import UserFacingError
from core.paths import portal_database_for
from core.portal_database import PORTAL_SCHEMA, portal_server_engine, portal_server_url

MIGRATIONS = Path(__file__).parent / "migrations"
PORTAL_ROLES = ("finance", "admin")  # roles that are not read from the directory
MIN_PASSWORD_LENGTH = 12
DECISIONS = ("accepted", "rejected")
PERIOD_ACTIONS = ("close", "reopen")
# what an accepted dispute may change (dbt applies it): move a deal line to another employee,
# pass a checklist item of a graded call that the scorer failed, or take a missed call off
# the employee (it stays the department's)
CORRECTIONS = ("move_deal_line", "pass_quality_item", "exclude_missed_call")
MAX_TEXT = 2000
# an invitation that may still be used: its token's hash, not spent, not expired
_USABLE_INVITATION = "token_hash = :h and used_at is null and expires_at > :now"
_HASHER = PasswordHasher()


def open_store(warehouse: Path) -> Store:
    """The portal database of ``warehouse``: its SQLite file beside a DuckDB warehouse, the
    ``portal`` schema on the PostgreSQL target (core/portal_database.py)."""
    url = portal_server_url(warehouse)
    return Store(portal_database_for(warehouse) if url is None else portal_server_engine(url))


class PortalError(UserFacingError):
    """A portal action that cannot be done, said as what to do instead."""


@dataclass(frozen=True)
class Account:
    login: str
    employee_id: str | None
    portal_role: str | None
    has_password: bool


def _write_ahead(dbapi_connection, _record) -> None:
    """Write-ahead logging: readers never wait for the log's writers, and several portal
    workers append to it at once; a commit syncs at checkpoints, not at every page view."""
    dbapi_connection.execute("pragma journal_mode = wal")
    dbapi_connection.execute("pragma synchronous = normal")
    dbapi_connection.execute("pragma busy_timeout = 5000")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _as_time(value) -> datetime:
    """A time as the database gives it back (SQLite through text: a string)."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Store:
    """The portal database (made and migrated on first use): the SQLite file at ``database``,
    or the ``portal`` schema of the PostgreSQL server an engine reaches (``open_store``
    chooses by the target)."""

    def __init__(self, database: Path | sa.Engine):
        if isinstance(database, sa.Engine):
            self.path, self.engine = None, database
            with self.engine.begin() as conn:
                # private by default: the schema holds password hashes; only its owner reads it
                conn.execute(sa.text(f"create schema if not exists {PORTAL_SCHEMA}"))
                conn.execute(sa.text(f"revoke all on schema {PORTAL_SCHEMA} from public"))
            self._migrate()
            return
        self.path = database
        folder = database.parent
        previous = os.umask(0o077)  # never the share group's: password hashes
        try:
            folder.mkdir(parents=True, exist_ok=True)
            folder.chmod(0o700)
            if not database.exists():
                database.touch(0o600)
            database.chmod(0o600)
            self.engine = sa.create_engine(f"sqlite:///{database}")
            sa.event.listen(self.engine, "connect", _write_ahead)
            self._migrate()
        finally:
            os.umask(previous)

    def _migrate(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    # accounts and invitations

    def invite(self, login: str, employee_id: str | None, portal_role: str | None, days: int) -> str:
        """A one-time token for ``login`` to set a password, valid ``days``; makes the account."""
        token = secrets.token_urlsafe(32)
        now = _now()
        with self.engine.begin() as conn:
            exists = conn.execute(sa.text("select 1 from accounts where login = :l"), {"l": login}).first()
            if exists:
                conn.execute(
                    sa.text("update accounts set employee_id = :e, portal_role = :r where login = :l"),
                    {"l": login, "e": employee_id, "r": portal_role},
                )
            else:
                conn.execute(
                    sa.text(
                        "insert into accounts (login, employee_id, portal_role, created_at) "
                        "values (:l, :e, :r, :now)"
                    ),
                    {"l": login, "e": employee_id, "r": portal_role, "now": now},
                )
            conn.execute(
                sa.text(
                    "insert into invitations (token_hash, login, created_at, expires_at) "
                    "values (:h, :l, :now, :until)"
                ),
                {"h": _token_hash(token), "l": login, "now": now, "until": now + timedelta(days=days)},
            )
        return token

    def ensure_account(self, login: str, employee_id: str) -> None:
        """An account without a password for a directory person who signed in with the company's
        provider (nothing changes when it exists)."""
        with self.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "insert into accounts (login, employee_id, created_at) values (:l, :e, :now) "
                    "on conflict (login) do nothing"
                ),
                {"l": login, "e": employee_id, "now": _now()},
            )

    def invitation_login(self, token: str) -> str | None:
        """The login an unused, unexpired invitation is for, else None."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.text(f"select login from invitations where {_USABLE_INVITATION}"),
                {"h": _token_hash(token), "now": _now()},
            ).first()
        return row[0] if row else None

    def redeem(self, token: str, password: str) -> str:
        """Set the invited account's password (argon2) and spend the invitation; its login."""
        if len(password) < MIN_PASSWORD_LENGTH:
            raise PortalError(f"the password is too short: use at least {MIN_PASSWORD_LENGTH} characters")
        with self.engine.begin() as conn:
            row = conn.execute(
                sa.text(f"update invitations set used_at = :now where {_USABLE_INVITATION} returning login"),
                {"h": _token_hash(token), "now": _now()},
            ).first()
            if row is None:
                raise PortalError(
                    "this invitation link was used already or has expired: ask for a new one "
                    "(autokpi invite <login>)"
                )
            conn.execute(
                sa.text("update accounts set password_hash = :p where login = :l"),
                {"p": _HASHER.hash(password), "l": row[0]},
            )
        return row[0]

    def account(self, login: str) -> Account | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.text(
                    "select login, employee_id, portal_role, password_hash from accounts where login = :l"
                ),
                {"l": login},
            ).first()
        return Account(row[0], row[1], row[2], row[3] is not None) if row else None

    def check_password(self, login: str, password: str) -> Account | None:
        """The account if ``password`` is its password; None otherwise (also for an unknown
        login, after the same work, so timing does not tell which logins exist)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.text("select password_hash from accounts where login = :l"), {"l": login}
            ).first()
        stored = row[0] if row and row[0] else _HASHER.hash(secrets.token_urlsafe(16))
        try:
            _HASHER.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        return self.account(login) if row and row[0] else None

    # disputes

    def open_dispute(self, login: str, employee_id: str, month, kpi_code: str, fact_id: str | None,
                     comment: str) -> int:  # fmt: skip
        comment = comment.strip()
        if not comment:
            raise PortalError("say what is wrong in the comment: the dispute needs it to be answered")
        if len(comment) > MAX_TEXT:
            raise PortalError(f"the comment is {len(comment)} characters long: keep it under {MAX_TEXT}")
        with self.engine.begin() as conn:
            row = conn.execute(
                sa.text(
                    "insert into disputes (opened_at, opened_by, employee_id, month, kpi_code, fact_id, "
                    "comment) values (:now, :login, :employee, :month, :kpi, :fact, :comment) "
                    "returning dispute_id"
                ),
                {"now": _now(), "login": login, "employee": employee_id, "month": month, "kpi": kpi_code,
                 "fact": (fact_id or "").strip() or None, "comment": comment},
            ).first()  # fmt: skip
        return row[0]

    def answer_dispute(
        self, dispute_id: int, login: str, decision: str, reason: str,
        correction_kind: str | None = None, to_employee_id: str | None = None,
        quality_item: str | None = None,
    ) -> None:  # fmt: skip
        """One answer per dispute: accepted (with a correction, or none) or rejected, with a reason."""
        reason = reason.strip()
        if decision not in DECISIONS:
            raise PortalError(f"the decision {decision!r} is none of: {', '.join(DECISIONS)}")
        if not reason:
            raise PortalError("give the reason for the answer: the employee reads it on their statement")
        if correction_kind and (decision != "accepted" or correction_kind not in CORRECTIONS):
            raise PortalError(f"a correction ({', '.join(CORRECTIONS)}) goes only with an accepted dispute")
        dispute = self.dispute(dispute_id)
        if dispute is None:
            raise PortalError(f"there is no dispute {dispute_id}")
        if dispute["decision"] is not None:
            raise PortalError(f"dispute {dispute_id} was answered already ({dispute['decision']})")
        if correction_kind == "move_deal_line" and not (dispute["fact_id"] and to_employee_id):
            raise PortalError(
                "moving a deal line needs the line's id in the dispute and the employee to move it to"
            )
        if correction_kind == "pass_quality_item" and not (dispute["fact_id"] and quality_item in ITEMS):
            raise PortalError(
                "passing a checklist item needs the call's id in the dispute and one of the items: "
                + ", ".join(ITEMS)
            )
        if correction_kind == "exclude_missed_call" and not dispute["fact_id"]:
            raise PortalError("excluding a missed call needs the call's id in the dispute")
        with self.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "insert into dispute_answers (dispute_id, answered_at, answered_by, decision, "
                    "correction_kind, to_employee_id, quality_item, reason) "
                    "values (:id, :now, :login, :decision, :kind, :to, :item, :reason)"
                ),
                {"id": dispute_id, "now": _now(), "login": login, "decision": decision,
                 "kind": correction_kind or None, "to": to_employee_id or None,
                 "item": (quality_item or None) if correction_kind == "pass_quality_item" else None,
                 "reason": reason},
            )  # fmt: skip

    def disputes(self, employee_id: str | None = None, month=None) -> list[dict]:
        """Disputes with their answer (if any), newest first; of one employee and month if given."""
        sql = (
            "select d.*, a.answered_at, a.answered_by, a.decision, a.correction_kind, a.to_employee_id, "
            "a.quality_item, a.reason "
            "from disputes as d left join dispute_answers as a using (dispute_id) where 1 = 1"
        )
        params: dict = {}
        if employee_id is not None:
            sql, params["employee"] = sql + " and d.employee_id = :employee", employee_id
        if month is not None:
            sql, params["month"] = sql + " and d.month = :month", month
        with self.engine.connect() as conn:
            return [
                dict(r) for r in conn.execute(sa.text(sql + " order by d.dispute_id desc"), params).mappings()
            ]

    def dispute(self, dispute_id: int) -> dict | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(
                    sa.text(
                        "select d.*, a.decision from disputes as d "
                        "left join dispute_answers as a using (dispute_id) where d.dispute_id = :id"
                    ),
                    {"id": dispute_id},
                )
                .mappings()
                .first()
            )
        return dict(row) if row else None

    # period requests: close or reopen a month, performed by the next run

    def request_period(self, login: str, month: date, action: str, reason: str = "") -> int:
        """Ask the next run to close or reopen ``month``; a reopen needs its reason."""
        reason = (reason or "").strip()
        if action not in PERIOD_ACTIONS:
            raise PortalError(f"the action {action!r} is none of: {', '.join(PERIOD_ACTIONS)}")
        if action == "reopen" and not reason:
            raise PortalError("reopening a closed month needs a reason: it is recorded with the reopening")
        if len(reason) > MAX_TEXT:
            raise PortalError(f"the reason is {len(reason)} characters long: keep it under {MAX_TEXT}")
        pending = [
            r
            for r in self.period_requests()
            if r["outcome"] is None and str(r["month"])[:10] == month.isoformat()
        ]
        if pending:
            raise PortalError(
                f"a request to {pending[0]['action']} {month:%Y-%m} waits for the next run already "
                f"(#{pending[0]['request_id']}, by {pending[0]['requested_by']})"
            )
        with self.engine.begin() as conn:
            row = conn.execute(
                sa.text(
                    "insert into period_requests (requested_at, requested_by, month, action, reason) "
                    "values (:now, :login, :month, :action, :reason) returning request_id"
                ),
                {"now": _now(), "login": login, "month": month, "action": action, "reason": reason or None},
            ).first()
        return row[0]

    def period_requests(self) -> list[dict]:
        """Every request with its outcome (None while it waits), oldest first."""
        with self.engine.connect() as conn:
            return [
                dict(r)
                for r in conn.execute(
                    sa.text(
                        "select r.*, o.done_at, o.outcome, o.message from period_requests as r "
                        "left join period_request_outcomes as o using (request_id) order by r.request_id"
                    )
                ).mappings()
            ]

    def record_period_outcome(self, request_id: int, outcome: str, message: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "insert into period_request_outcomes (request_id, done_at, outcome, message) "
                    "values (:id, :now, :outcome, :message)"
                ),
                {"id": request_id, "now": _now(), "outcome": outcome, "message": message},
            )

    # the access log

    def log(self, login: str | None, action: str, subject: str = "", client: str = "") -> None:
        with self.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "insert into access_log (at, login, action, subject, client) "
                    "values (:at, :login, :action, :subject, :client)"
                ),
                {"at": _now(), "login": login, "action": action, "subject": subject, "client": client},
            )

    def now(self) -> datetime:
        """The time the log writes (UTC, without a zone)."""
        return _now()

    def sign_in_failures(self, login: str, client: str, since: datetime) -> dict[str, list[datetime]]:
        """When sign-in failed since ``since``: for ``login`` (after its last sign-in), and from
        ``client``, oldest first."""
        failed = "select at from access_log where action = 'sign-in failed' and at > :since"
        last_sign_in = "select max(at) from access_log where action = 'signed in' and login = :login"
        with self.engine.connect() as conn:
            by_login = conn.execute(
                sa.text(
                    f"{failed} and login = :login and at > coalesce(({last_sign_in}), :since) order by at"
                ),
                {"since": since, "login": login},
            ).scalars()
            by_client = conn.execute(
                sa.text(f"{failed} and client = :client order by at"), {"since": since, "client": client}
            ).scalars()
            return {"login": [_as_time(t) for t in by_login], "client": [_as_time(t) for t in by_client]}

    def access_log(self) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.text("select at, login, action, subject, client from access_log order by id")
            ).mappings()
            return [dict(r) for r in rows]
