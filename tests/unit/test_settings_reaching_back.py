"""Which project settings reach back in time (read by an incremental model), their values as
dbt reads them, and what a run says when one moved (orchestration/settings_reaching_back.py)."""

from __future__ import annotations

import json

from orchestration import settings_reaching_back as reaching

PROJECT = """\
vars:
  tz: "{{ env_var('AUTOKPI_PBX_TIMEZONE', 'Europe/Moscow') }}"
  apps: ["dial", "queue"]
  min_calls: 3
  token: "{{ env_var('API_TOKEN', '') }}"
  per_target: "{{ env_var('KPI_REGION', 'ru') if target.name == 'postgres' else 'ru' }}"
"""


def _node(kind: str, materialized: str, code: str, macros: list[str] = ()) -> dict:
    return {
        "resource_type": kind,
        "config": {"materialized": materialized},
        "raw_code": code,
        "depends_on": {"macros": list(macros), "nodes": []},
    }


def test_the_settings_an_incremental_model_reads_reach_back_in_its_code_or_a_macro_it_calls():
    incremental, shift = "incremental", {"macros": ["macro.p.shift"]}
    manifest = {
        "nodes": {
            "model.p.legs": _node("model", incremental, "select {{ utc('at', var('tz')) }}", ["macro.p.utc"]),
            "model.p.calls": _node("model", incremental, "select * from x where app in {{ var( 'apps' ) }}"),
            "model.p.daily": _node("model", "table", "select {{ var('min_calls') }}"),
            "test.p.t": _node("test", "test", "select {{ var('min_calls') }}"),
        },
        "macros": {
            "macro.p.utc": {"macro_sql": "{{ shift(at, zone) }}", "depends_on": shift},
            "macro.p.shift": {"macro_sql": "{{ var('token') }}", "depends_on": {"macros": []}},
        },
    }
    # a table is built whole every time: what it reads moves with it
    assert reaching.variables_reaching_back(manifest) == ["apps", "token", "tz"]


def test_values_are_read_as_dbt_reads_them_and_a_move_is_said_secrets_hidden(tmp_path, monkeypatch):
    (tmp_path / "dbt_project.yml").write_text(PROJECT, encoding="utf-8")
    monkeypatch.delenv("AUTOKPI_PBX_TIMEZONE", raising=False)
    monkeypatch.setenv("API_TOKEN", "s3cret-one")
    names = ["apps", "token", "tz"]
    before = reaching.values_of(tmp_path, names)
    assert json.loads(before["tz"]) == "Europe/Moscow" and json.loads(before["apps"]) == ["dial", "queue"]
    assert reaching.moved(before, reaching.values_of(tmp_path, names)) == []  # the same: nothing moved
    monkeypatch.setenv("AUTOKPI_PBX_TIMEZONE", "Asia/Yekaterinburg")
    monkeypatch.setenv("API_TOKEN", "s3cret-two")
    now = reaching.values_of(tmp_path, names)
    assert reaching.moved(before, now) == ["token", "tz"]
    said = reaching.said(["token", "tz"], before, now)
    assert said == 'token, tz ("Europe/Moscow" -> "Asia/Yekaterinburg")'
    assert "s3cret" not in said + json.dumps([before, now])  # nor kept in the warehouse
    # a value made with more of dbt's context than env_var: its template and what it reads
    monkeypatch.setenv("KPI_REGION", "kz")
    regional = reaching.values_of(tmp_path, ["per_target"])
    monkeypatch.setenv("KPI_REGION", "ru")
    assert reaching.moved(regional, reaching.values_of(tmp_path, ["per_target"])) == ["per_target"]
    # no build kept its values (a new warehouse, or one from before they were kept), or a
    # setting no build used: nothing to rebuild for
    assert reaching.moved(None, now) == []
    assert reaching.moved({"tz": before["tz"]}, {**now, "apps": before["apps"]}) == ["tz"]
