"""The same models on PostgreSQL: one setting (DBT_TARGET=postgres) switches ingestion,
checks, dbt, exports and dashboards, and the marts equal DuckDB's from the same files."""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
from datetime import date, datetime
from decimal import Decimal

import psycopg2
import psycopg2.errors
import pytest

from core.warehouse import connect
from orchestration import cli
from orchestration.period_close import close_month
from orchestration.run import MARTS, run_pipeline
from tests.warehouse import left_as_they_were, mart_columns, query

pytestmark = pytest.mark.e2e

# when the row was computed: differs between any two runs, by design
RUN_TIME_COLUMNS = {"computed_at", "built_at"}


class _Float(float):
    """A double as both engines compute it: equal within 1e-9 of each other (the last
    digits of a double depend on the order of its operations, which engines choose)."""

    def __eq__(self, other):
        return isinstance(other, float) and math.isclose(self, other, rel_tol=1e-9, abs_tol=1e-12)

    __hash__ = float.__hash__


def _normal(value):
    """One spelling per value across engines: money exactly, decimals to 12 places, doubles nearly."""
    if isinstance(value, float):
        return _Float(value)
    if isinstance(value, Decimal):
        # to the 12 places of an exact quotient (macros/exact_arithmetic.sql); money has 2.
        # A KPI's distance to its threshold differs at the 13th place between the engines
        # (PostgreSQL rounds threshold × target to 12 places somewhere): see README, Targets
        return (
            value.quantize(Decimal("1e-12")).normalize()
            if value.as_tuple().exponent < -12
            else value.normalize()
        )
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _sorted_rows(rows) -> list[tuple]:
    normal = [tuple(_normal(v) for v in row) for row in rows]

    def order(row):  # by everything but the doubles' last digits
        return tuple((v is None, f"{v:.6g}" if isinstance(v, float) else str(v)) for v in row)

    return sorted(normal, key=order)


def test_marts_on_postgres_equal_marts_on_duckdb(demo_run, demo_inbox, postgres_target, tmp_path, capsys):
    _, duckdb_warehouse = demo_run
    home = tmp_path / "pg" / "autokpi.duckdb"  # the run's home: site, exports, dlt state
    inbox = tmp_path / "inbox"  # a copy: the second run gets a corrected transcripts file
    shutil.copytree(demo_inbox, inbox)
    summary = run_pipeline(inbox, home, quiet=True)
    assert not home.exists()  # nothing went into a DuckDB file
    # adjustments exist only once a month is closed and late data lands after it; disputes
    # once someone opens one in the portal
    empty = {"mart_bonus_adjustments", "mart_disputes"}
    assert all(summary.mart_rows[m] > 0 for m in MARTS if m not in empty)

    with connect(home) as con:
        # the settings the history was built with, kept on the server as in a DuckDB file
        from orchestration import settings_reaching_back

        built_with = settings_reaching_back.load(con)
        assert json.loads(built_with["pbx_timezone"]) == "Europe/Moscow"
        on_duckdb = query(duckdb_warehouse, "select inputs from dbt_state.built_with")[0][0]
        assert built_with == json.loads(on_duckdb)
        for mart in MARTS:
            assert con.columns("marts", mart) == mart_columns(duckdb_warehouse, mart), mart
            columns = [c for c in mart_columns(duckdb_warehouse, mart) if c not in RUN_TIME_COLUMNS]
            listing = ", ".join(columns)
            on_postgres = con.execute(f"select {listing} from marts.{mart}").fetchall()
            on_duckdb = query(duckdb_warehouse, f"select {listing} from marts.{mart}")
            assert len(on_postgres) == len(on_duckdb), mart
            assert _sorted_rows(on_postgres) == _sorted_rows(on_duckdb), mart

    # the finance exports, read from PostgreSQL, say the same to the cent
    duckdb_exports = duckdb_warehouse.parent / "exports"
    for path in sorted(duckdb_exports.glob("bonus_*.csv")):
        ours = list(csv.DictReader((home.parent / "exports" / path.name).open(encoding="utf-8")))
        theirs = list(csv.DictReader(path.open(encoding="utf-8")))
        for row in ours + theirs:
            row.pop("computed_at")
        assert ours == theirs, path.name
    assert (home.parent / "site" / "en" / "bonus.html").is_file()

    # finance closes October on the server: the frozen statements are written there
    october = date(2026, 10, 1)
    closed = close_month(home, october, actor="finance")
    assert (
        closed.employees
        == query(
            duckdb_warehouse, "select count(*) from marts.mart_bonus_monthly where month = ?", [october]
        )[0][0]
    )
    with connect(home) as con:
        frozen = con.execute("select count(*) from closing.bonus_statements where month = ?", [october])
        assert frozen.fetchone()[0] == closed.employees
    # the next run reads the close on the server (the closing tables changed) and rebuilds
    # the bonus from it; the calls, which no input reaches, stay as the first run built them.
    # A transcripts file comes again with one call's words changed: that call alone is scored
    # again and its score rebuilt (int_call_scores by call, on the server too)
    rude = _said_rudely(inbox)
    run_pipeline(inbox, home, quiet=True)
    with connect(home) as con:
        status = con.execute(
            "select distinct period_status from marts.mart_bonus_monthly where month = ?", [october]
        )
        assert status.fetchall() == [("closed",)]
        rebuilt = con.execute(
            "select call_id from intermediate.int_call_scores "
            "where built_at = (select max(built_at) from intermediate.int_call_scores)"
        )
        assert rebuilt.fetchall() == [(rude,)]
        politeness = "select politeness from marts.mart_call_quality where call_id = ?"
        assert con.execute(politeness, [rude]).fetchall() == [(0,)]
    assert query(duckdb_warehouse, politeness, [rude]) == [(1,)]
    expected = {"marts.fct_calls": True, "marts.mart_bonus_monthly": False, "marts.mart_call_quality": False}
    assert left_as_they_were(home, list(expected)) == expected

    # the commands that read a built warehouse know it is on the server (no file there)
    assert cli.main(["quarantine", "--warehouse", str(home)]) == 0
    assert "quarantine" in capsys.readouterr().out

    # BI tools' role reads the marts the run built, and neither raw calls nor the close
    reader = psycopg2.connect(host="127.0.0.1", port=int(os.environ["PGPORT"]), dbname=postgres_target,
                              user="autokpi_reader")  # fmt: skip
    reader.autocommit = True
    with reader.cursor() as cur:
        cur.execute("select count(*) from marts.fct_calls")
        assert cur.fetchone()[0] > 0
        for private in ("raw_pbx.asterisk_cdr", "raw_pbx.transcripts", "closing.bonus_statements"):
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cur.execute(f"select count(*) from {private}")
    reader.close()

    # the portal reads the marts on the server (there is no snapshot file): an employee
    # invited from the server's directory signs in and reads their own statement only
    _portal_on_the_server(home)


