"""Files in the inbox that no source reads, each with a sentence saying why and what to do.

A plan saved as ``План декабрь.xlsx``, a 1C export saved as ``.xls``, a deals file put
in a sub-folder of ``crm/``: each would otherwise be skipped without a word, and its rows
would be missing from the bonus with nothing to say so. The run summary lists them.
"""

from __future__ import annotations

import re
from pathlib import Path

from core.paths import (
    ASTERISK_FOLDER,
    ROTATED_CALL_RECORD_ENDING,
    TRANSCRIPT_SUFFIXES,
    TRANSCRIPTS_FOLDER,
    is_call_record_file,
    is_transcripts_file,
)
from core.private_files import inbox_files
from ingestion.sources.crm import FOLDER as CRM_FOLDER
from ingestion.sources.crm import TABLES as CRM_TABLES
from ingestion.sources.directory import FOLDER as DIRECTORY_FOLDER
from ingestion.sources.directory import TABLES as DIRECTORY_TABLES
from ingestion.sources.plans import FOLDER as PLANS_FOLDER
from ingestion.sources.plans import TABLES as PLAN_TABLES
from ingestion.sources.tabular import SUFFIXES, TableSpec

TABULAR_FOLDERS: dict[str, list[TableSpec]] = {
    DIRECTORY_FOLDER: DIRECTORY_TABLES,
    CRM_FOLDER: CRM_TABLES,
    PLANS_FOLDER: PLAN_TABLES,
}
# files an editor or the system leaves beside the real ones: Excel's lock file while a
# workbook is open (~$plans.xlsx), macOS and Windows folder metadata
NOT_EXPORTS = ("~$", ".")
FORMATS = ", ".join(SUFFIXES[:-1]) + f" or {SUFFIXES[-1]}"


def _ignorable(path: Path) -> bool:
    return path.name.startswith(NOT_EXPORTS) or path.name.lower() in ("thumbs.db", "desktop.ini")


def _why_not_tabular(path: Path, folder: str, specs: list[TableSpec]) -> str | None:
    if path.parent.name != folder:
        return f"files in sub-folders of {folder}/ are not read; move it into {folder}/ itself"
    if any(spec.matches(path) for spec in specs):
        return None
    suffix = path.suffix.lower()
    if suffix in (".xls", ".xlsb", ".xlsm", ".ods"):
        return f"a {suffix} workbook is not read; save it as .xlsx (Excel: File > Save As > Excel Workbook)"
    stems = ", ".join(f"{spec.file_stem}*" for spec in specs)
    example = f"{specs[0].file_stem}-2026-12.xlsx"
    if suffix not in SUFFIXES:
        kind = suffix or "a file without an extension"
        return f"{folder}/ reads {FORMATS} files, not {kind}; save it as .csv or .xlsx"
    return f"{folder}/ reads files named {stems} ({FORMATS}); rename it, e.g. {example}"


def unread_files(inbox: Path) -> list[tuple[Path, str]]:
    """Each regular file under the inbox's source folders that no source reads, and why."""
    unread = []
    for folder, specs in TABULAR_FOLDERS.items():
        for path in inbox_files(inbox / folder, recursive=True):
            if not _ignorable(path) and (why := _why_not_tabular(path, folder, specs)):
                unread.append((path, why))
    for folder, is_read, what in (
        (ASTERISK_FOLDER, is_call_record_file, "call records as Asterisk's Master.csv (.csv)"),
        (TRANSCRIPTS_FOLDER, is_transcripts_file, f"transcripts ({', '.join(TRANSCRIPT_SUFFIXES)})"),
    ):
        for path in inbox_files(inbox / folder, recursive=True):
            if not _ignorable(path) and not is_read(path):
                why = _compressed_call_records(path) if folder == ASTERISK_FOLDER else None
                unread.append(
                    (
                        path,
                        why or f"{folder}/ reads {what}, not {path.suffix or 'a file without an extension'}",
                    )
                )
    return unread


# Master.csv.2.gz (Debian's /etc/logrotate.d/asterisk compresses from the second week), or
# Master.csv-20261123.gz with logrotate's dateext
_ROTATED_COMPRESSED = re.compile(rf"(?i){ROTATED_CALL_RECORD_ENDING}\.gz$")


def _compressed_call_records(path: Path) -> str | None:
    """What to do with a call record file logrotate compressed, or another compressed one."""
    if _ROTATED_COMPRESSED.search(path.name):
        return (
            "a Master.csv that logrotate set aside and compressed is not read: its calls were read while it "
            "was Master.csv and then Master.csv.1 if autokpi ran in that week; if it did not, unpack it "
            "(gunzip) into pbx/asterisk/ under a name of its own ending in .csv, e.g. Master-2026-11-23.csv "
            "(calls it shares with a file loaded before count once)"
        )
    if path.suffix.lower() == ".gz":
        return "a compressed file is not read; unpack it (gunzip) into pbx/asterisk/ as a .csv file"
    return None
