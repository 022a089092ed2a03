"""The warehouse access layer (core/warehouse.py) on both targets, against a real
DuckDB file and the private PostgreSQL server."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.warehouse import TargetError, connect, describe, exists, start_over, state_suffix, target


def _exercise(warehouse) -> None:
    with connect(warehouse, read_only=False) as con:
        con.execute("create schema if not exists marts")
        con.execute("create table marts.money (who varchar, amount decimal(18, 2))")
        rows = ["100% sure", Decimal("1.10"), "b", None]
        con.execute("insert into marts.money values (?, ?), (?, ?)", rows)
    with connect(warehouse) as con:
        assert con.table_exists("marts", "money") and not con.table_exists("marts", "nothing")
        assert con.columns("marts", "money") == ["who", "amount"]
        # a literal % next to a ? placeholder means the same on both engines
        rows = con.execute("select who, amount from marts.money where who like '%sure' and who != ?", ["x"])
        assert rows.fetchall() == [("100% sure", Decimal("1.10"))]
        frame = con.execute("select amount from marts.money order by who").df()
        assert frame["amount"].iloc[0] == pytest.approx(1.10)
        batches = list(con.stream("select who from marts.money where who != ? order by who", ["x"], size=1))
        assert batches == [[("100% sure",)], [("b",)]]
        first = con.content_hash("marts", "money", ["who", "amount"])
        assert first[0] == 2 and first == con.content_hash("marts", "money", ["who", "amount"])
        assert con.content_hash("marts", "money", []) == (2, "")
    with connect(warehouse, read_only=False) as con:
        # the same rows written in the other order: the same content
        con.execute("create table marts.money_again as select * from marts.money order by who desc")
        assert con.content_hash("marts", "money_again", ["who", "amount"]) == first
        # a kopeck more, a value moved to the other column's row, a row more: each moves it
        con.execute("update marts.money_again set amount = 1.11 where who = ?", ["100% sure"])
        kopeck = con.content_hash("marts", "money_again", ["who", "amount"])
        assert kopeck[0] == 2 and kopeck != first
        con.execute("update marts.money set who = null where who = ?", ["b"])
        con.execute("update marts.money set who = ? where who is null", ["b"])
        assert con.content_hash("marts", "money", ["who", "amount"]) == first
        con.execute("update marts.money set who = null where who = ?", ["b"])
        assert con.content_hash("marts", "money", ["who", "amount"]) != first
        con.execute("insert into marts.money values (?, ?)", ["b", None])
        assert con.content_hash("marts", "money", ["who", "amount"])[0] == 3


def test_the_layer_on_duckdb(tmp_path, monkeypatch):
    monkeypatch.delenv("DBT_TARGET", raising=False)
    warehouse = tmp_path / "w.duckdb"
    assert target() == "duckdb" and not exists(warehouse)
    _exercise(warehouse)
    assert exists(warehouse) and describe(warehouse) == str(warehouse)


def test_the_same_on_postgres(tmp_path, postgres_target):
    warehouse = tmp_path / "w.duckdb"
    _exercise(warehouse)
    assert not warehouse.exists()
    assert describe(warehouse).endswith(f"/{postgres_target}")


def test_starting_over_on_postgres_drops_only_autokpis_schemas(tmp_path, postgres_target):
    home = tmp_path / "w.duckdb"
    with connect(home, read_only=False) as con:
        for schema in ("raw_pbx", "raw_pbx_staging", "marts", "closing", "bi_team"):
            con.execute(f"create schema {schema}")
            con.execute(f"create table {schema}.t (n integer)")
    start_over(home)
    with connect(home) as con:
        left = {r[0] for r in con.execute("select table_schema from information_schema.tables").fetchall()}
    assert "bi_team" in left and not left & {"raw_pbx", "raw_pbx_staging", "marts", "closing"}
    assert state_suffix() == f".postgres-{postgres_target}"


def test_a_failed_write_is_rolled_back_on_postgres(tmp_path, postgres_target):
    with connect(tmp_path / "w", read_only=False) as con:
        con.execute("create table public.kept (n integer)")
    with pytest.raises(RuntimeError), connect(tmp_path / "w", read_only=False) as con:
        con.execute("insert into public.kept values (1)")
        raise RuntimeError("half-way")
    with connect(tmp_path / "w") as con:
        assert con.execute("select count(*) from public.kept").fetchone() == (0,)


def test_an_unknown_target_is_named(monkeypatch):
    monkeypatch.setenv("DBT_TARGET", "oracle")
    with pytest.raises(TargetError, match=r"DBT_TARGET='oracle'.*duckdb, postgres"):
        target()


def test_an_unreachable_server_is_named_without_its_password(tmp_path, monkeypatch):
    monkeypatch.setenv("DBT_TARGET", "postgres")
    monkeypatch.setenv("PGHOST", "127.0.0.1")
    monkeypatch.setenv("PGPORT", "9")  # discard: nothing listens there
    monkeypatch.setenv("PGUSER", "finance")
    monkeypatch.setenv("PGPASSWORD", "s3cret-pass")
    with pytest.raises(TargetError) as error, connect(tmp_path / "w"):
        pass
    assert "postgresql://finance@127.0.0.1:9/" in str(error.value)
    assert "s3cret-pass" not in str(error.value)


def test_a_server_that_never_answers_is_named_after_the_connect_timeout(tmp_path, monkeypatch):
    """Something listens on the port and never answers (a server stuck, a proxy holding the
    line): the run said nothing for ever, as libpq waits without end unless told. It waits
    10 s unless PGCONNECT_TIMEOUT says otherwise."""
    import socket

    from core.warehouse import PostgresSettings

    monkeypatch.delenv("PGCONNECT_TIMEOUT", raising=False)
    assert PostgresSettings.from_env().connect_timeout == 10
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        monkeypatch.setenv("DBT_TARGET", "postgres")
        monkeypatch.setenv("PGHOST", "127.0.0.1")
        monkeypatch.setenv("PGPORT", str(port))
        monkeypatch.setenv("PGUSER", "autokpi")
        monkeypatch.setenv("PGDATABASE", "autokpi")
        monkeypatch.setenv("PGCONNECT_TIMEOUT", "1")
        with pytest.raises(TargetError) as error, connect(tmp_path / "w"):
            pass
    assert str(error.value) == (
        f"cannot reach the PostgreSQL warehouse postgresql://autokpi@127.0.0.1:{port}/autokpi: "
        "no answer within 1 s (PGCONNECT_TIMEOUT sets the wait)"
    )


def test_a_port_taken_by_another_server_is_named():
    """The private server on a port already in use: the error says so and how to move."""
    import shutil
    import socket
    import tempfile
    from pathlib import Path

    from orchestration import local_postgres

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        data_dir = Path(tempfile.mkdtemp(prefix="autokpi-pg-")) / "data"
        data_dir.parent.chmod(0o755)  # the server's own user must reach its folder
        try:
            expected = f"127.0.0.1:{port}: the port is taken.*AUTOKPI_LOCAL_PG_PORT"
            with pytest.raises(local_postgres.LocalPostgresError, match=expected):
                local_postgres.start(data_dir, port)
        finally:
            shutil.rmtree(data_dir.parent, ignore_errors=True)


def test_the_test_servers_port_moves_off_a_taken_port_and_follows_the_running_server(
    postgres_server, monkeypatch
):
    """Another server on the configured port (another clone's tests, a CI machine's) does not
    fail the PostgreSQL tests: the session's server takes a free port; and while the
    project's own server runs, the session uses whatever port it listens on."""
    import socket

    from core.ports import port_is_free
    from orchestration import local_postgres

    assert local_postgres.running_port() == int(postgres_server["PGPORT"])
    assert local_postgres.port_for_a_test_session() == int(postgres_server["PGPORT"])

    monkeypatch.setattr(local_postgres, "DATA_DIR", local_postgres.DATA_DIR.with_name("no-such-server"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        monkeypatch.setattr(local_postgres, "PORT", taken.getsockname()[1])
        chosen = local_postgres.port_for_a_test_session()
        assert chosen != local_postgres.PORT
        assert port_is_free(chosen)
    assert local_postgres.port_for_a_test_session() == local_postgres.PORT  # free again


def test_a_server_whose_password_file_is_gone_gets_new_passwords_and_keeps_its_data():
    """A new clone at an old clone's path finds the old data folder (outside the project, as
    root) without the password file: the server is given new passwords instead of refusing
    to start, and its data is kept; the old passwords no longer work."""
    import shutil
    import socket
    import stat
    import tempfile
    from pathlib import Path

    import psycopg2

    from orchestration import local_postgres

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data_dir = Path(tempfile.mkdtemp(prefix="autokpi-pg-")) / "data"
    data_dir.parent.chmod(0o755)  # the server's own user must reach its folder
    passfile = local_postgres.password_file(data_dir)
    where = {"host": "127.0.0.1", "port": port, "dbname": local_postgres.DATABASE}
    where["user"] = local_postgres.USER
    try:
        local_postgres.start(data_dir, port)
        with psycopg2.connect(**where, passfile=str(passfile)) as conn, conn.cursor() as cur:
            cur.execute("create table kept as select 42 as answer")
        old = passfile.with_name("old.pgpass")
        passfile.rename(old)

        local_postgres.start(data_dir, port)  # running, and its password file gone

        assert stat.S_IMODE(passfile.stat().st_mode) == 0o600
        assert passfile.read_text() != old.read_text()
        with psycopg2.connect(**where, passfile=str(passfile)) as conn, conn.cursor() as cur:
            cur.execute("select answer from kept")
            assert cur.fetchone() == (42,)
        with pytest.raises(psycopg2.OperationalError, match="password"):
            psycopg2.connect(**where, passfile=str(old)).close()
    finally:
        local_postgres.stop(data_dir)
        shutil.rmtree(data_dir.parent, ignore_errors=True)
        passfile.unlink(missing_ok=True)


def test_the_private_server_asks_for_passwords_and_autokpi_is_no_superuser(postgres_target, monkeypatch):
    """scram passwords from a 0600 file, autokpi owns its database but is no superuser, and
    the server keeps fsync unless the tests start it. (What BI readers may read: the
    PostgreSQL parity test, after a real run.)"""
    import os
    import stat
    from pathlib import Path

    import psycopg2

    from orchestration import local_postgres

    where = {"host": "127.0.0.1", "port": local_postgres.PORT, "dbname": postgres_target}
    passfile = Path(os.environ["PGPASSFILE"])
    assert stat.S_IMODE(passfile.stat().st_mode) == 0o600
    with pytest.raises(psycopg2.OperationalError, match="password"):
        psycopg2.connect(**where, user="autokpi", passfile=str(passfile) + ".none").close()
    owner = psycopg2.connect(**where, user="autokpi")
    with owner.cursor() as cur:
        cur.execute("select rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname = current_user")
        assert cur.fetchone() == (False, False, False)
        cur.execute("select pg_get_userbyid(datdba) from pg_database where datname = current_database()")
        assert cur.fetchone() == ("autokpi",)
    owner.close()
    data = local_postgres.DATA_DIR
    monkeypatch.delenv("AUTOKPI_LOCAL_PG_NO_FSYNC", raising=False)
    assert "fsync=off" not in local_postgres.server_options(data, 1)
    monkeypatch.setenv("AUTOKPI_LOCAL_PG_NO_FSYNC", "1")
    assert "fsync=off" in local_postgres.server_options(data, 1)
