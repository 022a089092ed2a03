"""A dispute's whole life in Chromium, on a copy of the demo warehouse served by a real
uvicorn on 127.0.0.1: an employee disputes a deal line and a failed checklist item of a
call and a missed call on their statement, their head accepts the first by moving the
line to a colleague, the second by passing the item and the third by taking the call off
them, finance rejects another with a reason; the next run loads the answers (dlt,
raw_disputes), dbt moves the line, weighs the call again and makes the missed call the
department's, the KPIs recompute in the snapshot, and the statement shows the new figure
and the answers."""

from __future__ import annotations

import shutil
import threading
import time
from decimal import Decimal

import duckdb
import pytest

from core.paths import snapshot_path_for
from core.ports import free_port
from portal.labels import PORTAL_LABELS
from tests.browser.test_portal import PASSWORD

pytestmark = pytest.mark.browser
WORDS = PORTAL_LABELS["ru"]


def _query(warehouse, sql: str, params=None) -> list[tuple]:
    with duckdb.connect(str(snapshot_path_for(warehouse)), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="module")
def served(demo_run, demo_inbox, tmp_path_factory):
    """A copy of the demo's inbox and warehouse, and the portal over it."""
    import uvicorn

    from portal.app import create_app

    _, demo_warehouse = demo_run
    root = tmp_path_factory.mktemp("disputes")
    inbox = root / "inbox"
    shutil.copytree(demo_inbox, inbox)
    shutil.copytree(demo_warehouse.parent, root / "warehouse")
    warehouse = root / "warehouse" / demo_warehouse.name
    app = create_app(warehouse, secret="a test secret that is long enough")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", inbox, warehouse, app.state.store
    server.should_exit = True
    thread.join(timeout=10)


def _sign_in_by_invitation(browser, url: str, store, login: str, role: str | None = None):
    context = browser.new_context()
    page = context.new_page()
    token = store.invite(login, None if role else login, role, days=1)
    page.goto(f"{url}/invite/{token}")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=password_again]", PASSWORD)
    page.click("#set-password button[type=submit]")
    page.wait_for_load_state()
    return context, page


