"""The dbt fork server: a run's dbt commands run in forks of a process that imported dbt
once, and say, end and die as dbt's own process would."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.paths import DBT_PROJECT_DIR
from orchestration import dbt_forkserver
from orchestration.dbt_entry import FORK_SERVER_ENV
from orchestration.dbt_project import dbt_environment, dbt_executable

pytestmark = pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="forking needs Linux's pidfd")


@pytest.fixture
def server():
    """A fork server of this process: (its socket, its pid); stopped after the test."""
    address = dbt_forkserver.start()
    yield address, dbt_forkserver._server.pid
    dbt_forkserver.stop()


def _dbt(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [dbt_executable(), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=120
    )


def _said(done: subprocess.CompletedProcess) -> tuple[int, str, str]:
    """Exit code and output, without the time of day dbt puts before each line."""
    no_clock = re.compile(r"^(\x1b\[0m)?\d\d:\d\d:\d\d  ", re.MULTILINE)
    return done.returncode, no_clock.sub("", done.stdout), no_clock.sub("", done.stderr)


def _children(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


def _ended(pid: int) -> bool:
    """Gone, or a zombie its new parent has not reaped yet."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")
    except (FileNotFoundError, IndexError):
        return True


def _until(condition, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_a_forked_command_gets_the_callers_folder_environment_and_streams(tmp_path, server):
    address, _ = server
    (tmp_path / "profiles.yml").write_text("autokpi: {}\n")
    plain = {**os.environ}
    plain.pop(FORK_SERVER_ENV, None)
    elsewhere = tmp_path / "profiles elsewhere"
    elsewhere.mkdir()
    # the same words and exit code whether dbt runs itself or in the fork: the folder holding
    # profiles.yml, then the one the environment names, then a command dbt does not know
    said = {}
    for name, args, extra in (
        ("folder", ["debug", "--config-dir"], {}),
        ("environment", ["debug", "--config-dir"], {"DBT_PROFILES_DIR": str(elsewhere)}),
        ("unknown", ["no-such-command"], {}),
    ):
        said[name] = _said(_dbt(args, tmp_path, {**plain, **extra, FORK_SERVER_ENV: address}))
        assert said[name] == _said(_dbt(args, tmp_path, {**plain, **extra})), name
    assert said["folder"][0] == 0 and said["folder"][1].rstrip().endswith(str(tmp_path))
    assert said["environment"][1].rstrip().endswith(str(elsewhere))
    assert said["unknown"][0] == 2 and "No such command 'no-such-command'" in said["unknown"][2]


def test_the_command_runs_in_the_fork_and_without_a_server_in_the_caller(tmp_path, server):
    """A caller that could not import dbt itself still runs the command: the fork has it."""
    address, _ = server
    broken = tmp_path / "no-dbt"
    (broken / "dbt").mkdir(parents=True)
    (broken / "dbt" / "__init__.py").write_text("raise ImportError('not in this process')\n")
    env = {**os.environ, "PYTHONPATH": str(broken)}
    assert _dbt(["debug", "--config-dir"], tmp_path, {**env, FORK_SERVER_ENV: address}).returncode == 0
    assert _dbt(["debug", "--config-dir"], tmp_path, env).returncode != 0
    # a server that is not there: the caller runs dbt itself
    gone = {**os.environ, FORK_SERVER_ENV: str(tmp_path / "no-server" / "socket")}
    assert _dbt(["debug", "--config-dir"], tmp_path, gone).returncode == 0


def _parse_in_the_fork(tmp_path: Path, address: str, server_pid: int) -> tuple[subprocess.Popen, int]:
    """A dbt parse of the project from scratch (seconds of work), caller and fork."""
    env = {
        **os.environ,
        **dbt_environment(),
        FORK_SERVER_ENV: address,
        "AUTOKPI_WAREHOUSE": str(tmp_path / "w"),
    }
    caller = subprocess.Popen(
        [dbt_executable(), "parse", "--no-partial-parse", "--target-path", str(tmp_path / "target")],
        cwd=DBT_PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _until(lambda: _children(server_pid), "the server never forked")
    (fork,) = _children(server_pid)
    return caller, fork


def test_a_caller_killed_takes_its_command_with_it(tmp_path, server):
    address, server_pid = server
    caller, fork = _parse_in_the_fork(tmp_path, address, server_pid)
    caller.kill()
    caller.wait()
    _until(lambda: fork not in _children(server_pid), "the fork outlived its caller")
    assert not (tmp_path / "target" / "manifest.json").exists()  # stopped, not finished


def test_an_interrupt_reaches_the_command_and_its_end_the_caller(tmp_path, server):
    address, server_pid = server
    caller, fork = _parse_in_the_fork(tmp_path, address, server_pid)
    time.sleep(0.5)  # dbt's own interrupt handling in place
    # as a person at the terminal would, Ctrl-C again while it runs: Python drops an interrupt
    # that lands while a finalizer runs ("Exception ignored in ..."), in the fork as in dbt's own
    # process, and a parse that then finished failed this test once in CI
    for _ in range(20):
        caller.send_signal(signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            caller.wait(timeout=0.5)
            break
    assert caller.wait(timeout=60) != 0
    _until(lambda: fork not in _children(server_pid), "the fork outlived its caller")
    assert not (tmp_path / "target" / "manifest.json").exists()  # stopped, not finished


def test_the_server_ends_with_the_process_that_started_it():
    started = subprocess.run(
        [sys.executable, "-c", "from orchestration import dbt_forkserver as f; f.start(); "
         "print(f._server.pid, f._address, flush=True); import os; os.kill(os.getpid(), 9)"],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    server_pid, address = started.stdout.split()
    _until(lambda: _ended(int(server_pid)), "the server outlived its process")
    assert not Path(address).parent.exists()  # nor is its socket's folder left behind


def test_a_load_that_wrote_something_starts_the_server_and_a_load_of_nothing_new_does_not(tmp_path):
    """The run's first load that writes rows starts the server, so that dbt imports beside
    the raw checks; a run with nothing new loads nothing and starts none (1.5-2 s of CPU)."""
    from core.warehouse import loader_file_format
    from ingestion.pipeline import make_pipeline, make_source
    from orchestration.assets.ingestion import start_dbt_when_loaded
    from tests.conftest import make_inbox

    inbox, warehouse = make_inbox(tmp_path, []), tmp_path / "w.duckdb"
    dbt_forkserver.stop()
    try:
        for wrote in (True, False):  # the directory's first load, then the same files again
            pipeline = make_pipeline("directory", warehouse)
            pipeline.run(make_source("directory", inbox, warehouse), loader_file_format=loader_file_format())
            start_dbt_when_loaded(pipeline)
            assert dbt_forkserver.running() is wrote
            dbt_forkserver.stop()
    finally:
        dbt_forkserver.stop()


def test_the_server_builds_the_schemas_each_command_validates_against_before_it_forks():
    """dbt builds the JSON schema of its project, flags and profile on their first use and
    keeps it (one lru_cache, keyed by class): built in the server, every fork finds them
    built instead of spending ~0.3 s building them again."""
    from dbt.adapters.duckdb.credentials import DuckDBCredentials
    from dbt.contracts.project import Configuration, PackageConfig, Project, ProjectFlags

    validated = (Project, Configuration, ProjectFlags, PackageConfig, DuckDBCredentials)
    dbt_forkserver._build_schemas()
    cache = Project.json_schema.__func__
    built = cache.cache_info().misses
    for cls in validated:
        assert cls.json_schema.__func__ is cache
        cls.json_schema()
    assert cache.cache_info().misses == built  # none was built again


# in a fresh interpreter: counts the code mashumaro generates while a kept parse is read and
# its manifest's nodes written, after the server's warm-up or without it
_GENERATED_WHILE_READING = """
import sys
from orchestration import dbt_forkserver
from orchestration.dbt_entry import prepare
prepare()
import dbt.adapters.duckdb, dbt.cli.main, dbt.task.build
if sys.argv[1] == "warmed":
    dbt_forkserver._read_a_kept_parse()
from mashumaro.core.meta.code.builder import CodeBuilder
from dbt.contracts.graph.manifest import Manifest
from dbt.parser.manifest import extended_mashumaro_encoder, extended_mashumuro_decoder
generated = []
compile = CodeBuilder.compile
CodeBuilder.compile = lambda self, *a, **k: (generated.append(self.cls), compile(self, *a, **k))[1]
manifest = Manifest.from_msgpack(open(sys.argv[2], "rb").read(), decoder=extended_mashumuro_decoder)
manifest.to_msgpack(extended_mashumaro_encoder)
for resource in manifest._map_nodes_to_map_resources(manifest.nodes).values():
    resource.to_dict(omit_none=False)
print(len(generated))
"""


def test_the_server_reads_a_kept_parse_so_that_its_forks_generate_no_code_to_read_theirs(dbt_manifest):
    """mashumaro writes the code that reads and writes each of a manifest's classes on its
    first use; every dbt command reads its parse and writes its manifest, so each fork spent
    ~0.3 s on it. The server reads the project's kept parse once before it forks."""
    from orchestration.dbt_project import project_parse_file

    parse = str(project_parse_file())
    generated = {}
    for mode in ("cold", "warmed"):
        done = subprocess.run(
            [sys.executable, "-c", _GENERATED_WHILE_READING, mode, parse],
            capture_output=True, text=True, check=True, timeout=120,
        )  # fmt: skip
        generated[mode] = int(done.stdout.split()[-1])
    assert generated["cold"] > 0  # the count sees the code written on first use
    assert generated["warmed"] == 0


def test_the_server_keeps_no_child_of_its_own_after_its_warm_up(tmp_path, dbt_manifest, server):
    """The warm-up reads a manifest, which takes a multiprocessing lock; the first such lock
    starts Python's resource tracker, a child every fork would inherit (and that a caller
    could take for its fork). Between commands the server has no child."""
    address, server_pid = server
    (tmp_path / "profiles.yml").write_text("autokpi: {}\n")
    env = {**os.environ, FORK_SERVER_ENV: address}
    assert _dbt(["debug", "--config-dir"], tmp_path, env).returncode == 0  # the warm-up is done
    _until(lambda: not _children(server_pid), "the server keeps a child of its own")
