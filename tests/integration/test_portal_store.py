"""The portal's database: invitations spent once, argon2 passwords, an append-only access
log, private modes, and migrations that run again harmlessly; the tests taking ``store``
run on both of its homes, the SQLite file and the PostgreSQL server's ``portal`` schema."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest
import sqlalchemy as sa

from portal.store import PortalError, Store, open_store


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    """The store of a warehouse in tmp_path: a DuckDB one (its SQLite file), or on the
    PostgreSQL target (a fresh database of the test server)."""
    if request.param == "postgres":
        request.getfixturevalue("postgres_target")
    store = open_store(tmp_path / "autokpi.duckdb")
    yield store
    store.engine.dispose()


@pytest.fixture
def sqlite_store(tmp_path):
    return Store(tmp_path / "portal" / "portal.sqlite")


def _refused_changes(store, *changes: str) -> None:
    """Each change, tried by hand on the database, is refused as append-only."""
    for change in changes:
        with pytest.raises(sa.exc.IntegrityError, match="append-only"), store.engine.begin() as conn:
            conn.execute(sa.text(change))


def test_an_invitation_sets_a_password_once(store):
    token = store.invite("E0004", "E0004", None, days=7)
    assert store.invitation_login(token) == "E0004"
    assert store.account("E0004").has_password is False
    with pytest.raises(PortalError, match="at least 12 characters"):
        store.redeem(token, "short")
    assert store.redeem(token, "correct horse battery") == "E0004"
    with pytest.raises(PortalError, match="used already or has expired"):
        store.redeem(token, "another long password")
    assert store.invitation_login(token) is None
    assert store.check_password("E0004", "correct horse battery").login == "E0004"
    assert store.check_password("E0004", "wrong password here") is None
    assert store.check_password("E9999", "correct horse battery") is None


def test_only_hashes_are_kept(sqlite_store, tmp_path):
    store = sqlite_store
    token = store.invite("E0004", "E0004", None, days=7)
    store.redeem(token, "correct horse battery")
    raw = (tmp_path / "portal" / "portal.sqlite").read_bytes()
    assert token.encode() not in raw
    assert b"correct horse battery" not in raw
    with sqlite3.connect(tmp_path / "portal" / "portal.sqlite") as con:
        (hashed,) = con.execute("select password_hash from accounts").fetchone()
    assert hashed.startswith("$argon2id$")


def test_an_expired_invitation_does_not_work(store):
    token = store.invite("E0004", "E0004", None, days=0)  # expires as it is made
    assert store.invitation_login(token) is None
    with pytest.raises(PortalError, match="expired"):
        store.redeem(token, "correct horse battery")


def test_the_access_log_is_append_only(store):
    store.log("E0004", "viewed statement", "2026-11/E0004", "127.0.0.1")
    assert [r["action"] for r in store.access_log()] == ["viewed statement"]
    _refused_changes(store, "update access_log set login = 'someone else'", "delete from access_log")
    assert store.access_log()[0]["login"] == "E0004"


def test_the_database_is_private_and_migrates_again_harmlessly(sqlite_store, tmp_path):
    store = sqlite_store
    path = tmp_path / "portal" / "portal.sqlite"
    store.log("E0004", "viewed list")  # a write: SQLite's write-ahead files appear
    for item in path.parent.iterdir():
        assert stat.S_IMODE(item.stat().st_mode) == 0o600, item.name
    assert {p.name for p in path.parent.iterdir()} >= {"portal.sqlite", "portal.sqlite-wal"}
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    store.invite("anna", None, "finance", days=7)
    again = Store(path)  # a second start: alembic finds the schema at its head
    assert again.account("anna").portal_role == "finance"
    with sqlite3.connect(path) as con:
        assert con.execute("select version_num from alembic_version").fetchone() == ("0005",)


def test_the_portal_reader_sees_a_new_snapshot_once_a_run_renames_it_into_place(tmp_path):
    import os

    import duckdb

    from portal.snapshot import SnapshotMissingError, SnapshotReader

    path = tmp_path / "serving" / "autokpi_marts.duckdb"
    with pytest.raises(SnapshotMissingError, match="run `autokpi run`"):
        SnapshotReader(path)
    path.parent.mkdir()

    def publish(name: str, target):
        draft = path.with_suffix(".draft")
        with duckdb.connect(str(draft)) as con:
            con.execute("create schema marts")
            con.execute(
                "create table marts.dim_employee as select 'E0004' as employee_id, ? as full_name", [name]
            )
        os.replace(draft, target)

    publish("Ivanova", path)
    reader = SnapshotReader(path)
    assert reader.person("E0004")["full_name"] == "Ivanova"
    publish("Petrova", path)  # what publish_snapshot does: a new file renamed over the old
    assert reader.person("E0004")["full_name"] == "Petrova"
    assert reader.person("E0005") is None
    reader.close()


def test_the_portal_reader_never_hands_back_a_stale_snapshot_held_elsewhere_in_the_process(tmp_path):
    """duckdb.connect(path) returns the process's cached instance while any connection to it
    is open: a reader must still see the file now at the path."""
    import os

    import duckdb

    from portal.snapshot import SnapshotReader

    path = tmp_path / "autokpi_marts.duckdb"
    for name, target in (("Ivanova", path), ("Petrova", tmp_path / "next.duckdb")):
        with duckdb.connect(str(target)) as con:
            con.execute("create schema marts")
            con.execute(
                "create table marts.dim_employee as select 'E0004' as employee_id, ? as full_name", [name]
            )
    holder = duckdb.connect(str(path), read_only=True)  # a BI query in the same process, say
    reader = SnapshotReader(path)
    assert reader.person("E0004")["full_name"] == "Ivanova"
    os.replace(tmp_path / "next.duckdb", path)
    assert reader.person("E0004")["full_name"] == "Petrova"
    holder.close()
    reader.close()


def test_only_a_missed_call_of_the_person_may_be_taken_off_them(tmp_path):
    import duckdb

    from portal.snapshot import SnapshotReader

    path = tmp_path / "autokpi_marts.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute(
            "create table marts.fct_calls as select * from (values ('M1', 'E0004', true, null), "
            "('A1', 'E0004', false, null), ('M2', 'E0005', true, null), ('M3', null, true, 7), "
            "('G1', null, true, null)) as t(call_id, employee_id, is_missed, missed_excluded_by_dispute)"
        )
    reader = SnapshotReader(path)
    assert reader.is_missed_call_of("M1", "E0004")
    assert not reader.is_missed_call_of("A1", "E0004")  # answered
    assert not reader.is_missed_call_of("M2", "E0004")  # a colleague's
    assert not reader.is_missed_call_of("nope", "E0004")
    assert reader.is_missed_call_of("M3", "E0004")  # excluded already: answering again changes nothing
    assert not reader.is_missed_call_of("G1", "E0004")  # rang a whole group: nobody's to take off
    reader.close()


def test_a_dispute_gets_one_answer_and_a_move_needs_its_line_and_employee(store):
    first = store.open_dispute(
        "E0004", "E0004", "2026-11-01", "plan_revenue", "LN1", "this line is my colleague's"
    )
    second = store.open_dispute("E0004", "E0004", "2026-11-01", "call_activity", "", "calls missing")
    with pytest.raises(PortalError, match="say what is wrong"):
        store.open_dispute("E0004", "E0004", "2026-11-01", "plan_revenue", None, "   ")
    with pytest.raises(PortalError, match="give the reason"):
        store.answer_dispute(first, "E0001", "accepted", " ", "move_deal_line", "E0007")
    with pytest.raises(PortalError, match="needs the line's id"):
        store.answer_dispute(second, "E0001", "accepted", "fine", "move_deal_line", "E0007")
    with pytest.raises(PortalError, match="only with an accepted"):
        store.answer_dispute(second, "E0001", "rejected", "no", "move_deal_line", "E0007")
    store.answer_dispute(first, "E0001", "accepted", "agreed", "move_deal_line", "E0007")
    with pytest.raises(PortalError, match="answered already"):
        store.answer_dispute(first, "anna", "rejected", "changed my mind")
    rows = {d["dispute_id"]: d for d in store.disputes("E0004")}
    assert (rows[first]["decision"], rows[first]["to_employee_id"], rows[second]["decision"]) == (
        "accepted", "E0007", None
    )  # fmt: skip
    _refused_changes(store, "update disputes set comment = 'x'", "delete from dispute_answers")


def test_an_accepted_dispute_may_pass_one_checklist_item_of_its_call(store):
    graded = store.open_dispute("E0004", "E0004", "2026-11-01", "call_quality", "C-17", "I did ask")
    no_call = store.open_dispute("E0004", "E0004", "2026-11-01", "call_quality", "", "unfair")
    with pytest.raises(PortalError, match="one of the items: greeting"):
        store.answer_dispute(graded, "E0001", "accepted", "right", "pass_quality_item", None, "tone")
    with pytest.raises(PortalError, match="needs the call's id"):
        store.answer_dispute(no_call, "E0001", "accepted", "right", "pass_quality_item", None, "greeting")
    store.answer_dispute(
        graded, "E0001", "accepted", "you asked", "pass_quality_item", None, "needs_discovery"
    )
    row = next(d for d in store.disputes("E0004") if d["dispute_id"] == graded)
    assert (row["correction_kind"], row["quality_item"]) == ("pass_quality_item", "needs_discovery")


def test_an_accepted_dispute_may_take_a_missed_call_off_the_employee(store):
    missed = store.open_dispute("E0004", "E0004", "2026-11-01", "call_activity", "17900.1", "hung up at once")
    no_call = store.open_dispute("E0004", "E0004", "2026-11-01", "call_activity", "", "too many missed")
    with pytest.raises(PortalError, match="excluding a missed call needs the call's id"):
        store.answer_dispute(no_call, "E0001", "accepted", "right", "exclude_missed_call")
    with pytest.raises(PortalError, match="goes only with an accepted dispute"):
        store.answer_dispute(missed, "E0001", "rejected", "no", "exclude_missed_call")
    store.answer_dispute(
        missed, "E0001", "accepted", "the client hung up at the first ring", "exclude_missed_call"
    )
    row = next(d for d in store.disputes("E0004") if d["dispute_id"] == missed)
    assert (row["correction_kind"], row["to_employee_id"], row["quality_item"]) == (
        "exclude_missed_call",
        None,
        None,
    )


def test_a_portal_database_from_before_quality_item_passes_migrates_and_keeps_its_disputes(tmp_path):
    """A database left by migration 0002 (a portal from before item passes) gets the new
    column on the next start, and its disputes and answers stay as they were."""
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from portal.store import MIGRATIONS

    path = tmp_path / "portal.sqlite"
    engine = sa.create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        conn.execute(sa.text(
            "insert into disputes (opened_at, opened_by, employee_id, month, kpi_code, comment) "
            "values ('2026-11-02', 'E0004', 'E0004', '2026-11-01', 'call_quality', 'old')"
        ))  # fmt: skip
    engine.dispose()
    columns = {r[1] for r in sqlite3.connect(path).execute("pragma table_info(dispute_answers)")}
    assert "quality_item" not in columns
    store = Store(path)
    columns = {r[1] for r in sqlite3.connect(path).execute("pragma table_info(dispute_answers)")}
    assert "quality_item" in columns
    assert [d["comment"] for d in store.disputes()] == ["old"]


def test_finance_asks_the_next_run_to_close_or_reopen_and_each_request_gets_one_outcome(store):
    from datetime import date

    october = date(2026, 10, 1)
    with pytest.raises(PortalError, match="reopening a closed month needs a reason"):
        store.request_period("anna", october, "reopen", "  ")
    with pytest.raises(PortalError, match="none of: close, reopen"):
        store.request_period("anna", october, "delete")
    first = store.request_period("anna", october, "close")
    with pytest.raises(
        PortalError, match=r"a request to close 2026-10 waits for the next run already \(#1, by anna\)"
    ):
        store.request_period("oleg", october, "close")
    assert [(r["request_id"], r["action"], r["outcome"]) for r in store.period_requests()] == [
        (first, "close", None)
    ]
    store.record_period_outcome(first, "done", "closed 2026-10: 20 statements, payout 1,234,567.00")
    again = store.request_period("oleg", october, "reopen", "a deal was booked to the wrong month")
    assert [(r["request_id"], r["requested_by"], r["outcome"]) for r in store.period_requests()] == [
        (first, "anna", "done"),
        (again, "oleg", None),
    ]
    _refused_changes(
        store, "update period_requests set action = 'close'", "delete from period_request_outcomes"
    )


def test_on_the_server_the_portal_keeps_a_private_schema_that_dlt_loads_disputes_from(
    postgres_target, tmp_path
):
    """On the PostgreSQL target the portal's database is the schema ``portal`` of the
    warehouse's database: nothing is written beside the run's home, the BI readers' role
    cannot read it, a second start finds it migrated, and the run's dlt source loads its
    disputes into ``raw_disputes`` on the server."""
    import psycopg2

    from core.warehouse import connect
    from ingestion.pipeline import load_source

    warehouse = tmp_path / "autokpi.duckdb"
    store = open_store(warehouse)
    store.redeem(store.invite("E0004", "E0004", None, days=7), "correct horse battery")
    dispute = store.open_dispute("E0004", "E0004", "2026-11-01", "call_activity", "17900.1", "hung up")
    store.answer_dispute(dispute, "E0001", "accepted", "the client hung up", "exclude_missed_call")
    store.engine.dispose()
    assert list(tmp_path.iterdir()) == []  # no SQLite file, no folder

    again = open_store(warehouse)  # a second start: alembic finds the schema at its head
    assert again.account("E0004").has_password
    with again.engine.connect() as conn:
        assert conn.execute(sa.text("select version_num from portal.alembic_version")).scalar() == "0005"
        hashed = conn.execute(sa.text("select password_hash from portal.accounts")).scalar()
    assert hashed.startswith("$argon2id$")
    _refused_changes(again, "truncate access_log")
    again.engine.dispose()

    reader = psycopg2.connect(host="127.0.0.1", port=int(os.environ["PGPORT"]), dbname=postgres_target,
                              user="autokpi_reader")  # fmt: skip
    with reader, reader.cursor() as cur, pytest.raises(psycopg2.errors.InsufficientPrivilege):
        cur.execute("select password_hash from portal.accounts")
    reader.close()

    load_source("disputes", tmp_path / "inbox", warehouse)
    with connect(warehouse) as con:
        loaded = con.execute(
            "select d.dispute_id, d.fact_id, a.decision, a.correction_kind from raw_disputes.disputes as d "
            "join raw_disputes.dispute_answers as a using (dispute_id)"
        ).fetchall()
    assert loaded == [(dispute, "17900.1", "accepted", "exclude_missed_call")]


def test_failed_sign_ins_are_limited_per_login_and_per_address_from_the_log(store, monkeypatch):
    """Counted from the access log, the limit holds across the portal's processes and its
    restarts: before, each worker kept its own count in memory, and a restart forgot it."""
    from datetime import datetime, timedelta

    import portal.store as stored
    from portal.rate_limit import SignInLimiter

    now = [datetime(2026, 12, 4, 10, 0, 0)]
    monkeypatch.setattr(stored, "_now", lambda: now[0])
    first, second = (SignInLimiter(store, per_login=3, per_client=5, window_seconds=60) for _ in range(2))

    def fail(login: str, client: str) -> None:
        store.log(login, "sign-in failed", client=client)
        now[0] += timedelta(seconds=1)

    for _ in range(3):
        assert first.wait_seconds("E0004", "10.0.0.1") == 0
        fail("E0004", "10.0.0.1")
    # the other worker sees them: the login is refused from anywhere until the first ages out
    assert second.wait_seconds("E0004", "10.0.0.2") == pytest.approx(57)
    assert second.wait_seconds("E0005", "10.0.0.1") == 0  # the address may still try others
    fail("E0005", "10.0.0.1")
    fail("E0006", "10.0.0.1")
    assert first.wait_seconds("E0007", "10.0.0.1") > 0  # five failures from one address
    now[0] += timedelta(seconds=61)
    assert first.wait_seconds("E0004", "10.0.0.1") == 0  # aged out
    fail("E0004", "10.0.0.1")
    fail("E0004", "10.0.0.1")
    store.log("E0004", "signed in", client="10.0.0.1")
    now[0] += timedelta(seconds=1)
    fail("E0004", "10.0.0.1")
    fail("E0004", "10.0.0.1")
    assert second.wait_seconds("E0004", "10.0.0.3") == 0  # a sign-in ended the login's count
