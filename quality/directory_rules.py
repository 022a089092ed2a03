"""The employee directory's rules, each broken one a sentence naming the rows and the fix.

These are rules between rows and files that Great Expectations' per-column expectations
do not state: an extension is a number and one person's at a time, a CRM user is one
employee's, every employee is in
a department the department list knows, nobody leaves before being hired, every role is
one the KPI scheme pays. They run with the directory's raw check (quality/suites.py ``rules``), so a
broken directory holds back the models built on it, as any failed raw check does.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from core.extensions import directory_extensions, is_extension
from core.phones import is_token
from quality.failures import and_listed, lines_in_files

FAR_PAST, FAR_FUTURE = date(1900, 1, 1), date(9999, 12, 31)


def _day(text) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


def _where(rows: list[dict]) -> str:
    """ "directory/employees.csv lines 3 and 8" (or several files)."""
    return lines_in_files(
        (row.get("_source_file") or "the directory", row.get("_source_line")) for row in rows
    )


def shared_extensions(employees: list[dict]) -> list[str]:
    holders: dict[str, list[dict]] = defaultdict(list)
    for row in employees:
        for extension in directory_extensions(row.get("extensions")):
            holders[extension].append(row)
    problems = []
    for extension, rows in sorted(holders.items()):
        rows = sorted(rows, key=lambda r: _day(r.get("hire_date")) or FAR_PAST)
        for i, first in enumerate(rows):
            for second in rows[i + 1 :]:
                start = max(
                    _day(first.get("hire_date")) or FAR_PAST, _day(second.get("hire_date")) or FAR_PAST
                )
                end = min(
                    _day(first.get("leave_date")) or FAR_FUTURE, _day(second.get("leave_date")) or FAR_FUTURE
                )
                if start <= end:
                    since = "always" if start == FAR_PAST else f"from {start}"
                    until = "" if end == FAR_FUTURE else f" to {end}"
                    problems.append(
                        f"{_where([first, second])}: {first['employee_id']} and {second['employee_id']} "
                        f"both have extension {extension} ({since}{until}); an extension is one person's at "
                        "a time: give one of them another, or end one's leave_date before the other's "
                        "hire_date"
                    )
    return problems


def shared_crm_users(employees: list[dict]) -> list[str]:
    """A deal is credited to the employee whose crm_user_id is its responsible CRM user's:
    two employees with one would both be credited with every deal of that user (each deal
    line twice, which int_sales_lines' key test stops without naming the cause)."""
    holders: dict[str, list[dict]] = defaultdict(list)
    for row in employees:
        user = (row.get("crm_user_id") or "").strip()
        if user:
            holders[user].append(row)
    problems = []
    for user, rows in sorted(holders.items()):
        if len(rows) < 2:
            continue
        people = and_listed([r["employee_id"] for r in rows])
        problems.append(
            f"{_where(rows)}: {people} {'both' if len(rows) == 2 else 'all'} have crm_user_id {user}, so "
            "each would be credited with every deal of that CRM user; a CRM user is one employee's: give "
            "each their own, or leave it empty for one who left"
        )
    return problems


# letters typed for the digits they look like: Latin and Cyrillic O, l, I, З
DIGIT_LOOKALIKES = str.maketrans(
    {"O": "0", "o": "0", "О": "0", "о": "0", "l": "1", "I": "1", "З": "3", "з": "3"}
)
# what people type between two extensions instead of ";" or ","
OTHER_SEPARATORS = re.compile(r"[\s/|]+")


def extensions_are_numbers(employees: list[dict]) -> list[str]:
    """An extension is read from a call's channel as digits only (``core.extensions``), so
    one written with anything else would never have a call counted for its employee."""
    problems = []
    for row in employees:
        for extension in directory_extensions(row.get("extensions")):
            # a full number (an employee's own mobile, as a sample's directory has) is kept
            # as its pseudonym, which calls from and to it carry too
            if is_extension(extension) or is_token(extension):
                continue
            parts = [p for p in OTHER_SEPARATORS.split(extension) if p]
            lookalike = extension.translate(DIGIT_LOOKALIKES)
            if len(parts) > 1 and all(is_extension(p) for p in parts):
                fix = f"separate extensions with ';' ({';'.join(parts)})"
            elif is_extension(lookalike):
                letters = "".join(dict.fromkeys(c for c in extension if not c.isdigit()))
                cyrillic = "" if letters.isascii() else "Cyrillic "
                one = len(letters) == 1
                what = f"is a {cyrillic}letter, not a digit" if one else f"are {cyrillic}letters, not digits"
                fix = f"its {letters!r} {what}: write {lookalike}?"
            else:
                fix = "write it in digits, as the phone system numbers it"
            problems.append(
                f"{_where([row])}: {row['employee_id']}'s extension {extension!r} is not a number, so no "
                f"call would count for them (a call names its extension in digits); {fix}"
            )
    return problems


def departments_known(employees: list[dict], departments: set[str] | None) -> list[str]:
    problems = []
    for row in employees:
        department = (row.get("department_id") or "").strip()
        if not department:
            problems.append(f"{_where([row])}: {row['employee_id']} has no department_id; fill it in")
        elif departments is not None and department not in departments:
            known = ", ".join(sorted(departments)) or "none"
            problems.append(
                f"{_where([row])}: {row['employee_id']}'s department {department} is not in the department "
                f"list (known: {known}); add it to directory/departments.csv or correct the id"
            )
    return problems


def dates_in_order(employees: list[dict]) -> list[str]:
    problems = []
    for row in employees:
        hire, leave = _day(row.get("hire_date")), _day(row.get("leave_date"))
        if hire and leave and leave < hire:
            problems.append(
                f"{_where([row])}: {row['employee_id']} leaves ({leave}) before being hired ({hire}); "
                "correct one of the dates"
            )
    return problems


def roles_known(employees: list[dict], roles: set[str] | None) -> list[str]:
    if not roles:
        return []
    problems = []
    for row in employees:
        role = (row.get("role") or "").strip().lower()
        if role not in roles:
            problems.append(
                f"{_where([row])}: {row['employee_id']}'s role {role or '(empty)'!r} is not a role of the "
                f"KPI scheme (roles: {', '.join(sorted(roles))}), so they would get no bonus; correct the "
                "role or add it to the scheme"
            )
    return problems


def scheme_roles() -> set[str]:
    """Roles the KPI scheme pays: those with KPIs or a base bonus."""
    import csv

    from core.paths import scheme_dir

    roles: set[str] = set()
    for name in ("kpi_scheme.csv", "bonus_base.csv"):
        path = scheme_dir() / name
        if path.exists():
            with path.open(encoding="utf-8-sig", newline="") as fh:
                roles |= {(r.get("role") or "").strip().lower() for r in csv.DictReader(fh)}
    return roles - {""}


def directory_problems(con) -> list[str]:
    """Every broken rule of the current directory, in words."""
    columns = set(con.columns("raw_directory", "employees"))
    current = ' where "_dlt_valid_to" is null' if "_dlt_valid_to" in columns else ""
    wanted = [c for c in ("employee_id", "department_id", "role", "extensions", "crm_user_id", "hire_date",
                          "leave_date", "_source_file", "_source_line") if c in columns]  # fmt: skip
    result = con.execute(f"select {', '.join(wanted)} from raw_directory.employees{current}")
    employees = [dict(zip(wanted, row, strict=True)) for row in result.fetchall()]
    departments = None
    if con.table_exists("raw_directory", "departments"):
        dep_columns = set(con.columns("raw_directory", "departments"))
        dep_current = ' where "_dlt_valid_to" is null' if "_dlt_valid_to" in dep_columns else ""
        departments = {
            str(r[0]).strip()
            for r in con.execute(
                f"select department_id from raw_directory.departments{dep_current}"
            ).fetchall()
        }
    return (
        extensions_are_numbers(employees)
        + shared_extensions(employees)
        + shared_crm_users(employees)
        + departments_known(employees, departments)
        + dates_in_order(employees)
        + roles_known(employees, scheme_roles())
    )
