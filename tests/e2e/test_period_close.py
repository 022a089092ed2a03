"""Period close: freeze, late data as an adjustment, re-close refused, reopen with reason,
exports for finance, and the what-if simulation of a proposed scheme."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from orchestration.finance_exports import BONUS_EXPORT_COLUMNS
from orchestration.paths import DBT_PROJECT_DIR
from orchestration.period_close import PeriodCloseError, close_month, parse_month, reopen_month
from orchestration.run import run_pipeline
from orchestration.simulate import SimulationError, simulate
from tests.warehouse import query

pytestmark = pytest.mark.e2e
OCTOBER = date(2026, 10, 1)


@pytest.fixture
def own_copy(demo_run, demo_inbox, tmp_path):
    """This test's own inbox and warehouse, copied from the session's demo run."""
    _, warehouse = demo_run
    inbox = tmp_path / "inbox"
    shutil.copytree(demo_inbox, inbox)
    shutil.copytree(warehouse.parent, tmp_path / "warehouse")
    return inbox, tmp_path / "warehouse" / warehouse.name


def autokpi(*args):
    return subprocess.run([sys.executable, "-m", "orchestration.cli", *args], capture_output=True, text=True)


def test_close_freezes_the_month_and_late_data_becomes_an_adjustment(own_copy):
    inbox, warehouse = own_copy
    before = query(
        warehouse,
        "select * exclude (computed_at) from marts.mart_bonus_monthly where month = ? order by all",
        [OCTOBER],
    )

    done = autokpi("close", "--month", "2026-10", "--warehouse", str(warehouse), "--by", "finance@test")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "closed 2026-10" in done.stdout
    frozen = query(
        warehouse,
        "select * exclude (computed_at) from marts.mart_bonus_monthly where month = ? order by all",
        [OCTOBER],
    )
    assert [r[:8] for r in frozen] == [r[:8] for r in before]
    assert {r[8] for r in frozen} == {"closed"}
    assert query(warehouse, "select actor from closing.period_events")[0][0] == "finance@test"

    # a won deal closed on 30 October arrives in November's export
    manager = query(
        warehouse,
        "select employee_id, crm_user_id from marts.dim_employee "
        "where role = 'sales_manager' order by 1 limit 1",
    )[0]
    client = query(warehouse, "select client_id from staging.stg_crm__clients limit 1")[0][0]
    (inbox / "crm" / "deals-late.csv").write_text(
        "deal_id,client_id,responsible_user_id,status,created_at,closed_at\n"
        f"LATE1,{client},{manager[1]},won,2026-10-20T10:00:00+03:00,2026-10-30\n"
    )
    (inbox / "crm" / "deal_lines-late.csv").write_text(
        "deal_line_id,deal_id,product_id,quantity,price,cost\nLATE1-1,LATE1,P004,200,1290.00,780.00\n"
    )
    run_pipeline(inbox, warehouse, quiet=True)

    after = query(
        warehouse,
        "select * exclude (computed_at) from marts.mart_bonus_monthly where month = ? order by all",
        [OCTOBER],
    )
    assert after == frozen, "a closed month never changes"
    live = query(
        warehouse,
        "select bonus_amount from intermediate.int_bonus_monthly_live "
        "where period_month = ? and employee_id = ?",
        [OCTOBER, manager[0]],
    )[0][0]
    frozen_amount = query(
        warehouse,
        "select bonus_amount from marts.mart_bonus_monthly where month = ? and employee_id = ?",
        [OCTOBER, manager[0]],
    )[0][0]
    november = query(
        warehouse,
        "select adjustment_amount, payout_amount - bonus_amount, adjustment_reason, period_status "
        "from marts.mart_bonus_monthly where month = '2026-11-01' and employee_id = ?",
        [manager[0]],
    )[0]
    assert live != frozen_amount
    assert november[0] == november[1] == live - frozen_amount
    assert november[2].startswith("late data for 2026-10 (") and "plan_revenue" in november[2]
    assert november[3] == "open"


def test_reclose_is_refused_and_reopen_needs_a_reason(own_copy):
    _, warehouse = own_copy
    close_month(warehouse, OCTOBER, "a")
    with pytest.raises(PeriodCloseError, match=r"2026-10 is already closed .* reopen first"):
        close_month(warehouse, OCTOBER, "b")
    done = autokpi("close", "--month", "2026-10", "--warehouse", str(warehouse))
    assert done.returncode == 1 and done.stderr.strip().startswith(
        "autokpi: error: 2026-10 is already closed"
    )
    with pytest.raises(PeriodCloseError, match="needs a reason"):
        reopen_month(warehouse, OCTOBER, "  ", "a")
    reopen_month(warehouse, OCTOBER, "plan for E0002 was wrong", "head of finance")
    close_month(warehouse, OCTOBER, "a")  # closing again after a reopen is allowed
    events = query(warehouse, "select action, reason from closing.period_events order by occurred_at")
    assert [e[0] for e in events] == ["close", "reopen", "close"]
    assert events[1][1] == "plan for E0002 was wrong"
    with pytest.raises(PeriodCloseError, match="month must be YYYY-MM"):
        parse_month("2026-13")


def test_exports_open_in_a_spreadsheet_with_numbers(demo_run):
    summary, warehouse = demo_run
    csv_path = summary.exports / "bonus_2026-10.csv"
    with csv_path.open() as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == BONUS_EXPORT_COLUMNS
    assert (
        len(rows)
        == query(warehouse, "select count(*) from marts.mart_bonus_monthly where month = ?", [OCTOBER])[0][0]
    )
    wb = load_workbook(summary.exports / "bonus_2026-10.xlsx", read_only=True)
    assert wb.sheetnames == ["bonus", "kpi"]
    header, first = list(wb["bonus"].iter_rows(max_row=2, values_only=True))
    amount = first[header.index("bonus_amount")]
    assert isinstance(amount, (int, float)) and not isinstance(amount, bool)
    assert Decimal(rows[0]["bonus_amount"]) == Decimal(str(amount)).quantize(Decimal("0.01"))


def test_simulate_a_proposed_scheme_without_touching_the_marts(demo_run, tmp_path):
    _, warehouse = demo_run
    before = query(warehouse, "select sum(bonus_amount) from marts.mart_bonus_monthly")
    scheme = tmp_path / "scheme"
    scheme.mkdir()
    (scheme / "bonus_base.csv").write_text(
        "role,employee_id,base_bonus\nsales_manager,,80000\ndepartment_head,,60000\n"
    )
    rows = simulate(warehouse, scheme, OCTOBER)
    managers = [r for r in rows if r.role == "sales_manager"]
    assert managers and all(abs(r.proposed_bonus - 2 * r.current_bonus) <= Decimal("0.01") for r in managers)
    assert all(r.proposed_bonus == r.current_bonus for r in rows if r.role == "department_head")
    assert query(warehouse, "select sum(bonus_amount) from marts.mart_bonus_monthly") == before

    bad = tmp_path / "bad"
    bad.mkdir()
    lines = (DBT_PROJECT_DIR / "seeds" / "kpi_scheme.csv").read_text().splitlines()
    role, kpi, weight, *rest = lines[1].split(",")
    lines[1] = ",".join([role, kpi, str(float(weight) + 0.1), *rest])  # the role's weights now sum to 1.1
    scheme_rows = "\n".join(lines) + "\n"
    (bad / "kpi_scheme.csv").write_text(scheme_rows)
    with pytest.raises(SimulationError, match="assert_kpi_weights_sum_to_one_per_role"):
        simulate(warehouse, bad, OCTOBER)
    (bad / "kpi_scheme.csv").unlink()
    (bad / "notes.csv").write_text("x\n")
    with pytest.raises(SimulationError, match="unknown scheme file"):
        simulate(warehouse, bad, OCTOBER)
