"""The published snapshot: the marts, copied into a file of their own and into Parquet,
each renamed into place, private, with nothing left of marts the project dropped."""

from __future__ import annotations

import stat

import duckdb

from orchestration.serving import publish_snapshot, snapshot_path_for


def _warehouse(path, rows: int, extra_mart: bool = False):
    con = duckdb.connect(str(path))
    con.execute("create schema marts; create schema staging")
    con.execute(f"create table marts.mart_a as select range as id from range({rows})")
    con.execute("create view marts.dim_b as select id * 2 as twice from marts.mart_a")
    con.execute("create table staging.stg_secret as select 'not for readers' as note")
    if extra_mart:
        con.execute("create table marts.mart_old as select 1 as one")
    con.close()


def test_the_marts_are_published_whole_and_private(tmp_path):
    warehouse = tmp_path / "autokpi.duckdb"
    _warehouse(warehouse, 3, extra_mart=True)
    first = publish_snapshot(warehouse)
    assert first.database == snapshot_path_for(warehouse) == tmp_path / "serving" / "autokpi_marts.duckdb"
    assert first.tables == ("dim_b", "mart_a", "mart_old")
    con = duckdb.connect(str(first.database), read_only=True)
    assert con.execute("select count(*), sum(twice) from marts.dim_b").fetchone() == (3, 6)
    assert (
        con.execute(
            "select count(*) from information_schema.tables where table_schema = 'staging'"
        ).fetchone()[0]
        == 0
    )
    con.close()
    assert sorted(p.name for p in first.parquet_dir.iterdir()) == [
        "dim_b.parquet",
        "mart_a.parquet",
        "mart_old.parquet",
    ]
    for path in [first.database, *first.parquet_dir.iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(first.parquet_dir.stat().st_mode) == 0o700

    # the next run: more rows, a mart gone; a reader of the old file keeps its snapshot
    reader = duckdb.connect(str(first.database), read_only=True)
    warehouse.unlink()
    _warehouse(warehouse, 5)
    second = publish_snapshot(warehouse)
    assert reader.execute("select count(*) from marts.mart_a").fetchone()[0] == 3
    reader.close()
    again = duckdb.connect(str(second.database), read_only=True)
    assert again.execute("select count(*) from marts.mart_a").fetchone()[0] == 5
    again.close()
    assert not (first.parquet_dir / "mart_old.parquet").exists()
    assert not [p for p in second.database.parent.rglob("*draft*")]


def test_a_reader_holding_the_warehouse_is_told_where_to_read_instead(tmp_path, capsys):
    """A BI tool pointed at the warehouse itself blocks runs: the run waits, then says to
    close it and where readers belong."""
    import subprocess
    import sys

    import pytest

    from orchestration.locking import WarehouseBusyError, warehouse_lock

    warehouse = tmp_path / "autokpi.duckdb"
    _warehouse(warehouse, 1)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True); "
         "print('open', flush=True); sys.stdin.read()", str(warehouse)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(WarehouseBusyError) as refused, warehouse_lock(warehouse, wait_seconds=1):
            pass
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    said = str(refused.value)
    assert "held by another process" in said and str(snapshot_path_for(warehouse)) in said
    assert str(snapshot_path_for(warehouse)) in capsys.readouterr().err


def _mart(warehouse, name: str, columns: str, values: str, rows: list[tuple]):
    """The warehouse's marts.<name>, written anew with these columns and rows."""
    con = duckdb.connect(str(warehouse))
    try:
        con.execute(f"create or replace table marts.{name} ({columns})")
        con.executemany(f"insert into marts.{name} values ({values})", rows)
    finally:
        con.close()


def _calls(warehouse, rows: list[tuple]):
    """The warehouse's fct_calls, written anew as these (call_id, talk_seconds, built_at[,
    local_date]) rows; a call's day is 2026-10-01 unless given."""
    columns = "call_id varchar, talk_seconds integer, built_at timestamp, local_date date"
    _mart(warehouse, "fct_calls", columns, "?, ?, ?, ?", [(*r, "2026-10-01")[:4] for r in rows])


def _published_calls(snapshot) -> list[tuple]:
    con = duckdb.connect(str(snapshot.database), read_only=True)
    try:
        return con.execute("select call_id, talk_seconds from marts.fct_calls order by 1").fetchall()
    finally:
        con.close()


