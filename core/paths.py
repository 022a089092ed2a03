"""Where things live: the project folders, and the default inbox and warehouse."""

from __future__ import annotations

import os
import re
from pathlib import Path

from core.settings import SETTINGS

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
INBOX_ENV = "AUTOKPI_INBOX"
WAREHOUSE_ENV = "AUTOKPI_WAREHOUSE"
EXPORTS_ENV = "AUTOKPI_EXPORTS"
# the KPI scheme's files (kpi_scheme.csv, bonus_base.csv, …): a company's own folder, else
# the one shipped with the project (dbt reads it as a seed path, dbt_project.yml)
SCHEME_ENV = "AUTOKPI_SCHEME_DIR"
# defaults are relative to the project; a setting's value to the current folder
DEFAULT_INBOX = PROJECT_ROOT / SETTINGS[INBOX_ENV].default
DEFAULT_WAREHOUSE = PROJECT_ROOT / SETTINGS[WAREHOUSE_ENV].default
DEFAULT_SCHEME_DIR = PROJECT_ROOT / SETTINGS[SCHEME_ENV].default

# the inbox's layout (README, "Your own exports"): one folder per source
ASTERISK_FOLDER = "pbx/asterisk"
ASTERISK_SUFFIXES = (".csv",)
# call record files logrotate set aside, uncompressed: Master.csv.1 (Debian's delaycompress
# keeps the last week's so), Master.csv-20261123 (dateext). Compressed ones are not read.
ROTATED_CALL_RECORD_ENDING = r"\.csv(\.\d+|-\d{8})"
ROTATED_CALL_RECORDS = re.compile(rf"(?i){ROTATED_CALL_RECORD_ENDING}$")
# names that logrotate gives other calls each rotation: the PBX's live Master.csv, which
# starts again, and the numbered ones (.1 holds next week what the live file holds now)
REUSED_CALL_RECORD_NAMES = re.compile(r"(?i)(^master\.csv|\.csv\.\d+)$")
TRANSCRIPTS_FOLDER = "pbx/transcripts"
TRANSCRIPT_SUFFIXES = (".jsonl", ".ndjson", ".json")

SCHEME_FILES = ("kpi_scheme.csv", "kpi_corridors.csv", "bonus_base.csv", "bonus_gates.csv",
                "bonus_multipliers.csv")  # fmt: skip
SEEDS_DIR = DBT_PROJECT_DIR / "seeds"
# the project's parse kept per target and scheme, in dbt's target folder
# (orchestration/dbt_project.py; the dbt fork server reads one to warm up)
PROJECT_PARSE_PREFIX = "autokpi_project_parse-"


def is_call_record_file(path: Path) -> bool:
    """A file of ``pbx/asterisk/`` the call records source reads."""
    return path.suffix.lower() in ASTERISK_SUFFIXES or bool(ROTATED_CALL_RECORDS.search(path.name))


def is_transcripts_file(path: Path) -> bool:
    """A file of ``pbx/transcripts/`` the transcripts source reads."""
    return path.suffix.lower() in TRANSCRIPT_SUFFIXES


def inbox_from_env() -> Path:
    return Path(os.environ.get(INBOX_ENV) or DEFAULT_INBOX).resolve()


def warehouse_from_env() -> Path:
    return Path(os.environ.get(WAREHOUSE_ENV) or DEFAULT_WAREHOUSE).resolve()


def scheme_dir() -> Path:
    return Path(os.environ.get(SCHEME_ENV) or DEFAULT_SCHEME_DIR).resolve()


def exports_from_env(warehouse: Path) -> Path:
    """Finance exports go to AUTOKPI_EXPORTS, else to ``exports/`` beside the warehouse."""
    return Path(os.environ.get(EXPORTS_ENV) or warehouse.parent / "exports").resolve()


def serving_dir_for(warehouse: Path) -> Path:
    """Where the published snapshot of the marts goes (orchestration/serving.py writes it)."""
    return warehouse.parent / "serving"


def snapshot_path_for(warehouse: Path) -> Path:
    """``var/warehouse/autokpi.duckdb`` → ``var/warehouse/serving/autokpi_marts.duckdb``."""
    return serving_dir_for(warehouse) / f"{warehouse.stem}_marts.duckdb"


def logs_dir_for(warehouse: Path) -> Path:
    """The run logs (and dbt's, when asked for) beside the warehouse."""
    return warehouse.parent / "logs"


def portal_dir_for(warehouse: Path) -> Path:
    """The portal's own folder beside the warehouse: its database of accounts and access log."""
    return warehouse.parent / "portal"


def portal_database_for(warehouse: Path) -> Path:
    """The portal's SQLite database (portal/store.py writes it; dlt loads its disputes)."""
    return portal_dir_for(warehouse) / "portal.sqlite"
