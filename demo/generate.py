"""Write a deterministic demo company's exports into an inbox folder.

    python -m demo.generate --out inbox --employees 25 --days 90 --seed 7

The same arguments always give byte-identical files. Calls stream to disk a day at a
time, so 1,000 employees × 90 days (about 10 million rows with ``--calls-per-day 80``)
fits in bounded memory.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from demo.calls import CallFactory, asterisk_lines, day_of_calls
from demo.company import HABIT_LEADER, PLANTED_HABITS, build_company
from demo.crm import build_clients, deal_rows, product_rows
from demo.transcripts import transcript_line


def _write_csv(path: Path, rows: Iterable[dict], fieldnames: list[str]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fieldnames)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def _month_starts(days: list[date]) -> list[date]:
    return sorted({d.replace(day=1) for d in days})


def generate(
    out: Path,
    employees: int = 25,
    days: int = 90,
    seed: int = 7,
    end: date | None = None,
    calls_per_day: int = 30,
    transcript_share: float = 0.2,
    progress: bool = True,
) -> dict:
    """Generate the inbox; returns the manifest (planted behaviour, row counts)."""
    started = time.monotonic()
    rng = random.Random(seed)
    end = end or date.today()
    # Whole months from the first: a plan for a month the data only half covers would
    # put everyone below every threshold.
    first = (end - timedelta(days=days - 1)).replace(day=1)
    all_days = [first + timedelta(days=i) for i in range((end - first).days + 1)]
    company = build_company(rng, employees, all_days[0])
    clients = build_clients(rng, company, per_employee=30)
    counts: dict[str, int] = {}

    emp_fields = [
        "employee_id",
        "full_name",
        "department_id",
        "role",
        "extensions",
        "crm_user_id",
        "hire_date",
        "leave_date",
    ]
    counts["employees"] = _write_csv(
        out / "directory" / "employees.csv",
        (
            {
                "employee_id": e.employee_id,
                "full_name": e.full_name,
                "department_id": e.department_id,
                "role": e.role,
                "extensions": ";".join(e.extensions),
                "crm_user_id": e.crm_user_id,
                "hire_date": e.hire_date.isoformat(),
                "leave_date": e.leave_date.isoformat() if e.leave_date else "",
            }
            for e in company.employees
        ),
        emp_fields,
    )
    counts["departments"] = _write_csv(
        out / "directory" / "departments.csv",
        ({"department_id": d, "department_name": n, "ring_group": g} for d, n, g in company.departments),
        ["department_id", "department_name", "ring_group"],
    )
    counts["users"] = _write_csv(
        out / "crm" / "users.csv",
        (
            {
                "user_id": e.crm_user_id,
                "full_name": e.full_name,
                "email": f"{e.crm_user_id.lower()}@example.com",
                "is_active": "true",
            }
            for e in company.employees
        ),
        ["user_id", "full_name", "email", "is_active"],
    )
    counts["clients"] = _write_csv(
        out / "crm" / "clients.csv",
        (
            {
                "client_id": c.client_id,
                "client_name": c.name,
                "phones": "; ".join(_crm_phone(rng, p) for p in c.phones),
                "responsible_user_id": c.responsible.crm_user_id,
            }
            for c in clients
        ),
        ["client_id", "client_name", "phones", "responsible_user_id"],
    )
    products = product_rows(end.year)
    counts["products"] = _write_csv(out / "crm" / "products.csv", products, list(products[0]))
    deals, lines = deal_rows(rng, clients, all_days)
    counts["deals"] = _write_csv(out / "crm" / "deals.csv", deals, list(deals[0]))
    counts["deal_lines"] = _write_csv(out / "crm" / "deal_lines.csv", lines, list(lines[0]))
    counts["plans"] = _write_csv(
        out / "plans" / "plans.csv",
        _plan_rows(rng, company, deals, lines, all_days),
        ["month", "employee_id", "revenue_plan", "calls_plan"],
    )

    factory = CallFactory(rng, company, clients)
    cdr_dir = out / "pbx" / "asterisk"
    tr_dir = out / "pbx" / "transcripts"
    cdr_dir.mkdir(parents=True, exist_ok=True)
    tr_dir.mkdir(parents=True, exist_ok=True)
    counts["cdr_rows"] = counts["transcripts"] = 0
    handles: dict[str, tuple] = {}
    try:
        for i, day in enumerate(all_days):
            key = day.strftime("%Y-%m")
            if key not in handles:
                for fh in (h for pair in handles.values() for h in pair):
                    fh.close()
                handles = {
                    key: (
                        (cdr_dir / f"Master-{key}.csv").open("w", encoding="utf-8", newline=""),
                        (tr_dir / f"transcripts-{key}.jsonl").open("w", encoding="utf-8", newline=""),
                    )
                }
            cdr_fh, tr_fh = handles[key]
            if day.weekday() < 5:
                calls = day_of_calls(factory, day, calls_per_day)
                for line in asterisk_lines(calls.legs):
                    cdr_fh.write(line)
                counts["cdr_rows"] += len(calls.legs)
                for call in calls.answered:
                    if rng.random() < transcript_share:
                        tr_fh.write(transcript_line(rng, call))
                        counts["transcripts"] += 1
            if progress and (i % 10 == 9 or i == len(all_days) - 1):
                print(
                    f"  demo data: {i + 1}/{len(all_days)} days, {counts['cdr_rows']:,} call records",
                    file=sys.stderr,
                    flush=True,
                )
    finally:
        for fh in (h for pair in handles.values() for h in pair):
            fh.close()

    manifest = {
        "seed": seed,
        "employees": employees,
        "days": days,
        "first_day": all_days[0].isoformat(),
        "last_day": end.isoformat(),
        "pbx_timezone": "Europe/Moscow",
        "planted": {
            habit: [e.employee_id for e in company.by_habit(habit)]
            for habit in [HABIT_LEADER, *PLANTED_HABITS]
        },
        "counts": counts,
        "seconds": round(time.monotonic() - started, 1),
    }
    (out / "demo_manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest


def _crm_phone(rng: random.Random, e164: str) -> str:
    from demo.crm import phone_in_crm_format

    if not e164.startswith("+7"):
        return e164
    return phone_in_crm_format(rng, e164)


def _plan_rows(rng, company, deals, lines, all_days) -> Iterable[dict]:
    """Plans at the department's typical month, so ordinary people land near 100 % and the
    leader above (B2B's months run to millions, retail's to hundreds of thousands)."""
    revenue_by_deal: dict[str, float] = {}
    for ln in lines:
        revenue_by_deal[ln["deal_id"]] = revenue_by_deal.get(ln["deal_id"], 0.0) + float(ln["price"]) * int(
            ln["quantity"]
        )
    department_of = {e.crm_user_id: e.department_id for e in company.employees}
    monthly: dict[tuple[str, str], float] = {}
    for d in deals:
        if d["status"] == "won" and d["closed_at"]:
            key = (d["responsible_user_id"], d["closed_at"][:7])
            monthly[key] = monthly.get(key, 0.0) + revenue_by_deal.get(d["deal_id"], 0.0)
    by_department: dict[str, list[float]] = {}
    for (user, _), value in monthly.items():
        by_department.setdefault(department_of.get(user, ""), []).append(value)
    typical = {d: sorted(v)[len(v) // 2] for d, v in by_department.items()}
    for month in _month_starts(all_days):
        for e in company.employees:
            if e.role != "sales_manager":
                continue
            revenue_plan = round(typical.get(e.department_id, 100_000.0) * rng.uniform(0.95, 1.1), -3)
            yield {
                "month": month.isoformat(),
                "employee_id": e.employee_id,
                "revenue_plan": f"{revenue_plan:.2f}",
                "calls_plan": str(20 * 21),
            }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="inbox folder to write into")
    parser.add_argument("--employees", type=int, default=25)
    parser.add_argument("--days", type=int, default=90, help="calendar days up to --end")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--end", type=date.fromisoformat, default=None, help="last day (YYYY-MM-DD), default today"
    )
    parser.add_argument(
        "--calls-per-day", type=int, default=30, help="customer calls per employee per working day (scale)"
    )
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.employees, args.days, args.seed, args.end, args.calls_per_day)
    print(json.dumps(manifest["counts"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
