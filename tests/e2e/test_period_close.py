"""Period close: freeze, late data as an adjustment, re-close refused, reopen with reason,
exports for finance, and the what-if simulation of a proposed scheme."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal

import duckdb
import pytest
from openpyxl import load_workbook

from core.paths import DEFAULT_SCHEME_DIR
from orchestration.finance_exports import BONUS_EXPORT_COLUMNS, write_exports
from orchestration.period_close import (
    ClosedMonthChanged,
    PeriodCloseError,
    close_month,
    parse_month,
    reopen_month,
    verify_warehouse,
)
from orchestration.run import PipelineError, run_pipeline
from orchestration.simulate import SimulationError, simulate
from tests.warehouse import left_as_they_were, query

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


def test_close_freezes_the_month_and_late_data_or_a_dispute_becomes_an_adjustment(own_copy):
    """Closed October never changes; what moves it afterwards is paid in November, named
    for its cause: a won deal that arrives late, or a deal line of another department moved
    to a colleague by an accepted dispute (the dispute's number in the reason, on the site
    and in the exports). One pipeline run for both."""
    from core.paths import portal_database_for
    from dashboards.i18n import Formatter
    from portal.store import Store

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
    # the warehouse was copied to this test's folder: its last build's inputs travel with it,
    # so the close's build leaves what the closing tables do not reach as it was
    untouched = ["staging.stg_pbx__cdr_legs", "marts.fct_calls"]
    assert left_as_they_were(warehouse, untouched) == dict.fromkeys(untouched, True)

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
    # in another department, a manager's biggest October line moved to a colleague by dispute
    disputer, department, line = query(
        warehouse,
        "select s.employee_id, s.department_id, s.deal_line_id from marts.fct_sales_lines as s "
        "join marts.mart_bonus_monthly as b on b.employee_id = s.employee_id and b.month = s.closed_month "
        "join marts.dim_employee as e on e.employee_id = s.employee_id "
        "where s.is_won and s.closed_month = ? and b.bonus_amount > 0 and e.role = 'sales_manager' "
        "and s.department_id != (select department_id from marts.dim_employee where employee_id = ?) "
        "order by s.revenue desc, s.deal_line_id limit 1",
        [OCTOBER, manager[0]],
    )[0]
    colleague = query(
        warehouse,
        "select min(employee_id) from marts.dim_employee where department_id = ? and employee_id != ? "
        "and role = 'sales_manager'",
        [department, disputer],
    )[0][0]
    store = Store(portal_database_for(warehouse))
    dispute = store.open_dispute(disputer, disputer, OCTOBER, "plan_revenue", line, "my colleague sold this")
    store.answer_dispute(dispute, "finance", "accepted", "it was theirs", "move_deal_line", colleague)
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

    # the dispute: both bonuses of the other department change, paid with the dispute as cause
    rows = query(
        warehouse,
        "select employee_id, adjustment_cause, dispute_ids, adjustment_reason, adjustment_amount, kpi_codes "
        "from marts.mart_bonus_adjustments where for_month = ? order by employee_id",
        [OCTOBER],
    )
    by_employee = {r[0]: r for r in rows}
    assert by_employee[disputer][1:3] == ("dispute", str(dispute))
    # every KPI the line fed changed: its revenue, and its markup or category where it counts
    assert "plan_revenue" in by_employee[disputer][5].split(",")
    assert (
        by_employee[disputer][3]
        == f"dispute #{dispute} for 2026-10 ({by_employee[disputer][5].replace(',', ', ')})"
    )
    # (its sign depends on the line: a low-markup line gone may even raise the markup KPI)
    assert by_employee[disputer][4] != 0
    assert all(r[1] == "dispute" for r in rows if r[0] in (disputer, colleague))
    worded = Formatter("ru").adjustment_reason(
        {"adjustment_cause": "dispute", "for_month": OCTOBER, "kpi_codes": "", "dispute_ids": str(dispute)},
        {},
    )
    assert worded == f"Исправление по спору №{dispute} за октябрь 2026"
    exports = warehouse.parent / "exports"
    with (exports / "bonus_2026-11.csv").open() as fh:
        paid = {r["employee_id"]: r for r in csv.DictReader(fh)}
    assert paid[disputer]["adjustment_reason_en"].startswith(
        f"A correction by dispute #{dispute} for October 2026"
    )
    sheet = load_workbook(exports / "bonus_2026-11.xlsx", read_only=True)["adjustments"]
    header, *cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    adjustments = {r[header.index("employee_id")]: r for r in cells}
    assert adjustments[disputer][header.index("dispute_ids")] == str(dispute)


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


def test_finance_closes_and_reopens_from_the_portal_and_the_next_run_performs_it(own_copy, monkeypatch):
    """The portal never writes the warehouse: finance's request waits in the portal's
    database, the next run performs it first (so the close freezes what the portal showed),
    records who asked, builds with the month closed, and answers the request."""
    from dagster import build_sensor_context

    from core.paths import portal_database_for
    from orchestration.definitions import build_definitions
    from orchestration.period_requests import perform_period_requests
    from portal.store import Store

    inbox, warehouse = own_copy
    store = Store(portal_database_for(warehouse))
    payout = query(
        warehouse, "select sum(payout_amount) from marts.mart_bonus_monthly where month = ?", [OCTOBER]
    )[0][0]
    close = store.request_period("finance.anna", OCTOBER, "close")
    wrong = store.request_period("finance.anna", date(2026, 11, 1), "reopen", "a typo")
    summary = run_pipeline(inbox, warehouse, quiet=True)
    assert summary.period_requests[0].startswith(f"request #{close} by finance.anna: closed 2026-10: ")
    assert summary.period_requests[0].endswith(f"payout {payout:,.2f}")
    assert summary.period_requests[1] == (
        f"request #{wrong} by finance.anna refused: 2026-11 is not closed: nothing to reopen"
    )
    assert query(warehouse, "select action, actor from closing.period_events") == [
        ("close", "finance.anna (portal)")
    ]
    assert query(
        warehouse, "select distinct period_status from marts.mart_bonus_monthly where month = ?", [OCTOBER]
    ) == [("closed",)]
    assert [(r["request_id"], r["outcome"]) for r in store.period_requests()] == [
        (close, "done"),
        (wrong, "refused"),
    ]
    assert perform_period_requests(warehouse) == []  # each request is performed once

    # where Dagster's daemon runs, the sensor starts the job that performs it
    reason = "a deal was booked to October by mistake"
    reopen = store.request_period("finance.oleg", OCTOBER, "reopen", reason)
    monkeypatch.setenv("AUTOKPI_WAREHOUSE", str(warehouse))
    definitions = build_definitions()
    sensor = definitions.resolve_sensor_def("portal_requests_sensor")
    assert [r.run_key for r in sensor.evaluate_tick(build_sensor_context()).run_requests] == [
        f"portal-requests-{reopen}"
    ]
    result = definitions.resolve_job_def("portal_requests_job").execute_in_process()
    assert result.success
    assert query(
        warehouse,
        "select action, actor, reason, dagster_run_id from closing.period_events "
        "order by occurred_at desc limit 1",
    ) == [("reopen", "finance.oleg (portal)", reason, result.run_id)]
    assert store.period_requests()[-1]["message"] == f"reopened 2026-10: {reason}"
    assert sensor.evaluate_tick(build_sensor_context()).run_requests == []


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
    assert wb.sheetnames == ["bonus", "kpi", "adjustments"]
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
        "department_head,E0001,150000\n"
    )
    rows = simulate(warehouse, scheme, OCTOBER)
    managers = [r for r in rows if r.role == "sales_manager"]
    assert managers and all(abs(r.proposed_bonus - 2 * r.current_bonus) <= Decimal("0.01") for r in managers)
    assert all(r.proposed_bonus == r.current_bonus for r in rows if r.role == "department_head")
    assert query(warehouse, "select sum(bonus_amount) from marts.mart_bonus_monthly") == before

    bad = tmp_path / "bad"
    bad.mkdir()
    lines = (DEFAULT_SCHEME_DIR / "kpi_scheme.csv").read_text().splitlines()
    role, kpi, weight, *rest = lines[1].split(",")
    lines[1] = ",".join([role, kpi, str(float(weight) + 0.1), *rest])  # the role's weights now sum to 1.1
    scheme_rows = "\n".join(lines) + "\n"
    (bad / "kpi_scheme.csv").write_text(scheme_rows)
    with pytest.raises(
        SimulationError, match=r"kpi_scheme.csv line 2: role sales_manager: weights sum to 1.1,"
    ):
        simulate(warehouse, bad, OCTOBER)
    (bad / "kpi_scheme.csv").unlink()
    (bad / "notes.csv").write_text("x\n")
    with pytest.raises(SimulationError, match="unknown scheme file"):
        simulate(warehouse, bad, OCTOBER)


def test_a_frozen_row_changed_by_hand_stops_the_next_run_naming_month_and_employee(own_copy):
    inbox, warehouse = own_copy
    close_month(warehouse, OCTOBER, "finance")
    employee = query(warehouse, "select min(employee_id) from closing.bonus_statements")[0][0]
    con = duckdb.connect(str(warehouse))
    # a consistent change: the amount and the payout move together, every mart test would pass
    con.execute(
        "update closing.bonus_statements set bonus_amount = bonus_amount + 1000, "
        "payout_amount = payout_amount + 1000 where employee_id = ?",
        [employee],
    )
    con.close()
    with pytest.raises(PipelineError) as raised:
        run_pipeline(inbox, warehouse, quiet=True)
    message = str(raised.value)
    assert message.startswith(
        f"closed month 2026-10 was changed after its close: the frozen row of employee {employee}"
    )
    assert "closing.bonus_statements" in message
    with pytest.raises(ClosedMonthChanged):
        close_month(warehouse, date(2026, 11, 1), "finance")
    done = autokpi("close", "--month", "2026-11", "--warehouse", str(warehouse))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith("autokpi: error: closed month 2026-10 was changed")


def test_a_removed_frozen_row_breaks_the_chain(own_copy):
    _, warehouse = own_copy
    close_month(warehouse, OCTOBER, "finance")
    con = duckdb.connect(str(warehouse))
    con.execute("delete from closing.kpi_statements where kpi_code = 'markup'")
    con.close()
    with pytest.raises(ClosedMonthChanged, match=r"the close history of 2026-10 was changed"):
        verify_warehouse(warehouse)


def test_a_scheme_change_after_the_close_is_labelled_a_scheme_change_not_late_data(
    own_copy, tmp_path, monkeypatch
):
    inbox, warehouse = own_copy
    close_month(warehouse, OCTOBER, "finance")
    scheme = tmp_path / "raised_bases"
    shutil.copytree(DEFAULT_SCHEME_DIR, scheme)
    (scheme / "bonus_base.csv").write_text(
        "role,employee_id,base_bonus\nsales_manager,,41000\ndepartment_head,,60000\ndepartment_head,E0001,150000\n"
    )
    monkeypatch.setenv("AUTOKPI_SCHEME_DIR", str(scheme))
    monkeypatch.setenv("AUTOKPI_SITE_PER_EMPLOYEE_FILES", "yes")  # the statements to mail
    run_pipeline(inbox, warehouse, quiet=True)
    rows = query(
        warehouse,
        "select a.employee_id, a.adjustment_cause, a.adjustment_reason, a.adjustment_amount, b.role "
        "from marts.mart_bonus_adjustments as a join marts.dim_employee as b using (employee_id) "
        "where a.for_month = ? order by 1",
        [OCTOBER],
    )
    managers = [r for r in rows if r[4] == "sales_manager"]
    assert managers and all(r[1] == "scheme_change" and r[2] == "scheme change for 2026-10" for r in managers)
    assert all(r[3] > 0 for r in managers if r[3])  # a higher base pays more
    assert not [r for r in rows if r[4] == "department_head"]
    statement = next(
        (warehouse.parent / "site" / "ru" / "statements" / "2026-11").glob(f"{managers[0][0]}.html")
    )
    assert "Изменение схемы премирования за октябрь 2026" in statement.read_text()
    english = warehouse.parent / "site" / "en" / "statements" / "2026-11" / f"{managers[0][0]}.html"
    assert "A scheme change for October 2026" in english.read_text()
    with (warehouse.parent / "exports" / "bonus_2026-11.csv").open() as fh:
        exported = {r["employee_id"]: r for r in csv.DictReader(fh)}
    assert exported[managers[0][0]]["adjustment_reason_en"] == "A scheme change for October 2026"
    assert exported[managers[0][0]]["adjustment_reason_ru"] == "Изменение схемы премирования за октябрь 2026"


def test_a_close_from_dagster_records_the_run_and_the_operating_system_user(own_copy, monkeypatch):
    import getpass

    from orchestration.definitions import build_definitions

    _, warehouse = own_copy
    monkeypatch.setenv("AUTOKPI_WAREHOUSE", str(warehouse))
    job = build_definitions().resolve_job_def("close_month_job")
    result = job.execute_in_process(
        run_config={"ops": {"freeze_month": {"config": {"month": "2026-10", "actor": "finance@ui"}}}}
    )
    assert result.success
    actor, os_user, run_id, digest = query(
        warehouse, "select actor, os_user, dagster_run_id, digest from closing.period_events"
    )[0]
    assert (actor, os_user, run_id) == ("finance@ui", getpass.getuser(), result.run_id)
    assert len(digest) == 64
    assert (
        query(warehouse, "select count(*) from closing.bonus_statements where row_digest is null")[0][0] == 0
    )


def test_the_demo_refuses_to_delete_a_warehouse_with_closed_months(own_copy, tmp_path):
    _, warehouse = own_copy
    close_month(warehouse, OCTOBER, "finance")
    done = autokpi("demo", "--warehouse", str(warehouse), "--out", str(tmp_path / "demo-inbox"))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        f"autokpi: error: {warehouse} holds closed months (2026-10) whose history the demo would delete; "
        "use another --warehouse, or --force to delete it anyway"
    )
    assert query(warehouse, "select count(*) from closing.period_events")[0][0] == 1


def test_exports_write_text_that_looks_like_a_formula_as_text(own_copy):
    _, warehouse = own_copy
    names = {
        "E0003": '=HYPERLINK("http://evil.example","Click")',
        "E0004": "+7 (916) 000-00-00",
        "E0005": "@SUM(A1:A2)",
        "E0006": "-1",
        "E0007": "\tTab",
    }
    con = duckdb.connect(str(warehouse))
    for employee, name in names.items():
        con.execute(
            "update marts.mart_bonus_monthly set full_name = ? where employee_id = ?", [name, employee]
        )
    con.close()
    out = warehouse.parent / "exports-safe"
    write_exports(warehouse, out, [OCTOBER])
    wb = load_workbook(out / "bonus_2026-10.xlsx")
    sheet = wb["bonus"]
    header = [c.value for c in sheet[1]]
    column = header.index("full_name")
    cells = {row[header.index("employee_id")].value: row for row in sheet.iter_rows(min_row=2)}
    for employee, name in names.items():
        cell = cells[employee][column]
        assert cell.data_type == "s" and cell.value == name, (employee, cell.data_type, cell.value)
    amount = cells["E0003"][header.index("bonus_amount")]
    assert amount.data_type == "n"
    with (out / "bonus_2026-10.csv").open(newline="") as fh:
        exported = {r["employee_id"]: r for r in csv.DictReader(fh)}
    for employee, name in names.items():
        assert exported[employee]["full_name"] == "'" + name
    Decimal(exported["E0003"]["bonus_amount"])  # amounts stay plain numbers


def test_exports_write_only_the_months_whose_rows_or_files_changed(own_copy, monkeypatch):
    """A daily run writes the months that changed, not the whole history: the same rows
    write nothing, even with the new run's time in every open month's computed_at, and read
    no month's rows into Python (the database hashes them); a changed amount, a deleted file
    or a file edited by hand writes that month again, with the new amount."""
    from orchestration import finance_exports

    read = []  # the months whose rows were read
    real = finance_exports._sheets
    monkeypatch.setattr(
        finance_exports, "_sheets", lambda con, month, names: read.append(month) or real(con, month, names)
    )
    _, warehouse = own_copy
    out = warehouse.parent / "exports-again"
    first = write_exports(warehouse, out)
    months = sorted({p.stem for p in first})
    assert len(months) >= 2 and len(first) == 2 * len(months)
    read.clear()
    assert write_exports(warehouse, out) == [] and read == []
    with duckdb.connect(str(warehouse)) as con:
        con.execute("update marts.mart_bonus_monthly set computed_at = computed_at + interval 1 day")
    assert write_exports(warehouse, out) == []

    (out / "bonus_2026-10.csv").unlink()
    with (out / f"{months[-1]}.xlsx").open("ab") as fh:
        fh.write(b"edited")
    assert sorted(p.name for p in write_exports(warehouse, out)) == sorted(
        ["bonus_2026-10.csv", "bonus_2026-10.xlsx", f"{months[-1]}.csv", f"{months[-1]}.xlsx"]
    )

    with duckdb.connect(str(warehouse)) as con:
        con.execute("update marts.mart_bonus_monthly set bonus_amount = 123456.78 where month = ?", [OCTOBER])
    read.clear()
    rewritten = sorted(p.name for p in write_exports(warehouse, out))
    assert rewritten == ["bonus_2026-10.csv", "bonus_2026-10.xlsx"] and read == [OCTOBER]
    with (out / "bonus_2026-10.csv").open(newline="") as fh:
        assert {r["bonus_amount"] for r in csv.DictReader(fh)} == {"123456.78"}