def test_calls_built_since_the_last_snapshot_replace_their_copies(tmp_path):
    """fct_calls is rebuilt by call, each rebuilt row stamped: the snapshot takes those rows
    into its previous copy; after a full refresh that dropped a call it is copied whole."""
    warehouse = tmp_path / "autokpi.duckdb"
    _warehouse(warehouse, 1)
    _calls(warehouse, [("A", 10, "2026-10-01 06:00"), ("B", 20, "2026-10-01 06:00")])
    assert _published_calls(publish_snapshot(warehouse)) == [("A", 10), ("B", 20)]

    # the next day: B rebuilt with a late leg, C new; A's row was not rebuilt, so the
    # snapshot does not read it again (an edit behind dbt's back, here, shows it was not)
    _calls(
        warehouse,
        [("A", 11, "2026-10-01 06:00"), ("B", 25, "2026-10-02 06:00"), ("C", 5, "2026-10-02 06:00")],
    )
    snapshot = publish_snapshot(warehouse)
    assert _published_calls(snapshot) == [("A", 10), ("B", 25), ("C", 5)]
    parquet = duckdb.connect().execute(
        "select call_id, talk_seconds from read_parquet(?) order by 1",
        [str(snapshot.parquet_dir / "fct_calls" / "*.parquet")],
    )
    assert parquet.fetchall() == [("A", 10), ("B", 25), ("C", 5)]

    _calls(
        warehouse, [("B", 25, "2026-10-03 06:00"), ("C", 5, "2026-10-03 06:00")]
    )  # a full refresh: every row stamped anew, A gone
    assert _published_calls(publish_snapshot(warehouse)) == [("B", 25), ("C", 5)]

    # a corrected call record moved C's only leg into a new call D: C is dropped (no row
    # is stamped for it) and D built; the copy must not keep C
    _calls(warehouse, [("B", 25, "2026-10-03 06:00"), ("D", 5, "2026-10-04 06:00")])
    assert _published_calls(publish_snapshot(warehouse)) == [("B", 25), ("D", 5)]

    con = duckdb.connect(str(warehouse))  # a column added to the mart: copied whole, with it
    con.execute("alter table marts.fct_calls add column client_id varchar default 'K1'")
    con.close()
    snapshot = publish_snapshot(warehouse)
    con = duckdb.connect(str(snapshot.database), read_only=True)
    assert con.execute("select distinct client_id from marts.fct_calls").fetchall() == [("K1",)]
    con.close()


def _scored_calls(warehouse, rows: list[tuple]):
    """The warehouse's mart_call_quality, written anew as these (call_id, score, built_at) rows."""
    columns = "call_id varchar, score double, local_date date, built_at timestamp"
    _mart(warehouse, "mart_call_quality", columns, "?, ?, '2026-10-01', ?", rows)


def test_scored_calls_are_taken_by_key_and_published_as_one_file(tmp_path):
    """Every scored call's row and evidence was copied whole each day with new transcripts
    (1.5 s at 10 M calls): the snapshot takes the rows rebuilt since its last copy, as for
    the calls, and still publishes them as the one Parquet file their readers know."""
    warehouse = tmp_path / "autokpi.duckdb"
    _warehouse(warehouse, 1)
    _scored_calls(warehouse, [("K1", 0.5, "2026-10-01 06:00"), ("K2", 0.75, "2026-10-01 06:00")])
    publish_snapshot(warehouse)

    # the next day: K2 rebuilt (a dispute passed an item), K3 scored; K1 was not rebuilt, so
    # the snapshot does not read it again (an edit behind dbt's back shows it was not)
    _scored_calls(
        warehouse,
        [("K1", 0.6, "2026-10-01 06:00"), ("K2", 1.0, "2026-10-02 06:00"), ("K3", 0.25, "2026-10-02 06:00")],
    )
    snapshot = publish_snapshot(warehouse)
    published = [("K1", 0.5), ("K2", 1.0), ("K3", 0.25)]
    con = duckdb.connect(str(snapshot.database), read_only=True)
    copied = con.execute("select call_id, score from marts.mart_call_quality order by 1").fetchall()
    con.close()
    assert copied == published
    read = duckdb.connect()
    in_parquet = "select call_id, score from read_parquet(?) order by 1"
    one_file = str(snapshot.parquet_dir / "mart_call_quality.parquet")
    assert read.execute(in_parquet, [one_file]).fetchall() == published
    assert not (snapshot.parquet_dir / "mart_call_quality").exists()

    # K3's transcript taken back: its score is gone, and so is the copy's
    _scored_calls(warehouse, [("K1", 0.6, "2026-10-01 06:00"), ("K2", 1.0, "2026-10-02 06:00")])
    publish_snapshot(warehouse)
    assert read.execute(in_parquet, [one_file]).fetchall() == [("K1", 0.6), ("K2", 1.0)]


def _parquet_files(snapshot) -> dict[str, tuple[int, int]]:
    """Each Parquet file of the snapshot (``fct_calls/2026-10.parquet`` for a mart published
    by month) with its inode and modification time: a file written again has new ones."""
    return {
        p.relative_to(snapshot.parquet_dir).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in snapshot.parquet_dir.rglob("*.parquet")
    }


