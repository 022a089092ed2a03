"""Incremental reading of files that grow by appending (Asterisk's Master.csv, JSON lines).

Per file, dlt's resource state keeps how many bytes and lines were loaded and a
fingerprint of that prefix. The next run reads only what was appended after it; the same
file loaded twice adds nothing. State is committed with the load, so a run that fails
half-way reads the same bytes again next time.

A file that changed in lines already loaded is read again from its first line when it
is a correction of them: same first line, at least as many lines. Rows are keyed by file
and line, so the corrected lines replace the old ones (and their quarantine records).
Anything else (a rotated or truncated file under the same name) is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingestion.sources.errors import InboxFileError
from ingestion.sources.files import complete_size, count_lines, fingerprint, first_line_hash


@dataclass(frozen=True)
class NewPart:
    path: Path
    name: str  # path relative to the inbox: what rows and quarantine records name
    start: int
    first_line: int
    stop: int


def new_part(path: Path, name: str, files_state: dict, started_again: str = "") -> NewPart | None:
    """The part of ``path`` not loaded yet, or None when there is nothing new.
    ``started_again``: what to do when the file starts with other lines than were loaded
    (a log file rotated), added to the refusal."""
    stop = complete_size(path)
    prev = files_state.get(name)
    start, first_line = 0, 1
    if prev:
        done = prev["bytes"]
        if done > stop or fingerprint(path, done) != prev["fingerprint"]:
            if not _is_correction(path, stop, prev):
                raise InboxFileError(
                    path,
                    "changed in lines that were already loaded, and is not a correction of them "
                    "(its first line differs or it has fewer lines); put the new data in a new file"
                    + started_again,
                )
        else:
            start, first_line = done, prev["lines"] + 1
    if start >= stop:
        return None
    return NewPart(path, name, start, first_line, stop)


def _is_correction(path: Path, stop: int, prev: dict) -> bool:
    """Same first line and no fewer lines than were loaded: the same file, corrected."""
    return prev.get("head") == first_line_hash(path) and count_lines(path, 0, stop) >= prev["lines"]


def mark_done(part: NewPart, files_state: dict) -> None:
    prev_lines = part.first_line - 1
    files_state[part.name] = {
        "bytes": part.stop,
        "lines": prev_lines + count_lines(part.path, part.start, part.stop),
        "fingerprint": fingerprint(part.path, part.stop),
        "head": first_line_hash(part.path),
    }
