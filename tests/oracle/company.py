"""Generated companies for the bonus oracle: schemes and months across realistic ranges.

A ``Company`` is a scheme folder (one role per generated scheme, so one pipeline run
checks several schemes) and an inbox in the formats a company sends: the directory,
monthly plans, the CRM lists and Asterisk call records. Values reach where the demo never
goes: plans from 10^3 to 10^12 roubles, revenue to 10^13, quantities with three decimals,
every scale kind at and around its edges, gates, multipliers, personal bases, people who
join or leave mid-month, missing and zero plans, department-scope KPIs.
"""

from __future__ import annotations

import csv
import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import strategies as st

MONTHS = (date(2026, 10, 1), date(2026, 11, 1))
# the KPIs a generated scheme may use (call quality is the scorer's, not a bonus rule)
KPIS = {
    "plan_revenue": "money",
    "priority_products": "money",
    "promo_seasonal": "money",
    "markup": "share",
    "client_coverage": "share",
    "assortment": "count",
    "call_activity": "count",
}
ADDITIVE = {"plan_revenue", "priority_products", "promo_seasonal", "call_activity"}
PRODUCTS = [
    # product_id, category, cost, is_priority, is_promo, season_start, season_end
    ("P1", "cable", "100.00", "true", "false", "", ""),
    ("P2", "cable", "", "false", "true", "", ""),
    ("P3", "lamps", "2500.50", "false", "false", "2026-10-10", "2026-10-31"),
    ("P4", "tools", "0.01", "true", "true", "", ""),
    ("P5", "paint", "750000.00", "false", "false", "2026-11-01", "2027-02-28"),
    ("P6", "tiles", "12.34", "false", "false", "", ""),
]
MAX_BONUS = Decimal("100000000")


@dataclass
class Company:
    scheme: dict[str, list[dict]] = field(default_factory=dict)  # file name -> rows
    files: dict[str, list[dict]] = field(default_factory=dict)  # inbox path -> rows
    cdr: list[list] = field(default_factory=list)

    def write(self, inbox: Path, scheme_dir: Path) -> None:
        for name, rows in self.scheme.items():
            _write_csv(scheme_dir / name, rows, SCHEME_COLUMNS[name])
        for name, rows in self.files.items():
            _write_csv(inbox / name, rows, INBOX_COLUMNS[name])
        path = inbox / "pbx" / "asterisk" / "Master.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
            writer.writerows(self.cdr)

    def describe(self) -> str:
        return "\n".join(
            f"{name}: {rows}"
            for name, rows in {**self.scheme, "plans": self.files["plans/plans.csv"]}.items()
        )


SCHEME_COLUMNS = {
    "kpi_scheme.csv": [
        "role",
        "kpi_code",
        "weight",
        "scale_kind",
        "threshold",
        "cap",
        "target_source",
        "target_value",
        "base_value",
        "parameter",
        "scope",
    ],
    "kpi_corridors.csv": ["role", "kpi_code", "band_from", "band_to", "coefficient"],
    "bonus_base.csv": ["role", "employee_id", "base_bonus"],
    "bonus_gates.csv": ["role", "kpi_code", "min_achievement", "description"],
    "bonus_multipliers.csv": [
        "role",
        "multiplier_code",
        "kpi_code",
        "input_floor",
        "input_ceiling",
        "multiplier_at_floor",
        "multiplier_at_ceiling",
    ],
}
INBOX_COLUMNS = {
    "directory/employees.csv": [
        "employee_id",
        "full_name",
        "department_id",
        "role",
        "extensions",
        "crm_user_id",
        "hire_date",
        "leave_date",
    ],
    "directory/departments.csv": ["department_id", "department_name", "ring_group"],
    "plans/plans.csv": ["month", "employee_id", "revenue_plan", "calls_plan"],
    "crm/users.csv": ["user_id", "full_name", "email", "is_active"],
    "crm/clients.csv": ["client_id", "client_name", "phones", "responsible_user_id"],
    "crm/products.csv": [
        "product_id",
        "product_name",
        "category",
        "cost",
        "list_price",
        "is_priority",
        "is_promo",
        "season_start",
        "season_end",
    ],
    "crm/deals.csv": [
        "deal_id",
        "client_id",
        "responsible_user_id",
        "status",
        "created_at",
        "closed_at",
        "title",
    ],
    "crm/deal_lines.csv": ["deal_line_id", "deal_id", "product_id", "quantity", "price", "cost"],
}


def _write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def _fixed(value: Decimal, places: int) -> str:
    return f"{value:.{places}f}"