def _said_rudely(inbox) -> str:
    """Sends the first transcripts file again with its second call's agent rude (the first
    line stays: a changed first line is a new file, not a correction); returns that call."""
    path = sorted((inbox / "pbx" / "transcripts").glob("*.jsonl"))[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    call = json.loads(lines[1])
    said = next(s for s in call["segments"] if s["speaker"] == "agent")
    said["text"] += " ну вы же взрослый человек, сами виноваты"
    lines[1] = json.dumps(call, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return call["call_id"]


def _portal_on_the_server(home) -> None:
    import re

    from fastapi.testclient import TestClient

    from core.paths import portal_dir_for
    from portal.app import create_app
    from portal.commands import invite

    with connect(home) as con:
        month, employee, department, name = con.execute(
            "select to_char(b.month, 'YYYY-MM'), b.employee_id, b.department_id, b.full_name "
            "from marts.mart_bonus_monthly as b join marts.dim_employee as e using (employee_id) "
            "where e.role != 'department_head' order by 1 desc, 2 limit 1"
        ).fetchone()
        stranger = con.execute(
            "select min(employee_id) from marts.mart_bonus_monthly where department_id != ?", [department]
        ).fetchone()[0]
    token = invite(home, employee).rsplit("/", 1)[1]
    client = TestClient(create_app(home, secret="a test secret that is long enough"))
    form = client.get(f"/invite/{token}").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    password = "a long enough password"
    signed_in = client.post(
        f"/invite/{token}", data={"csrf": csrf, "password": password, "password_again": password}
    )
    assert signed_in.status_code == 200 and f"/statements/{month}/{employee}" in signed_in.text
    own = client.get(f"/statements/{month}/{employee}")
    assert own.status_code == 200 and name in own.text
    assert client.get(f"/statements/{month}/{stranger}").status_code == 403
    # the portal's own database is on the server too: its access log there has both views
    assert not portal_dir_for(home).exists()
    with connect(home) as con:
        logged = con.execute("select action, subject from portal.access_log where login = ?", [employee])
        subjects = {subject for _, subject in logged.fetchall()}
    assert {f"{month}/{employee}", f"{month}/{stranger}"} <= subjects
