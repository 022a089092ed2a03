"""What every run pays before and around its work: dbt's parse holds across warehouses, and
Dagster's run history is written through one open connection, still read the usual way."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from dagster import DagsterInstance, job, op

from core.paths import DBT_PROJECT_DIR, DEFAULT_SCHEME_DIR, SCHEME_ENV
from core.settings import SettingError
from orchestration.dbt_project import (
    dbt_environment,
    dbt_executable,
    ensure_manifest,
    keep_dbt_log,
    partial_parse_file,
    project_manifest_file,
    project_parse_file,
    restore_partial_parse,
)
from orchestration.instance import dagster_home, run_instance


def _parse(executable: str, warehouse: Path, target: Path) -> str:
    env = {**os.environ, **dbt_environment(), "AUTOKPI_WAREHOUSE": str(warehouse)}
    done = subprocess.run(
        [executable, "parse", "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
         "--target-path", str(target)],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    return done.stdout + done.stderr


def test_dbt_parses_once_for_every_warehouse(tmp_path, dbt_manifest):
    ours = dbt_executable()
    assert Path(ours).name == "autokpi-dbt"
    target = tmp_path / "target"
    ensure_manifest()  # this scheme's: another test may have parsed for a scheme of its own
    restore_partial_parse(tmp_path / "a" / "autokpi.duckdb", target)  # not a full parse to start
    _parse(ours, tmp_path / "a" / "autokpi.duckdb", target)
    again = _parse(ours, tmp_path / "b" / "autokpi.duckdb", target)
    assert "Unable to do partial parsing" not in again
    # dbt's own command line parses in full when only the warehouse's folder changed
    plain = str(Path(sys.executable).parent / "dbt")
    assert "profile has changed" in _parse(plain, tmp_path / "c" / "autokpi.duckdb", target)
    # a database of another name is another parse (its models are named after it)
    assert "profile has changed" in _parse(ours, tmp_path / "d" / "other.duckdb", target)


def test_a_new_warehouse_starts_from_the_projects_parse(tmp_path, dbt_manifest, monkeypatch):
    """A warehouse with no parse of its own yet (every test's, every bench's) borrows the
    one ensure_manifest made, and dbt parses no file again."""
    ensure_manifest()  # this scheme's: another test may have parsed for a scheme of its own
    warehouse = tmp_path / "new" / "autokpi.duckdb"
    assert not partial_parse_file(warehouse).exists()
    target = tmp_path / "target"
    restore_partial_parse(warehouse, target)
    _parse(dbt_executable(), warehouse, target)
    perf = json.loads((target / "perf_info.json").read_text())
    assert perf["path_count"] > 200 and perf["parsed_path_count"] == 0

    # a run on another scheme (the bonus oracle's) has a project parse of its own
    default = project_parse_file()
    other = tmp_path / "scheme"
    shutil.copytree(DEFAULT_SCHEME_DIR, other)
    monkeypatch.setenv(SCHEME_ENV, str(other))
    assert project_parse_file() != default


def test_a_parse_made_by_the_project_in_another_folder_is_parsed_again(tmp_path, dbt_manifest):
    """A project moved or cloned to another folder beside a warehouse it ran on before: dbt's
    parse check compares the project's files, not where they are, so it kept the old folder's
    paths and every scheme file failed with 'No files found that match the pattern
    "<old folder>/dbt_project/seeds/alert_metrics.csv"'. The folder is part of the check."""
    ensure_manifest()
    elsewhere = tmp_path / "old-clone" / "dbt_project"
    ignored = shutil.ignore_patterns("target", "logs", ".schemes", ".user.yml")
    shutil.copytree(DBT_PROJECT_DIR, elsewhere, ignore=ignored)
    target = tmp_path / "target"
    warehouse = tmp_path / "w" / "autokpi.duckdb"
    env = {**os.environ, **dbt_environment(), "AUTOKPI_WAREHOUSE": str(warehouse)}
    # as a user runs dbt by hand, whatever their environment says of dbt's usage events
    env.pop("DBT_SEND_ANONYMOUS_USAGE_STATS", None)
    subprocess.run(
        [dbt_executable(), "parse", "--project-dir", str(elsewhere), "--profiles-dir", str(elsewhere),
         "--target-path", str(target)],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    # the project itself keeps dbt from tracking: no usage id kept beside profiles.yml (nor
    # events sent to dbt Labs with it)
    assert not (elsewhere / ".user.yml").exists()
    shutil.rmtree(elsewhere.parent)  # the old folder is gone; its parse is still the warehouse's

    said = _parse(dbt_executable(), warehouse, target)
    assert "Unable to do partial parsing" in said
    seeds = json.loads((target / "manifest.json").read_text())["nodes"]
    assert seeds["seed.autokpi.alert_metrics"]["root_path"] == str(DBT_PROJECT_DIR)

    # the project's own parse, which a new warehouse starts from, is the folder's too
    from orchestration import dbt_project

    ours = project_parse_file()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dbt_project, "DBT_PROJECT_DIR", elsewhere)
        assert project_parse_file() != ours


