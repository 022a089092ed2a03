"""Shared fixtures: a demo inbox and one pipeline run over it, built once per session."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
_PG_WAS_RUNNING = pytest.StashKey[bool]()
ASTERISK_SAMPLES = FIXTURES / "asterisk"

# A small demo that still has every planted behaviour: 12 people, October and the
# first week of November (so a month can be closed and late data land in the next).
DEMO_ARGS = {"employees": 12, "days": 37, "seed": 11, "end": date(2026, 11, 6), "calls_per_day": 20}


@pytest.fixture(scope="session", autouse=True)
def _quiet_tools():
    for key, value in {
        "RUNTIME__DLTHUB_TELEMETRY": "false",
        "GX_ANALYTICS_ENABLED": "false",
    }.items():
        os.environ.setdefault(key, value)


@pytest.fixture(scope="session")
def dbt_manifest():
    from orchestration.dbt_project import ensure_manifest

    return ensure_manifest()


@pytest.fixture(scope="session")
def demo_inbox(tmp_path_factory) -> Path:
    from demo.generate import generate

    inbox = tmp_path_factory.mktemp("demo") / "inbox"
    generate(inbox, progress=False, **DEMO_ARGS)
    return inbox


@pytest.fixture(scope="session")
def demo_run(demo_inbox, dbt_manifest, tmp_path_factory):
    """The whole pipeline on the demo inbox, once: (summary, warehouse path)."""
    from orchestration.run import run_pipeline

    warehouse = tmp_path_factory.mktemp("warehouse") / "autokpi.duckdb"
    summary = run_pipeline(demo_inbox, warehouse, quiet=True)
    return summary, warehouse


def make_inbox(root: Path, cdr_files: list[Path], directory: Path | None = None) -> Path:
    """An inbox holding a directory file and the given Master.csv files."""
    inbox = root / "inbox"
    (inbox / "pbx" / "asterisk").mkdir(parents=True)
    (inbox / "directory").mkdir(parents=True)
    for f in cdr_files:
        shutil.copy(f, inbox / "pbx" / "asterisk" / f.name)
    shutil.copy(directory or FIXTURES / "sample_directory" / "employees.csv", inbox / "directory")
    return inbox


def cli_run(inbox: Path, warehouse: Path) -> list[str]:
    """The command line of `autokpi run` on an inbox, as a user types it."""
    import sys

    return [
        sys.executable,
        "-m",
        "orchestration.cli",
        "run",
        "--inbox",
        str(inbox),
        "--warehouse",
        str(warehouse),
    ]


@pytest.fixture(scope="session")
def postgres_server():
    """The private PostgreSQL server (orchestration/local_postgres.py), started for the
    tests that need it unless already running; one pytest-xdist worker starts it (under a
    lock) and the others use it; pytest_sessionfinish stops it if the session started it."""
    from orchestration import local_postgres

    os.environ.setdefault("AUTOKPI_LOCAL_PG_NO_FSYNC", "1")  # a server started here is thrown away
    with _postgres_lock():
        local_postgres.start()
    return local_postgres.ENV


@contextmanager
def _postgres_lock():
    from orchestration import local_postgres

    lock = local_postgres.DATA_DIR.with_name(local_postgres.DATA_DIR.name + ".start.lock")
    with open(lock, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


# The files that run whole pipelines, slowest first (from the --durations list `make test`
# prints). Two pytest-xdist workers take whole files in collection order as they free up
# (`--dist loadfile --no-loadscope-reorder`): with the longest first, both finish about
# together. xdist's own order (most tests first) started the one 7-minute test last.
SLOWEST_FILES_FIRST = [
    "tests/e2e/test_demo_pipeline.py",
    "tests/e2e/test_reliability.py",
    "tests/e2e/test_period_close.py",
    "tests/e2e/test_incremental_runs.py",
    "tests/browser/test_disputes.py",
    "tests/e2e/test_bonus_oracle.py",
    "tests/e2e/test_secrets.py",
    "tests/browser/test_dashboards.py",
    "tests/browser/test_portal.py",
    "tests/e2e/test_api_parity.py",
    "tests/e2e/test_shared_samples.py",
    "tests/e2e/test_call_analytics.py",
    "tests/e2e/test_speech_to_text.py",
    "tests/e2e/test_inbox_checks.py",
    "tests/e2e/test_postgres_parity.py",
]


def pytest_collection_modifyitems(session, config, items):
    rank = {path: n for n, path in enumerate(SLOWEST_FILES_FIRST)}
    # a stable sort: the other files, and the tests inside each file, keep their order
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


def pytest_configure(config):
    """The PostgreSQL tests' server listens on a port chosen once, by the controller, before
    pytest-xdist starts its workers (they inherit the environment): another server on the
    documented port (another clone's tests, a CI machine's) failed every PostgreSQL test with
    "the port is taken". A port the user set is kept."""
    if hasattr(config, "workerinput") or "AUTOKPI_LOCAL_PG_PORT" in os.environ:
        return
    from orchestration import local_postgres

    port = local_postgres.port_for_a_test_session()
    os.environ["AUTOKPI_LOCAL_PG_PORT"] = str(port)
    local_postgres.listen_on(port)


def pytest_sessionstart(session):
    if not hasattr(session.config, "workerinput"):  # the controller (or the only process)
        from orchestration import local_postgres

        session.config.stash[_PG_WAS_RUNNING] = local_postgres.is_running()


def pytest_sessionfinish(session):
    if not hasattr(session.config, "workerinput") and not session.config.stash.get(_PG_WAS_RUNNING, True):
        from orchestration import local_postgres

        local_postgres.stop()  # every worker is done with it


@pytest.fixture
def postgres_target(postgres_server, monkeypatch, request):
    """Switch the whole pipeline to a fresh PostgreSQL database for one test."""
    from orchestration import local_postgres

    # one database per test, named for it: two modules' tests of one name never meet
    digest = hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:8]
    database = f"t_{digest}_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:40]
    local_postgres.create_database(database)
    monkeypatch.setenv("DBT_TARGET", "postgres")
    for name, value in {**postgres_server, "PGDATABASE": database}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    return database
