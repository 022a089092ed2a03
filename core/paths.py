"""Where things live: the project folders, and the default inbox and warehouse."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
DEFAULT_INBOX = PROJECT_ROOT / "var" / "inbox"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "var" / "warehouse" / "autokpi.duckdb"

# the inbox's layout (README, "Your own exports"): one folder per source
ASTERISK_FOLDER = "pbx/asterisk"
TRANSCRIPTS_FOLDER = "pbx/transcripts"
TRANSCRIPT_SUFFIXES = (".jsonl", ".ndjson", ".json")

INBOX_ENV = "AUTOKPI_INBOX"
WAREHOUSE_ENV = "AUTOKPI_WAREHOUSE"
EXPORTS_ENV = "AUTOKPI_EXPORTS"
# set by `autokpi run --full-refresh` for the run: dbt rebuilds the incremental models whole
FULL_REFRESH_ENV = "AUTOKPI_FULL_REFRESH"
# the KPI scheme's files (kpi_scheme.csv, bonus_base.csv, …): a company's own folder, else
# the one shipped with the project (dbt reads it as a seed path, dbt_project.yml)
SCHEME_ENV = "AUTOKPI_SCHEME_DIR"
DEFAULT_SCHEME_DIR = DBT_PROJECT_DIR / "scheme"
SCHEME_FILES = ("kpi_scheme.csv", "kpi_corridors.csv", "bonus_base.csv", "bonus_gates.csv",
                "bonus_multipliers.csv")  # fmt: skip
SEEDS_DIR = DBT_PROJECT_DIR / "seeds"


def inbox_from_env() -> Path:
    return Path(os.environ.get(INBOX_ENV) or DEFAULT_INBOX).resolve()


def warehouse_from_env() -> Path:
    return Path(os.environ.get(WAREHOUSE_ENV) or DEFAULT_WAREHOUSE).resolve()


def scheme_dir() -> Path:
    return Path(os.environ.get(SCHEME_ENV) or DEFAULT_SCHEME_DIR).resolve()


def exports_from_env(warehouse: Path) -> Path:
    """Finance exports go to AUTOKPI_EXPORTS, else to ``exports/`` beside the warehouse."""
    return Path(os.environ.get(EXPORTS_ENV) or warehouse.parent / "exports").resolve()
