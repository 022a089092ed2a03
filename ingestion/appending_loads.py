"""Loads of call records that hold only new lines append instead of merging.

``raw_pbx.asterisk_cdr`` is merged on (file, line) so a corrected file sent again replaces
the lines it corrects. A load whose rows are all lines never loaded — the first load into an
empty table, and the usual day (a new file, or lines appended to one) — has nothing to
replace: appending gives the same table without dlt's merge through a staging copy, which
at 10 M call records took 200 s for the first load (112 s appending), and a day's 150 k rows
4.2-4.5 s to load (3.1-3.5 s appending), deleting by their keys among ten million
(bench/README.md, "Speed"). Whether a run's rows are all new is read from the files and the resource's state
before the run, as the run will read them (``parts_of_new_lines``); a file read again from its
first line (a correction) makes the load merge, as before.

Appending loses one guarantee of the merge: a load job that committed just before the
process was killed, and is loaded again when dlt finishes the interrupted package in the
next run, would add its lines twice. So after an appending load (among the files it read),
and after a load that finished an interrupted one (the whole table), a line held twice is
looked for and the repeats (the same line of the same file, loaded again) are deleted.

The file source on DuckDB only: the server target and the API sources merge as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import dlt

from core.warehouse import connect, target
from ingestion.sources.pbx import parts_of_new_lines

SOURCE, TABLE, KEY = "pbx_files", "asterisk_cdr", ("_source_file", "_source_line")


@dataclass(frozen=True)
class Appending:
    """A load that appends its call records, and the files whose rows it adds (None: a
    first load, every file)."""

    files: tuple[str, ...] | None


def applies(source_name: str) -> bool:
    return source_name == SOURCE and target() == "duckdb"


def _files_state(pipeline: dlt.Pipeline) -> dict:
    """The call-record resource's file state as the run will start from it: dlt's run first
    takes the warehouse's copy of the state where it is newer than the one kept here (a
    folder restored from a backup), and so does this."""
    pipeline.sync_destination()
    resources = pipeline.state.get("sources", {}).get(SOURCE, {}).get("resources", {})
    return resources.get(TABLE, {}).get("files", {})


def appends(
    source_name: str,
    source: dlt.sources.DltSource,
    pipeline: dlt.Pipeline,
    dataset: str,
    inbox: Path,
    warehouse: Path,
) -> Appending | None:
    """Set the call records to append in this run when their raw table holds no row yet or
    every line the run reads is new, and say so; None when the load merges."""
    if not applies(source_name):
        return None
    empty = True
    if warehouse.exists():
        with connect(warehouse) as con:
            exists = con.table_exists(dataset, TABLE)
            empty = not (exists and con.execute(f"select 1 from {dataset}.{TABLE} limit 1").fetchone())
    files: tuple[str, ...] | None = None
    if not empty:
        state = _files_state(pipeline)
        # rows that no file's state accounts for (a state lost): what replaces what is unknown
        new = parts_of_new_lines(inbox, state) if state else None
        if new is None:
            return None
        files = tuple(new)
    source.resources[TABLE].apply_hints(write_disposition="append")
    return Appending(files)


def drop_repeated_lines(dataset: str, warehouse: Path, files: tuple[str, ...] | None = None) -> int:
    """Delete the second copy of a line loaded twice (see the module's docstring), among the
    rows of ``files`` (every file's when None: rows are written file by file, so naming the
    files lets DuckDB skip the others' row groups); the number deleted."""
    if files == ():
        return 0
    key, table = ", ".join(KEY), f"{dataset}.{TABLE}"
    with connect(warehouse, read_only=False) as con:
        if not con.table_exists(dataset, TABLE):  # no call records in the inbox yet: no table
            return 0
        among, params = "", []
        if files:
            among, params = f"where _source_file in ({', '.join('?' * len(files))})", list(files)
        repeated = con.execute(
            f"select count(*) from (select {key} from {table} {among} group by {key} having count(*) > 1)",
            params,
        ).fetchone()[0]
        if not repeated:
            return 0
        before = con.execute(f"select count(*) from {table}").fetchone()[0]
        order = f"partition by {key} order by _dlt_load_id, rowid"
        copies = f"select rowid, row_number() over ({order}) as copy from {table} {among}"
        con.execute(
            f"delete from {table} where rowid in (select rowid from ({copies}) where copy > 1)", params
        )
        return before - con.execute(f"select count(*) from {table}").fetchone()[0]
