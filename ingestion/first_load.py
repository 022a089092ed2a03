"""The first load of the call records appends instead of merging.

``raw_pbx.asterisk_cdr`` is merged on (file, line) so a corrected file sent again replaces
the lines it corrects. Into a table that holds no row yet there is nothing to replace, and
a run reads each line of each file once, so appending gives the same table without dlt's
merge through a staging copy: at 10 M call records the first load takes 112 s instead of
about 200 s, and half the memory (bench/README.md, "Speed"). Later loads merge as before.

Appending loses one guarantee of the merge: a load job that committed just before the
process was killed, and is loaded again when dlt finishes the interrupted package in the
next run, would add its lines twice. So after an appending load, and after a load that
finished an interrupted one, the table is checked for a line held twice and the repeats
(the same line of the same file, loaded again) are deleted.

The file source on DuckDB only: the server target and the API sources merge as before.
"""

from __future__ import annotations

from pathlib import Path

import dlt

from core.warehouse import connect, target

SOURCE, TABLE, KEY = "pbx_files", "asterisk_cdr", ("_source_file", "_source_line")


def applies(source_name: str) -> bool:
    return source_name == SOURCE and target() == "duckdb"


def appends_first_load(
    source_name: str, source: dlt.sources.DltSource, dataset: str, warehouse: Path
) -> bool:
    """Set the call records to append in this run when their raw table holds no row yet;
    True when it did."""
    if not applies(source_name):
        return False
    if warehouse.exists():
        with connect(warehouse) as con:
            exists = con.table_exists(dataset, TABLE)
            if exists and con.execute(f"select 1 from {dataset}.{TABLE} limit 1").fetchone():
                return False
    source.resources[TABLE].apply_hints(write_disposition="append")
    return True


def drop_repeated_lines(dataset: str, warehouse: Path) -> int:
    """Delete the second copy of a line loaded twice (see the module's docstring); the
    number deleted."""
    key, table = ", ".join(KEY), f"{dataset}.{TABLE}"
    with connect(warehouse, read_only=False) as con:
        if not con.table_exists(dataset, TABLE):  # no call records in the inbox yet: no table
            return 0
        repeated = con.execute(
            f"select count(*) from (select {key} from {table} group by {key} having count(*) > 1)"
        ).fetchone()[0]
        if not repeated:
            return 0
        before = con.execute(f"select count(*) from {table}").fetchone()[0]
        order = f"partition by {key} order by _dlt_load_id, rowid"
        copies = f"select rowid, row_number() over ({order}) as copy from {table}"
        con.execute(f"delete from {table} where rowid in (select rowid from ({copies}) where copy > 1)")
        return before - con.execute(f"select count(*) from {table}").fetchone()[0]
