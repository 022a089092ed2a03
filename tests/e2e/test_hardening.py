"""A whole run against hostile input: ids that are paths, links in the inbox, and what
the run leaves on disk (issue 20's findings 2, 3, 5 and 6)."""

from __future__ import annotations

import csv
import re
import shutil
import stat

import duckdb
import pytest

from tests.conftest import FIXTURES, make_inbox

pytestmark = pytest.mark.e2e


def test_everything_the_run_wrote_is_private(demo_run):
    _, warehouse = demo_run
    folder = warehouse.parent
    opened = [
        f"{p.relative_to(folder)} {stat.filemode(p.stat().st_mode)}"
        for p in [folder, *folder.rglob("*")]
        if not p.is_symlink() and p.stat().st_mode & 0o077 and p != folder
    ]
    assert opened == []
    assert (folder / "site" / "index.html").exists() and any((folder / "exports").iterdir())


def _clear_numbers(inbox) -> set[str]:
    """The national part (last ten digits) of every customer number the demo's files hold."""
    from core.phones import normalise

    found = set()
    with (inbox / "crm" / "clients.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            found |= {normalise(p) for p in re.split(r"[;,]", row["phones"]) if normalise(p)}
    for path in (inbox / "pbx" / "asterisk").glob("*.csv"):
        for fields in csv.reader(path.open(encoding="utf-8")):
            found |= {normalise(f) for f in fields[1:3] if normalise(f)}
    return {number[-10:] for number in found}


def _without_phone_punctuation(value: str) -> str:
    """A number written "+7 (905) 000-01-19" is searched as 79050000119, so formatting
    cannot hide it. Only a phone's own punctuation goes: letters stay, so the digits of a
    hex hash (7ff5c46a...) are never joined into a number that was never stored."""
    return re.sub(r"[\s()+\-.]", "", value)


def test_no_customer_number_is_stored_in_clear(demo_run, demo_inbox):
    """Every table the run wrote, and every file beside the warehouse, is searched for the
    demo's customer numbers: none is there; the masked tails are."""
    _, warehouse = demo_run
    numbers = _clear_numbers(demo_inbox)
    assert len(numbers) > 50
    pattern = re.compile("|".join(numbers))
    hits = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where data_type = 'VARCHAR'"
        ).fetchall()
        for schema, table, column in columns:
            values = con.execute(f'select distinct "{column}" from "{schema}"."{table}"').fetchall()
            clear = [v for (v,) in values if v and pattern.search(_without_phone_punctuation(v))]
            hits += [f"{schema}.{table}.{column}: {clear[0]}"] if clear else []
        masked = con.execute("select count(*) from marts.fct_calls where client_phone_masked like '+%'")
        assert masked.fetchone()[0] > 0
    for path in warehouse.parent.rglob("*"):
        if path.is_file() and not path.name.startswith(warehouse.name):
            text = path.read_bytes().decode("utf-8", "replace")
            hits += [str(path.relative_to(warehouse.parent)) for _ in [1] if pattern.search(text)]
    assert sorted(set(hits)) == []


def test_loaded_rows_leave_dlts_folders_and_staging(demo_run):
    """Once in the warehouse, no copy of the rows (phone numbers, transcripts) stays behind."""
    _, warehouse = demo_run
    dlt_folders = list(warehouse.parent.glob(".*.dlt"))
    assert dlt_folders
    data_files = [
        p.name
        for folder in dlt_folders
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in {".parquet", ".csv", ".jsonl", ".gz", ".typed-jsonl"}
    ]
    assert data_files == []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        staged = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema like '%_staging' and table_name not like '_dlt%'"
        ).fetchall()
        rows = {f"{s}.{t}": con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0] for s, t in staged}
    assert staged and set(rows.values()) == {0}, rows


def test_an_employee_id_that_is_a_path_writes_inside_the_site(demo_run, tmp_path):
    from dashboards.build import build_site

    _, warehouse = demo_run
    copy = tmp_path / "autokpi.duckdb"
    shutil.copy(warehouse, copy)
    hostile = "../../../pwned/E4"
    with duckdb.connect(str(copy)) as con:
        employee = con.execute(
            "select employee_id from marts.mart_bonus_monthly order by 1 limit 1"
        ).fetchone()[0]
        for table in ("dim_employee", "mart_bonus_monthly", "mart_bonus_statements", "mart_kpi_monthly"):
            con.execute(
                f"update marts.{table} set employee_id = ? where employee_id = ?", [hostile, employee]
            )
    site = tmp_path / "deep" / "er" / "site"
    build_site(copy, site, per_employee_files=True)
    assert not (tmp_path / "pwned").exists() and not (tmp_path / "deep" / "pwned").exists()
    written = [p for p in site.rglob("*.html") if "pwned" in p.name]
    assert written and all(p.resolve().is_relative_to(site.resolve()) for p in written)
    month = written[0].parent.name
    bonus_page = (site / "en" / f"bonus-{month}.html").read_text(encoding="utf-8")
    assert f'href="statements/{month}/{written[0].name}"' in bonus_page  # the link finds it


def test_a_link_in_the_inbox_is_skipped_with_a_warning_and_its_target_never_read(tmp_path):
    from orchestration.run import run_pipeline

    secret = tmp_path / "secrets.toml"
    secret.write_text('[sources.bitrix24]\nwebhook_token = "tok-4f1c-never-in-the-warehouse"\n')
    inbox = make_inbox(tmp_path, [FIXTURES / "asterisk" / "smallcdr.csv"])
    transcripts = inbox / "pbx" / "transcripts"
    transcripts.mkdir(parents=True)
    (transcripts / "calls.jsonl").symlink_to(secret)
    warehouse = tmp_path / "warehouse" / "autokpi.duckdb"
    summary = run_pipeline(inbox, warehouse, quiet=True)
    assert any("calls.jsonl: a symbolic link, not read" in w for w in summary.warnings)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables where table_schema like 'raw%'"
        ).fetchall()
        for schema, table in tables:
            hits = con.execute(
                f"select count(*) from {schema}.{table} t where cast(t as varchar) like '%tok-4f1c%'"
            )
            assert hits.fetchone()[0] == 0, f"{schema}.{table}"
