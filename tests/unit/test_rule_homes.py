"""Each rule has one home. Great Expectations checks what arrives (types, value sets,
ranges, keys of a load: quality/suites.py); dbt tests check what the models promise
(their grain and their formulas). Every KPI code the scheme may name is computed, and
every alert rule judges a metric that exists, at its grain."""

from __future__ import annotations

import csv
import re

import yaml

from core.paths import DBT_PROJECT_DIR

MODELS = DBT_PROJECT_DIR / "models"
# tests that restate a raw value rule; staging may only promise its grain
VALUE_RULES = {"accepted_values", "expression_is_true", "accepted_range"}
# sources no raw check covers: their staging keeps its value rules
WITHOUT_RAW_CHECKS = {"stg_call_quality__call_scores"}


def _tests(node: dict) -> list[str]:
    names = []
    for test in node.get("data_tests", []) or []:
        names.append(test if isinstance(test, str) else next(iter(test)))
    return names


def test_staging_promises_its_grain_and_leaves_value_rules_to_the_raw_checks():
    restated = []
    for path in (MODELS / "staging").rglob("_*__models.yml"):
        for model in yaml.safe_load(path.read_text(encoding="utf-8"))["models"]:
            if model["name"] in WITHOUT_RAW_CHECKS:
                continue
            nodes = [model, *model.get("columns", [])]
            restated += [f"{model['name']}: {t}" for n in nodes for t in _tests(n) if t in VALUE_RULES]
    assert restated == []


def _literals(sql: str, column: str) -> set[str]:
    return set(re.findall(rf"'([a-z_]+)' as {column}\b", sql))


def test_every_kpi_code_is_computed():
    with (DBT_PROJECT_DIR / "seeds" / "kpi_codes.csv").open(encoding="utf-8") as fh:
        codes = {row["kpi_code"] for row in csv.DictReader(fh)}
    computed = _literals((MODELS / "intermediate" / "int_kpi_contributions.sql").read_text(), "kpi_code")
    assert codes == computed


def test_every_alert_rule_judges_a_metric_that_exists_at_its_grain():
    sql = (MODELS / "marts" / "calls" / "mart_alert_metrics.sql").read_text(encoding="utf-8")
    day_part = sql[sql.index("day_metrics as (") : sql.index("month_metrics as (")]
    month_part = sql[sql.index("month_metrics as (") :]
    metrics = {"day": _literals(day_part, "metric"), "month": _literals(month_part, "metric")}
    assert metrics["day"] and metrics["month"]
    with (DBT_PROJECT_DIR / "seeds" / "alert_rules.csv").open(encoding="utf-8") as fh:
        rules = list(csv.DictReader(fh))
    missing = [f"{r['rule']} {r['metric']} ({r['period_grain']})" for r in rules
               if r["metric"] not in metrics[r["period_grain"]]]  # fmt: skip
    assert missing == []


def test_the_checklist_items_are_the_scorers():
    from call_quality.checklist import ITEMS

    project = yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    assert project["vars"]["checklist_items"] == ITEMS
    for path in [*MODELS.rglob("*.sql")]:
        assert "'greeting'" not in path.read_text(encoding="utf-8"), f"{path.name} lists the items again"


def _contract_types(model: str) -> dict[str, str]:
    for path in MODELS.rglob("_*__models.yml"):
        for node in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
            if node["name"] == model:
                return {c["name"]: c.get("data_type", "").replace(" ", "") for c in node.get("columns", [])}
    raise AssertionError(f"{model} is not described")


def test_what_a_close_freezes_and_exports_agree_with_the_mart_contracts():
    """The closing tables' columns are written three times (period_close.py creates them,
    the stg_closing__* models read them back, finance_exports.py reads the marts): the
    contracted mart is the home, and the other two must agree with it."""
    from orchestration import finance_exports, period_close

    for table, (mart, _, columns) in period_close.FROZEN.items():
        contract = _contract_types(mart)
        for column, kind in columns:
            renamed = table == "bonus_adjustments"
            source = period_close.ADJUSTMENT_SOURCE.get(column, column) if renamed else column
            assert source in contract, f"{table}.{column} is not a column of {mart}"
            assert contract[source] in ("", kind.replace(" ", "")), f"{table}.{column}: {kind}"
        staging = (MODELS / "staging" / "closing" / f"stg_closing__{table}.sql").read_text(encoding="utf-8")
        listed = re.search(r"source_columns\('closing', '\w+', \[(.*?)\]\)", staging, re.S).group(1)
        read_back = {c.strip(" '\n") for c in listed.split(",")} - {"event_id"}
        assert read_back == {c for c, _ in columns}, table
    exported = {
        "mart_bonus_monthly": finance_exports._BONUS_MART_COLUMNS,
        "mart_kpi_monthly": finance_exports.KPI_EXPORT_COLUMNS,
        "mart_bonus_adjustments": finance_exports._ADJUSTMENT_MART_COLUMNS,
    }
    for mart, columns in exported.items():
        assert set(columns) <= set(_contract_types(mart)), mart
