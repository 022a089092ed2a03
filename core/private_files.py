"""Files only where they belong, readable only by whom they are for.

- ``file_name`` turns a value from the data (an employee id) into a file name that cannot
  leave its folder: a name that is safe as it is stays, any other becomes a slug and a
  hash of the value, so no statement is lost to an odd character and ``../`` goes nowhere.
- ``inside`` refuses a path that resolves outside its folder (symlinks included).
- ``private_umask`` makes what a run writes 0600 files and 0700 folders, or group-readable
  with ``AUTOKPI_SHARE_GROUP`` (its members read the site and exports).
- ``replace_folder`` empties an output folder only when autokpi made it.
- ``inbox_files`` lists what a reader may open: regular files, never a link or a device.
"""

from __future__ import annotations

import grp
import hashlib
import os
import re
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core import settings
from core.errors import UserFacingError

SAFE_NAME = re.compile(r"^\w[\w.-]{0,63}$")
SHARE_GROUP_ENV = "AUTOKPI_SHARE_GROUP"
MARKER = ".autokpi-output"


class UnsafePathError(UserFacingError):
    pass


def file_name(value: str) -> str:
    text = str(value)
    if SAFE_NAME.match(text) and ".." not in text:
        return text
    slug = re.sub(r"[^\w-]+", "_", text).strip("_.")[:40] or "id"
    return f"{slug}-{hashlib.sha256(text.encode()).hexdigest()[:10]}"


def inside(folder: Path, path: Path) -> Path:
    resolved, root = path.resolve(), folder.resolve()
    if not resolved.is_relative_to(root):
        raise UnsafePathError(f"refused to write {path}: it resolves to {resolved}, outside {root}")
    return path


def _share_group() -> int | None:
    name = settings.get(SHARE_GROUP_ENV)
    if not name:
        return None
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        raise UnsafePathError(f"{SHARE_GROUP_ENV}={name!r} is not a group on this machine") from None


@contextmanager
def private_umask() -> Iterator[None]:
    """For the duration: new files 0600 and folders 0700 (0640/0750 with a share group)."""
    previous = os.umask(0o027 if _share_group() is not None else 0o077)
    try:
        yield
    finally:
        os.umask(previous)


def share(path: Path) -> None:
    """Give an output folder (the site, the exports) to the share group, if one is set."""
    gid = _share_group()
    if gid is None or not path.exists():
        return
    for item in [path, *path.rglob("*")]:
        os.chown(item, -1, gid, follow_symlinks=False)


def tighten(paths: list[Path]) -> None:
    """Bring what older runs wrote to today's modes: no access for others (nor for the
    group, without a share group). Links are left alone."""
    mask = 0o027 if _share_group() is not None else 0o077
    for path in paths:
        if not path.exists() or path.is_symlink():
            continue
        for item in [path, *(path.rglob("*") if path.is_dir() else [])]:
            if item.is_symlink():
                continue
            mode = item.stat().st_mode & 0o7777
            if mode & mask:
                item.chmod(mode & ~mask)


def replace_folder(folder: Path) -> None:
    """Empty an output folder before it is written again, only if autokpi made it (it
    holds the marker) or it is empty: a misdirected setting never deletes someone's files."""
    if folder.exists():
        if not folder.is_dir() or folder.is_symlink():
            raise UnsafePathError(f"{folder} is not a folder autokpi can write its output into")
        made_by_us = (folder / MARKER).exists() or (folder / "static" / "site.js").exists()  # older sites
        if any(folder.iterdir()) and not made_by_us:
            raise UnsafePathError(
                f"{folder} holds files autokpi did not write; choose an empty or new folder for the output"
            )
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("written by autokpi; emptied and rewritten on every run\n", encoding="utf-8")


def _entries(base: Path, recursive: bool):
    """Every entry under ``base``, without following a link to a folder."""
    if not recursive:
        yield from base.iterdir()
        return
    for root, dirs, files in os.walk(base, followlinks=False):
        for name in sorted(dirs + files):
            yield Path(root) / name


def inbox_files(base: Path, recursive: bool = True) -> list[Path]:
    """The regular files under ``base``: a symbolic link (to a file or a folder), a pipe
    or a device is never read, so a link cannot put another file's lines in the warehouse."""
    if not base.is_dir() or base.is_symlink():
        return []
    return sorted(p for p in _entries(base, recursive) if stat.S_ISREG(p.lstat().st_mode))


def skipped_entries(base: Path) -> list[tuple[Path, str]]:
    """What ``inbox_files`` leaves out under ``base``, and why, for the run's warnings."""
    if not base.is_dir():
        return []
    skipped = []
    for path in _entries(base, recursive=True):
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            skipped.append((path, "a symbolic link, not read: copy the file itself into the inbox"))
        elif not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            skipped.append((path, "not a regular file (a pipe, socket or device), not read"))
    return skipped
