"""The Dagster code location loads, and its asset graph has the expected keys and edges."""

from __future__ import annotations

import pytest
from dagster import AssetKey


@pytest.fixture(scope="module")
def defs(dbt_manifest):
    from orchestration.definitions import build_definitions

    return build_definitions()


@pytest.fixture(scope="module")
def graph(defs):
    return defs.resolve_asset_graph()


def key(s: str) -> AssetKey:
    return AssetKey(s.split("/"))


EXPECTED_DLT = {
    "dlt_pbx_files_asterisk_cdr",
    "dlt_pbx_files_transcripts",
    "dlt_directory_employees",
    "dlt_directory_departments",
    "dlt_crm_files_users",
    "dlt_crm_files_clients",
    "dlt_crm_files_products",
    "dlt_crm_files_deals",
    "dlt_crm_files_deal_lines",
    "dlt_plans_monthly_plans",
    "dlt_call_quality_call_scores",
    "dlt_call_quality_call_objections",
}
EXPECTED_MARTS = {
    "marts/fct_calls",
    "marts/mart_call_activity_daily",
    "marts/fct_sales_lines",
    "marts/dim_employee",
    "marts/dim_department",
    "marts/dim_date",
}


def test_asset_keys_snapshot(graph):
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert keys >= EXPECTED_DLT
    assert keys >= EXPECTED_MARTS
    assert {"inbox/pbx", "inbox/crm", "inbox/directory", "inbox/plans"} <= keys
    # every dbt source resolves to a dlt asset or the closing history: the only roots
    # are the inbox folders, the close history, the KPI scheme seeds and the portal's disputes
    roots = {k for k in keys if not graph.get(key(k)).parent_keys}
    seed_names = [
        "kpi_codes",
        "kpi_scheme",
        "kpi_corridors",
        "bonus_base",
        "bonus_gates",
        "bonus_multipliers",
    ]
    seed_names += ["calendar_holidays", "alert_rules", "alert_metrics"]
    seeds = {"config/" + s for s in seed_names}
    closing = {
        "closing/" + t for t in ["period_events", "bonus_statements", "kpi_statements", "bonus_adjustments"]
    }
    portal = {"portal/disputes"}
    assert roots == {"inbox/pbx", "inbox/crm", "inbox/directory", "inbox/plans"} | closing | seeds | portal


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        ("dlt_pbx_files_asterisk_cdr", "inbox/pbx"),
        ("staging/stg_pbx__cdr_legs", "dlt_pbx_files_asterisk_cdr"),
        ("staging/stg_directory__employees", "dlt_directory_employees"),
        ("staging/stg_crm__deals", "dlt_crm_files_deals"),
        ("dlt_disputes_dispute_answers", "portal/disputes"),
        ("staging/stg_disputes__answers", "dlt_disputes_dispute_answers"),
        ("intermediate/int_sales_lines", "intermediate/int_deal_line_moves"),
        ("intermediate/int_calls", "intermediate/int_call_legs"),
        ("marts/fct_calls", "intermediate/int_call_facts"),
        ("intermediate/int_call_facts", "intermediate/int_calls"),
        ("marts/mart_call_activity_daily", "intermediate/int_call_kpis_daily"),
        ("intermediate/int_call_kpis_daily", "intermediate/int_call_facts"),
        ("marts/mart_kpi_alerts", "marts/mart_alert_metrics"),
        ("intermediate/int_kpi_targets", "config/kpi_scheme"),
        ("intermediate/int_bonus_scenarios", "intermediate/int_kpi_scenarios"),
        ("marts/mart_bonus_adjustments", "intermediate/int_bonus_adjustments"),
        ("dlt_call_quality_call_scores", "dlt_pbx_files_transcripts"),
        ("marts/mart_call_quality", "intermediate/int_call_scores"),
        ("intermediate/int_call_scores", "staging/stg_call_quality__call_scores"),
        ("intermediate/int_kpi_contributions", "intermediate/int_call_scores"),
        ("marts/mart_bonus_monthly", "intermediate/int_bonus_monthly_live"),
        ("staging/stg_closing__period_events", "closing/period_events"),
        ("exports/finance_bonus", "marts/mart_bonus_monthly"),
        ("dashboards/site", "marts/mart_bonus_statements"),
        ("dlt_pbx_files_asterisk_cdr", "pbx/speech_to_text"),
    ],
)
def test_lineage_edges(graph, child, parent):
    assert key(parent) in graph.get(key(child)).parent_keys


def test_dbt_tests_and_gx_suites_are_asset_checks(graph):
    checks = {c.name for c in graph.asset_check_keys if c.asset_key == key("marts/fct_calls")}
    assert any(name.startswith("unique_fct_calls_call_id") for name in checks)
    gx_checked = {c.asset_key.to_user_string() for c in graph.asset_check_keys if c.name.startswith("gx_")}
    assert gx_checked == EXPECTED_DLT - {"dlt_call_quality_call_scores", "dlt_call_quality_call_objections"}


def test_job_schedule_and_sensor(defs):
    job = defs.resolve_job_def("autokpi_full")
    assert job.executor_def.name == "in_process"
    assert defs.resolve_job_def("close_month_job") is not None
    refresh = defs.resolve_job_def("autokpi_refresh")
    assert not any(k.to_user_string().startswith("dlt_") for k in refresh.asset_layer.executable_asset_keys)
    assert defs.resolve_schedule_def("autokpi_daily").cron_schedule == "0 6 * * *"
    assert defs.resolve_sensor_def("inbox_sensor").job_name == "autokpi_full"


def test_inbox_sensor_fires_on_new_files_only(defs, tmp_path, monkeypatch):
    from dagster import build_sensor_context

    monkeypatch.setenv("AUTOKPI_INBOX", str(tmp_path))
    sensor = defs.resolve_sensor_def("inbox_sensor")
    (tmp_path / "crm").mkdir()
    (tmp_path / "crm" / "deals.csv").write_text("deal_id\n1\n")
    first = sensor.evaluate_tick(build_sensor_context())
    assert len(first.run_requests) == 1
    again = sensor.evaluate_tick(build_sensor_context(cursor=first.cursor))
    assert again.run_requests == [] and again.skip_message.startswith("nothing new")
    (tmp_path / "crm" / "deals-2.csv").write_text("deal_id\n2\n")
    third = sensor.evaluate_tick(build_sensor_context(cursor=first.cursor))
    assert len(third.run_requests) == 1 and third.cursor != first.cursor


def test_no_intermediate_model_reads_a_mart(dbt_manifest):
    """Layers read one way in dbt too: staging → intermediate → marts, never back up."""
    import json

    manifest = json.loads(dbt_manifest.read_text())
    upward = [
        f"{node['name']} reads {parent.split('.')[-1]}"
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["fqn"][1] == "intermediate"
        for parent in node["depends_on"]["nodes"]
        if parent.startswith("model.") and manifest["nodes"][parent]["fqn"][1] == "marts"
    ]
    assert upward == []


def test_the_dbt_resource_knows_dbts_version_without_asking_pypi(defs, monkeypatch):
    """`dbt --version` asks PyPI for the latest release: no run may start it."""
    import subprocess

    from dbt.version import __version__

    def no_subprocess(*args, **kwargs):
        raise AssertionError(f"a subprocess was started: {args}")

    monkeypatch.setattr(subprocess, "check_output", no_subprocess)
    monkeypatch.setattr("dagster_dbt.core.resource.check_output", no_subprocess, raising=False)
    dbt = defs.resources["dbt"]
    assert str(dbt._cli_version) == __version__