def test_a_run_plans_from_its_own_targets_parse_not_the_last_of_any_target(
    tmp_path, dbt_manifest, monkeypatch
):
    """dbt's target/manifest.json is the last parse of any target: a PostgreSQL run's parse
    lists its adapter's macros, so a DuckDB run that read it found "the dbt project changed"
    and built everything (seen in tests running side by side). A run plans from its own
    target's parse, kept when ensure_manifest parses."""
    from orchestration.assets import warehouse

    ensure_manifest()
    ours = project_manifest_file()
    assert ours.is_file() and ours != Path(dbt_manifest)
    assert json.loads(ours.read_text())["metadata"]["adapter_type"] == "duckdb"
    assert warehouse._manifest() == json.loads(ours.read_text())

    # another target's parse is another file, and one older than the project is parsed again
    # (a model changed since PostgreSQL's last parse: its copy must not plan a build as unchanged)
    monkeypatch.setenv("DBT_TARGET", "postgres")
    theirs = project_manifest_file()
    assert theirs != ours
    from orchestration import dbt_project

    older = tmp_path / "their_manifest.json"
    older.write_text(ours.read_text())
    os.utime(older, (1_000_000_000, 1_000_000_000))  # parsed before the project's last change
    monkeypatch.setattr(dbt_project, "project_manifest_file", lambda: older)
    assert dbt_project._is_fresh(Path(dbt_manifest)) is False  # though manifest.json is fresh


@op
def _say_hello(context):
    context.log.info("hello")
    return 1


@job
def _two_steps():
    _say_hello()


def test_the_run_history_is_written_once_per_database_and_read_as_dagster_reads_it(tmp_path):
    warehouse = tmp_path / "a folder with 'quotes' and spaces" / "autokpi.duckdb"
    warehouse.parent.mkdir()
    with run_instance(warehouse) as instance:
        for _ in range(2):
            assert _two_steps.execute_in_process(instance=instance).success
        storage = instance.event_log_storage
        assert type(storage).__name__ == "QuickSqliteEventLogStorage"
        assert storage._engines  # the connections stay open while the instance lives
    assert not storage._engines  # and are closed with it

    home = dagster_home(warehouse)
    run_db = next((home / "history" / "runs").glob("*-*.db"))
    assert sqlite3.connect(run_db).execute("pragma journal_mode").fetchone() == ("wal",)
    # the UI's reading: Dagster's default SQLite storage on the same folder sees both runs
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "dagster.yaml").write_text(
        f'storage:\n  sqlite:\n    base_dir: "{home}"\n', encoding="utf-8"
    )
    with DagsterInstance.from_config(str(tmp_path / "plain")) as plain:
        runs = plain.get_runs()
        assert len(runs) == 2
        logged = [entry.user_message for entry in plain.all_logs(runs[0].run_id)]
        assert "hello" in logged


def test_the_run_history_asks_once_whether_a_table_exists(tmp_path, monkeypatch):
    """Dagster asks before storing each asset check's result (300 a run), through a new
    database engine each time."""
    from dagster._core.storage.event_log.sqlite import sqlite_event_log

    engines = []
    real = sqlite_event_log.create_engine
    monkeypatch.setattr(sqlite_event_log, "create_engine", lambda *a, **k: engines.append(a) or real(*a, **k))
    with run_instance(tmp_path / "autokpi.duckdb") as instance:
        storage = instance.event_log_storage
        engines.clear()
        assert all(storage.supports_asset_checks for _ in range(5))
        assert len(engines) == 1
        # a table not there is asked about again (a migration may add it)
        assert not storage.has_table("no_such_table") and not storage.has_table("no_such_table")
        assert len(engines) == 3


