"""Incremental reading of files that grow by appending (Asterisk's Master.csv, JSON lines).

Per file, dlt's resource state keeps how many bytes and lines were loaded and a
fingerprint of that prefix. The next run reads only what was appended after it; the same
file loaded twice adds nothing. State is committed with the load, so a run that fails
half-way reads the same bytes again next time.

A file that changed in lines already loaded is read again from its first line when it
is a correction of them: same first line, at least as many lines. Rows are keyed by file
and line, so the corrected lines replace the old ones (and their quarantine records).
A file under a name that logrotate gives other lines each week (``Master.csv``, which starts
again, ``Master.csv.1``) is read as a file of its own, its rows keyed by the name and its
generation (``Master.csv#2``), so the rows loaded from the lines before stay theirs.
Anything else (a truncated file, another file under the same name) is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingestion.sources.errors import InboxFileError
from ingestion.sources.files import complete_size, count_lines, fingerprint, first_line_hash


@dataclass(frozen=True)
class NewPart:
    path: Path
    name: str  # what rows and quarantine records name: the path relative to the inbox, or
    # for a file that started again, that path and its generation (pbx/asterisk/Master.csv#2)
    start: int
    first_line: int
    stop: int
    state_key: str = ""  # the path relative to the inbox, where its state is kept
    generation: int = 1  # how many times a file under this name started again, plus one
    read_again: bool = False  # lines this generation loaded before, read again from its first
    document: bool = False  # one JSON value over many lines, read whole (new_part's ``document``)

    @property
    def started_again(self) -> bool:
        """The first part of a new generation: lines before it under the name were others'."""
        return self.generation > 1 and self.start == 0 and not self.read_again


def _key(name: str, generation: int) -> str:
    return name if generation == 1 else f"{name}#{generation}"


def new_part(
    path: Path,
    name: str,
    files_state: dict,
    started_again: str = "",
    reused_name: bool = False,
    whole: bool = False,
    document: bool = False,
) -> NewPart | None:
    """The part of ``path`` not loaded yet, or None when there is nothing new.
    ``started_again``: what to do when the file starts with other lines than were loaded
    (a log file rotated), added to the refusal; with ``reused_name`` (a name logrotate
    gives other lines) it is read as the name's next generation instead. ``whole``: from
    the first line of its generation even when nothing changed (read by older rules).
    ``document``: one JSON value over many lines (a pretty-printed array), read whole to
    its last byte, and whole again when anything in it changed: it is never appended to."""
    stop = path.stat().st_size if document else complete_size(path)
    prev = files_state.get(name)
    start, first_line = 0, 1
    generation = prev.get("generation", 1) if prev else 1
    if prev and document:
        if prev["bytes"] == stop and fingerprint(path, stop) == prev["fingerprint"]:
            return None
    elif prev:
        done = prev["bytes"]
        if done > stop or fingerprint(path, done) != prev["fingerprint"]:
            if _is_correction(path, stop, prev):
                pass
            elif reused_name:
                generation += 1
            else:
                raise InboxFileError(
                    path,
                    "changed in lines that were already loaded, and is not a correction of them "
                    "(its first line differs or it has fewer lines); put the new data in a new file"
                    + started_again,
                )
        elif not whole:
            start, first_line = done, prev["lines"] + 1
    if start >= stop:
        return None
    read_again = prev is not None and start == 0 and generation == prev.get("generation", 1)
    return NewPart(
        path, _key(name, generation), start, first_line, stop, name, generation, read_again, document
    )


def _is_correction(path: Path, stop: int, prev: dict) -> bool:
    """Same first line and no fewer lines than were loaded: the same file, corrected."""
    return prev.get("head") == first_line_hash(path) and count_lines(path, 0, stop) >= prev["lines"]


def mark_done(part: NewPart, files_state: dict, lines: int | None = None) -> None:
    """The part read: its file's state says where the next read starts. ``lines``: the
    part's lines where the reader counted them already."""
    prev_lines = part.first_line - 1
    state = {
        "bytes": part.stop,
        "lines": prev_lines + (count_lines(part.path, part.start, part.stop) if lines is None else lines),
        "fingerprint": fingerprint(part.path, part.stop),
        "head": first_line_hash(part.path),
    }
    if part.generation > 1:
        state["generation"] = part.generation
    files_state[part.state_key or part.name] = state
