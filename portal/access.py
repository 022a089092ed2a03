"""Who may see whose pay, and who may sign in at all: rules without I/O, so they are
tested on their own and read in one place.

- ``employee``: their own statements only;
- ``department_head`` (the directory's role): their department's, their own included;
- ``finance`` and ``admin`` (portal roles given by ``autokpi invite --role``): everyone's.

A dispute is opened by the person whose statement it is, and answered by finance, admin or
the head of their department, never by the person themselves. Only finance closes and
reopens months.

Someone who left (the directory's ``leave_date``) keeps access for a grace period
(``AUTOKPI_PORTAL_LEAVER_GRACE_DAYS``) to read their last statements, then is locked out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

EVERYONE = ("finance", "admin")


@dataclass(frozen=True)
class Viewer:
    login: str
    role: str  # employee, department_head, finance, admin
    employee_id: str | None
    department_id: str | None


def viewer_for(login: str, portal_role: str | None, person: dict | None) -> Viewer:
    """The viewer an account is: a portal role wins; else the directory row's role."""
    if portal_role:
        return Viewer(
            login, portal_role, person and person["employee_id"], person and person["department_id"]
        )
    if person is None:
        raise ValueError(f"{login} is neither in the directory nor given a portal role")
    role = "department_head" if person.get("role") == "department_head" else "employee"
    return Viewer(login, role, person["employee_id"], person["department_id"])


def may_view(viewer: Viewer, employee_id: str, department_id: str | None) -> bool:
    """May ``viewer`` see the pay of ``employee_id`` (of ``department_id``)?"""
    if viewer.role in EVERYONE:
        return True
    if viewer.employee_id == employee_id:
        return True
    return (
        viewer.role == "department_head"
        and department_id is not None
        and (viewer.department_id == department_id)
    )


def may_answer(viewer: Viewer, employee_id: str, department_id: str | None) -> bool:
    """May ``viewer`` answer a dispute of ``employee_id``'s pay? Finance and admin, or the
    head of that department; nobody answers their own."""
    if viewer.employee_id == employee_id:
        return False
    return viewer.role in EVERYONE or (
        viewer.role == "department_head" and may_view(viewer, employee_id, department_id)
    )


def may_close(viewer: Viewer) -> bool:
    """May ``viewer`` ask to close or reopen a month? Finance only: a close fixes what is paid."""
    return viewer.role == "finance"


def access_ends(leave_date: date | None, grace_days: int) -> date | None:
    """The first day someone who left may no longer sign in; None while they stay."""
    return None if leave_date is None else leave_date + timedelta(days=grace_days + 1)


def locked_out(leave_date: date | None, grace_days: int, today: date) -> bool:
    ends = access_ends(leave_date, grace_days)
    return ends is not None and today >= ends
