"""The dbt project as Dagster sees it, and the manifest its assets are built from.

``@dbt_assets`` reads ``target/manifest.json`` when definitions load, so every entry
point (the CLI, tests, ``make ui``) calls :func:`ensure_manifest` first; it re-parses
only when a model, macro, seed or config file is newer than the manifest.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dagster_dbt import DbtProject

from orchestration.paths import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)

_SOURCE_DIRS = ("models", "macros", "seeds", "tests")
_SOURCE_FILES = ("dbt_project.yml", "profiles.yml")


def dbt_executable() -> str:
    """The dbt of this virtualenv, found even when the virtualenv is not activated."""
    return str(Path(sys.executable).parent / "dbt")


def _newest_source_mtime() -> float:
    newest = 0.0
    for name in _SOURCE_DIRS:
        for path in (DBT_PROJECT_DIR / name).rglob("*"):
            if path.is_file():
                newest = max(newest, path.stat().st_mtime)
    for name in _SOURCE_FILES:
        newest = max(newest, (DBT_PROJECT_DIR / name).stat().st_mtime)
    return newest


def ensure_manifest() -> Path:
    """Parse the dbt project if its manifest is missing or older than its sources."""
    manifest = Path(dbt_project.manifest_path)
    if manifest.exists() and manifest.stat().st_mtime >= _newest_source_mtime():
        return manifest
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
    )
    if result.returncode != 0:
        lines = [ln for ln in (result.stdout + result.stderr).splitlines() if ln.strip()]
        reason = next((ln.strip() for ln in lines if "Error" in ln), lines[-1] if lines else "no output")
        raise RuntimeError(f"dbt parse failed: {reason} (run `dbt parse` in dbt_project/ for details)")
    return manifest
