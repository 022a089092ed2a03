"""The dbt project as Dagster sees it, and the manifest its assets are built from.

``@dbt_assets`` reads ``target/manifest.json`` when definitions load, so every entry
point (the CLI, tests, ``make ui``) calls :func:`ensure_manifest` first; it re-parses
only when a model, macro, seed or config file is newer than the manifest.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dagster_dbt import DbtProject

from core.errors import UserFacingError
from core.paths import (
    DBT_PROJECT_DIR,
    DEFAULT_SCHEME_DIR,
    PROJECT_PARSE_PREFIX,
    SCHEME_ENV,
    SCHEME_FILES,
    logs_dir_for,
    scheme_dir,
)

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)

_SOURCE_DIRS = ("models", "macros", "seeds", "scheme", "tests")
_SOURCE_FILES = ("dbt_project.yml", "profiles.yml")


SCHEME_SEEDS_ENV = "AUTOKPI_SCHEME_SEEDS"


def scheme_seed_path(folder: Path | None = None) -> str:
    """The scheme folder as dbt's seed path (dbt_project.yml), relative to the project.

    The shipped ``scheme/`` is used in place; any other folder is copied into
    ``.schemes/<hash of its path>/`` first, since dbt would write each seed's SQL over a
    seed file given by an absolute path."""
    folder = (folder or scheme_dir()).resolve()
    if folder == DEFAULT_SCHEME_DIR.resolve():
        return "scheme"
    if not folder.is_dir():
        raise UserFacingError(
            f"the scheme folder {folder} ({SCHEME_ENV}) does not exist: set {SCHEME_ENV} to the "
            "folder holding the scheme's CSV files, or unset it for the scheme the project ships"
        )
    copy = DBT_PROJECT_DIR / ".schemes" / hashlib.sha256(str(folder).encode()).hexdigest()[:16]
    copy.mkdir(parents=True, exist_ok=True)
    for name in SCHEME_FILES:
        if (folder / name).exists():
            shutil.copyfile(folder / name, copy / name)
        else:
            (copy / name).unlink(missing_ok=True)
    return str(copy.relative_to(DBT_PROJECT_DIR))


# dbt's own setting. By default dbt writes a debug log of every event and statement beside
# its artifacts: about a sixth of a small run's dbt time, for a file nobody reads (failures
# are told from run_results.json). autokpi's default is none; `debug` keeps it (keep_dbt_log).
DBT_FILE_LOG_ENV = "DBT_LOG_LEVEL_FILE"


def dbt_environment(folder: Path | None = None) -> dict[str, str]:
    """What dbt's process needs in its environment beyond autokpi's own: the scheme's seed
    path, and the level of dbt's log file."""
    from core import settings

    return {SCHEME_SEEDS_ENV: scheme_seed_path(folder), DBT_FILE_LOG_ENV: settings.get(DBT_FILE_LOG_ENV)}


def dbt_executable() -> str:
    """The dbt of this virtualenv, found even when the virtualenv is not activated: its
    ``autokpi-dbt`` (orchestration/dbt_entry.py: one parse for every warehouse), or
    dbt's own where the package was installed before that entry point existed."""
    bin_dir = Path(sys.executable).parent
    ours = bin_dir / "autokpi-dbt"
    return str(ours if ours.exists() else bin_dir / "dbt")


def _newest_source_mtime() -> float:
    newest = 0.0
    for folder in [*(DBT_PROJECT_DIR / name for name in _SOURCE_DIRS), scheme_dir()]:
        for path in folder.rglob("*"):
            if path.is_file():
                newest = max(newest, path.stat().st_mtime)
    for name in _SOURCE_FILES:
        newest = max(newest, (DBT_PROJECT_DIR / name).stat().st_mtime)
    return newest


def ensure_manifest() -> Path:
    """Parse the dbt project if its manifest is missing or older than its sources."""
    manifest = Path(dbt_project.manifest_path)
    if _is_fresh(manifest):
        return manifest
    # two processes starting at once (two runs, parallel tests) parse once, one after the other
    with _project_parse_lock(fcntl.LOCK_EX):
        if not _is_fresh(manifest):
            _parse()
    return manifest


@contextmanager
def _project_parse_lock(mode: int) -> Iterator[None]:
    """Held while the project's parse is written (exclusive) or copied (shared)."""
    folder = Path(dbt_project.manifest_path).parent
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".parse.lock").open("w") as lock:
        fcntl.flock(lock, mode)
        yield


def _is_fresh(manifest: Path) -> bool:
    """This target's parse is newer than every source (target/manifest.json is as new, or
    newer: another target's parse since)."""
    ours = project_manifest_file()
    return (
        manifest.exists()
        and project_parse_file().exists()
        and ours.exists()
        and ours.stat().st_mtime >= _newest_source_mtime()
    )


def _parse() -> None:
    result = subprocess.run(
        [
            dbt_executable(),
            "parse",
            "--quiet",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
        ],
        capture_output=True,
        text=True,
        check=False,
        # as a run sets it: dbt keeps the parse only while the variables it read are the same
        env={**os.environ, **dbt_environment()},
    )
    if result.returncode != 0:
        lines = [ln for ln in (result.stdout + result.stderr).splitlines() if ln.strip()]
        reason = next((ln.strip() for ln in lines if "Error" in ln), lines[-1] if lines else "no output")
        raise RuntimeError(f"dbt parse failed: {reason} (run `dbt parse` in dbt_project/ for details)")
    produced = Path(dbt_project.manifest_path).parent / PARTIAL_PARSE
    if produced.is_file():
        shutil.copyfile(produced, project_parse_file())
    shutil.copyfile(dbt_project.manifest_path, project_manifest_file())


