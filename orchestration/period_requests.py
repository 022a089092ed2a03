"""Finance's requests from the portal to close or reopen a month, performed by a run.

The portal never writes the warehouse (a run may be writing it, and a close must see the
marts finance saw): it appends a request to its own database. Every run performs the
waiting requests first, under the run's warehouse lock and before it loads anything, so a
close freezes the statements the portal showed; the run then builds with the month closed
and publishes the snapshot the portal reads. Each request gets one outcome, done or refused
with the reason, which the portal shows and the run's summary prints. Where Dagster's
daemon runs, ``portal_requests_sensor`` starts ``portal_requests_job`` for waiting requests
within a minute, and the marts are refreshed after it (orchestration/jobs.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from core.errors import UserFacingError
from core.portal_database import portal_database_exists
from core.warehouse import connect, exists


def _has_marts(warehouse: Path) -> bool:
    if not exists(warehouse):
        return False
    with connect(warehouse) as con:
        return con.table_exists("marts", "mart_bonus_monthly")


def waiting_period_requests(warehouse: Path) -> list[int]:
    """The numbers of the portal's requests no run has performed yet (for the sensor)."""
    if not portal_database_exists(warehouse):
        return []
    from portal.store import open_store

    store = open_store(warehouse)
    try:
        return [r["request_id"] for r in store.period_requests() if r["outcome"] is None]
    finally:
        store.engine.dispose()


def perform_period_requests(warehouse: Path, run_id: str | None = None) -> list[str]:
    """Perform the portal's waiting close and reopen requests, oldest first; one line each.
    The caller holds the warehouse lock. Requests wait while there are no marts to close."""
    if not portal_database_exists(warehouse) or not _has_marts(warehouse):
        return []
    from orchestration.period_close import close_month, reopen_month
    from portal.store import open_store

    store = open_store(warehouse)
    lines = []
    for request in store.period_requests():
        if request["outcome"] is not None:
            continue
        number, login = request["request_id"], request["requested_by"]
        month = date.fromisoformat(str(request["month"])[:10])
        actor = f"{login} (portal)"
        try:
            if request["action"] == "close":
                result = close_month(warehouse, month, actor, run_id)
                message = (
                    f"closed {month:%Y-%m}: {result.employees} statements, payout {result.total_payout:,.2f}"
                )
            else:
                reopen_month(warehouse, month, request["reason"], actor, run_id)
                message = f"reopened {month:%Y-%m}: {request['reason']}"
            outcome = "done"
        except UserFacingError as error:
            outcome, message = "refused", str(error)
        store.record_period_outcome(number, outcome, message)
        lines.append(f"request #{number} by {login}{'' if outcome == 'done' else ' refused'}: {message}")
    store.engine.dispose()
    return lines
