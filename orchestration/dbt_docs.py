"""dbt's documentation as one page: every model and column described, the lineage from
the raw tables to the exposures (the site, the finance exports, the what-if), and, when the
warehouse has been built, each table's columns and types as they are."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from core.errors import UserFacingError
from core.paths import DBT_PROJECT_DIR, WAREHOUSE_ENV
from core.warehouse import exists
from dashboards.build import build_site, docs_page_for, site_dir_for
from orchestration.dbt_project import dbt_environment, dbt_executable, restore_partial_parse
from orchestration.locking import warehouse_lock


class DocsFailed(UserFacingError):
    pass


def write_docs(warehouse: Path) -> Path:
    """Write ``dbt-docs/static_index.html`` beside the warehouse and return its path. Every
    build of the site from then on carries it as ``dbt-docs/index.html``, linked from each
    page's header; a site already built is built again at once."""
    out = docs_page_for(warehouse).parent
    built = exists(warehouse)
    args = [dbt_executable(), "docs", "generate", "--static", "--quiet"]
    args += ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR)]
    args += ["--target-path", str(out)]
    if not built:  # no tables to describe yet: models and lineage only, and no file made
        args.append("--empty-catalog")
    env = {**os.environ, WAREHOUSE_ENV: str(warehouse) if built else ":memory:", **dbt_environment()}
    restore_partial_parse(warehouse, out)  # the warehouse's last parse, or the project's
    with warehouse_lock(warehouse):  # not while a run writes to it
        result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        lines = [ln.strip() for ln in (result.stdout + result.stderr).splitlines() if ln.strip()]
        reason = next((ln for ln in lines if "Error" in ln), lines[-1] if lines else "no output")
        raise DocsFailed(f"dbt could not write its documentation: {reason}")
    if built and (site_dir_for(warehouse) / "index.html").is_file():
        build_site(warehouse)  # the site, built again, carries the page and links to it
    return docs_page_for(warehouse)