# dbt parses the whole project (about 6 s here) unless it finds a parse of the same
# project, profile and variables in its target folder, and each invocation has a target
# folder of its own. Each warehouse keeps the parse of its own last run, so a daily run
# parses only what changed since; dbt itself throws the file away when the project, the
# profile or dbt changed. (autokpi-dbt leaves the warehouse's path out of the profile's
# part: dbt_entry.py.)
PARTIAL_PARSE = "partial_parse.msgpack"


def project_parse_file() -> Path:
    """ensure_manifest's parse, for a new warehouse to start from: one per target and scheme
    (a run on another scheme, as the bonus oracle's, parses the project for that scheme),
    and apart from dbt's own target/partial_parse.msgpack, which any other dbt on the
    default target folder (sqlfluff's templater in `make lint`, a `dbt build` by hand)
    writes over with a parse of its own profile."""
    return Path(dbt_project.manifest_path).parent / f"{PROJECT_PARSE_PREFIX}{_parse_key()}.msgpack"


def _parse_key() -> str:
    """What dbt's parse depends on beyond the project's files: the target, the scheme and the
    project's folder (a parse keeps absolute paths: a moved project parses again)."""
    from core.warehouse import target

    made_by = [target(), scheme_seed_path(), str(DBT_PROJECT_DIR)]
    return hashlib.sha256(json.dumps(made_by).encode()).hexdigest()[:12]


def project_manifest_file() -> Path:
    """The manifest of ensure_manifest's parse for this target and scheme, which a run plans
    its build from (orchestration/dbt_inputs.py). dbt's own target/manifest.json is the last
    parse of any of them: a PostgreSQL run's parse lists its adapter's macros, so a DuckDB run
    that read it just after found "the dbt project changed" and built everything."""
    return Path(dbt_project.manifest_path).parent / f"autokpi_project_manifest-{_parse_key()}.json"


_INVOCATIONS = DBT_PROJECT_DIR / "target"


def invocation_target_path(run_id: str) -> Path:
    """A target folder of its own for one dbt invocation (dagster-dbt's layout), named with
    the process that owns it. The run deletes it when dbt is done; one a killed run left
    behind (about 12 MB) goes at the next run's start (remove_abandoned_invocations)."""
    return _INVOCATIONS / f"autokpi_dbt-{run_id[:7]}-{os.getpid()}-{secrets.token_hex(4)}"


def remove_abandoned_invocations(folder: Path = _INVOCATIONS) -> list[Path]:
    """Invocation folders whose process is gone (killed mid-run: nothing else deletes them).
    Folders of live processes, another warehouse's run among them, are left alone."""
    removed = []
    for path in folder.glob("autokpi_dbt-*-*-*"):
        pid = path.name.split("-")[2]
        if path.is_dir() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        pass
    return True


def partial_parse_file(warehouse: Path) -> Path:
    from core.warehouse import state_suffix

    return warehouse.parent / f".{warehouse.stem}{state_suffix()}.dbt" / PARTIAL_PARSE


def restore_partial_parse(warehouse: Path, target_path: Path) -> None:
    """The warehouse's last parse into the invocation's target folder, for dbt to start from.

    A warehouse's first run starts from the project's own parse (:func:`ensure_manifest`'s),
    which saves a full parse (about 6 s) on every new warehouse: each test's, each bench's.
    dbt checks either parse against the project, the profile and the variables, and parses
    in full whatever differs, so a parse made for another target or scheme costs time only."""
    saved = partial_parse_file(warehouse)
    target_path.mkdir(parents=True, exist_ok=True)
    if saved.is_file():
        shutil.copyfile(saved, target_path / PARTIAL_PARSE)
        return
    project_parse = project_parse_file()
    with _project_parse_lock(fcntl.LOCK_SH):
        if project_parse.is_file():
            shutil.copyfile(project_parse, target_path / PARTIAL_PARSE)


def keep_partial_parse(warehouse: Path, target_path: Path) -> None:
    """This invocation's parse, kept beside the warehouse for its next run (private)."""
    produced = target_path / PARTIAL_PARSE
    if produced.is_file():
        saved = partial_parse_file(warehouse)
        saved.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copyfile(produced, saved)
        saved.chmod(0o600)


def keep_dbt_log(warehouse: Path, target_path: Path, run_id: str) -> Path | None:
    """The log file dbt wrote in the invocation's folder (only when DBT_LOG_LEVEL_FILE asks
    for one), moved beside the run logs before the folder goes: ``logs/dbt-<run>.log``,
    private, as it holds every statement."""
    written = target_path / "dbt.log"
    if not written.is_file():
        return None
    folder = logs_dir_for(warehouse)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    kept = folder / f"dbt-{run_id[:8]}.log"
    shutil.move(written, kept)
    kept.chmod(0o600)
    return kept


def mart_asset_keys() -> list:
    """The asset keys of the models in the marts schema (what the snapshot copies), read
    from the manifest as dagster-dbt names them: [configured schema, model name]."""
    import json

    from dagster import AssetKey

    manifest = json.loads(ensure_manifest().read_text(encoding="utf-8"))
    return [
        AssetKey([node["config"]["schema"], node["name"]])
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["config"].get("schema") == "marts"
    ]
