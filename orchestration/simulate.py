"""What-if: the bonus of a past month under a proposed KPI scheme, beside the current one.

The proposed scheme is a folder of scheme files (any of ``kpi_scheme.csv``,
``kpi_corridors.csv``, ``bonus_base.csv``, ``bonus_gates.csv``, ``bonus_multipliers.csv``;
missing ones stay as they are). It is checked by the same rules as every run's scheme
(``orchestration.scheme_check``) and built by dbt itself from the merged folder
(``AUTOKPI_SCHEME_DIR``) into a copy of the warehouse, so it is computed by the same models;
the official warehouse is only read.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from core.errors import UserFacingError
from core.paths import DBT_PROJECT_DIR, SCHEME_FILES, WAREHOUSE_ENV, scheme_dir
from core.warehouse import TARGET_ENV, connect, target
from orchestration.dbt_project import dbt_environment, dbt_executable
from orchestration.finance_exports import csv_cell
from orchestration.locking import warehouse_lock
from orchestration.scheme_check import check_scheme

LIVE_BONUS = "intermediate.int_bonus_monthly_live"


class SimulationError(UserFacingError):
    """The proposed scheme cannot be simulated; the message says why in one line."""


@dataclass(frozen=True)
class SimulationRow:
    employee_id: str
    full_name: str
    role: str
    current_bonus: Decimal
    proposed_bonus: Decimal

    @property
    def difference(self) -> Decimal:
        return self.proposed_bonus - self.current_bonus


def _bonuses(warehouse: Path, month: date) -> dict[str, tuple]:
    with connect(warehouse) as con:
        rows = con.execute(
            f"select employee_id, full_name, role, bonus_amount from {LIVE_BONUS} where period_month = ?",
            [month],
        ).fetchall()
    return {r[0]: r for r in rows}


def simulate(warehouse: Path, proposal: Path, month: date) -> list[SimulationRow]:
    files = sorted(p.name for p in proposal.glob("*.csv")) if proposal.is_dir() else []
    if not files:
        raise SimulationError(f"{proposal} holds no scheme files ({', '.join(SCHEME_FILES)})")
    unknown = [f for f in files if f not in SCHEME_FILES]
    if unknown:
        raise SimulationError(
            f"unknown scheme file(s) {', '.join(unknown)}; expected {', '.join(SCHEME_FILES)}"
        )
    problems = check_scheme(proposal, fallback=scheme_dir())
    if problems:
        raise SimulationError(f"the proposed scheme has {len(problems)} problem(s): " + "; ".join(problems))
    if target() != "duckdb":
        # the proposed scheme is built into a copy of the warehouse file; a server database
        # would need a scratch copy of every schema, which autokpi does not make yet
        raise SimulationError(f"simulate works on the DuckDB target only ({TARGET_ENV}={target()})")
    with tempfile.TemporaryDirectory(prefix="autokpi-simulate-") as tmp:
        copy = Path(tmp) / "warehouse.duckdb"
        # read and copied while no run writes it (a copy taken mid-run could be torn)
        with warehouse_lock(warehouse):
            current = _bonuses(warehouse, month)
            if current:
                shutil.copy(warehouse, copy)
        if not current:
            raise SimulationError(f"no bonus rows for {month:%Y-%m} in {warehouse}")
        merged = Path(tmp) / "scheme"
        shutil.copytree(scheme_dir(), merged)
        for name in files:
            shutil.copy(proposal / name, merged / name)
        seeds = [name.removesuffix(".csv") + "+" for name in SCHEME_FILES]
        done = subprocess.run(
            [dbt_executable(), "build", "--select", *seeds, "--exclude", "test_type:unit",
             "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
             "--target-path", str(Path(tmp) / "target"), "--quiet"],
            env={**os.environ, WAREHOUSE_ENV: str(copy), **dbt_environment(merged)},
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip
        if done.returncode != 0:
            lines = [ln.strip() for ln in (done.stdout + done.stderr).splitlines() if ln.strip()]
            reason = next((ln for ln in lines if "Error" in ln or "FAIL" in ln), lines[-1] if lines else "")
            raise SimulationError(f"the proposed scheme could not be built: {reason}")
        proposed = _bonuses(copy, month)
    out = []
    for employee_id in sorted(set(current) | set(proposed)):
        row = current.get(employee_id) or proposed[employee_id]
        out.append(
            SimulationRow(
                employee_id,
                row[1],
                row[2],
                current[employee_id][3] if employee_id in current else Decimal("0.00"),
                proposed[employee_id][3] if employee_id in proposed else Decimal("0.00"),
            )
        )
    return out


def write_csv(rows: list[SimulationRow], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["employee_id", "full_name", "role", "current_bonus", "proposed_bonus", "difference"])
        for r in rows:
            # as in the finance exports: a name a spreadsheet would run as a formula goes behind '
            values = [r.employee_id, r.full_name, r.role, r.current_bonus, r.proposed_bonus, r.difference]
            writer.writerow([csv_cell(value) for value in values])
    return path


def format_table(rows: list[SimulationRow], month: date) -> str:
    lines = [f"bonus for {month:%Y-%m}: current scheme vs proposed", ""]
    lines.append(f"{'employee':<10} {'name':<28} {'current':>12} {'proposed':>12} {'difference':>12}")
    for r in rows:
        lines.append(
            f"{r.employee_id:<10} {r.full_name[:28]:<28} {r.current_bonus:>12,.2f} "
            f"{r.proposed_bonus:>12,.2f} {r.difference:>+12,.2f}"
        )
    current = sum(r.current_bonus for r in rows)
    proposed = sum(r.proposed_bonus for r in rows)
    lines.append(f"{'total cost':<39} {current:>12,.2f} {proposed:>12,.2f} {proposed - current:>+12,.2f}")
    return "\n".join(lines)
