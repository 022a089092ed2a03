"""Which dbt nodes a run leaves as they are: the inputs' fingerprints and the graph below
the ones that changed (orchestration/dbt_inputs.py)."""

from __future__ import annotations

import duckdb
import pytest

from core.warehouse import Connection
from orchestration import dbt_inputs

PBX, CRM, CLOSING = (
    "source.autokpi.pbx.asterisk_cdr",
    "source.autokpi.crm.products",
    "source.autokpi.closing.events",
)


def m(name: str) -> str:
    return f"model.autokpi.{name}"


def _manifest() -> dict:
    """pbx -> stg_legs -> calls -> bonus <- stg_products <- crm; stg_products -> ages (reads
    the clock); a test on stg_products, one on bonus; closing -> stg_events -> bonus."""

    def node(uid, kind, parents, code="select 1"):
        return uid, {"resource_type": kind, "fqn": ["autokpi", uid.split(".")[-1]], "raw_code": code,
                     "depends_on": {"nodes": parents}, "parents": parents}  # fmt: skip

    nodes = dict(
        [
            node(m("stg_legs"), "model", [PBX], "select line, _dlt_load_id as load_id from cdr"),
            node(m("calls"), "model", [m("stg_legs")]),
            node(m("stg_products"), "model", [CRM]),
            node(m("stg_events"), "model", [CLOSING]),
            node(
                m("bonus"),
                "model",
                [m("calls"), m("stg_products"), m("stg_events")],
            ),
            node(
                m("ages"),
                "model",
                [m("stg_products")],
                "select current_date - opened_at",
            ),
            node("test.autokpi.unique_products", "test", [m("stg_products")]),
            node("test.autokpi.unique_bonus", "test", [m("bonus")]),
            node("seed.autokpi.kpi_codes", "seed", []),
        ]
    )
    parent_map = {uid: n["parents"] for uid, n in nodes.items()}
    child_map: dict[str, list[str]] = {uid: [] for uid in [*nodes, PBX, CRM, CLOSING]}
    for uid, parents in parent_map.items():
        for parent in parents:
            child_map[parent].append(uid)
    sources = {uid: {"schema": uid.split(".")[2], "name": uid.split(".")[3]} for uid in (PBX, CRM, CLOSING)}
    return {"nodes": nodes, "sources": sources, "parent_map": parent_map, "child_map": child_map,
            "macros": {}, "metadata": {"dbt_version": "1.10"}}  # fmt: skip


FINGERPRINTS = {PBX: "a", CRM: "b", CLOSING: "c"}


def _plan(sources: dict, saved_project: str = "p") -> dbt_inputs.BuildPlan:
    saved = {"project": saved_project, "sources": FINGERPRINTS}
    return dbt_inputs.plan_build(_manifest(), saved, "p", sources)


def test_new_call_records_rebuild_what_they_reach_and_what_reads_the_clock():
    plan = _plan({**FINGERPRINTS, PBX: "a2"})
    assert plan.unchanged == [m("stg_events"), m("stg_products"),
                              "seed.autokpi.kpi_codes", "test.autokpi.unique_products"]  # fmt: skip
    assert (
        plan.reason
        == "changed since the last build: pbx.asterisk_cdr; 4 of dbt's nodes are left as they were"
    )
    assert not plan.builds_nothing(_manifest())
    assert plan.excludes(_manifest())[0] == "fqn:autokpi.stg_events"


def test_nothing_changed_rebuilds_only_what_reads_the_clock():
    plan = _plan(dict(FINGERPRINTS))
    assert m("ages") not in plan.unchanged and len(plan.unchanged) == 8
    assert not plan.builds_nothing(_manifest())
    # without a node that reads the clock, nothing is built at all
    manifest = _manifest()
    manifest["nodes"][m("ages")]["raw_code"] = "select opened_at from products -- as they are now"
    plan = dbt_inputs.plan_build(manifest, {"project": "p", "sources": FINGERPRINTS}, "p", dict(FINGERPRINTS))
    assert plan.builds_nothing(manifest)
    assert plan.reason.startswith("no input changed since the last build")


def test_what_reads_the_clock_is_rebuilt_once_a_day():
    saved = {"project": "p", "sources": FINGERPRINTS, "today": "2026-12-06"}
    same_day = dbt_inputs.plan_build(_manifest(), saved, "p", dict(FINGERPRINTS), "2026-12-06")
    assert same_day.builds_nothing(_manifest()) and len(same_day.unchanged) == 9
    next_day = dbt_inputs.plan_build(_manifest(), saved, "p", dict(FINGERPRINTS), "2026-12-07")
    assert next_day.unchanged == sorted(set(same_day.unchanged) - {m("ages")})
    assert next_day.reason == (
        "no input changed since the last build; what reads the clock is built for 2026-12-07; "
        "8 of dbt's nodes are left as they were"
    )
    assert next_day.state([])["today"] == "2026-12-07"
    # a build before the day was kept (an older autokpi): the clock's nodes are rebuilt
    older = {"project": "p", "sources": FINGERPRINTS}
    assert (
        m("ages")
        not in dbt_inputs.plan_build(_manifest(), older, "p", dict(FINGERPRINTS), "2026-12-06").unchanged
    )
    # new call records on the same day: what they reach, and not the clock's nodes
    calls = dbt_inputs.plan_build(_manifest(), saved, "p", {**FINGERPRINTS, PBX: "a2"}, "2026-12-06")
    assert m("ages") in calls.unchanged and m("calls") not in calls.unchanged


