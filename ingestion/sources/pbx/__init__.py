"""PBX exports from the inbox: Asterisk ``cdr_csv`` call records and call transcripts.

Both are read incrementally (only bytes appended since the last load) and through Arrow,
so a 10-million-row Master.csv never becomes Python dicts. Lines that fail a row rule
land in ``asterisk_cdr_quarantine`` / ``transcripts_quarantine`` instead of the table.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import dlt

from core.private_files import inbox_files
from core.progress import Progress
from ingestion.sources.asterisk.helpers import read_cdr
from ingestion.sources.errors import InboxFileError
from ingestion.sources.file_parts import NewPart, mark_done, new_part
from ingestion.sources.files import (
    WRITE_AS_UTF8,
    FileTally,
    complete_size,
    content_digest,
    fingerprint,
    first_line_not_utf8,
    is_utf16,
    oldest_first,
    waiting_line,
)
from ingestion.sources.load_id import with_load_id
from ingestion.sources.load_log import load_log_item, log_entry
from ingestion.sources.pbx.json_calls import is_json_document
from ingestion.sources.pbx.settings import (
    ASTERISK_FOLDER,
    REUSED_CALL_RECORD_NAMES,
    TRANSCRIPTS_FOLDER,
    is_call_record_file,
    is_transcripts_file,
)
from ingestion.sources.pbx.transcripts import (
    read_transcripts,
    speaker_roles_key,
    stored_calls,
    to_arrow,
    withdrawal_log_item,
)
from ingestion.sources.quarantine import (
    clean_rows,
    quarantine_item,
    rejected_file_row,
    rows_withdrawn,
)
from ingestion.sources.read_ahead import read_ahead
from ingestion.sources.window import DataWindow


def _files(inbox: Path, folder: str, is_read) -> list[Path]:
    """The folder's files that ``is_read``, in the order they were written: of two identical
    ones, the later is the copy, named as the duplicate (ingestion/sources/files.py)."""
    return oldest_first(p for p in inbox_files(inbox / folder) if is_read(p))


def _name(inbox: Path, path: Path) -> str:
    return path.relative_to(inbox).as_posix()


# The version of each table's reader, raised when it comes to read files it refused before
# (2: CDR exports with a header, such as FreePBX's) or to read lines into other rows (3: a
# channel's id, "SIP/701-00003485", no longer read into a phone number: the leg kept no
# extension, and a number before an all-digit id stayed in clear; 4: an international
# number without '+' or 810, 375291234567 or 00375291234567, is pseudonymised, not kept
# in clear; 5: so are numbers in accountcode, userfield and peeraccount, which a dial plan
# fills as it likes). A file refused by an
# older reader is tried again once, without its having to be sent again; a call record
# file loaded by a reader older than CDR_ROWS_CHANGED_BY is read again whole once, as a
# corrected file is, its rows replacing the ones it gave before.
READER_VERSIONS = {"asterisk_cdr": 5, "transcripts": 1}
CDR_ROWS_CHANGED_BY = 5


def _already_rejected(path: Path, name: str, files_state: dict, table: str) -> bool:
    """A file refused before, unchanged since and by this reader, is not refused (and
    quarantined) again."""
    state = files_state.get(name, {})
    rejected = state.get("rejected")
    if rejected is None or state.get("rejected_by", 1) != READER_VERSIONS[table]:
        return False
    return rejected == fingerprint(path, path.stat().st_size)


def _reject(path: Path, name: str, files_state: dict, error: InboxFileError, table: str):
    """Record a refused file in quarantine and the load log, and go on with the next file."""
    error = error.named(name)
    previous = {k: v for k, v in files_state.get(name, {}).items() if k not in ("rejected", "rejected_by")}
    files_state[name] = {
        **previous,
        "rejected": fingerprint(path, path.stat().st_size),
        "rejected_by": READER_VERSIONS[table],
    }
    yield quarantine_item([rejected_file_row(name, error)], table)
    yield load_log_item(
        [log_entry(name, table, 0, 0, 0, getattr(error, "line", None), "rejected", str(error))]
    )


# what an empty file of each table lacks, and what to do (for its note in the load log)
_EMPTY_FILE = {
    "asterisk_cdr": "no call records; if the PBX had calls then, export them again",
    "transcripts": "no transcripts; if calls were transcribed then, send the file again",
}


def _empty_file_note(path: Path, name: str, files_state: dict, table: str):
    """A load-log line, once, for a file never loaded that is empty (an export that
    failed, or a day without calls): skipped in silence, it looked like a file that loaded."""
    state = files_state.setdefault(name, {})
    if "bytes" in state or "empty_said" in state or path.stat().st_size:
        return  # loaded before (nothing new is the usual case), said already, or not empty
    state["empty_said"] = True
    message = f"empty file: {_EMPTY_FILE[table]}"
    yield load_log_item([log_entry(name, table, 0, 0, 0, None, "empty", message)])


def _duplicate_of(path: Path, name: str, files_state: dict) -> str | None:
    """The file already loaded with the very same content as ``path`` (a Master.csv sent
    again under another name), or None. Records of files that only overlap are counted
    once by the models (int_call_legs)."""
    state = files_state.get(name, {})
    size = complete_size(path)
    if "duplicate_of" in state:
        if state.get("size") == size:
            return state["duplicate_of"]
        del files_state[name]  # it grew or changed: now a file of its own
        return None
    if set(state) - {"empty_said"} or size == 0:  # known (loaded or refused), or nothing to compare
        return None
    # only a file loaded with the very same size can be its copy: a new file of another size,
    # the usual case, is not read a second time for its digest (a gigabyte a month at 10 M calls)
    same_size = [other for other, s in files_state.items() if other != name and s.get("bytes") == size]
    if not same_size:
        return None
    digest = content_digest(path, size)
    for other in same_size:
        other_state = files_state[other]
        if other_state.get("sha256") == digest:
            generation = other_state.get("generation", 1)  # of the original's lines it holds
            files_state[name] = {
                "duplicate_of": other,
                "size": size,
                "sha256": digest,
                "generation": generation,
            }
            return other
    return None


def _copies_of_corrected_files(inbox: Path, files_state: dict):
    """A load-log line, once, for a copy set aside whose original was sent again corrected
    since (read again from its first line: its digest changed, which an appended line does
    not do). The copy holds the lines before the correction, so it stays out; but a fresh
    build would load it, and only its removal makes the two agree."""
    for name, state in files_state.items():
        original = files_state.get(state.get("duplicate_of"), {})
        now = original.get("sha256")
        if "sha256" not in state or now in (None, state["sha256"]) or state.get("corrected_said") == now:
            continue
        if original.get("generation", 1) != state.get("generation", 1):
            continue  # the original started again (rotated): the copy holds the lines before, loaded
        if not (inbox / name).is_file():  # removed already
            continue
        state["corrected_said"] = now
        message = (
            f"identical to {state['duplicate_of']} when it arrived, and that file was sent again "
            "corrected since: not loaded, as it holds the version before the correction; remove it "
            "from the inbox (a fresh build would load it), or give it a new name if it holds calls "
            "of its own"
        )
        yield load_log_item([log_entry(name, "asterisk_cdr", 0, 0, 0, None, "duplicate", message)])


# a Master.csv (or Master.csv.1) that logrotate rotated starts again under its name
STARTED_AGAIN = (
    "starts with other calls than were loaded from it before (rotated by logrotate): read as a file "
    "of its own; the calls loaded from it before still count, once where a file set aside holds them too"
)
# the load log says which call record files are exports, and that their ends are worked out
EXPORT_NOTE = "a CDR export: answer and end worked out from calldate, duration and billsec"
# any other file that starts again: the calls loaded from it stay
ROTATED = (
    " (if logrotate rotated it, give this one a name of its own, e.g. Master-2026-11-30.csv, and copy "
    "the file it set aside in under a name of its own too, e.g. Master-2026-11-23.csv: calls loaded "
    "before count once)"
)


# what to do with a PBX file saved as UTF-16, by table
UTF16_ADVICE = {
    "asterisk_cdr": 'as Excel saves "Unicode text"); send the Master.csv files as Asterisk\'s cdr_csv '
    "writes them in /var/log/asterisk/cdr-csv/",
    "transcripts": "as PowerShell 5 writes with > or Out-File); write it as UTF-8 (Out-File -Encoding utf8) "
    "and send it again",
}


def _refuse_utf16(path: Path, table: str) -> None:
    if is_utf16(path):
        raise InboxFileError(path, f"is UTF-16 text ({UTF16_ADVICE[table]}")


def _refuse_other_encodings(path: Path) -> None:
    """A transcripts file in another encoding than UTF-8 (a later line in one is quarantined
    by the reader): its words would be scored with every Russian letter replaced."""
    _refuse_utf16(path, "transcripts")
    where = first_line_not_utf8(path)
    if where:
        raise InboxFileError(
            path,
            f"is not UTF-8 text ({where}; a Windows tool writes Russian so in Windows-1251); {WRITE_AS_UTF8}",
            line=1,
        )


def _cdr_part(path: Path, name: str, files_state: dict) -> tuple[NewPart | None, bool]:
    """The part of a call-record file a run reads (None: nothing new), and whether the file
    was read by a reader older than CDR_ROWS_CHANGED_BY (then it is read again whole)."""
    _refuse_utf16(path, "asterisk_cdr")
    known = {k: v for k, v in files_state.items() if "bytes" in v}
    reused = bool(REUSED_CALL_RECORD_NAMES.search(path.name))
    older_reader = name in known and known[name].get("read_by", 1) < CDR_ROWS_CHANGED_BY
    return new_part(path, name, known, ROTATED, reused_name=reused, whole=older_reader), older_reader


def parts_of_new_lines(inbox: Path, files_state: dict) -> list[str] | None:
    """The names the call-record rows of a run will carry, when each part it reads holds
    only lines never loaded (a new file, lines appended to one): such rows replace none, so
    the load can append them (ingestion/appending_loads.py). None when a file is read again
    from its first line (a correction, or lines read by older rules): its rows replace
    those loaded before, and lines wrong now are withdrawn, through dlt's merge.
    ``files_state``: the resource's state as the run will find it; nothing is changed."""
    names = []
    for path in _files(inbox, ASTERISK_FOLDER, is_call_record_file):
        try:
            part, _ = _cdr_part(path, _name(inbox, path), files_state)
        except InboxFileError:
            continue  # refused in the run: it gives no rows
        except OSError:
            return None  # unreadable now: the run meets it and says so, merging as ever
        if part is None:
            continue
        if part.read_again:
            return None
        names.append(part.name)
    return names