_LOAD_THE_DEFINITIONS = """
import sys
from orchestration.definitions import build_definitions
definitions = build_definitions()
definitions.resolve_job_def("autokpi_full")
checks = definitions.resolve_asset_graph().asset_check_keys
print("raw checks:", sum(1 for key in checks if key.name.startswith("gx_")))
print("great_expectations imported:", "great_expectations" in sys.modules)
"""


def test_loading_the_definitions_leaves_great_expectations_for_the_first_check():
    """Importing Great Expectations takes 2-3 s: a command whose job checks no raw table (the
    refresh after a close, the Dagster UI loading the code location) does not pay it; and
    Dagster's notices to its own developers are not printed above a run."""
    done = subprocess.run(
        [sys.executable, "-c", _LOAD_THE_DEFINITIONS],
        capture_output=True, text=True, check=True, cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert "great_expectations imported: False" in done.stdout
    assert "raw checks: 0" not in done.stdout
    assert "Warning" not in done.stderr


_DBT_FROM_DAGSTER = """
import sys
from pathlib import Path
from orchestration.dbt_project import DBT_PROJECT_DIR, dbt_executable, ensure_manifest
from orchestration.resources import AutokpiDbtCliResource

dbt = AutokpiDbtCliResource(project_dir=str(DBT_PROJECT_DIR), dbt_executable=dbt_executable())
invocation = dbt.cli(["ls", "--select", "fct_calls", "--resource-type", "model", "--output", "name"],
                     manifest=ensure_manifest(), target_path=Path(sys.argv[1]))
invocation.wait()
print("dbt succeeded:", invocation.is_successful())
print("adapter in this process:", "dbt.config.runtime" in sys.modules)
print("debug log written:", (Path(sys.argv[1]) / "dbt.log").exists())
"""


def _drive_dbt_from_dagster(tmp_path) -> str:
    env = {**os.environ, **dbt_environment(), "AUTOKPI_WAREHOUSE": str(tmp_path / "autokpi.duckdb")}
    done = subprocess.run(
        [sys.executable, "-c", _DBT_FROM_DAGSTER, str(tmp_path / "target")],
        capture_output=True, text=True, env=env, check=True, cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert "dbt succeeded: True" in done.stdout
    return done.stdout


def test_dagster_drives_dbt_without_loading_dbt_in_its_own_process(tmp_path, monkeypatch):
    """dagster-dbt would load dbt's profile, project and adapter in the run's process at every
    dbt command (2 s of a command-line run) for metadata autokpi never asks for; and dbt
    would write a debug log of every statement into the folder the run deletes after."""
    monkeypatch.delenv("DBT_LOG_LEVEL_FILE", raising=False)
    out = _drive_dbt_from_dagster(tmp_path)
    assert "adapter in this process: False" in out
    assert "debug log written: False" in out
    # one can still be asked for, and is then kept beside the run logs, private
    monkeypatch.setenv("DBT_LOG_LEVEL_FILE", "debug")
    assert dbt_environment()["DBT_LOG_LEVEL_FILE"] == "debug"
    target = tmp_path / "target"
    (target / "dbt.log").write_text("select 1", encoding="utf-8")
    kept = keep_dbt_log(tmp_path / "autokpi.duckdb", target, "0123456789abcdef")
    assert kept == tmp_path / "logs" / "dbt-01234567.log" and kept.read_text(encoding="utf-8") == "select 1"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and not (target / "dbt.log").exists()
    assert keep_dbt_log(tmp_path / "autokpi.duckdb", target, "0123456789abcdef") is None
    # a level dbt does not know is refused with what would work
    monkeypatch.setenv("DBT_LOG_LEVEL_FILE", "verbose")
    with pytest.raises(
        SettingError, match="DBT_LOG_LEVEL_FILE='verbose' cannot work: it must be one of none"
    ):
        dbt_environment()
