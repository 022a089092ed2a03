"""An independent implementation of autokpi's documented bonus rules, in ``decimal.Decimal``.

It reads what a company gives autokpi — the inbox files and the scheme files — and
computes every KPI row and bonus row from the rules as the README states them, sharing no
code with the product (no import from the project's packages). The oracle tests compare
the marts with it to the kopeck.

The rules (README, "The bonus"):
- months: every month from the first to the last month with a call or a closed deal;
  working days are weekdays that are not in ``calendar_holidays.csv``; an employee counts
  in a month with at least one working day between hire and leave date;
- actuals: revenue of won deal lines by the month the deal closed (quantity × price);
  a call counts for whoever had the extension that day (between hire and leave dates);
  markup: revenue at or above cost × (1 + the role's target markup) / revenue; priority,
  promo or in-season revenue; distinct product categories; answered customer calls (or
  talk minutes, each call's seconds / 60); assigned clients contacted by an answered call
  or a deal created or closed in the month / assigned clients;
- every quotient is rounded half away from zero to 12 places (``q``); sums and products are
  exact; the paid amount is rounded half up to 0.01;
- target = share × plan × working days employed / working days of the month (additive
  KPIs), share × plan (others), or the fixed target (× the same days ratio, additive);
  department scope sums the members' actuals and plans;
- coefficient: linear (0 below threshold, the achievement up to the cap), base_norm
  ((actual − base) / (target − base) clipped to [0, cap]; the base of an additive KPI is
  prorated like its target, and a target at or below the base scores 0) or the corridor
  band's;
- bonus = round(base × Σ weight × coefficient × gate × multiplier, 2); a gate whose KPI
  has no achievement is not applied; the multiplier is linear between floor and ceiling
  of the employee's own actual, 1 without it, rounded to 12 places.

Call quality is left out: its actual is the call scorer's output, not a bonus rule.
"""

from __future__ import annotations

import calendar
import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Context, Decimal
from pathlib import Path

CTX = Context(prec=100, rounding=ROUND_HALF_UP)
TWELVE = Decimal("1e-12")
KOPECK = Decimal("0.01")


def q(numerator: Decimal, denominator: Decimal) -> Decimal:
    """A quotient rounded half away from zero to 12 places."""
    return CTX.divide(Decimal(numerator), Decimal(denominator)).quantize(TWELVE, context=CTX)


def r12(value: Decimal) -> Decimal:
    return value.quantize(TWELVE, context=CTX)


def money(value: Decimal) -> Decimal:
    return value.quantize(KOPECK, rounding=ROUND_HALF_UP)


def dec(text: str | None) -> Decimal | None:
    text = (text or "").strip()
    return Decimal(text) if text else None


def read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def e164(raw: str) -> str:
    digits = "".join(c for c in raw if c.isdigit())
    if len(digits) == 11 and digits[0] in "78":
        return "+7" + digits[1:]
    return "+" + digits


@dataclass
class Inputs:
    employees: list[dict]
    plans: dict  # (month, employee) -> row
    products: dict
    clients: list[dict]
    deals: dict
    lines: list[dict]
    calls: list[dict]  # answered customer calls: employee, local date, seconds, client phone
    holidays: set
    kpi_codes: dict
    scheme: dict  # role -> kpi -> row
    corridors: dict  # (role, kpi) -> sorted bands
    bases: list[dict]
    gates: dict  # role -> list of rows
    multipliers: dict  # role -> row
    months: list = field(default_factory=list)