def test_a_mart_whose_rows_did_not_change_keeps_its_parquet(tmp_path):
    """A run with nothing new rewrote every Parquet file (2 s for fct_calls at 10 M calls):
    a mart whose rows are the same keeps its file; one whose rows changed, even with the
    same count, gets a new one."""
    warehouse = tmp_path / "autokpi.duckdb"
    _warehouse(warehouse, 3)
    _calls(warehouse, [("A", 10, "2026-10-01 06:00"), ("B", 20, "2026-10-01 06:00")])
    first = _parquet_files(publish_snapshot(warehouse))

    snapshot = publish_snapshot(warehouse)  # nothing changed
    assert _parquet_files(snapshot) == first
    assert _published_calls(snapshot) == [("A", 10), ("B", 20)]

    con = duckdb.connect(str(warehouse))  # one value of mart_a changed, B rebuilt
    con.execute("update marts.mart_a set id = 7 where id = 2")
    con.close()
    _calls(warehouse, [("A", 10, "2026-10-01 06:00"), ("B", 21, "2026-10-02 06:00")])
    snapshot = publish_snapshot(warehouse)
    now = _parquet_files(snapshot)
    assert {name for name in now if now[name] != first[name]} == {
        "mart_a.parquet",
        "dim_b.parquet",
        "fct_calls/2026-10.parquet",
    }
    read = duckdb.connect()
    assert read.execute(
        "select sum(id) from read_parquet(?)", [str(snapshot.parquet_dir / "mart_a.parquet")]
    ).fetchone() == (8,)
    assert read.execute(
        "select talk_seconds from read_parquet(?) where call_id = 'B'",
        [str(snapshot.parquet_dir / "fct_calls" / "2026-10.parquet")],
    ).fetchone() == (21,)
    assert _published_calls(snapshot) == [("A", 10), ("B", 21)]


def _facts(warehouse, rows: list[tuple]):
    """The warehouse's KPI facts, written anew as these (month, fact_id, numerator) rows."""
    columns = "month date, fact_id varchar, numerator decimal(38, 12)"
    _mart(warehouse, "fct_kpi_contributions", columns, "?, ?, ?", rows)


def _published_facts(snapshot) -> list[tuple]:
    con = duckdb.connect(str(snapshot.database), read_only=True)
    try:
        return con.execute(
            "select rowid, strftime(month, '%Y-%m'), fact_id, numerator "
            "from marts.fct_kpi_contributions order by fact_id"
        ).fetchall()
    finally:
        con.close()


def test_kpi_facts_are_taken_by_the_months_whose_rows_changed(tmp_path):
    """A day changes the open month's KPI facts: the snapshot replaces that month in its
    previous copy (the closed months' rows stay where they were, same row ids), adds a
    new month and drops one gone; the copy equals the warehouse's rows."""
    warehouse = tmp_path / "autokpi.duckdb"
    _warehouse(warehouse, 1)
    _facts(
        warehouse,
        [("2026-09-01", "S1", 1), ("2026-09-01", "S2", 1), ("2026-10-01", "O1", 1), ("2026-08-01", "G1", 1)],
    )
    before = {row[2]: row for row in _published_facts(publish_snapshot(warehouse))}

    # October's fact changed, November's came, August's went (rebuilt in another order: a
    # copy made whole would number September's rows anew)
    _facts(
        warehouse,
        [("2026-11-01", "N1", 1), ("2026-10-01", "O1", 2), ("2026-09-01", "S1", 1), ("2026-09-01", "S2", 1)],
    )
    after = {row[2]: row for row in _published_facts(publish_snapshot(warehouse))}
    assert {k: v[1:] for k, v in after.items()} == {
        "S1": ("2026-09", "S1", 1),
        "S2": ("2026-09", "S2", 1),
        "O1": ("2026-10", "O1", 2),
        "N1": ("2026-11", "N1", 1),
    }
    assert after["S1"] == before["S1"] and after["S2"] == before["S2"]  # September not rewritten


def _same_rows_in_parquet(snapshot, warehouse, table: str) -> bool:
    """The mart's rows are the rows of its month files, no more, no fewer."""
    con = duckdb.connect()
    con.execute("attach ? as warehouse (read_only)", [str(warehouse)])
    files = str(snapshot.parquet_dir / table / "*.parquet")
    mart = f"warehouse.marts.{table}"
    try:
        return con.execute(
            f"select (select count(*) from (from read_parquet(?) except all from {mart}))"
            f" + (select count(*) from (from {mart} except all from read_parquet(?)))",
            [files, files],
        ).fetchone() == (0,)
    finally:
        con.close()


