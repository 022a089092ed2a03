"""Files in the inbox that no source reads, each with a sentence saying why and what to do.

A plan saved as ``План декабрь.xlsx``, a 1C export saved as ``.xls``, a deals file put
in a sub-folder of ``crm/``: each would otherwise be skipped without a word, and its rows
would be missing from the bonus with nothing to say so. The run summary lists them.
"""

from __future__ import annotations

import re
from pathlib import Path

from core.paths import ASTERISK_FOLDER, ASTERISK_SUFFIXES, TRANSCRIPT_SUFFIXES, TRANSCRIPTS_FOLDER
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
    for folder, suffixes, what in (
        (ASTERISK_FOLDER, ASTERISK_SUFFIXES, "call records as Asterisk's Master.csv (.csv)"),
        (TRANSCRIPTS_FOLDER, TRANSCRIPT_SUFFIXES, f"transcripts ({', '.join(TRANSCRIPT_SUFFIXES)})"),
    ):
        for path in inbox_files(inbox / folder, recursive=True):
            if not _ignorable(path) and path.suffix.lower() not in suffixes:
                why = _set_aside_by_logrotate(path) if folder == ASTERISK_FOLDER else None
                unread.append(
                    (
                        path,
                        why or f"{folder}/ reads {what}, not {path.suffix or 'a file without an extension'}",
                    )
                )
    return unread


# Master.csv.1, Master.csv.2.gz (Debian's /etc/logrotate.d/asterisk: weekly, compressed
# from the second week), or Master.csv-20261123 with logrotate's dateext
_ROTATED = re.compile(r"(?i)\.csv(\.\d+|-\d{8})(\.gz)?$")


def _set_aside_by_logrotate(path: Path) -> str | None:
    """What to do with a call record file logrotate set aside, or a compressed one."""
    if _ROTATED.search(path.name):
        return (
            "a Master.csv that logrotate set aside; it is not read under that name, which the next "
            "rotation gives another file (.1 becomes .2.gz): copy it in once under a name of its own "
            "ending in .csv, unpacked, e.g. Master-2026-11-23.csv (calls it shares with a file loaded "
            "before count once)"
        )
    if path.suffix.lower() == ".gz":
        return "a compressed file is not read; unpack it (gunzip) into pbx/asterisk/ as a .csv file"
    return None