def test_the_day_is_the_warehouse_sessions(tmp_path):
    from datetime import UTC, datetime, timedelta

    now = datetime.now(UTC)
    # a zone whose date is not UTC's now: UTC+14 from 10:00 UTC on, else UTC-11
    zone, hours = ("Pacific/Kiritimati", 14) if now.hour >= 10 else ("Pacific/Pago_Pago", -11)
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute(f"set TimeZone = '{zone}'")
    today = dbt_inputs.today_in(con)
    assert today == (now + timedelta(hours=hours)).date().isoformat() != now.date().isoformat()


def test_a_closed_month_rebuilds_the_bonus_and_not_the_calls():
    plan = _plan({**FINGERPRINTS, CLOSING: "c2"})
    assert m("bonus") not in plan.unchanged and "test.autokpi.unique_bonus" not in plan.unchanged
    assert {m("calls"), m("stg_legs"), m("stg_products")} <= set(plan.unchanged)


@pytest.mark.parametrize(
    "saved, project, why",
    [
        (None, "p", "no earlier build's inputs are known"),
        ({"project": "p0", "sources": FINGERPRINTS}, "p", "the dbt project or a setting it reads changed"),
    ],
)
def test_without_a_comparable_earlier_build_everything_is_built(saved, project, why):
    plan = dbt_inputs.plan_build(_manifest(), saved, project, dict(FINGERPRINTS))
    assert plan.unchanged == [] and plan.reason.startswith(why)


def test_a_table_new_since_the_last_build_counts_as_changed():
    saved = {"project": "p", "sources": {PBX: "a", CRM: "b"}}  # closing did not exist then
    plan = dbt_inputs.plan_build(_manifest(), saved, "p", dict(FINGERPRINTS))
    assert m("stg_events") not in plan.unchanged and m("calls") in plan.unchanged


def test_a_held_back_source_is_not_remembered_as_built():
    plan = _plan({**FINGERPRINTS, CRM: "b2"})
    assert plan.state(["crm.products"]) == {
        "project": "p",
        "sources": {PBX: "a", CLOSING: "c"},
        "today": None,
    }
    assert plan.state([]) == {"project": "p", "sources": {**FINGERPRINTS, CRM: "b2"}, "today": None}


def test_unchanged_nodes_are_reported_parents_first():
    manifest = _manifest()
    ordered = dbt_inputs.in_build_order(manifest, sorted(manifest["nodes"]))
    for uid, parents in manifest["parent_map"].items():
        for parent in parents:
            if parent in manifest["nodes"]:
                assert ordered.index(parent) < ordered.index(uid), (parent, uid)


def test_source_fingerprints_move_with_a_load_a_deletion_or_a_closed_month(tmp_path, monkeypatch):
    raw = duckdb.connect(str(tmp_path / "w.duckdb"))
    raw.execute("create schema pbx; create schema closing; create schema crm")
    raw.execute("create table pbx.asterisk_cdr (line integer, _dlt_load_id varchar)")
    raw.execute("insert into pbx.asterisk_cdr values (1, '100.1'), (2, '100.1')")
    raw.execute("create table closing.events (month varchar, amount decimal(18, 2))")
    raw.execute("insert into closing.events values ('2026-10', 1000000.00)")
    con = Connection(raw, "duckdb")
    manifest = _manifest()
    first = dbt_inputs.source_fingerprints(con, manifest)
    assert first[CRM] == "absent" and first == dbt_inputs.source_fingerprints(con, manifest)
    raw.execute("update closing.events set amount = 1000000.01")  # a kopeck, in a table without loads
    assert dbt_inputs.source_fingerprints(con, manifest)[CLOSING] != first[CLOSING]
    # a list loaded again unchanged (a new load id, the same rows) is no change where no
    # model reads the load id; the call records' staging reads it
    raw.execute(
        "create table crm.products (product_id varchar, _dlt_load_id varchar, _dlt_id varchar, "
        "_dlt_valid_to timestamp)"
    )
    raw.execute("insert into crm.products values ('P1', '100.1', 'a', null)")
    products = dbt_inputs.source_fingerprints(con, manifest)[CRM]
    raw.execute("delete from crm.products; insert into crm.products values ('P1', '200.1', 'b', null)")
    assert dbt_inputs.source_fingerprints(con, manifest)[CRM] == products
    # a row gone from the list sent again: dlt's snapshot closes its validity, a change
    raw.execute("update crm.products set _dlt_valid_to = '2026-12-01 10:00:00'")
    assert dbt_inputs.source_fingerprints(con, manifest)[CRM] != products
    raw.execute("update pbx.asterisk_cdr set _dlt_load_id = '200.1' where line = 2")
    assert dbt_inputs.source_fingerprints(con, manifest)[PBX] != first[PBX]
    # a large table: its count and newest load id
    monkeypatch.setattr(dbt_inputs, "HASHED_UP_TO", 1)
    large = dbt_inputs.source_fingerprints(con, manifest)[PBX]
    raw.execute("insert into pbx.asterisk_cdr values (3, '300.1')")
    loaded = dbt_inputs.source_fingerprints(con, manifest)[PBX]
    assert loaded != large
    raw.execute("delete from pbx.asterisk_cdr where line = 1")  # retention: the same newest load
    retained = dbt_inputs.source_fingerprints(con, manifest)[PBX]
    assert retained != loaded
    # a column renamed, no row loaded: the staging that reads it must fail, so it is built
    raw.execute("alter table pbx.asterisk_cdr rename column line to lines")
    assert dbt_inputs.source_fingerprints(con, manifest)[PBX] != retained


