"""Byte-level facts about inbox files, shared by the readers: where the complete lines
end, what a file's content is (a digest), how many lines a byte range holds, and the
order files are read in. Which entries are files to read at all:
core/private_files.py (``inbox_files``)."""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterable
from pathlib import Path

# what a browser, a file manager or a mail client adds to the name of a second copy:
# "deals (1).csv", "Master - Copy.csv", "Master copy 2.csv", "Копия deals.csv"
_COPY_SUFFIX = re.compile(r"(\s*\(\d+\)|[\s_-]+\(?(copy|копия)\)?(\s*\(?\d+\)?)?)$", re.IGNORECASE)
_COPY_PREFIX = re.compile(r"^(copy of|копия)\s", re.IGNORECASE)


def named_as_a_copy(path: Path) -> bool:
    """Whether the name says the file is a second copy of another (``deals (1).csv``)."""
    return bool(_COPY_SUFFIX.search(path.stem) or _COPY_PREFIX.search(path.stem))


def oldest_first(paths: Iterable[Path]) -> list[Path]:
    """Files in the order they were written, then copies after originals, then by name.
    Where two give one key two values, the newer file is the correction, whatever its
    name (``plans-dec.csv`` sorts before ``plans.csv``); where two are identical, the
    later one is the copy. Two files written within the file system's clock tick (one
    export saved twice at once) are told apart by their names: ``deals (1).csv`` is the
    copy of ``deals.csv``, though " (1)" sorts first."""
    return sorted(paths, key=lambda p: (p.stat().st_mtime_ns, named_as_a_copy(p), p.name))


def json_line(raw: bytes) -> str:
    """One line of a JSON-lines file as text: bytes that are not UTF-8 replaced, and the
    byte-order mark Notepad and PowerShell write before the first line (before each file's
    first line when several were joined) dropped with the spaces."""
    return raw.decode("utf-8", "replace").strip().removeprefix("\ufeff")


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # little-endian, big-endian


def is_utf16(path: Path) -> bool:
    """Whether the file is UTF-16 text (PowerShell 5's ``>`` and ``Out-File``, Excel's
    "Unicode text"): a byte-order mark, or a NUL beside the first character. The PBX files'
    readers work line by line on UTF-8 bytes, so such a file is refused in a sentence."""
    with path.open("rb") as fh:
        head = fh.read(2)
    return head in UTF16_BOMS or (len(head) == 2 and 0 in head)


WRITE_AS_UTF8 = "write the file as UTF-8 and send it again"


def not_utf8(raw: bytes) -> str | None:
    """Where a line's bytes stop being UTF-8 (``byte 0xC7 at byte 58 of the line``), or None."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"byte 0x{raw[error.start]:02X} at byte {error.start + 1} of the line"
    return None


def first_line_not_utf8(path: Path) -> str | None:
    """``not_utf8`` of the file's first line: a file written in another encoding whole
    (Windows-1251) is refused, so that it loads under its name once written again."""
    with path.open("rb") as fh:
        return not_utf8(fh.readline(1 << 20))


def complete_size(path: Path) -> int:
    """Bytes up to and including the last newline: a line still being written waits."""
    size = path.stat().st_size
    if size == 0:
        return 0
    with path.open("rb") as fh:
        pos = size
        while pos > 0:
            step = min(pos, 64 << 10)
            fh.seek(pos - step)
            chunk = fh.read(step)
            idx = chunk.rfind(b"\n")
            if idx >= 0:
                return pos - step + idx + 1
            pos -= step
    return size  # one line without a newline: take it whole


def _read_through(path: Path, start: int, stop: int, digest=None, stopped=None) -> int:
    """Lines in bytes [start, stop), a last line without its newline included; each byte also
    fed to ``digest`` (a hashlib object) when given. Stops early when ``stopped`` is set."""
    n, last = 0, b"\n"
    with path.open("rb") as fh:
        fh.seek(start)
        left = stop - start
        while left > 0 and not (stopped is not None and stopped.is_set()):
            chunk = fh.read(min(left, 8 << 20))
            if not chunk:
                break
            n += chunk.count(b"\n")
            if digest is not None:
                digest.update(chunk)
            last = chunk[-1:]
            left -= len(chunk)
    return n + (last != b"\n")


def content_digest(path: Path, upto: int) -> str:
    """SHA-256 of the first ``upto`` bytes: the same content under two names is one file."""
    h = hashlib.sha256()
    _read_through(path, 0, upto, digest=h)
    return h.hexdigest()


def waiting_line(path: Path, part) -> int | None:
    """The number of a last line still being written (bytes after the last line end), else None."""
    size = path.stat().st_size
    if size <= part.stop:
        return None
    with path.open("rb") as fh:
        fh.seek(part.stop)
        if not fh.read(size - part.stop).strip():
            return None
    return part.first_line + count_lines(path, part.start, part.stop)


def fingerprint(path: Path, upto: int) -> str:
    """Hash of the first and last 64 KiB before ``upto`` and of ``upto``: detects a rewrite."""
    h = hashlib.blake2b(digest_size=16)
    h.update(str(upto).encode())
    with path.open("rb") as fh:
        h.update(fh.read(min(upto, 64 << 10)))
        if upto > 64 << 10:
            fh.seek(max(64 << 10, upto - (64 << 10)))
            h.update(fh.read(upto - fh.tell()))
    return h.hexdigest()


def first_line_hash(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.blake2b(fh.readline(1 << 20), digest_size=16).hexdigest()


class FileTally:
    """``count_lines(path, start, stop)`` and, when ``digest`` (``start`` is then 0),
    ``content_digest(path, stop)``, worked out in one pass in a thread of their own while
    the file is read: hashing and counting let go of the interpreter lock. Done after a
    call-record file was read, they took 2.2 s of a 1 GB file's 20 s load, the run
    waiting for them."""

    def __init__(self, path: Path, start: int, stop: int, digest: bool = False):
        self._path, self._start, self._stop = path, start, stop
        self._hash = hashlib.sha256() if digest else None
        self._lines: int | None = None
        self._error: BaseException | None = None
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._tally, name="file-tally", daemon=True)
        self._thread.start()

    def _tally(self) -> None:
        try:
            self._lines = _read_through(self._path, self._start, self._stop, self._hash, self._stopped)
        except BaseException as error:  # raised to whoever asks for a figure
            self._error = error

    def _done(self) -> None:
        self._thread.join()
        if self._error is not None:
            raise self._error

    def lines(self) -> int:
        self._done()
        return self._lines

    def sha256(self) -> str:
        self._done()
        return self._hash.hexdigest()

    def close(self) -> None:
        """Stop early: the file was not read after all (rejected)."""
        self._stopped.set()
        self._thread.join()


def count_lines(path: Path, start: int, stop: int) -> int:
    """Lines in bytes [start, stop), a last line without its newline included."""
    return _read_through(path, start, stop)
