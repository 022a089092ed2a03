"""The KPI scheme's rules, checked before anything is computed from it.

The scheme is five CSV files in its folder (``AUTOKPI_SCHEME_DIR``, else
``dbt_project/scheme/``; or a proposal given to ``autokpi simulate``), read against the KPI
codes the product knows (``dbt_project/seeds/kpi_codes.csv``). Every run checks them first
(``autokpi check-scheme`` does it alone): each
problem is one sentence naming the file, the line, the role and the value, and all of them
are reported at once, so a finance user fixes the file in one go instead of decoding the
name of a failed dbt test.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from pathlib import Path

from core.errors import UserFacingError
from core.paths import SEEDS_DIR, scheme_dir

SCALE_KINDS = ("linear", "base_norm", "corridors")
TARGET_SOURCES = ("fixed", "plan_revenue", "plan_calls")
SCOPES = ("employee", "department")
CALL_ACTIVITY_MEASURES = ("answered_calls", "talk_minutes")
# bonus_formula keeps 30 decimal places of the product in a DECIMAL(38): 8 integer digits
MAX_BONUS = Decimal("100000000")
KPI_CODES = {"kpi_codes.csv": ["kpi_code", "unit", "is_additive"]}
REQUIRED_COLUMNS = {
    "kpi_scheme.csv": ["role", "kpi_code", "weight", "scale_kind", "threshold", "cap", "target_source",
                       "target_value", "base_value", "parameter", "scope"],
    "kpi_corridors.csv": ["role", "kpi_code", "band_from", "band_to", "coefficient"],
    "bonus_base.csv": ["role", "employee_id", "base_bonus"],
    "bonus_gates.csv": ["role", "kpi_code", "min_achievement"],
    "bonus_multipliers.csv": ["role", "multiplier_code", "kpi_code", "input_floor", "input_ceiling",
                              "multiplier_at_floor", "multiplier_at_ceiling"],
}  # fmt: skip


class SchemeError(UserFacingError):
    """The scheme cannot be used; the message lists every problem found."""


@dataclass
class Row:
    file: str
    line: int
    values: dict

    def at(self) -> str:
        return f"{self.file} line {self.line}"


@dataclass
class SchemeCheck:
    problems: list[str] = field(default_factory=list)

    def add(self, where: str, text: str) -> None:
        self.problems.append(f"{where}: {text}")

    def number(self, row: Row, column: str, places: int | None = None, required: bool = True):
        """The cell as a Decimal, or None (with a problem when it is required or not a number)."""
        text = (row.values.get(column) or "").strip()
        if not text:
            if required:
                self.add(row.at(), f"{_who(row)}{column} is empty")
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            hint = f" (write {text.replace(',', '.')})" if "," in text else ""
            self.add(row.at(), f"{_who(row)}{column} {text!r} is not a number{hint}")
            return None
        if not value.is_finite():
            self.add(row.at(), f"{_who(row)}{column} {text!r} is not a number")
            return None
        if places is not None and -value.as_tuple().exponent > places:
            self.add(row.at(), f"{_who(row)}{column} {text} has more than {places} decimal places")
        return value


def _who(row: Row) -> str:
    role = (row.values.get("role") or "").strip()
    kpi = (row.values.get("kpi_code") or "").strip()
    parts = [f"role {role}" if role else "", f"KPI {kpi}" if kpi else ""]
    text = ", ".join(p for p in parts if p)
    return f"{text}: " if text else ""


def _read(folder: Path, name: str, check: SchemeCheck, fallback: Path | None) -> list[Row]:
    path = folder / name
    if not path.exists() and fallback is not None:
        path = fallback / name
    if not path.exists():
        check.add(f"{folder / name}", "the file is missing")
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        required = {**KPI_CODES, **REQUIRED_COLUMNS}[name]
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            check.add(name, f"missing column(s) {', '.join(missing)}")
            return []
        return [Row(name, i, row) for i, row in enumerate(reader, start=2)]


def check_scheme(folder: Path | None = None, fallback: Path | None = None) -> list[str]:
    """Every problem of the scheme in ``folder`` (default: the configured scheme folder;
    files missing there are read from ``fallback``, as `autokpi simulate` does with a
    partial proposal); [] when it is sound."""
    folder = folder or scheme_dir()
    check = SchemeCheck()
    files = {name: _read(folder, name, check, fallback) for name in REQUIRED_COLUMNS}
    codes = {r.values["kpi_code"].strip(): r for r in _read(SEEDS_DIR, "kpi_codes.csv", check, None)}
    additive = {c for c, r in codes.items() if (r.values.get("is_additive") or "").strip().lower() == "true"}
    known = ", ".join(sorted(codes))

    scheme: dict[str, dict[str, dict]] = defaultdict(dict)
    weights: dict[str, Decimal] = defaultdict(Decimal)
    first_line: dict[str, int] = {}
    for row in files["kpi_scheme.csv"]:
        v = {k: (x or "").strip() for k, x in row.values.items() if k}
        role, code = v["role"], v["kpi_code"]
        if not role:
            check.add(row.at(), "role is empty")
            continue
        first_line.setdefault(role, row.line)
        if code not in codes:
            check.add(row.at(), f"role {role}: unknown KPI code {code!r} (known: {known})")
            continue
        if code in scheme[role]:
            check.add(
                row.at(), f"role {role}: KPI {code} is listed twice (also line {scheme[role][code]['line']})"
            )
            continue
        weight = check.number(row, "weight", places=4)
        if weight is not None and weight <= 0:
            check.add(row.at(), f"{_who(row)}weight {v['weight']} must be above 0")
        threshold = check.number(row, "threshold", places=4, required=v["scale_kind"] == "linear")
        cap = check.number(row, "cap", places=4, required=v["scale_kind"] in ("linear", "base_norm"))
        target = check.number(row, "target_value", places=4)
        base = check.number(row, "base_value", places=4, required=v["scale_kind"] == "base_norm")
        if v["scale_kind"] not in SCALE_KINDS:
            check.add(
                row.at(), f"{_who(row)}scale_kind {v['scale_kind']!r} is not one of {', '.join(SCALE_KINDS)}"
            )
        if threshold is not None and not 0 <= threshold <= 1:
            check.add(row.at(), f"{_who(row)}threshold {v['threshold']} must be between 0 and 1")
        if cap is not None and cap < 1:
            check.add(row.at(), f"{_who(row)}cap {v['cap']} must be at least 1")
        if v["target_source"] not in TARGET_SOURCES:
            check.add(
                row.at(),
                f"{_who(row)}target_source {v['target_source']!r} is not one of {', '.join(TARGET_SOURCES)}",
            )
        elif v["target_source"] == "fixed" and target is not None and target <= 0:
            check.add(row.at(), f"{_who(row)}a fixed target must be above 0, got {v['target_value']}")
        if (
            v["scale_kind"] == "base_norm"
            and v["target_source"] == "fixed"
            and None not in (base, target)
            and base >= target
        ):
            check.add(
                row.at(),
                f"{_who(row)}base_value {v['base_value']} must be below the target {v['target_value']}",
            )
        if v["scope"] not in SCOPES:
            check.add(row.at(), f"{_who(row)}scope {v['scope']!r} is not one of {', '.join(SCOPES)}")
        elif v["scope"] == "department" and code not in additive:
            check.add(row.at(), f"{_who(row)}scope department needs an additive KPI; {code} is not one")
        if code == "call_activity" and v["parameter"] and v["parameter"] not in CALL_ACTIVITY_MEASURES:
            check.add(
                row.at(),
                f"{_who(row)}parameter {v['parameter']!r} is not one of {', '.join(CALL_ACTIVITY_MEASURES)}",
            )
        if code == "markup" and v["parameter"]:
            check.number(row, "parameter", places=4)
        scheme[role][code] = {"line": row.line, "scale": v["scale_kind"], "cap": cap, "weight": weight}
        weights[role] += weight or 0

    for role, total in weights.items():
        if total != 1 and all(k["weight"] is not None for k in scheme[role].values()):
            check.add(
                f"kpi_scheme.csv line {first_line[role]}",
                f"role {role}: weights sum to {total.normalize():f}, must be 1",
            )

    tops = _check_corridors(files["kpi_corridors.csv"], scheme, check)
    for role, kpis in scheme.items():
        for code, kpi in kpis.items():
            if kpi["scale"] == "corridors" and (role, code) not in tops:
                check.add(
                    f"kpi_scheme.csv line {kpi['line']}",
                    f"role {role}: KPI {code} is a corridors KPI but kpi_corridors.csv has no bands for it",
                )

    multipliers = _check_multipliers(files["bonus_multipliers.csv"], codes, known, check)
    _check_gates(files["bonus_gates.csv"], scheme, check)
    _check_bases(files["bonus_base.csv"], scheme, tops, multipliers, check)
    return check.problems


def _check_corridors(rows: list[Row], scheme: dict, check: SchemeCheck) -> dict:
    """Bands of each corridors KPI must start at 0, touch without gaps or overlaps, and end
    open; returns the top coefficient of each (role, KPI)."""
    bands: dict[tuple, list] = defaultdict(list)
    for row in rows:
        role, code = row.values["role"].strip(), row.values["kpi_code"].strip()
        if scheme.get(role, {}).get(code, {}).get("scale") != "corridors":
            check.add(
                row.at(), f"role {role}: KPI {code} is not a corridors KPI of that role in kpi_scheme.csv"
            )
            continue
        start = check.number(row, "band_from", places=4)
        end = check.number(row, "band_to", places=4, required=False)
        coefficient = check.number(row, "coefficient", places=4)
        if coefficient is not None and coefficient < 0:
            check.add(row.at(), f"{_who(row)}coefficient {coefficient} must not be negative")
        if start is not None and coefficient is not None:
            bands[(role, code)].append((start, end, coefficient, row))
    tops = {}
    for (role, code), items in bands.items():
        items.sort(key=lambda b: b[0])
        where = f"kpi_corridors.csv line {items[0][3].line}"
        if items[0][0] != 0:
            check.add(where, f"role {role}, KPI {code}: the first band must start at 0, not {items[0][0]}")
        for (_, end, _, row), (next_start, _, _, _) in pairwise(items):
            if end is None or end != next_start:
                check.add(
                    row.at(),
                    f"role {role}, KPI {code}: band ends at {end if end is not None else 'infinity'} "
                    f"but the next starts at {next_start} (a gap or an overlap)",
                )
        if items[-1][1] is not None:
            check.add(
                items[-1][3].at(), f"role {role}, KPI {code}: the last band must have no band_to (open-ended)"
            )
        tops[(role, code)] = max(b[2] for b in items)
    return tops


def _check_multipliers(rows: list[Row], codes: dict, known: str, check: SchemeCheck) -> dict:
    seen: dict[str, int] = {}
    tops: dict[str, Decimal] = {}
    for row in rows:
        role, code = row.values["role"].strip(), row.values["kpi_code"].strip()
        if role in seen:
            check.add(row.at(), f"role {role}: a second multiplier (line {seen[role]} has one); one per role")
            continue
        seen[role] = row.line
        if code not in codes:
            check.add(row.at(), f"role {role}: unknown KPI code {code!r} (known: {known})")
        floor = check.number(row, "input_floor", places=4)
        ceiling = check.number(row, "input_ceiling", places=4)
        low = check.number(row, "multiplier_at_floor", places=4)
        high = check.number(row, "multiplier_at_ceiling", places=4)
        if None not in (floor, ceiling) and floor >= ceiling:
            check.add(row.at(), f"role {role}: input_floor {floor} must be below input_ceiling {ceiling}")
        for name, value in (("multiplier_at_floor", low), ("multiplier_at_ceiling", high)):
            if value is not None and value <= 0:
                check.add(row.at(), f"role {role}: {name} {value} must be above 0")
        tops[role] = max(v for v in (low, high, Decimal(1)) if v is not None)
    return tops


def _check_gates(rows: list[Row], scheme: dict, check: SchemeCheck) -> None:
    for row in rows:
        role, code = row.values["role"].strip(), row.values["kpi_code"].strip()
        if code not in scheme.get(role, {}):
            check.add(row.at(), f"role {role}: the gate's KPI {code} is not in that role's scheme")
        minimum = check.number(row, "min_achievement", places=4)
        if minimum is not None and minimum <= 0:
            check.add(row.at(), f"{_who(row)}min_achievement {minimum} must be above 0")


def _check_bases(rows: list[Row], scheme: dict, tops: dict, multipliers: dict, check: SchemeCheck) -> None:
    role_bases: dict[str, Row] = {}
    personal: dict[str, Row] = {}
    for row in rows:
        role, employee = row.values["role"].strip(), (row.values.get("employee_id") or "").strip()
        base = check.number(row, "base_bonus", places=2)
        if base is not None and base < 0:
            check.add(row.at(), f"role {role}: base_bonus {base} must not be negative")
        key, seen = (employee, personal) if employee else (role, role_bases)
        if key in seen:
            who = f"employee {employee}" if employee else f"role {role}"
            check.add(row.at(), f"{who} has two base bonuses (also line {seen[key].line})")
            continue
        seen[key] = row
        if base is None or role not in scheme:
            continue
        highest = Decimal(0)  # the score at every KPI's cap
        for code, kpi in scheme[role].items():
            top = tops.get((role, code)) if kpi["scale"] == "corridors" else kpi["cap"]
            highest += (kpi["weight"] or 0) * (top or 0)
        if base * highest * multipliers.get(role, Decimal(1)) >= MAX_BONUS:
            check.add(
                row.at(),
                f"role {role}: a base of {base} can pay {base * highest * multipliers.get(role, 1):f} "
                f"at every cap, above the {MAX_BONUS:,} a bonus can be; lower the base or the caps",
            )
    for role, kpis in scheme.items():
        if role not in role_bases:
            line = min(k["line"] for k in kpis.values())
            check.add(
                f"kpi_scheme.csv line {line}",
                f"role {role} has KPIs but no base bonus in bonus_base.csv (its people would get no bonus)",
            )


def raise_if_broken(folder: Path | None = None, fallback: Path | None = None) -> None:
    folder = folder or scheme_dir()
    problems = check_scheme(folder, fallback)
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        raise SchemeError(
            f"the KPI scheme in {folder} has {count}, nothing was computed from it: " + "; ".join(problems)
        )