def test_a_dispute_from_statement_to_answer_to_the_next_run(served, browser):
    from orchestration.run import run_pipeline

    url, inbox, warehouse, store = served
    # a manager's biggest won line of the latest month, and a colleague of the same department
    month, manager, department, line, revenue = _query(
        warehouse,
        "select strftime(s.closed_month, '%Y-%m'), s.employee_id, s.department_id, s.deal_line_id, s.revenue "
        "from marts.fct_sales_lines as s join marts.dim_employee as e using (employee_id) "
        "where s.is_won and e.role != 'department_head' "
        "order by s.closed_month desc, s.revenue desc, s.deal_line_id limit 1",
    )[0]
    colleague = _query(
        warehouse,
        "select min(employee_id) from marts.dim_employee where department_id = ? and employee_id != ? "
        "and role != 'department_head'",
        [department, manager],
    )[0][0]
    head = _query(
        warehouse,
        "select employee_id from marts.dim_employee where department_id = ? and role = 'department_head'",
        [department],
    )[0][0]
    actual_sql = (
        "select actual_value from marts.mart_kpi_monthly where strftime(month, '%Y-%m') = ? "
        "and employee_id = ? and kpi_code = 'plan_revenue'"
    )
    before = {who: _query(warehouse, actual_sql, [month, who])[0][0] for who in (manager, colleague)}
    # one of the manager's graded calls with a failed item
    call, failed_item, score_before = _query(
        warehouse,
        "select call_id, case when needs_discovery = 0 then 'needs_discovery' when offer_assortment = 0 "
        "then 'offer_assortment' else 'closing' end, score from marts.mart_call_quality "
        "where employee_id = ? and (needs_discovery = 0 or offer_assortment = 0 or closing = 0) "
        "order by call_id limit 1",
        [manager],
    )[0]

    # and the manager's latest missed call, with the day's missed count
    missed_call, missed_day, missed_before = _query(
        warehouse,
        "select c.call_id, c.local_date, a.calls_missed from marts.fct_calls as c "
        "join marts.mart_call_activity_daily as a "
        "on a.employee_id = c.employee_id and a.activity_date = c.local_date "
        "where c.employee_id = ? and c.is_missed order by c.local_date desc, c.call_id limit 1",
        [manager],
    )[0]

    # the manager disputes the line on their statement, and other numbers too
    context, page = _sign_in_by_invitation(browser, url, store, manager)
    page.goto(f"{url}/statements/{month}/{manager}")
    for kpi, fact, comment in (("plan_revenue", line, "this line was sold by my colleague"),
                               ("call_quality", call, "I did do it on this call"),
                               ("call_activity", "", "my calls of the 3rd are missing"),
                               ("call_activity", missed_call, "they hung up at the first ring")):  # fmt: skip
        page.select_option("#open-dispute select[name=kpi_code]", kpi)
        page.fill("#open-dispute input[name=fact_id]", fact)
        page.fill("#open-dispute textarea[name=comment]", comment)
        page.click("#open-dispute button[type=submit]")
        page.wait_for_load_state()
    statuses = page.locator("#disputes tbody tr").evaluate_all("rows => rows.map(r => r.dataset.status)")
    assert statuses == ["open", "open", "open", "open"]
    missed_id, other_id, graded_id, moved_id = (
        d["dispute_id"] for d in store.disputes(manager)
    )  # newest first
    assert page.locator("#disputes form.answer").count() == 0  # nobody answers their own
    context.close()

    # the head moves the line to the colleague; they may not answer a dispute outside their department
    context, page = _sign_in_by_invitation(browser, url, store, head)
    page.click("#disputes-link")
    page.wait_for_load_state()
    row = page.locator(f"#disputes tr[data-dispute='{moved_id}']")
    row.locator("input[value=accepted]").check()
    row.locator("select[name=correction_kind]").select_option("move_deal_line")
    row.locator("input[name=to_employee_id]").fill(colleague)
    row.locator("input[name=reason]").fill("the colleague closed it")
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(f"#disputes tr[data-dispute='{moved_id}']").get_attribute("data-status") == "accepted"
    # and passes the call's failed item
    row = page.locator(f"#disputes tr[data-dispute='{graded_id}']")
    row.locator("input[value=accepted]").check()
    row.locator("select[name=correction_kind]").select_option("pass_quality_item")
    row.locator("select[name=quality_item]").select_option(failed_item)
    row.locator("input[name=reason]").fill("heard the recording: it was done")
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert (
        page.locator(f"#disputes tr[data-dispute='{graded_id}']").get_attribute("data-status") == "accepted"
    )
    # and takes the missed call off the manager
    row = page.locator(f"#disputes tr[data-dispute='{missed_id}']")
    row.locator("input[value=accepted]").check()
    row.locator("select[name=correction_kind]").select_option("exclude_missed_call")
    row.locator("input[name=reason]").fill("the client hung up at the first ring")
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert (
        page.locator(f"#disputes tr[data-dispute='{missed_id}']").get_attribute("data-status") == "accepted"
    )
    context.close()

    # finance rejects the other with a reason
    context, page = _sign_in_by_invitation(browser, url, store, "finance.oleg", "finance")
    page.goto(f"{url}/disputes")
    row = page.locator(f"#disputes tr[data-dispute='{other_id}']")
    row.locator("input[value=rejected]").check()
    row.locator("input[name=reason]").fill("the calls of the 3rd are all counted")
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    context.close()

    # the next run loads the answers; dbt moves the line and the KPIs recompute
    run_pipeline(inbox, warehouse, quiet=True)
    assert _query(
        warehouse, "select employee_id from marts.fct_sales_lines where deal_line_id = ?", [line]
    ) == [(colleague,)]
    after = {who: _query(warehouse, actual_sql, [month, who])[0][0] for who in (manager, colleague)}
    assert Decimal(after[manager]) == Decimal(before[manager]) - Decimal(revenue)
    assert Decimal(after[colleague]) == Decimal(before[colleague] or 0) + Decimal(revenue)
    item_after, score_after, passed = _query(
        warehouse,
        f"select {failed_item}, score, items_passed_by_dispute from marts.mart_call_quality "
        "where call_id = ?",
        [call],
    )[0]
    assert (item_after, passed) == (1, 1) and score_after > score_before
    # the missed call is the department's now, no longer the manager's
    assert _query(
        warehouse,
        "select employee_id, department_id, missed_excluded_by_dispute from marts.fct_calls "
        "where call_id = ?",
        [missed_call],
    ) == [(None, department, missed_id)]
    assert _query(
        warehouse,
        "select calls_missed from marts.mart_call_activity_daily where employee_id = ? and activity_date = ?",
        [manager, missed_day],
    ) == [(missed_before - 1,)]
    outcomes = _query(
        warehouse,
        "select dispute_id, dispute_status, correction_kind, to_employee_id, quality_item, answer_reason, "
        "department_id from marts.mart_disputes order by dispute_id",
    )
    assert outcomes == [
        (moved_id, "accepted", "move_deal_line", colleague, None, "the colleague closed it", department),
        (graded_id, "accepted", "pass_quality_item", None, failed_item, "heard the recording: it was done",
         department),
        (other_id, "rejected", None, None, None, "the calls of the 3rd are all counted", department),
        (missed_id, "accepted", "exclude_missed_call", None, None, "the client hung up at the first ring",
         department),
    ]  # fmt: skip

    # the manager's statement shows the new figure (the portal reopened the new snapshot) and both answers
    context, page = _sign_in_by_invitation(browser, url, store, manager)
    page.goto(f"{url}/statements/{month}/{manager}")
    shown = page.locator("#kpis tr[data-kpi=plan_revenue] [data-field=actual_value]").get_attribute(
        "data-value"
    )
    assert Decimal(shown) == Decimal(after[manager])
    answers = page.locator("#disputes [data-field=answer]").all_inner_texts()
    assert any("the colleague closed it" in a and colleague in a for a in answers)
    assert any("the calls of the 3rd are all counted" in a for a in answers)
    context.close()
