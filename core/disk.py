"""A file-system failure — a full disk, a read-only one, a path this user may not open, a
file where a folder should be — said as such.

Each layer words a full disk its own way — the OS "No space left on device", SQLite (Dagster's
run history) "database or disk is full" or just "disk I/O error", DuckDB the OS's words after
its own — and a run that hit one ended with whichever came last, e.g. "(sqlite3.OperationalError)
disk I/O error", after a screenful of tracebacks from loggers that could not write either.
When a failure reads like one and a folder the command writes to is nearly out of space,
the command says which disk is full and what to do instead. The OS's own failures with a
path ("[Errno 30] Read-only file system: '…/logs/run-….log'") become sentences as well.
"""

from __future__ import annotations

import errno
import shutil
from collections.abc import Iterable
from pathlib import Path

_WORDS = (
    "no space left on device",
    "disk quota exceeded",
    "database or disk is full",
    "disk i/o error",
)
_ERRNOS = {errno.ENOSPC, errno.EDQUOT}

# why a path could not be written, in words, by the OS's error number
WHY_NOT_WRITTEN = {
    errno.EEXIST: "{path} is a file where a folder should be",
    errno.ENOTDIR: "{path} is a file where a folder should be",
    errno.EACCES: "this user may not open {path}",
    errno.EPERM: "this user may not open {path}",
    errno.ENOSPC: "the disk holding {path} is full",
    errno.EDQUOT: "the disk quota for {path} is used up",
    errno.EROFS: "{path} is on a read-only file system",
}
# below this (or 1 % of the disk) a disk counts as full: what failed to be written may have
# been deleted again by the time the run stops (a spill file, a half-written Parquet part)
_NEARLY_FULL = 64 * 1024 * 1024


def _chain(error: BaseException) -> Iterable[BaseException]:
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def reads_like_a_full_disk(error: BaseException) -> bool:
    """Whether an error or one it came from is the OS's, SQLite's or DuckDB's way of saying
    that a write found no room."""
    for link in _chain(error):
        if isinstance(link, OSError) and link.errno in _ERRNOS:
            return True
        if any(words in str(link).lower() for words in _WORDS):
            return True
    return False


def _existing(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"


def why_not_written(error: BaseException) -> str | None:
    """'<path> is on a read-only file system' and the like, for an OS error that names a path."""
    if isinstance(error, OSError) and error.errno in WHY_NOT_WRITTEN:
        return WHY_NOT_WRITTEN[error.errno].format(path=error.filename or "its folder")
    return None


def file_system_sentence(
    error: BaseException, folders: Iterable[Path], inbox: Path | None = None
) -> str | None:
    """The sentence for a failure caused by the file system: a full disk under one of
    ``folders`` (the warehouse's, the inbox's), or an OS error naming a path that could not be
    opened (read from the inbox, else written); else None (the failure keeps its own message)."""
    full = _full_disk(error, folders)
    if full is not None:
        return full
    for link in _chain(error):
        why = why_not_written(link) if getattr(link, "filename", None) else None
        if why is None:
            continue
        if inbox is not None and Path(link.filename).resolve().is_relative_to(inbox.resolve()):
            return f"cannot read: {why}; give this user access to it, and run again"
        return (
            f"cannot write: {why}; give the warehouse a folder this user can write to "
            "(--warehouse or AUTOKPI_WAREHOUSE), or fix that one, and run again"
        )
    return None


def _full_disk(error: BaseException, folders: Iterable[Path]) -> str | None:
    if not reads_like_a_full_disk(error):
        return None
    for folder in folders:
        usage = shutil.disk_usage(_existing(Path(folder)))
        if usage.free < max(_NEARLY_FULL, usage.total // 100):
            return (
                f"the disk holding {folder} is full ({_megabytes(usage.free)} free of "
                f"{_megabytes(usage.total)}): free space there, or give the warehouse a folder "
                "on a disk with room (--warehouse or AUTOKPI_WAREHOUSE), and run again"
            )
    return None
