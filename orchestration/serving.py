"""The published snapshot: what BI tools, Excel and the portal read instead of the warehouse.

DuckDB lets one process write a file and blocks it while any other process holds it,
so a BI tool holding the warehouse open would stop the next run. After every good run the
marts (``dim_*``, ``fct_*``, ``mart_*``) are copied into a file of their own,
``serving/<warehouse name>_marts.duckdb``, and as one Parquet file per mart in
``serving/parquet/``, each written under a temporary name and renamed into place. A
reader that holds the old snapshot open keeps seeing it, whole, until it reopens; a run
never waits for it. The new file starts as a copy of the old one, so a mart dbt rebuilds
by key (``fct_calls``) takes only the rows rebuilt since, the KPI facts only the months
whose rows changed; the others are copied whole when their rows changed. A mart whose
rows did not change keeps its Parquet file as it was. The two facts that grow with the
history (``fct_calls``, ``fct_kpi_contributions``) are published as a folder with a file
per month, ``serving/parquet/<mart>/<YYYY-MM>.parquet``, and a run writes only the months
whose rows it changed: a day's calls, not every call of the history, each day.

On PostgreSQL readers use the server itself: the ``autokpi_reader`` role is granted the
marts schema and nothing else (dbt's on-run-end hook), so there is nothing to publish.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from core.paths import snapshot_path_for
from core.private_files import private_umask, share, tighten
from core.warehouse import duckdb_memory_limit


@dataclass(frozen=True)
class Snapshot:
    database: Path
    parquet_dir: Path
    tables: tuple[str, ...]


def publish_snapshot(warehouse: Path) -> Snapshot:
    """Copy every table and view of the warehouse's ``marts`` schema into the snapshot
    file and into Parquet, atomically per file. Call it while holding the run's lock."""
    final = snapshot_path_for(warehouse)
    serving, parquet_dir = final.parent, final.parent / "parquet"
    draft = serving / f".{final.name}.{os.getpid()}.draft"
    # as private as the warehouse: the user's alone, or AUTOKPI_SHARE_GROUP's to read
    with private_umask():
        parquet_dir.mkdir(parents=True, exist_ok=True)
        tighten([serving])
        tables = _write(warehouse, draft, final, parquet_dir)
    share(serving)
    return Snapshot(final, parquet_dir, tables)


# Marts dbt builds incrementally, by key, stamping the rows it rebuilt with built_at: the
# snapshot takes only those rows into its previous copy (a day of calls, not 10 M of them:
# 4 s at 10 M calls), and the whole table when the counts then disagree (a full refresh).
# fct_calls is published by month too (PUBLISHED_BY_MONTH): the months of the rows it took
# are the files to write.
UPDATED_BY_KEY = {"fct_calls": "call_id", "mart_call_quality": "call_id"}
# Marts whose changed rows are taken month by month into the previous copy: a day changes
# the open month's KPI facts, not the closed months'. Copied whole, the 4.7 M rows of four
# months at 10 M calls took 1.1-1.8 s, more with every month of history; by month, about
# the same at four months (two passes of row hashes), and it no longer grows with them.
UPDATED_BY_MONTH = {"fct_kpi_contributions": "month"}
# Marts published as one Parquet file per month (the column that dates a row): the facts
# that grow with the history. As one file, fct_calls was written again whole on every day
# that changed a call: 2.2-2.7 s a day at 10 M calls (and 0.9 s for the KPI facts), more
# with every month kept; a day now writes its month's file.
PUBLISHED_BY_MONTH = {"fct_calls": "local_date", "fct_kpi_contributions": "month"}
# The column that dates a row, of the marts updated by key or published by month: the
# months a run changed are those of the rows it took. The scored calls (with every call's
# evidence) are taken by key, a day's instead of all of them (1.5 s a day at 10 M calls),
# and still published as one Parquet file, the layout their readers know.
DATED_BY = {**PUBLISHED_BY_MONTH, "mart_call_quality": "local_date"}

# The months (first days; None for rows without a date) whose rows a run changed; ALL:
# every one (the copy was made whole).
Months = frozenset
ALL = None


