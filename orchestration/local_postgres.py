"""A private PostgreSQL server for the postgres target on this machine (tests, the demo).

    python -m orchestration.local_postgres start   # initdb once, then start; idempotent
    python -m orchestration.local_postgres stop
    python -m orchestration.local_postgres status

Debian's PostgreSQL binaries, a data folder of its own (``var/postgres``), a private
port (55432), listening on 127.0.0.1 only, trust authentication for the local user
``autokpi``, the C collation (text sorts byte by byte, as in DuckDB). PostgreSQL refuses
to run as root: as root it runs as the ``postgres`` system user, and its data folder is
then under that user's home (``/var/lib/postgresql/autokpi-<hash of the project path>``),
since a project cloned into a private (0700) folder is out of its reach. Nothing here is
meant for a production server, which a company points autokpi at with PGHOST and friends.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from core import settings
from core.paths import PROJECT_ROOT


def _data_dir() -> Path:
    if os.geteuid() != 0:
        return PROJECT_ROOT / "var" / "postgres"
    home = Path("/var/lib/postgresql")
    tag = hashlib.sha256(str(PROJECT_ROOT).encode()).hexdigest()[:12]
    return (home if home.is_dir() else Path("/tmp")) / f"autokpi-{tag}"


DATA_DIR = _data_dir()
PORT = settings.get("AUTOKPI_LOCAL_PG_PORT")
USER = "autokpi"
DATABASE = "autokpi"
ENV = {"PGHOST": "127.0.0.1", "PGPORT": str(PORT), "PGUSER": USER, "PGDATABASE": DATABASE}


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


def start(data_dir: Path = DATA_DIR, port: int = PORT) -> None:
    bin_dir = _bin_dir()
    if not (data_dir / "PG_VERSION").exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(data_dir, "postgres", "postgres")
            data_dir.chmod(0o700)
        _run([str(bin_dir / "initdb"), "-D", str(data_dir), "-U", USER, "--auth=trust",
              "--locale=C", "--encoding=UTF8"])  # fmt: skip
    if is_running(data_dir):
        return
    # the socket goes into the data folder: /var/run/postgresql may not be writable
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {data_dir} -c fsync=off"
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
    exists = _psql(bin_dir, port, "postgres", f"select 1 from pg_database where datname = '{DATABASE}'")
    if exists.strip() != "1":
        _psql(bin_dir, port, "postgres", f"create database {DATABASE}")


def _wait_ready(bin_dir: Path, port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        probe = [str(bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)]
        ready = subprocess.run(probe, capture_output=True, check=False)
        if ready.returncode == 0:
            return
        time.sleep(0.2)
    raise LocalPostgresError(f"PostgreSQL did not accept connections on 127.0.0.1:{port} within 30 s")


def _psql(bin_dir: Path, port: int, database: str, sql: str) -> str:
    done = subprocess.run(
        [str(bin_dir / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", USER, "-d", database,
         "-tAq", "-v", "ON_ERROR_STOP=1", "-c", sql],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise LocalPostgresError(f"psql: {done.stderr.strip()}")
    return done.stdout


def create_database(name: str, port: int = PORT) -> None:
    """A fresh, empty database on the local server (dropped first if it exists)."""
    bin_dir = _bin_dir()
    _psql(bin_dir, port, "postgres", f"drop database if exists {name}")
    _psql(bin_dir, port, "postgres", f"create database {name}")


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