def test_the_project_fingerprint_follows_the_settings_the_project_reads_and_the_scheme(tmp_path, monkeypatch):
    project = tmp_path / "dbt"
    (project / "models").mkdir(parents=True)
    (project / "macros").mkdir()
    (project / "dbt_project.yml").write_text(
        "vars:\n  tz: \"{{ env_var('AUTOKPI_PBX_TIMEZONE', 'UTC') }}\"\n"
    )
    macro = "{{ env_var('PGPASSWORD', '') }}{{ env_var('KPI_TAX_RATE', '') }}"
    (project / "macros" / "m.sql").write_text(macro)
    # the profile says where the warehouse is and how to reach it, not what a build computes
    (project / "profiles.yml").write_text(
        "p: \"{{ env_var('PGPASSWORD') }}\"\nh: \"{{ env_var('PGHOST') }}\"\n"
        "f: \"{{ env_var('AUTOKPI_WAREHOUSE') }}\"\n"
    )
    assert dbt_inputs.settings_the_project_reads(project) == ["AUTOKPI_PBX_TIMEZONE", "KPI_TAX_RATE"]
    scheme = tmp_path / "scheme"
    scheme.mkdir()
    (scheme / "kpi_scheme.csv").write_text("kpi_code,weight\ncalls,0.5\n")
    monkeypatch.setenv("AUTOKPI_PBX_TIMEZONE", "Europe/Moscow")
    monkeypatch.setenv("PGPASSWORD", "one")
    first = dbt_inputs.project_fingerprint(_manifest(), project, scheme)
    monkeypatch.setenv("PGPASSWORD", "two")  # a password opens the door: the same project
    assert dbt_inputs.project_fingerprint(_manifest(), project, scheme) == first
    # the warehouse moved to another folder, the server reached by another name: the same
    monkeypatch.setenv("AUTOKPI_WAREHOUSE", str(tmp_path / "moved" / "autokpi.duckdb"))
    monkeypatch.setenv("PGHOST", "db.internal")
    assert dbt_inputs.project_fingerprint(_manifest(), project, scheme) == first
    monkeypatch.setenv("KPI_TAX_RATE", "0.13")  # what a macro reads is part of the project
    taxed = dbt_inputs.project_fingerprint(_manifest(), project, scheme)
    assert taxed != first
    monkeypatch.setenv("AUTOKPI_PBX_TIMEZONE", "Asia/Yekaterinburg")
    moved = dbt_inputs.project_fingerprint(_manifest(), project, scheme)
    assert moved != taxed
    (scheme / "kpi_scheme.csv").write_text("kpi_code,weight\ncalls,0.6\n")
    rescheme = dbt_inputs.project_fingerprint(_manifest(), project, scheme)
    assert rescheme != moved
    # a variable of the project (the fewest scored calls a KPI is paid on) reaches the SQL only
    (project / "dbt_project.yml").write_text(
        "vars:\n  tz: {{ env_var('AUTOKPI_PBX_TIMEZONE', 'UTC') }}\n  kpi_min_facts: {call_quality: 30}\n"
    )
    assert dbt_inputs.project_fingerprint(_manifest(), project, scheme) != rescheme
    manifest = _manifest()
    manifest["nodes"][m("calls")]["raw_code"] = "select 2"
    assert dbt_inputs.project_fingerprint(manifest, project, scheme) != dbt_inputs.project_fingerprint(
        _manifest(), project, scheme
    )


def test_the_inputs_are_kept_in_the_warehouse_and_forgotten_before_a_build(tmp_path):
    raw = duckdb.connect(str(tmp_path / "w.duckdb"))
    con = Connection(raw, "duckdb")
    assert dbt_inputs.load_state(con) is None  # a new warehouse: everything is built
    dbt_inputs.save_state(con, {"project": "p", "sources": FINGERPRINTS})
    dbt_inputs.save_state(con, {"project": "p2", "sources": FINGERPRINTS})
    assert dbt_inputs.load_state(con) == {"project": "p2", "sources": FINGERPRINTS}
    dbt_inputs.forget_state(con)
    assert dbt_inputs.load_state(con) is None
    raw.execute("insert into dbt_state.build_inputs values ('{cut')")  # cut short: no state
    assert dbt_inputs.load_state(con) is None