def _write(warehouse: Path, draft: Path, final: Path, parquet_dir: Path) -> tuple[str, ...]:
    """Write the snapshot and the Parquet files; the names of the marts written."""
    import duckdb

    for leftover in (draft, draft.with_name(draft.name + ".wal")):
        leftover.unlink(missing_ok=True)
    try:
        if final.is_file():  # the previous snapshot, to update: readers keep the original
            shutil.copyfile(final, draft)
        # the warehouse's memory cap: unless told, DuckDB takes 80 % of the machine, and the
        # snapshot is written beside the site and the exports (orchestration/assets/outputs.py)
        con = duckdb.connect(str(draft), config={"memory_limit": duckdb_memory_limit()})
        try:
            con.execute("attach ? as warehouse (read_only)", [str(warehouse)])
            tables = tuple(
                name
                for (name,) in con.execute(
                    "select table_name from information_schema.tables "
                    "where table_catalog = 'warehouse' and table_schema = 'marts' order by table_name"
                ).fetchall()
            )
            con.execute("create schema if not exists marts")
            for (stale,) in con.execute(
                "select table_name from information_schema.tables where table_catalog = current_database() "
                "and table_schema = 'marts'"
            ).fetchall():
                if stale not in tables:
                    con.execute(f'drop table marts."{stale}"')
            for table in tables:
                months = _update_by_key(con, table)
                if months is ALL:
                    months = _update_by_month(con, table)
                if months is ALL:  # neither by key nor by month: copied whole, unless the same
                    if _same_as_before(con, table):
                        months = Months()
                    else:
                        whole = f'select * from warehouse.marts."{table}"'
                        con.execute(f'create or replace table marts."{table}" as {whole}')
                if table in PUBLISHED_BY_MONTH:
                    _write_months(con, table, parquet_dir, months)
                    continue
                if months == Months() and (parquet_dir / f"{table}.parquet").is_file():
                    continue  # its Parquet holds these very rows
                _write_parquet(con, f'select * from marts."{table}"', parquet_dir / f"{table}.parquet")
            con.execute("detach warehouse")
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(draft, final)
    finally:
        draft.unlink(missing_ok=True)
    # a mart dropped from the project leaves no stale Parquet behind; one published by month
    # leaves no single file of before
    for stale in parquet_dir.glob("*.parquet"):
        if stale.stem not in tables or stale.stem in PUBLISHED_BY_MONTH:
            stale.unlink()
    for stale in parquet_dir.iterdir():
        if stale.name not in tables and _holds_month_files_only(stale):
            shutil.rmtree(stale)
    return tables


def _write_parquet(con, query: str, path: Path) -> None:
    """The rows of ``query`` as the Parquet file ``path``, written beside it and renamed
    into place: a reader sees the old file or the new one, whole."""
    draft = path.with_name(f".{path.name}.{os.getpid()}.draft")
    quoted = str(draft).replace("'", "''")
    con.execute(f"copy ({query}) to '{quoted}' (format parquet)")
    os.replace(draft, path)


def _holds_month_files_only(folder: Path) -> bool:
    """A folder of a mart published by month, as this module writes one: nothing but
    Parquet files in it (a folder someone put beside them is left alone)."""
    if not folder.is_dir() or folder.is_symlink():
        return False
    return all(p.suffix == ".parquet" and p.is_file() and not p.is_symlink() for p in folder.iterdir())


def _month_of(table: str) -> str:
    return f"cast(date_trunc('month', \"{DATED_BY[table]}\") as date)"


def _month_file(month) -> str:
    return "undated.parquet" if month is None else f"{month:%Y-%m}.parquet"


def _write_months(con, table: str, parquet_dir: Path, months: Months | None) -> None:
    """Publish a mart as ``<mart>/<YYYY-MM>.parquet``: the files of the months a run
    changed (every month when ``months`` is ALL) and of any month whose file is missing;
    the file of a month the mart no longer has is removed."""
    folder = parquet_dir / table
    folder.mkdir(exist_ok=True)
    month = _month_of(table)
    present = {m for (m,) in con.execute(f'select distinct {month} from marts."{table}"').fetchall()}
    for m in present:
        path = folder / _month_file(m)
        if months is ALL or m in months or not path.is_file():
            which = "is null" if m is None else f"= date '{m.isoformat()}'"
            _write_parquet(con, f'select * from marts."{table}" where {month} {which}', path)
    kept = {_month_file(m) for m in present}
    for stale in folder.glob("*.parquet"):
        if stale.name not in kept:
            stale.unlink()