@dlt.resource(name="asterisk_cdr", write_disposition="merge", primary_key=["_source_file", "_source_line"])
def asterisk_cdr(inbox_dir: str, window: DataWindow | None = None):
    """One row per CDR line, every field as text, with its file and line; lines dated
    outside ``window`` (ingestion/sources/window.py) are quarantined."""
    inbox = Path(inbox_dir)
    files_state = dlt.current.resource_state().setdefault("files", {})
    progress = Progress("reading call records")  # a first load of months of them: a minute or more
    for path in _files(inbox, ASTERISK_FOLDER, is_call_record_file):
        name = _name(inbox, path)
        if _already_rejected(path, name, files_state, "asterisk_cdr"):
            continue
        original = _duplicate_of(path, name, files_state)
        if original is not None:
            if files_state[name].get("reported") != files_state[name]["size"]:
                files_state[name]["reported"] = files_state[name]["size"]
                message = f"identical to {original}, which is loaded already: not loaded twice"
                yield load_log_item([log_entry(name, "asterisk_cdr", 0, 0, 0, None, "duplicate", message)])
            continue
        tally = None
        try:
            part, older_reader = _cdr_part(path, name, files_state)
            if part is None:
                yield from _empty_file_note(path, name, files_state, "asterisk_cdr")
                continue
            # the part's lines counted (and a whole file's digest taken) beside the reading
            tally = FileTally(path, part.start, part.stop, digest=part.start == 0 and not older_reader)
            # the next batches are read while dlt writes the last ones (read_ahead.py)
            batches = read_ahead(read_cdr(path, part.name, part.start, part.first_line, part.stop, window))
            first = next(batches, None)  # a file that is not cdr_csv fails here, before any row
        except InboxFileError as error:
            if tally is not None:
                tally.close()
            yield from _reject(path, name, files_state, error, "asterisk_cdr")
            continue
        # a corrected file read again from its first line: a line loaded before that is wrong
        # now leaves the raw table for its quarantine, so that the file's raw rows stay its
        # clean rows and nothing is counted from a version the file no longer holds
        read_again = part.read_again
        if part.started_again:
            note = log_entry(name, "asterisk_cdr", 0, 0, 0, None, "started_again", STARTED_AGAIN)
            yield load_log_item([note])
        clean = quarantined = blank = 0
        for batch in itertools.chain([first] if first else [], batches):
            clean += batch.clean.num_rows
            quarantined += len(batch.quarantined)
            blank += batch.blank_lines + batch.inner_breaks
            progress.advance(batch.clean.num_rows + len(batch.quarantined))
            rows = clean_rows(with_load_id(batch.clean))
            if rows.num_rows:
                yield rows
            if batch.quarantined:
                yield quarantine_item(batch.quarantined, "asterisk_cdr")
                if read_again:
                    wrong_now = [row["source_line"] for row in batch.quarantined]
                    keys = {"_source_file": [part.name] * len(wrong_now), "_source_line": wrong_now}
                    yield rows_withdrawn("asterisk_cdr", rows.schema, keys)
        rows_read = tally.lines() - blank  # records, not lines
        note = EXPORT_NOTE if first is not None and first.times_worked_out else None
        entry = log_entry(name, "asterisk_cdr", rows_read, clean, quarantined, part.first_line, message=note)
        yield load_log_item([entry])
        yield from _waiting_note(path, part, name, "asterisk_cdr")
        mark_done(part, files_state, lines=tally.lines())
        files_state[name]["read_by"] = READER_VERSIONS["asterisk_cdr"]
        # what the whole file held when first read: a resend is recognised
        if part.start == 0 and not older_reader:
            files_state[name]["sha256"] = tally.sha256()
    # after every file: an original corrected in this run is newer than its copy, so read after it
    yield from _copies_of_corrected_files(inbox, files_state)


