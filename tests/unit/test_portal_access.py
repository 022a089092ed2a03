"""Who may see whose pay in the portal, who is locked out, and how failed sign-ins are limited."""

from __future__ import annotations

from datetime import date

import pytest

from portal.access import Viewer, locked_out, may_view, viewer_for

MANAGER = {"employee_id": "E0004", "department_id": "D01", "role": "sales_manager", "leave_date": None}
HEAD = {"employee_id": "E0001", "department_id": "D01", "role": "department_head", "leave_date": None}


def test_roles_come_from_the_directory_unless_a_portal_role_is_given():
    assert viewer_for("E0004", None, MANAGER) == Viewer("E0004", "employee", "E0004", "D01")
    assert viewer_for("E0001", None, HEAD).role == "department_head"
    assert viewer_for("anna", "finance", None) == Viewer("anna", "finance", None, None)
    with pytest.raises(ValueError, match="neither in the directory"):
        viewer_for("ghost", None, None)


@pytest.mark.parametrize(
    ("viewer", "employee_id", "department_id", "allowed"),
    [
        (Viewer("E0004", "employee", "E0004", "D01"), "E0004", "D01", True),  # their own
        (Viewer("E0004", "employee", "E0004", "D01"), "E0007", "D01", False),  # a colleague
        (Viewer("E0001", "department_head", "E0001", "D01"), "E0007", "D01", True),  # their department
        (Viewer("E0001", "department_head", "E0001", "D01"), "E0005", "D02", False),  # another's
        (Viewer("E0001", "department_head", "E0001", "D01"), "E9999", None, False),  # nobody's
        (Viewer("anna", "finance", None, None), "E0005", "D02", True),
        (Viewer("root", "admin", None, None), "E9999", None, True),
        (Viewer("E0009", "employee", "E0009", None), "E0010", None, False),  # no department: no match
    ],
)
def test_who_may_see_whose_pay(viewer, employee_id, department_id, allowed):
    assert may_view(viewer, employee_id, department_id) is allowed


def test_someone_who_left_keeps_access_for_the_grace_days_then_is_locked_out():
    left = date(2026, 10, 31)
    assert not locked_out(None, 30, date(2030, 1, 1))
    assert not locked_out(left, 30, date(2026, 11, 30))  # the 30th day after leaving
    assert locked_out(left, 30, date(2026, 12, 1))
    assert not locked_out(left, 0, left)  # their last day
    assert locked_out(left, 0, date(2026, 11, 1))


def test_disputes_are_answered_by_the_head_of_the_department_or_finance_never_by_oneself():
    from portal.access import may_answer

    head = Viewer("E0001", "department_head", "E0001", "D01")
    assert may_answer(head, "E0004", "D01")
    assert not may_answer(head, "E0005", "D02")  # another department
    assert not may_answer(head, "E0001", "D01")  # their own
    assert not may_answer(Viewer("E0007", "employee", "E0007", "D01"), "E0004", "D01")
    assert may_answer(Viewer("anna", "finance", None, None), "E0005", "D02")
    assert not may_answer(Viewer("E0002", "finance", "E0002", "D02"), "E0002", "D02")  # finance, own pay


def test_only_finance_closes_and_reopens_months():
    from portal.access import may_close

    assert may_close(Viewer("anna", "finance", None, None))
    assert not may_close(Viewer("root", "admin", None, None))  # accounts, not pay
    assert not may_close(Viewer("E0001", "department_head", "E0001", "D01"))
    assert not may_close(Viewer("E0004", "employee", "E0004", "D01"))