def _columns(con, catalog: str, table: str) -> list[tuple[str, str]]:
    return con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_catalog = ? and table_schema = 'marts' and table_name = ? order by ordinal_position",
        [catalog, table],
    ).fetchall()


def _columns_of_both(con, table: str) -> list[tuple[str, str]] | None:
    """The mart's columns when the previous snapshot has a copy with the very same ones,
    else None: the copy can then only be replaced whole."""
    (snapshot_db,) = con.execute("select current_database()").fetchone()
    ours, theirs = _columns(con, snapshot_db, table), _columns(con, "warehouse", table)
    return theirs if ours and ours == theirs else None


def _same_as_before(con, table: str) -> bool:
    """The previous snapshot's copy of a mart copied whole holds the warehouse's rows
    already: the same columns, rows and sum of row hashes (0.1 s for 4.7 M rows, where
    copying them and writing their Parquet took 1.9 s)."""
    if _columns_of_both(con, table) is None:
        return False
    fingerprint = "select count(*), sum(hash(t)) from {} as t"
    (mine,) = con.execute(fingerprint.format(f'marts."{table}"')).fetchall()
    (yours,) = con.execute(fingerprint.format(f'warehouse.marts."{table}"')).fetchall()
    return mine == yours


def _update_by_key(con, table: str) -> Months | None:
    """Bring the previous snapshot's copy of an incrementally built mart up to date with
    the rows built since; the months of the rows it replaced and took (none when no row
    was rebuilt), or ALL when it has to be copied whole (no copy yet, other columns, or the
    counts disagree afterwards)."""
    key = UPDATED_BY_KEY.get(table)
    if key is None:
        return ALL
    columns = _columns_of_both(con, table)
    if columns is None or ("built_at", "TIMESTAMP") not in columns:
        return ALL
    mart, copy = f'warehouse.marts."{table}"', f'marts."{table}"'
    newer = f"select * from {mart} where built_at > (select coalesce(max(built_at), '-infinity') from {copy})"
    con.execute(f"create or replace temp table rebuilt as {newer}")
    months = Months()
    if con.execute("select count(*) from rebuilt").fetchone()[0]:
        month = _month_of(table)  # where each row was and where it is now
        touched = f'select {month} from {copy} where "{key}" in (select "{key}" from rebuilt)'
        months = Months(m for (m,) in con.execute(f"{touched} union select {month} from rebuilt").fetchall())
        con.execute(f'delete from {copy} where "{key}" in (select "{key}" from rebuilt)')
        con.execute(f"insert into {copy} select * from rebuilt")
    con.execute("drop table rebuilt")
    (same,) = con.execute(f"select (select count(*) from {copy}) = (select count(*) from {mart})").fetchone()
    return months if same else ALL


def _update_by_month(con, table: str) -> Months | None:
    """Replace in the previous snapshot's copy of a mart taken by month the months whose
    rows differ (count or sum of row hashes), months gone included; those months, or ALL
    when it has to be copied whole (no copy yet, other columns, a month that is null, or
    the counts disagree afterwards)."""
    month = UPDATED_BY_MONTH.get(table)
    if month is None or _columns_of_both(con, table) is None:
        return ALL
    mart, copy = f'warehouse.marts."{table}"', f'marts."{table}"'
    for name, source in (("months_ours", copy), ("months_theirs", mart)):
        con.execute(
            f'create or replace temp table "{name}" as '
            f'select "{month}" as month, count(*) as n, sum(hash(t)) as h from {source} as t group by 1'
        )
    months = con.execute(
        "select month from (select * from months_ours except select * from months_theirs) "
        "union select month from (select * from months_theirs except select * from months_ours)"
    ).fetchall()
    # the mart's rows, counted with its months: counting the mart again evaluated the view
    # once more (0.44 s of every run at 10 M calls, demo shape)
    (theirs,) = con.execute("select coalesce(sum(n), 0) from months_theirs").fetchone()
    con.execute("drop table months_ours; drop table months_theirs")
    if (None,) in months:
        return ALL  # a null month cannot be picked out
    changed = [m for (m,) in months]
    if changed:
        con.execute(f'delete from {copy} where list_contains(?, "{month}")', [changed])
        con.execute(f'insert into {copy} select * from {mart} where list_contains(?, "{month}")', [changed])
    (ours,) = con.execute(f"select count(*) from {copy}").fetchone()
    return Months(date(m.year, m.month, 1) for m in changed) if ours == theirs else ALL
