"""A private PostgreSQL server for the postgres target on this machine (tests, the demo).

    python -m orchestration.local_postgres start   # initdb once, then start; idempotent
    python -m orchestration.local_postgres stop
    python -m orchestration.local_postgres status

Debian's PostgreSQL binaries, a data folder of its own (``var/postgres``), a private
port (55432), listening on 127.0.0.1 only, the C collation (text sorts byte by byte, as in
DuckDB). Locked down as a small production server would be:

- every connection proves a password (scram-sha-256); the passwords are generated when the
  server is made and kept in libpq's password file ``var/local-postgres.pgpass`` (0600),
  which ``ENV`` points ``PGPASSFILE`` at: they are in no setting, log or command line;
- three roles: ``autokpi_admin`` (the superuser: makes databases and roles, nothing else),
  ``autokpi`` (owns autokpi's databases and everything in them; not a superuser) and
  ``autokpi_reader`` (for BI tools: reads the ``marts`` schema and nothing else);
- ``fsync`` stays on, except for a server the test suite starts
  (``AUTOKPI_LOCAL_PG_NO_FSYNC=1``, whose data is thrown away).

PostgreSQL refuses to run as root: as root it runs as the ``postgres`` system user, and its
data folder is then under that user's home (``/var/lib/postgresql/autokpi-<hash of the
project path>``), since a project cloned into a private (0700) folder is out of its reach.
A company points autokpi at its own server with PGHOST and friends.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from core import settings
from core.paths import PROJECT_ROOT
from core.ports import free_port, port_is_free


def _data_dir() -> Path:
    if os.geteuid() != 0:
        return PROJECT_ROOT / "var" / "postgres"
    home = Path("/var/lib/postgresql")
    tag = hashlib.sha256(str(PROJECT_ROOT).encode()).hexdigest()[:12]
    return (home if home.is_dir() else Path("/tmp")) / f"autokpi-{tag}"


def password_file(data_dir: Path) -> Path:
    """libpq's password file for the server in ``data_dir``: the project's own server's in
    ``var/``, any other's (a test's) beside its data folder."""
    if data_dir == DATA_DIR:
        return PROJECT_ROOT / "var" / "local-postgres.pgpass"
    return data_dir.with_name(data_dir.name + ".pgpass")


DATA_DIR = _data_dir()
PORT = settings.get("AUTOKPI_LOCAL_PG_PORT")
ADMIN = "autokpi_admin"
USER = "autokpi"
READER = "autokpi_reader"
DATABASE = "autokpi"
ENV = {
    "PGHOST": "127.0.0.1",
    "PGPORT": str(PORT),
    "PGUSER": USER,
    "PGDATABASE": DATABASE,
    "PGPASSFILE": str(password_file(DATA_DIR)),
}
NO_FSYNC_ENV = "AUTOKPI_LOCAL_PG_NO_FSYNC"


class LocalPostgresError(RuntimeError):
    pass


def _bin_dir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not found:
        raise LocalPostgresError("PostgreSQL is not installed: make postgres installs Debian's postgresql")
    return found[-1].parent


def _as_server_user(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--", *args]


def _run(args: list[str], check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(_as_server_user(args), capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        raise LocalPostgresError(f"{Path(args[0]).name} failed: {(done.stderr or done.stdout).strip()}")
    return done


def is_running(data_dir: Path = DATA_DIR) -> bool:
    if not (data_dir / "PG_VERSION").exists():
        return False
    return _run([str(_bin_dir() / "pg_ctl"), "-D", str(data_dir), "status"], check=False).returncode == 0


def running_port(data_dir: Path = DATA_DIR) -> int | None:
    """The port the server in ``data_dir`` listens on while it runs (the fourth line of its
    ``postmaster.pid``), else None."""
    if not is_running(data_dir):
        return None
    try:
        return int((data_dir / "postmaster.pid").read_text().splitlines()[3])
    except (OSError, IndexError, ValueError):
        return None


def port_for_a_test_session() -> int:
    """The port the test suite's server is to listen on: the project's server's own while it
    runs (started by `make postgres`, on whatever port), else the configured one if free,
    else any free one. A test server is thrown away, so it need not keep the documented port,
    and another server holding that port (another clone's, a CI machine's) is no reason for
    the PostgreSQL tests to fail."""
    running = running_port(DATA_DIR)
    if running is not None:
        return running
    return PORT if port_is_free(PORT) else free_port()


def listen_on(port: int) -> None:
    """Point this process's ``PORT`` and ``ENV`` at ``port`` (the test session's choice)."""
    global PORT
    PORT = port
    ENV["PGPORT"] = str(port)


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(text)
    path.chmod(0o600)


def _initdb(bin_dir: Path, data_dir: Path) -> None:
    """A new cluster whose superuser is ADMIN, with a password for each role in the password file."""
    data_dir.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(data_dir, "postgres", "postgres")
        data_dir.chmod(0o700)
    passwords = {role: secrets.token_urlsafe(24) for role in (ADMIN, USER, READER)}
    # initdb reads the superuser's password from a file the server's user can read, once
    fd, pwfile = tempfile.mkstemp(prefix="autokpi-pg-")
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(passwords[ADMIN] + "\n")
        if os.geteuid() == 0:
            shutil.chown(pwfile, "postgres", "postgres")
        _run([str(bin_dir / "initdb"), "-D", str(data_dir), "-U", ADMIN, f"--pwfile={pwfile}",
              "--auth=scram-sha-256", "--locale=C", "--encoding=UTF8"])  # fmt: skip
    finally:
        os.unlink(pwfile)
    lines = [f"127.0.0.1:*:*:{role}:{password}" for role, password in passwords.items()]
    _write_private(password_file(data_dir), "\n".join(lines) + "\n")


def _check_hardened(data_dir: Path) -> None:
    """A folder made by an older autokpi trusted every local connection: say so, keep it."""
    hba = data_dir / "pg_hba.conf"
    rules = [ln.split() for ln in hba.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    if any("trust" in rule for rule in rules):
        raise LocalPostgresError(
            f"the PostgreSQL data folder {data_dir} was made by an older autokpi that asked for no "
            "passwords: stop it (make postgres-stop), move the folder away, and run make postgres "
            "for a new one"
        )


def _reset_passwords(bin_dir: Path, data_dir: Path) -> None:
    """New passwords for a server whose password file is gone (a new clone of the project at
    the path of an old one finds the old data folder under /var/lib/postgresql).

    Whoever may run as the server's system user owns the cluster anyway, so the superuser's
    password is set in single-user mode (stdin: on no command line), with the server stopped;
    ``start`` then gives the other roles theirs. The data is kept."""
    print(
        f"autokpi: the password file {password_file(data_dir)} of the PostgreSQL server in {data_dir} "
        "is gone: setting new passwords (the data is kept)",
        file=sys.stderr,
    )
    stop(data_dir)
    passwords = {role: secrets.token_urlsafe(24) for role in (ADMIN, USER, READER)}
    done = subprocess.run(
        _as_server_user([str(bin_dir / "postgres"), "--single", "-D", str(data_dir),
                         "-c", "log_min_messages=fatal", "postgres"]),
        input=f"alter role {ADMIN} password '{passwords[ADMIN]}'\n",
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0 or "ERROR" in done.stdout + done.stderr:
        said = (done.stdout + done.stderr).replace(passwords[ADMIN], "***")
        reason = " / ".join(said.strip().splitlines()[-3:])
        raise LocalPostgresError(
            f"could not set new passwords in the PostgreSQL data folder {data_dir} ({reason}): stop it "
            "(make postgres-stop), move the folder away, and run make postgres for a new one"
        )
    lines = [f"127.0.0.1:*:*:{role}:{password}" for role, password in passwords.items()]
    _write_private(password_file(data_dir), "\n".join(lines) + "\n")


def start(data_dir: Path = DATA_DIR, port: int | None = None) -> None:
    port = PORT if port is None else port  # read now: the test session may have moved it
    bin_dir = _bin_dir()
    if not (data_dir / "PG_VERSION").exists():
        _initdb(bin_dir, data_dir)
    _check_hardened(data_dir)
    if not password_file(data_dir).exists():
        _reset_passwords(bin_dir, data_dir)
    if is_running(data_dir):
        return
    options = server_options(data_dir, port)
    log = data_dir / "server.log"
    try:
        _run([str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-o", options, "-l", str(log), "-w", "-t", "60",
              "start"])  # fmt: skip
    except LocalPostgresError as error:
        # the reason (a port in use by another server, most often) is in the server's log
        text = log.read_text(errors="replace") if log.exists() else ""
        if "could not bind" in text or "could not create listen socket" in text:
            raise LocalPostgresError(
                f"PostgreSQL could not listen on 127.0.0.1:{port}: the port is taken (another server?); "
                "set AUTOKPI_LOCAL_PG_PORT to another port"
            ) from None
        raise LocalPostgresError(f"{error}; {' / '.join(text.strip().splitlines()[-3:])}") from None
    _wait_ready(bin_dir, port)
    _ensure_roles(bin_dir, port, data_dir)
    exists = f"select 1 from pg_database where datname = '{DATABASE}'"
    if _psql(bin_dir, port, "postgres", exists, data_dir).strip() != "1":
        create_database(DATABASE, port, data_dir, drop=False)


def server_options(data_dir: Path, port: int) -> str:
    # the socket goes into the data folder: /var/run/postgresql may not be writable
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {data_dir}"
    if settings.get(NO_FSYNC_ENV):
        options += " -c fsync=off"  # a test server: its data is thrown away
    return options


def _wait_ready(bin_dir: Path, port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        probe = [str(bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)]
        ready = subprocess.run(probe, capture_output=True, check=False)
        if ready.returncode == 0:
            return
        time.sleep(0.2)
    raise LocalPostgresError(f"PostgreSQL did not accept connections on 127.0.0.1:{port} within 30 s")


def _psql(bin_dir: Path, port: int, database: str, sql: str, data_dir: Path = DATA_DIR) -> str:
    """``sql`` as the superuser, its password from the password file."""
    env = {**os.environ, "PGPASSFILE": str(password_file(data_dir))}
    env.pop("PGPASSWORD", None)
    done = subprocess.run(
        [str(bin_dir / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", ADMIN, "-d", database,
         "-w", "-tAq", "-v", "ON_ERROR_STOP=1", "-c", sql],
        capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    if done.returncode != 0:
        raise LocalPostgresError(f"psql: {done.stderr.strip()}")
    return done.stdout


def _ensure_roles(bin_dir: Path, port: int, data_dir: Path) -> None:
    """The owner and reader roles, with the passwords of the password file (idempotent)."""
    passwords = {}
    for line in password_file(data_dir).read_text().splitlines():
        *_, role, password = line.split(":", 4)
        passwords[role] = password
    for role in (USER, READER):
        query = f"select 1 from pg_roles where rolname = '{role}'"
        exists = _psql(bin_dir, port, "postgres", query, data_dir)
        verb = "alter" if exists.strip() == "1" else "create"
        # the password is generated here (url-safe characters): no quoting to escape
        _psql(bin_dir, port, "postgres",
              f"{verb} role {role} login nosuperuser nocreatedb nocreaterole password '{passwords[role]}'",
              data_dir)  # fmt: skip


def create_database(name: str, port: int | None = None, data_dir: Path = DATA_DIR, drop: bool = True) -> None:
    """A fresh, empty database owned by autokpi (dropped first if it exists), which only
    autokpi and the reader role may connect to; dbt grants the reader the marts after each
    run (dbt_project/macros/grant_bi_readers.sql)."""
    port = PORT if port is None else port
    bin_dir = _bin_dir()
    if drop:
        _psql(bin_dir, port, "postgres", f"drop database if exists {name}", data_dir)
    _psql(bin_dir, port, "postgres", f"create database {name} owner {USER}", data_dir)
    _psql(bin_dir, port, "postgres", f"revoke all on database {name} from public", data_dir)
    _psql(bin_dir, port, "postgres", f"grant connect on database {name} to {READER}", data_dir)


def stop(data_dir: Path = DATA_DIR) -> None:
    if is_running(data_dir):
        _run([str(_bin_dir() / "pg_ctl"), "-D", str(data_dir), "-m", "fast", "-w", "stop"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["start", "stop", "status"])
    args = parser.parse_args(argv)
    try:
        if args.command == "start":
            start()
            settings = " ".join(f"{k}={v}" for k, v in ENV.items())
            print(f"PostgreSQL on 127.0.0.1:{PORT} (data {DATA_DIR}); {settings}")
            print(f"BI tools: user {READER}, the marts schema only; its password is in {ENV['PGPASSFILE']}")
        elif args.command == "stop":
            stop()
        else:
            running = is_running()
            print("running" if running else "stopped")
            return 0 if running else 3
    except LocalPostgresError as error:
        print(f"autokpi: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
