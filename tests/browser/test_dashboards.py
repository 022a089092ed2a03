"""The dashboard site in a real headless Chromium, from file://: every page loads clean,
charts render, statements agree with the marts, data is escaped, screenshots saved."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from dashboards.i18n import LANGUAGES
from tests.warehouse import query

pytestmark = pytest.mark.browser

PAGES = ["index", "calls", "alerts", "quality", "bonus", "statements"]
CHARTS = {"index": 4, "calls": 2, "quality": 1}
SCREENSHOTS = Path(__file__).parents[2] / "var" / "test-output" / "screenshots"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_name", PAGES)
def test_every_page_loads_offline_with_no_errors_and_real_charts(demo_site, open_page, lang, page_name):
    page, watch = open_page((demo_site / lang / f"{page_name}.html").as_uri())
    page.wait_for_load_state("networkidle")
    assert watch.errors == [] and watch.failed == []
    assert all(url.startswith("file://") for url in [page.url])
    charts = page.locator("div.js-plotly-plot")
    assert charts.count() == CHARTS.get(page_name, 0)
    for i in range(charts.count()):
        svg = charts.nth(i).locator("svg.main-svg").first
        assert svg.bounding_box()["height"] > 100
        # the data drew something: bars, lines or heatmap cells
        assert charts.nth(i).locator("g.trace, image").count() > 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{lang}-{page_name}.png"), full_page=True)


def test_the_language_switch_leads_to_the_same_page(demo_site, open_page):
    page, _ = open_page((demo_site / "ru" / "calls.html").as_uri())
    assert page.locator("header a.current").inner_text() == "Рейтинг звонков"
    page.click("header a.switch")
    assert page.url.endswith("/en/calls.html")
    assert page.locator("header a.current").inner_text() == "Call rating"


def test_rating_table_sorts_by_a_column(demo_site, open_page):
    page, _ = open_page((demo_site / "en" / "calls.html").as_uri())
    header = page.locator("#rating-table th", has_text="Calls").first
    header.click()
    values = [float(v) for v in page.locator("#rating-table tbody tr td:nth-child(5)").evaluate_all(
        "cells => cells.map(c => c.dataset.value)")]  # fmt: skip
    assert values == sorted(values) and len(values) > 3


def test_a_worst_call_link_opens_its_evidence(demo_site, open_page):
    page, _ = open_page((demo_site / "en" / "quality.html").as_uri())
    assert not page.locator("details#call-1").evaluate("d => d.open")
    page.locator("#worst-calls a").first.click()
    page.wait_for_function("document.getElementById('call-1').open", timeout=5000)
    assert page.locator("details#call-1 td").filter(has_text="«").count() > 0  # quoted evidence


def test_alerts_filter_by_severity(demo_site, open_page):
    page, _ = open_page((demo_site / "en" / "alerts.html").as_uri())
    rows = page.locator("#alerts-day-table tbody tr, #alerts-table tbody tr")  # both tables
    total = rows.count()
    page.select_option("select[data-filter=severity]", "critical")
    visible = [r for r in rows.all() if r.is_visible()]
    assert 0 < len(visible) < total
    assert all(r.get_attribute("data-severity") == "critical" for r in visible)


def _decimal(text: str | None) -> Decimal | None:
    return None if text in (None, "", "None") else Decimal(text)


def test_a_statement_shows_exactly_the_mart_rows(demo_site, demo_run, open_page):
    _, warehouse = demo_run
    month, employee = query(
        warehouse,
        "select month, employee_id from marts.mart_bonus_statements where period_status = 'open' "
        "and gain_at_cap > 0 order by month desc, employee_id limit 1",
    )[0]
    path = demo_site / "ru" / "statements" / f"{month:%Y-%m}" / f"{employee}.html"
    page, watch = open_page(path.as_uri())
    assert watch.errors == [] and watch.failed == []
    rows = query(
        warehouse,
        "select kpi_code, actual_value, target_value, coefficient, weight, kpi_bonus_amount, to_cap, "
        "gain_at_cap from marts.mart_bonus_statements where month = ? and employee_id = ? order by kpi_code",
        [month, employee],
    )
    fields = [
        "actual_value",
        "target_value",
        "coefficient",
        "weight",
        "kpi_bonus_amount",
        "to_cap",
        "gain_at_cap",
    ]
    for kpi_code, *values in rows:
        row = page.locator(f"#kpis tr[data-kpi='{kpi_code}']")
        for name, expected in zip(fields, values, strict=True):
            cell = row.locator(f"[data-field='{name}']")
            if name in ("to_cap", "gain_at_cap") and not (expected and expected > 0):
                assert cell.count() == 0  # nothing missing is shown as nothing
                continue
            assert _decimal(cell.get_attribute("data-value")) == (
                expected if expected is None else Decimal(expected)
            )
    bonus, payout = query(
        warehouse,
        "select bonus_amount, payout_amount from marts.mart_bonus_monthly "
        "where month = ? and employee_id = ?",
        [month, employee],
    )[0]
    assert _decimal(page.locator("[data-field='bonus_amount']").get_attribute("data-value")) == bonus
    assert _decimal(page.locator("[data-field='payout_amount']").get_attribute("data-value")) == payout
    # the amount as a reader sees it, in the locale's money format
    assert page.locator("[data-field='payout_amount']").inner_text().endswith("₽")
    # a statement stands alone: no other file is needed to show it
    assert page.evaluate("Array.from(document.querySelectorAll('link,script[src],img')).length") == 0


def test_one_statement_file_per_employee_and_month(demo_site, demo_run):
    _, warehouse = demo_run
    expected = {
        f"{m:%Y-%m}/{e}.html"
        for m, e in query(warehouse, "select distinct month, employee_id from marts.mart_bonus_statements")
    }
    written = {
        p.relative_to(demo_site / "en" / "statements").as_posix()
        for p in (demo_site / "en" / "statements").rglob("*.html")
    }
    assert written == expected


def test_text_from_the_data_is_escaped(demo_run, tmp_path, open_page):
    import shutil

    import duckdb

    from dashboards.build import build_site

    _, warehouse = demo_run
    copy = tmp_path / "w.duckdb"
    shutil.copy(warehouse, copy)
    evil = "<script>alert(1)</script>"
    con = duckdb.connect(str(copy))
    employee = con.execute(  # someone on every page: with a plan, calls and scored calls this month
        "select p.employee_id from marts.mart_plan_progress as p "
        "join marts.mart_call_quality_monthly as q on q.employee_id = p.employee_id and q.month = p.month "
        "where p.level = 'employee' and p.month = (select max(month) from marts.mart_bonus_monthly) "
        "order by 1 limit 1"
    ).fetchone()[0]
    for table in ("dim_employee", "mart_bonus_monthly", "mart_bonus_statements"):
        con.execute(f"update marts.{table} set full_name = ? where employee_id = ?", [evil, employee])
    con.execute("update marts.mart_kpi_alerts set metric_label_en = ?, leader_name = ?", [evil, evil])
    con.close()
    site = tmp_path / "site"
    build_site(copy, site, per_employee_files=True)
    dialogs = []
    for name in PAGES:
        page, watch = open_page((site / "en" / f"{name}.html").as_uri())
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.wait_for_load_state("networkidle")
        assert watch.errors == []
        assert evil in page.locator("main").inner_text(), name  # shown as text, not run
    statement = next((site / "en" / "statements").rglob(f"{employee}.html"))
    page, _ = open_page(statement.as_uri())
    assert evil in page.locator("h1").inner_text()
    assert dialogs == []


def test_by_default_the_site_holds_the_months_statements_in_one_table_and_no_file_per_employee(
    demo_run, tmp_path, open_page
):
    """The site is for heads and finance: a person reads their own statement in the portal,
    and nobody who opens the folder finds a file per employee (those come only with
    --per-employee-files, for mailing)."""
    from dashboards.build import build_site

    _, warehouse = demo_run
    site = tmp_path / "site"
    build_site(warehouse, site)
    assert not (site / "en" / "statements").exists() and not (site / "ru" / "statements").exists()
    month, employee, kpis = query(
        warehouse,
        "select strftime(month, '%Y-%m'), employee_id, count(*) from marts.mart_bonus_statements "
        "group by all order by 1 desc, 2 limit 1",
    )[0]
    page, watch = open_page((site / "en" / "bonus.html").as_uri())
    link = page.locator(f"#bonus-{month} tr[data-employee='{employee}'] a")
    assert link.get_attribute("href") == f"statements-{month}.html#statement-{month}-{employee}"
    link.click()
    page.wait_for_load_state()
    statement = page.locator(f"#statement-{month}-{employee}")
    assert statement.is_visible() and statement.locator("tr[data-kpi]").count() == kpis
    payout = query(
        warehouse,
        "select payout_amount from marts.mart_bonus_monthly where strftime(month, '%Y-%m') = ? "
        "and employee_id = ?",
        [month, employee],
    )[0][0]
    shown = statement.locator("[data-field=payout_amount]").get_attribute("data-value")
    assert Decimal(shown) == Decimal(payout)
    # a page per month: the month shown is marked, another is a click away
    assert page.locator("nav.months a.current").get_attribute("href") == f"statements-{month}.html"
    other = page.locator("nav.months a:not(.current)").first
    href = other.get_attribute("href")
    other.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/en/{href}")
    assert page.locator(f"#statements-{href.removeprefix('statements-').removesuffix('.html')}").is_visible()
    assert page.locator(f"#statements-{month}").count() == 0
    assert watch.errors == [] and watch.failed == []
