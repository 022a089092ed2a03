"""KPI and bonus marts on the demo: contracts, invariants, planted people, traceability."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import pytest

from tests.warehouse import mart_columns, query

pytestmark = pytest.mark.e2e

KPI_CONTRACT = [
    "month", "employee_id", "department_id", "kpi_code", "actual_value", "target_value", "achievement",
    "coefficient", "weight", "weighted_score",
]  # fmt: skip
BONUS_CONTRACT = [
    "month", "employee_id", "full_name", "department_id", "role", "base_bonus", "total_score",
    "bonus_amount", "period_status", "computed_at",
]  # fmt: skip


def test_contract_columns(demo_run):
    _, warehouse = demo_run
    assert mart_columns(warehouse, "mart_kpi_monthly")[: len(KPI_CONTRACT)] == KPI_CONTRACT
    assert mart_columns(warehouse, "mart_bonus_monthly")[: len(BONUS_CONTRACT)] == BONUS_CONTRACT


def test_every_employee_has_a_bonus_row_every_month(demo_run):
    _, warehouse = demo_run
    missing = query(
        warehouse,
        """
        select m.employee_id, m.period_month
        from intermediate.int_employee_months as m
        left join marts.mart_bonus_monthly as b on b.employee_id = m.employee_id and b.month = m.period_month
        where b.employee_id is null
        """,
    )
    assert missing == []
    months = query(warehouse, "select count(distinct month) from marts.mart_bonus_monthly")[0][0]
    assert months == 2


def test_total_score_is_the_sum_of_weighted_scores_and_weights_sum_to_one(demo_run):
    _, warehouse = demo_run
    mismatches = query(
        warehouse,
        """
        select b.employee_id, b.month, b.total_score, sum(k.weighted_score), sum(k.weight)
        from marts.mart_bonus_monthly as b
        join marts.mart_kpi_monthly as k on k.employee_id = b.employee_id and k.month = b.month
        group by 1, 2, 3
        having b.total_score != sum(k.weighted_score) or sum(k.weight) != 1
        """,
    )
    assert mismatches == []


def test_planted_people_land_where_they_should(demo_run, demo_inbox):
    _, warehouse = demo_run
    planted = json.loads((demo_inbox / "demo_manifest.json").read_text())["planted"]
    scores = query(
        warehouse,
        """
        select department_id, employee_id, sum(total_score)
        from marts.mart_bonus_monthly where role = 'sales_manager' group by 1, 2
        """,
    )
    best = {}
    for department, employee, score in scores:
        if department not in best or score > best[department][1]:
            best[department] = (employee, score)
    assert {e for e, _ in best.values()} == set(planted["leader"])
    no_priority = planted["no_priority_products"][0]
    rows = query(
        warehouse,
        "select actual_value, coefficient from marts.mart_kpi_monthly "
        "where employee_id = ? and kpi_code = 'priority_products'",
        [no_priority],
    )
    assert rows and all(actual == 0 and coefficient == 0 for actual, coefficient in rows)


def test_kpi_actuals_are_the_sum_of_their_facts(demo_run):
    _, warehouse = demo_run
    rows = query(
        warehouse,
        """
        select k.employee_id, k.month, k.actual_value, coalesce(sum(c.numerator), 0)
        from marts.mart_kpi_monthly as k
        left join marts.fct_kpi_contributions as c
            on c.employee_id = k.employee_id and c.month = k.month and c.kpi_code = k.kpi_code
        where k.kpi_code = 'plan_revenue' and k.department_id is not null
            and k.employee_id in (select employee_id from marts.dim_employee where role = 'sales_manager')
        group by 1, 2, 3
        """,
    )
    assert rows and all(actual == facts for _, _, actual, facts in rows)
    orphans = query(
        warehouse,
        """
        select count(*) from marts.fct_kpi_contributions as c
        left join marts.fct_sales_lines as s on s.deal_line_id = c.fact_id
        where c.fact_type = 'deal_line' and s.deal_line_id is null
        """,
    )
    assert orphans[0][0] == 0


def test_statements_say_what_is_missing(demo_run):
    _, warehouse = demo_run
    rows = query(
        warehouse,
        "select actual_value, target_value, cap, to_cap from marts.mart_kpi_monthly "
        "where scale_kind = 'linear' and target_value > 0",
    )
    assert rows
    for actual, target, cap, to_cap in rows:
        assert to_cap == max(cap * target - (actual or 0), Decimal(0))  # exact, no rounding


def test_a_gated_bonus_says_why_on_the_statement_the_bonus_page_and_the_exports(demo_run, tmp_path):
    from dashboards.build import build_site

    summary, warehouse = demo_run
    gated = query(
        warehouse,
        "select b.month, b.employee_id, b.gate_kpi_code, s.to_gate, s.gain_at_gate, s.gain_at_threshold "
        "from marts.mart_bonus_monthly as b join marts.mart_bonus_statements as s "
        "on s.month = b.month and s.employee_id = b.employee_id and s.kpi_code = b.gate_kpi_code "
        "where b.gate_factor = 0 and b.period_status = 'open' order by 1, 2 limit 1",
    )
    assert gated, "the demo's month to date has people below the plan gate"
    month, employee, code, to_gate, gain_at_gate, gain_at_threshold = gated[0]
    assert code == "plan_revenue" and to_gate > 0
    # reaching the gate lifts it: the statement promises what the formula then pays, not 0
    assert gain_at_gate > 0 and gain_at_threshold == gain_at_gate
    site = summary.site.parent
    mailed = tmp_path / "site"  # the statements to mail, one file per employee
    build_site(warehouse, mailed, per_employee_files=True)
    ru = (mailed / "ru" / "statements" / f"{month:%Y-%m}" / f"{employee}.html").read_text()
    en = (mailed / "en" / "statements" / f"{month:%Y-%m}" / f"{employee}.html").read_text()
    assert "Выполнение плана продаж: выполнено" in ru and "ниже порога премии 50%" in ru
    assert "Sales plan:" in en and "below the bonus gate of 50%: no bonus this month" in en
    assert "Премия = база × балл × порог × множитель" in ru and "rounded to kopecks" in en
    bonus_page = (site / "en" / f"bonus-{month:%Y-%m}.html").read_text()
    assert "below the bonus gate of 50%" in bonus_page
    with (summary.exports / f"bonus_{month:%Y-%m}.csv").open() as fh:
        row = next(r for r in csv.DictReader(fh) if r["employee_id"] == employee)
    assert row["gate_kpi_code"] == "plan_revenue"
    assert row["gate_reason_en"].startswith("Sales plan: ") and "no bonus this month" in row["gate_reason_en"]
    assert row["gate_reason_ru"].startswith("Выполнение плана продаж: выполнено")


def test_the_demo_walks_the_large_number_path(demo_run):
    _, warehouse = demo_run
    biggest_plan, biggest_base = query(
        warehouse,
        "select max(k.target_value), max(b.base_bonus) from marts.mart_kpi_monthly as k "
        "join marts.mart_bonus_monthly as b using (month, employee_id) where k.kpi_code = 'plan_revenue'",
    )[0]
    assert biggest_plan >= 1_000_000 and biggest_base > 100_000