def decimals(low: str, high: str, places: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(Decimal(low), Decimal(high), places=places, allow_nan=False, allow_infinity=False)


def log_money(draw, low_exp: int, high_exp: int) -> Decimal:
    """Money from 10^low to 10^high roubles, spread over the orders of magnitude."""
    exponent = draw(st.integers(low_exp, high_exp - 1))
    mantissa = draw(decimals("1", "9.99999999", 8))
    return (mantissa * Decimal(10) ** exponent).quantize(Decimal("0.01"))


def share(draw) -> Decimal:
    return draw(
        st.one_of(st.sampled_from([Decimal("1"), Decimal("0.3"), Decimal("0.25")]), decimals("0.05", "1", 2))
    )


def _weights(draw, n: int) -> list[Decimal]:
    cuts = sorted(draw(st.sets(st.integers(1, 9999), min_size=n - 1, max_size=n - 1)))
    edges = [0, *cuts, 10000]
    return [Decimal(b - a) / 10000 for a, b in itertools.pairwise(edges)]


def _kpi(draw, role: str, code: str, weight: Decimal, corridors: list) -> dict:
    unit = KPIS[code]
    row = {
        "role": role,
        "kpi_code": code,
        "weight": _fixed(weight, 4),
        "threshold": "",
        "cap": "",
        "base_value": "",
        "parameter": "",
        "scope": "employee",
    }
    if unit == "money" and draw(st.booleans()):
        row["target_source"], target = "plan_revenue", share(draw)
    elif unit == "money":
        row["target_source"], target = "fixed", log_money(draw, 3, 12)
    elif code == "call_activity" and draw(st.booleans()):
        row["target_source"], target = "plan_calls", share(draw)
    elif unit == "count":
        row["target_source"], target = "fixed", Decimal(draw(st.integers(1, 40)))
    else:
        row["target_source"], target = "fixed", draw(decimals("0.1", "1", 2))
    row["target_value"] = _fixed(target, 4)
    fixed = row["target_source"] == "fixed"
    kinds = ["linear", "corridors", *(["base_norm"] if fixed else [])]
    row["scale_kind"] = kind = draw(st.sampled_from(kinds))
    if kind == "linear":
        row["threshold"] = _fixed(
            draw(st.one_of(st.sampled_from([Decimal(0), Decimal("0.5"), Decimal(1)]), decimals("0", "1", 2))),
            4,
        )
        row["cap"] = _fixed(
            draw(st.one_of(st.sampled_from([Decimal(1), Decimal("1.2")]), decimals("1", "3", 2))), 4
        )
    elif kind == "base_norm":
        row["base_value"] = _fixed((target * draw(decimals("0", "0.95", 2))).quantize(Decimal("0.0001")), 4)
        row["cap"] = _fixed(draw(decimals("1", "2", 2)), 4)
    else:
        points = sorted(draw(st.sets(decimals("0.05", "2", 2), min_size=1, max_size=3)))
        coefficients = draw(
            st.lists(decimals("0", "2", 2), min_size=len(points) + 1, max_size=len(points) + 1)
        )
        edges = [Decimal(0), *points]
        for i, start in enumerate(edges):
            end = edges[i + 1] if i + 1 < len(edges) else None
            corridors.append(
                {
                    "role": role,
                    "kpi_code": code,
                    "band_from": _fixed(start, 4),
                    "band_to": _fixed(end, 4) if end is not None else "",
                    "coefficient": _fixed(coefficients[i], 4),
                }
            )
    if code == "markup":
        row["parameter"] = _fixed(draw(decimals("0", "1", 2)), 4)
    if code == "call_activity":
        row["parameter"] = draw(st.sampled_from(["answered_calls", "talk_minutes"]))
    if code in ADDITIVE and draw(st.integers(0, 4)) == 0:
        row["scope"] = "department"
    return row


def _top_score(kpis: list[dict], corridors: list[dict]) -> Decimal:
    total = Decimal(0)
    for k in kpis:
        if k["scale_kind"] == "corridors":
            top = max(Decimal(c["coefficient"]) for c in corridors if c["kpi_code"] == k["kpi_code"])
        else:
            top = Decimal(k["cap"])
        total += Decimal(k["weight"]) * top
    return total


@st.composite
def companies(draw, roles: tuple[int, int] = (2, 4)) -> Company:
    company = Company()
    scheme, corridors, bases, gates, multipliers = [], [], [], [], []
    employees = []
    n_roles = draw(st.integers(*roles))
    for r in range(n_roles):
        role = f"role_{r + 1}"
        codes = draw(st.lists(st.sampled_from(sorted(KPIS)), min_size=1, max_size=5, unique=True))
        weights = _weights(draw, len(codes))
        own_corridors: list = []
        kpis = [_kpi(draw, role, code, w, own_corridors) for code, w in zip(codes, weights, strict=True)]
        scheme += kpis
        corridors += own_corridors
        top_multiplier = Decimal(1)
        if draw(st.booleans()):
            gate = draw(st.sampled_from(codes))
            gates.append(
                {
                    "role": role,
                    "kpi_code": gate,
                    "description": f"gate on {gate}",
                    "min_achievement": _fixed(draw(decimals("0.05", "1.5", 2)), 4),
                }
            )
        if draw(st.booleans()):
            floor = draw(decimals("0", "0.9", 2))
            ceiling = floor + draw(decimals("0.01", "1", 2))
            low, high = draw(decimals("0.5", "1", 2)), draw(decimals("1", "1.5", 2))
            top_multiplier = max(low, high)
            multipliers.append(
                {
                    "role": role,
                    "multiplier_code": "m",
                    "kpi_code": draw(st.sampled_from(["markup", "client_coverage"])),
                    "input_floor": _fixed(floor, 4),
                    "input_ceiling": _fixed(ceiling, 4),
                    "multiplier_at_floor": _fixed(low, 4),
                    "multiplier_at_ceiling": _fixed(high, 4),
                }
            )
        ceiling_base = (MAX_BONUS / (_top_score(kpis, own_corridors) * top_multiplier + 1)).quantize(
            Decimal("0.01")
        )
        base = min(log_money(draw, 3, 6), ceiling_base)
        bases.append({"role": role, "employee_id": "", "base_bonus": _fixed(base, 2)})
        for _ in range(draw(st.integers(1, 3))):
            n = len(employees) + 1
            employee = {
                "employee_id": f"E{n:03d}",
                "full_name": f"Person {n}",
                "department_id": f"D{draw(st.integers(1, 2))}",
                "role": role,
                "extensions": str(200 + n),
                "crm_user_id": f"U{n:03d}",
                "hire_date": "2025-01-01",
                "leave_date": "",
            }
            when = draw(st.sampled_from(["always", "always", "joins", "leaves"]))
            if when == "joins":
                employee["hire_date"] = draw(st.dates(date(2026, 10, 2), date(2026, 11, 27))).isoformat()
            elif when == "leaves":
                employee["leave_date"] = draw(st.dates(date(2026, 10, 1), date(2026, 11, 27))).isoformat()
            employees.append(employee)
            if draw(st.integers(0, 3)) == 0:
                personal = min(log_money(draw, 4, 6), ceiling_base)
                bases.append(
                    {"role": role, "employee_id": employee["employee_id"], "base_bonus": _fixed(personal, 2)}
                )
    company.scheme = {
        "kpi_scheme.csv": [{**k} for k in scheme],
        "kpi_corridors.csv": corridors,
        "bonus_base.csv": bases,
        "bonus_gates.csv": gates,
        "bonus_multipliers.csv": multipliers,
    }
    _inbox(draw, company, employees)
    return company


def _inbox(draw, company: Company, employees: list[dict]) -> None:
    plans, clients, deals, lines = [], [], [], []
    phones = iter(range(10_000, 99_999))
    for e in employees:
        for month in MONTHS:
            kind = draw(st.sampled_from(["plan", "plan", "plan", "plan", "missing", "zero"]))
            if kind == "missing":
                continue
            revenue = Decimal(0) if kind == "zero" else log_money(draw, 3, 12)
            plans.append(
                {
                    "month": month.isoformat(),
                    "employee_id": e["employee_id"],
                    "revenue_plan": _fixed(revenue, 2),
                    "calls_plan": str(draw(st.integers(0, 60))),
                }
            )
        for _ in range(draw(st.integers(0, 3))):
            cid = f"C{len(clients) + 1:04d}"
            clients.append(
                {
                    "client_id": cid,
                    "client_name": f"Client {cid}",
                    "phones": f"8916{next(phones):07d}",
                    "responsible_user_id": e["crm_user_id"],
                }
            )
    for e in employees:
        own = [c for c in clients if c["responsible_user_id"] == e["crm_user_id"]]
        for month in MONTHS:
            for _ in range(draw(st.integers(0, 3))):
                deal_id = f"DL{len(deals) + 1:05d}"
                created = draw(st.dates(month, month + timedelta(days=27)))
                closed = created + timedelta(days=draw(st.integers(0, 3)))
                status = draw(st.sampled_from(["won", "won", "won", "lost", "in_progress"]))
                deals.append(
                    {
                        "deal_id": deal_id,
                        "client_id": draw(st.sampled_from(own))["client_id"] if own else "",
                        "responsible_user_id": e["crm_user_id"],
                        "status": status,
                        "created_at": f"{created.isoformat()}T{draw(st.integers(9, 17)):02d}:15:00+03:00",
                        "closed_at": closed.isoformat() if status != "in_progress" else "",
                        "title": f"Deal {deal_id}",
                    }
                )
                for _ in range(draw(st.integers(1, 3))):
                    product = draw(st.sampled_from(PRODUCTS))
                    quantity = draw(st.one_of(st.integers(1, 50).map(Decimal), decimals("0.001", "1000", 3)))
                    price = log_money(draw, 0, 11)
                    cost = draw(
                        st.one_of(
                            st.just(""),
                            st.builds(
                                lambda p, f: _fixed((p * f).quantize(Decimal("0.01")), 2),
                                st.just(price),
                                decimals("0.1", "1.5", 2),
                            ),
                        )
                    )
                    lines.append(
                        {
                            "deal_line_id": f"LN{len(lines) + 1:06d}",
                            "deal_id": deal_id,
                            "product_id": product[0],
                            "quantity": str(quantity),
                            "price": _fixed(price, 2),
                            "cost": cost,
                        }
                    )
    company.files = {
        "directory/employees.csv": employees,
        "directory/departments.csv": [
            {"department_id": "D1", "department_name": "Sales one", "ring_group": "601"},
            {"department_id": "D2", "department_name": "Sales two", "ring_group": "602"},
        ],
        "plans/plans.csv": plans,
        "crm/users.csv": [
            {"user_id": e["crm_user_id"], "full_name": e["full_name"], "email": "", "is_active": "true"}
            for e in employees
        ],
        "crm/clients.csv": clients,
        "crm/products.csv": [
            {
                "product_id": p[0],
                "product_name": f"Product {p[0]}",
                "category": p[1],
                "cost": p[2] or "1.00",
                "list_price": "",
                "is_priority": p[3],
                "is_promo": p[4],
                "season_start": p[5],
                "season_end": p[6],
            }
            for p in PRODUCTS
        ],
        "crm/deals.csv": deals,
        "crm/deal_lines.csv": lines,
    }
    company.cdr = _calls(draw, employees, clients)


def _calls(draw, employees: list[dict], clients: list[dict]) -> list[list]:
    """Answered and missed inbound calls straight to an extension: one leg each."""
    rows = []
    numbers = [c["phones"] for c in clients] or ["89169999999"]
    for e in employees:
        for month in MONTHS:
            for _ in range(draw(st.integers(0, 4))):
                start = datetime.combine(
                    draw(st.dates(month, month + timedelta(days=27))), datetime.min.time()
                )
                start += timedelta(hours=draw(st.integers(9, 17)), minutes=draw(st.integers(0, 59)))
                talk = draw(st.integers(1, 3600))
                answered = draw(st.integers(0, 4)) > 0
                ring = draw(st.integers(1, 30))
                uid = f"{int(start.timestamp())}.{len(rows)}"
                src = draw(st.sampled_from([*numbers, "89035550101"]))
                ext = e["extensions"]
                end = start + timedelta(seconds=ring + (talk if answered else 0))
                rows.append(
                    [
                        "",
                        src,
                        ext,
                        "from-trunk",
                        f'"Client" <{src}>',
                        f"SIP/trunk-{len(rows):08x}",
                        f"SIP/{ext}-{len(rows):08x}",
                        "Dial",
                        f"SIP/{ext},30,tT",
                        f"{start:%Y-%m-%d %H:%M:%S}",
                        f"{start + timedelta(seconds=ring):%Y-%m-%d %H:%M:%S}" if answered else "",
                        f"{end:%Y-%m-%d %H:%M:%S}",
                        str(ring + (talk if answered else 0)),
                        str(talk if answered else 0),
                        "ANSWERED" if answered else "NO ANSWER",
                        "DOCUMENTATION",
                        uid,
                        "",
                        "",
                        uid,
                        "1",
                    ]
                )
    if not rows:  # months come from activity: one call keeps both months in the data
        rows.append(
            [
                "",
                "89035550101",
                "999",
                "from-trunk",
                "",
                "SIP/trunk-0",
                "",
                "Dial",
                "SIP/999,30,tT",
                "2026-10-01 10:00:00",
                "",
                "2026-10-01 10:00:10",
                "10",
                "0",
                "NO ANSWER",
                "DOCUMENTATION",
                "1790000000.1",
                "",
                "",
                "1790000000.1",
                "1",
            ]
        )
    return rows