def load(inbox: Path, scheme_dir: Path, seeds_dir: Path) -> Inputs:
    employees = read_csv(inbox / "directory" / "employees.csv")
    # an extension is an employee's from hire to leave date: a call outside that is nobody's
    by_extension: dict[str, list] = defaultdict(list)
    for e in employees:
        hire, leave = dec_date(e["hire_date"]), dec_date(e["leave_date"])
        for ext in e["extensions"].replace(",", ";").split(";"):
            if ext.strip():
                by_extension[ext.strip()].append((hire, leave, e["employee_id"]))

    def owner(extension: str, day: date) -> str | None:
        for hire, leave, employee in by_extension.get(extension, []):
            if (hire is None or day >= hire) and (leave is None or day <= leave):
                return employee
        return None

    calls, starts = [], []
    for path in sorted((inbox / "pbx" / "asterisk").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                src, dst, start, billsec, disposition = row[1], row[2], row[9], row[13], row[14]
                starts.append(date.fromisoformat(start[:10]))
                day = date.fromisoformat(start[:10])
                if disposition == "ANSWERED" and owner(dst, day) and src not in by_extension:
                    calls.append(
                        {
                            "employee_id": owner(dst, day),
                            "local_date": day,
                            "seconds": int(billsec),
                            "phone": e164(src),
                        }
                    )
    scheme: dict = defaultdict(dict)
    for row in read_csv(scheme_dir / "kpi_scheme.csv"):
        scheme[row["role"]][row["kpi_code"]] = row
    corridors: dict = defaultdict(list)
    for row in read_csv(scheme_dir / "kpi_corridors.csv"):
        corridors[(row["role"], row["kpi_code"])].append(
            (dec(row["band_from"]), dec(row["band_to"]), dec(row["coefficient"]))
        )
    gates: dict = defaultdict(list)
    for row in read_csv(scheme_dir / "bonus_gates.csv"):
        gates[row["role"]].append(row)
    inputs = Inputs(
        employees=employees,
        plans={
            (date.fromisoformat(r["month"][:7] + "-01"), r["employee_id"]): r
            for r in read_csv(inbox / "plans" / "plans.csv")
        },
        products={r["product_id"]: r for r in read_csv(inbox / "crm" / "products.csv")},
        clients=read_csv(inbox / "crm" / "clients.csv"),
        deals={r["deal_id"]: r for r in read_csv(inbox / "crm" / "deals.csv")},
        lines=read_csv(inbox / "crm" / "deal_lines.csv"),
        calls=calls,
        holidays={
            date.fromisoformat(r["holiday_date"]) for r in read_csv(seeds_dir / "calendar_holidays.csv")
        },
        kpi_codes={r["kpi_code"]: r for r in read_csv(seeds_dir / "kpi_codes.csv")},
        scheme=dict(scheme),
        corridors={k: sorted(v, key=lambda b: b[0]) for k, v in corridors.items()},
        bases=read_csv(scheme_dir / "bonus_base.csv"),
        gates=dict(gates),
        multipliers={r["role"]: r for r in read_csv(scheme_dir / "bonus_multipliers.csv")},
    )
    active = starts + [
        date.fromisoformat(d["closed_at"][:10]) for d in inputs.deals.values() if d["closed_at"].strip()
    ]
    first, last = min(active).replace(day=1), max(active).replace(day=1)
    month = first
    while month <= last:
        inputs.months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return inputs


def working_days(inputs: Inputs, month: date, start: date | None = None, end: date | None = None) -> int:
    days = calendar.monthrange(month.year, month.month)[1]
    count = 0
    for d in (month.replace(day=i) for i in range(1, days + 1)):
        if (
            d.weekday() < 5
            and d not in inputs.holidays
            and (start is None or d >= start)
            and (end is None or d <= end)
        ):
            count += 1
    return count


def employee_months(inputs: Inputs) -> dict:
    """(month, employee_id) -> {employee row, working days employed, of the month}."""
    out = {}
    for e in inputs.employees:
        hire = date.fromisoformat(e["hire_date"]) if e["hire_date"].strip() else None
        leave = date.fromisoformat(e["leave_date"]) if e["leave_date"].strip() else None
        for month in inputs.months:
            own = working_days(inputs, month, hire, leave)
            if own > 0:
                out[(month, e["employee_id"])] = {
                    "e": e,
                    "days": own,
                    "month_days": working_days(inputs, month),
                }
    return out


def actuals(inputs: Inputs, members: dict) -> dict:
    """(month, employee, kpi) -> actual (None for a ratio without a denominator)."""
    crm_to_employee = {e["crm_user_id"]: e["employee_id"] for e in inputs.employees if e["crm_user_id"]}
    numerators: dict = defaultdict(Decimal)
    denominators: dict = {}
    categories: dict = defaultdict(set)
    for line in inputs.lines:
        deal = inputs.deals.get(line["deal_id"])
        if not deal or deal["status"].strip().lower() != "won" or not deal["closed_at"].strip():
            continue
        employee = crm_to_employee.get(deal["responsible_user_id"])
        closed = date.fromisoformat(deal["closed_at"][:10])
        key = (closed.replace(day=1), employee)
        if key not in members:
            continue
        role = members[key]["e"]["role"]
        product = inputs.products.get(line["product_id"], {})
        revenue = Decimal(line["quantity"]) * Decimal(line["price"])
        cost = dec(line.get("cost")) if dec(line.get("cost")) is not None else dec(product.get("cost"))
        markup_row = inputs.scheme.get(role, {}).get("markup")
        target_markup = (
            dec(markup_row["parameter"]) if markup_row and markup_row["parameter"].strip() else Decimal("0.3")
        )
        numerators[(*key, "plan_revenue")] += revenue
        numerators[(*key, "markup")] += (
            revenue if cost and cost > 0 and Decimal(line["price"]) >= cost * (1 + target_markup) else 0
        )
        denominators[(*key, "markup")] = denominators.get((*key, "markup"), Decimal(0)) + revenue
        if product.get("is_priority") == "true":
            numerators[(*key, "priority_products")] += revenue
        season_start, season_end = dec_date(product.get("season_start")), dec_date(product.get("season_end"))
        in_season = season_start is not None and season_start <= closed <= season_end
        if product.get("is_promo") == "true" or in_season:
            numerators[(*key, "promo_seasonal")] += revenue
        categories[key].add(product.get("category"))
    for key, cats in categories.items():
        numerators[(*key, "assortment")] += len(cats)
    phone_owner = {}
    for client in inputs.clients:
        for phone in client["phones"].replace(",", ";").split(";"):
            if phone.strip():
                phone_owner[e164(phone)] = client["client_id"]
    contacted: dict = defaultdict(set)
    for call in inputs.calls:
        key = (call["local_date"].replace(day=1), call["employee_id"])
        if key not in members:
            continue
        role = members[key]["e"]["role"]
        activity = inputs.scheme.get(role, {}).get("call_activity")
        measure = (
            activity["parameter"].strip() if activity and activity["parameter"].strip() else "answered_calls"
        )
        numerators[(*key, "call_activity")] += q(call["seconds"], 60) if measure == "talk_minutes" else 1
        if call["phone"] in phone_owner:
            contacted[key].add(phone_owner[call["phone"]])
    for deal in inputs.deals.values():
        employee = crm_to_employee.get(deal["responsible_user_id"])
        for text in (deal["created_at"], deal["closed_at"]):
            if text.strip():
                key = (date.fromisoformat(text[:10]).replace(day=1), employee)
                if key in members and deal["client_id"]:
                    contacted[key].add(deal["client_id"])
    for key, member in members.items():
        own = [
            c["client_id"] for c in inputs.clients if c["responsible_user_id"] == member["e"]["crm_user_id"]
        ]
        if own:
            numerators[(*key, "client_coverage")] += sum(1 for c in own if c in contacted[key])
            denominators[(*key, "client_coverage")] = Decimal(len(own))
    out = {}
    for key in members:
        for code, row in inputs.kpi_codes.items():
            k = (*key, code)
            if k in denominators:
                out[k] = q(numerators[k], denominators[k]) if denominators[k] != 0 else None
            elif row["unit"] in ("money", "count"):
                out[k] = numerators.get(k, Decimal(0))
            else:
                out[k] = None
    return out


def dec_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text and text.strip() else None


def coefficient(kpi: dict, bands: list, actual, target, achievement, base=None) -> Decimal:
    if achievement is None:
        return Decimal(0)
    scale = kpi["scale_kind"]
    if scale == "linear":
        return Decimal(0) if achievement < dec(kpi["threshold"]) else min(achievement, dec(kpi["cap"]))
    if scale == "base_norm":
        if target <= base:
            return Decimal(0)
        return max(Decimal(0), min(dec(kpi["cap"]), q(actual - base, target - base)))
    for start, end, value in bands:
        if achievement >= start and (end is None or achievement < end):
            return value
    return Decimal(0)


@dataclass
class KpiRow:
    actual: Decimal | None
    target: Decimal | None
    achievement: Decimal | None
    coefficient: Decimal
    weight: Decimal
    points: dict  # scenario -> actual that reaches it
    base: Decimal | None = None  # base_norm's base, prorated like the target


def kpi_rows(inputs: Inputs, members: dict, acts: dict) -> dict:
    """(month, employee, kpi) -> KpiRow for every KPI of the employee's role scheme."""
    out = {}
    for (month, employee), member in members.items():
        role, department = member["e"]["role"], member["e"]["department_id"]
        team = [k for k, m in members.items() if k[0] == month and m["e"]["department_id"] == department]
        for code, kpi in inputs.scheme.get(role, {}).items():
            additive = inputs.kpi_codes[code]["is_additive"] == "true"
            scope = kpi["scope"]
            if scope == "department":
                values = [acts[(*k, code)] for k in team if acts[(*k, code)] is not None]
                actual = sum(values, Decimal(0)) if values else None
            else:
                actual = acts[(month, employee, code)]
            share, source = dec(kpi["target_value"]), kpi["target_source"]
            month_days = member["month_days"]
            if source == "fixed":
                target = q(share * member["days"], month_days) if additive else share
            else:
                column = "revenue_plan" if source == "plan_revenue" else "calls_plan"
                if scope == "department":
                    plans = [
                        (dec(inputs.plans[k][column]), members[k]["days"])
                        for k in team
                        if k in inputs.plans and dec(inputs.plans[k][column]) is not None
                    ]
                    target = q(share * sum(p * d for p, d in plans), month_days) if plans else None
                else:
                    plan = dec(inputs.plans.get((month, employee), {}).get(column))
                    if plan is None:
                        target = None
                    else:
                        target = q(share * plan * member["days"], month_days) if additive else share * plan
            achievement = (
                q(actual, target) if target is not None and target > 0 and actual is not None else None
            )
            bands = inputs.corridors.get((role, code), [])
            base = dec(kpi["base_value"])
            if base is not None and additive:  # an amount like the target: prorated as it is
                base = q(base * member["days"], month_days)
            points = {}
            if target is not None and target > 0:
                if kpi["scale_kind"] == "linear":
                    points["threshold"] = dec(kpi["threshold"]) * target
                    points["cap"] = dec(kpi["cap"]) * target
                elif kpi["scale_kind"] == "base_norm":
                    if target > base:
                        points["threshold"] = base
                        points["cap"] = base + dec(kpi["cap"]) * (target - base)
                else:
                    paying = [b for b in bands if b[2] > 0]
                    if paying:
                        points["threshold"] = paying[0][0] * target
                    top = max(b[2] for b in bands)
                    points["cap"] = min(b[0] for b in bands if b[2] == top) * target
                for gate in inputs.gates.get(role, []):
                    if gate["kpi_code"] == code:
                        points["gate"] = dec(gate["min_achievement"]) * target
            coef = coefficient(kpi, bands, actual, target, achievement, base)
            out[(month, employee, code)] = KpiRow(
                actual, target, achievement, coef, dec(kpi["weight"]), points, base
            )
    return out


def _scored_at(inputs, role, code, row: KpiRow, value: Decimal) -> tuple[Decimal, Decimal]:
    """(achievement, coefficient) with the KPI's actual at ``value``."""
    achievement = q(value, row.target)
    kpi = inputs.scheme[role][code]
    bands = inputs.corridors.get((role, code), [])
    return achievement, coefficient(kpi, bands, value, row.target, achievement, row.base)


def bonus(
    inputs: Inputs, members: dict, acts: dict, kpis: dict, month, employee, imagined=None
) -> dict | None:
    """The bonus row, or what it would be with ``imagined`` = (kpi, scenario) reached."""
    member = members[(month, employee)]
    role = member["e"]["role"]
    personal = [dec(b["base_bonus"]) for b in inputs.bases if b["employee_id"].strip() == employee]
    by_role = [
        dec(b["base_bonus"]) for b in inputs.bases if b["role"] == role and not b["employee_id"].strip()
    ]
    base = (personal or by_role or [None])[0]
    if base is None:
        return None
    own = {code: row for (m, e, code), row in kpis.items() if m == month and e == employee}
    achievements = {code: row.achievement for code, row in own.items()}
    coefficients = {code: row.coefficient for code, row in own.items()}
    actual_of = {code: acts[(month, employee, code)] for code in inputs.kpi_codes}
    if imagined:
        code, scenario = imagined
        value = own[code].points[scenario]
        achievements[code], coefficients[code] = _scored_at(inputs, role, code, own[code], value)
        if inputs.scheme[role][code]["scope"] == "employee":
            actual_of[code] = value
    total = sum((own[c].weight * coefficients[c] for c in own), Decimal(0))
    gate, gate_code = Decimal(1), None
    for g in sorted(inputs.gates.get(role, []), key=lambda g: g["kpi_code"]):
        achieved = achievements.get(g["kpi_code"])
        if achieved is not None and achieved < dec(g["min_achievement"]):
            gate, gate_code = Decimal(0), gate_code or g["kpi_code"]
    multiplier = Decimal(1)
    m = inputs.multipliers.get(role)
    if m and actual_of.get(m["kpi_code"]) is not None:
        x = actual_of[m["kpi_code"]]
        floor, ceiling = dec(m["input_floor"]), dec(m["input_ceiling"])
        low, high = dec(m["multiplier_at_floor"]), dec(m["multiplier_at_ceiling"])
        if x <= floor:
            multiplier = low
        elif x >= ceiling:
            multiplier = high
        else:
            multiplier = r12(low + (high - low) * q(x - floor, ceiling - floor))
    return {
        "base_bonus": base,
        "total_score": total,
        "gate_factor": gate,
        "gate_kpi_code": gate_code,
        "quality_multiplier": multiplier,
        "bonus_amount": money(base * total * gate * multiplier),
    }


def expected(inbox: Path, scheme_dir: Path, seeds_dir: Path) -> tuple[dict, dict, dict]:
    """(kpi rows, bonus rows, statement gains) as the rules make them."""
    inputs = load(inbox, scheme_dir, seeds_dir)
    members = employee_months(inputs)
    acts = actuals(inputs, members)
    kpis = kpi_rows(inputs, members, acts)
    bonuses = {}
    for month, employee in members:
        row = bonus(inputs, members, acts, kpis, month, employee)
        if row is not None:
            bonuses[(month, employee)] = row
    gains = {}
    for (month, employee, code), row in kpis.items():
        now = bonuses.get((month, employee))
        if now is None:
            continue
        out = {}
        for scenario in ("threshold", "cap", "gate"):
            reach = row.points.get(scenario)
            distance = max(reach - (row.actual or 0), 0) if reach is not None else None
            if scenario == "gate" and now["gate_kpi_code"] != code:
                out["gain_at_gate"] = None
                continue
            if not distance:
                out[f"gain_at_{scenario}"] = Decimal(0) if scenario != "gate" else None
                continue
            then = bonus(inputs, members, acts, kpis, month, employee, (code, scenario))
            out[f"gain_at_{scenario}"] = then["bonus_amount"] - now["bonus_amount"]
        gains[(month, employee, code)] = out
    return kpis, bonuses, gains