# Of two rows of one call in a load, dlt keeps the later read: a hint on the transcripts'
# own rows only, not on the load log and quarantine the resource writes too (dlt warned on
# the screen of a dedup_sort hint it would ignore on the appended load log)
_LATER_READ_WINS = [{"name": "_read_order", "data_type": "bigint", "dedup_sort": "desc"}]


@dlt.resource(name="transcripts", write_disposition="merge", primary_key="call_id")
def transcripts(inbox_dir: str, warehouse: str = ""):
    """One row per transcribed call; segments kept as a JSON array for the scorer. Of a
    call in several files, the file written last counts (files are read in that order, and
    ``_read_order`` settles a call read twice in one run). A corrected file sent again
    takes back the calls it held before (as the raw table in ``warehouse`` has them) and
    no file read in this run holds: their transcripts leave the table, into the
    withdrawal log."""
    inbox = Path(inbox_dir)
    files_state = dlt.current.resource_state().setdefault("files", {})
    # the calls read in this run, but for a first load (no file can be read again then)
    held: set[str] | None = set() if files_state else None
    held_before: dict[str, dict[str, int]] = {}  # file read again -> its calls before, by line
    speakers = speaker_roles_key()
    for file_order, path in enumerate(_files(inbox, TRANSCRIPTS_FOLDER, is_transcripts_file)):
        name = _name(inbox, path)
        if _already_rejected(path, name, files_state, "transcripts"):
            continue
        # a file with lines set aside for their speakers, read since with other speaker roles:
        # read again whole, as a corrected file is, so that the roles given now take them in
        state = files_state.get(name, {})
        relabelled = "bytes" in state and state.get("speakers", speakers) != speakers
        known = {k: v for k, v in files_state.items() if "bytes" in v and not (k == name and relabelled)}
        try:
            _refuse_other_encodings(path)
            part = new_part(path, name, known, document=is_json_document(path))
        except InboxFileError as error:  # rewritten in lines already loaded: as call records are
            yield from _reject(path, name, files_state, error, "transcripts")
            continue
        if part is None:
            yield from _empty_file_note(path, name, files_state, "transcripts")
            continue
        if part.start == 0 and "bytes" in files_state.get(name, {}):
            held_before[name] = stored_calls(warehouse, name)
        clean = quarantined = 0
        for rows, bad in read_transcripts(part):
            clean += len(rows)
            quarantined += len(bad)
            if rows:
                latest = {r["call_id"]: r for r in rows}  # a call transcribed twice: last wins
                if held is not None:
                    held.update(latest)
                yield dlt.mark.with_hints(
                    clean_rows(with_load_id(to_arrow(list(latest.values()), file_order))),
                    dlt.mark.make_hints(table_name="transcripts", columns=_LATER_READ_WINS),
                    create_table_variant=True,
                )
            if bad:
                yield quarantine_item(bad, "transcripts")
        yield load_log_item(
            [log_entry(part.name, "transcripts", clean + quarantined, clean, quarantined, part.first_line)]
        )
        yield from _waiting_note(path, part, part.name, "transcripts")
        mark_done(part, files_state)
        if quarantined or (part.start > 0 and "speakers" in state):
            files_state[name]["speakers"] = speakers  # the roles its set-aside lines were read with
    # after every file: a call that moved to another file in this run is not taken back
    for name, before in held_before.items():
        withdrawn = {call_id: line for call_id, line in before.items() if call_id not in held}
        if withdrawn:
            schema = clean_rows(with_load_id(to_arrow([]))).schema
            yield rows_withdrawn("transcripts", schema, {"call_id": list(withdrawn)})
            yield withdrawal_log_item(name, withdrawn)


def _waiting_note(path: Path, part, name: str, table: str):
    """A load-log line when the file's last line has no line end yet (the PBX or the
    speech-to-text is still writing it): it loads with the next run, and the run says so."""
    waiting = waiting_line(path, part)
    if waiting:
        message = f"waiting for the rest of line {waiting} (no line end yet)"
        yield load_log_item([log_entry(name, table, 0, 0, 0, waiting, "waiting", message)])


@dlt.source(name="pbx_files", max_table_nesting=0)
def pbx_files(inbox_dir: str = dlt.config.value, window: DataWindow | None = None, warehouse: str = ""):
    """Call records and transcripts under ``<inbox>/pbx/`` (``warehouse``: where the
    transcripts a corrected file sent again takes back were loaded)."""
    return asterisk_cdr(inbox_dir, window), transcripts(inbox_dir, warehouse)