def test_the_facts_that_grow_with_the_history_are_published_a_file_per_month(tmp_path):
    """fct_calls and the KPI facts as one Parquet file each were written again whole on
    every day that changed a call (2.2-2.7 s at 10 M calls, growing with the history): they
    are a folder with a file per month, and a run writes the months it changed: where a
    rebuilt call was and where it is now, a new month; a month left with no row loses its
    file. The single file a snapshot of before wrote goes."""
    warehouse = tmp_path / "autokpi.duckdb"
    _warehouse(warehouse, 1)
    _calls(
        warehouse,
        [
            ("A", 10, "2026-10-01 06:00", "2026-09-30"),
            ("B", 20, "2026-10-01 06:00"),
            ("C", 5, "2026-10-01 06:00"),
        ],
    )
    _facts(warehouse, [("2026-09-01", "S1", 1), ("2026-10-01", "O1", 1)])
    before_upgrade = tmp_path / "serving" / "parquet" / "fct_calls.parquet"
    before_upgrade.parent.mkdir(parents=True)
    before_upgrade.write_bytes(b"a snapshot of before wrote one file")
    snapshot = publish_snapshot(warehouse)
    first = _parquet_files(snapshot)
    assert sorted(name for name in first if "/" in name) == [
        "fct_calls/2026-09.parquet",
        "fct_calls/2026-10.parquet",
        "fct_kpi_contributions/2026-09.parquet",
        "fct_kpi_contributions/2026-10.parquet",
    ]
    assert not before_upgrade.exists()
    for folder in ("fct_calls", "fct_kpi_contributions"):
        assert _same_rows_in_parquet(snapshot, warehouse, folder)
        assert stat.S_IMODE((snapshot.parquet_dir / folder).stat().st_mode) == 0o700
    for name in first:
        assert stat.S_IMODE((snapshot.parquet_dir / name).stat().st_mode) == 0o600, name

    # a day: B rebuilt in October, D new in November; September's file is left as it was
    _calls(
        warehouse,
        [
            ("A", 10, "2026-10-01 06:00", "2026-09-30"),
            ("B", 25, "2026-11-01 06:00"),
            ("C", 5, "2026-10-01 06:00"),
            ("D", 7, "2026-11-01 06:00", "2026-11-01"),
        ],
    )
    _facts(warehouse, [("2026-09-01", "S1", 1), ("2026-10-01", "O1", 2), ("2026-11-01", "N1", 1)])
    snapshot = publish_snapshot(warehouse)
    second = _parquet_files(snapshot)
    assert {name for name in second if second[name] != first.get(name)} == {
        "fct_calls/2026-10.parquet",
        "fct_calls/2026-11.parquet",
        "fct_kpi_contributions/2026-10.parquet",
        "fct_kpi_contributions/2026-11.parquet",
    }
    assert _same_rows_in_parquet(snapshot, warehouse, "fct_calls")
    assert _same_rows_in_parquet(snapshot, warehouse, "fct_kpi_contributions")

    # a corrected record moves A's call from September to October: both months are written
    con = duckdb.connect(str(warehouse))
    con.execute(
        "update marts.fct_calls set local_date = '2026-10-02', built_at = '2026-11-02 06:00' "
        "where call_id = 'A'"
    )
    con.close()
    snapshot = publish_snapshot(warehouse)
    third = _parquet_files(snapshot)
    assert {name for name in third if third[name] != second.get(name)} == {"fct_calls/2026-10.parquet"}
    assert "fct_calls/2026-09.parquet" not in third  # September has no call left
    assert _same_rows_in_parquet(snapshot, warehouse, "fct_calls")

    # a file deleted by hand is written again; a run with nothing new writes nothing else
    (snapshot.parquet_dir / "fct_calls" / "2026-11.parquet").unlink()
    snapshot = publish_snapshot(warehouse)
    fourth = _parquet_files(snapshot)
    assert {name for name in fourth if fourth[name] != third.get(name)} == {"fct_calls/2026-11.parquet"}
    assert _same_rows_in_parquet(snapshot, warehouse, "fct_calls")

    # a mart dropped from the project takes its folder along; a folder someone else put
    # beside the marts' files is left alone
    con = duckdb.connect(str(warehouse))
    con.execute("drop table marts.fct_kpi_contributions")
    con.close()
    theirs = snapshot.parquet_dir / "notes"
    theirs.mkdir()
    (theirs / "readme.txt").write_text("mine")
    snapshot = publish_snapshot(warehouse)
    assert not (snapshot.parquet_dir / "fct_kpi_contributions").exists()
    assert (theirs / "readme.txt").read_text() == "mine"
