"""Secrets set in the environment never reach the logs, the run's metadata or the warehouse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ASTERISK_SAMPLES, make_inbox

pytestmark = pytest.mark.e2e

SECRETS = {
    # the forms dlt and dbt read secrets from, and the ones autokpi's targets use
    "SOURCES__ZADARMA__API_SECRET": "zadarma-secret-5f1c9e",
    "SOURCES__BITRIX24__WEBHOOK_TOKEN": "bitrix-token-8a7d2b",
    "SOURCES__AMOCRM__ACCESS_TOKEN": "amo-token-3e9f40",
    "DESTINATION__POSTGRES__CREDENTIALS__PASSWORD": "pg-password-c41d7a",
    "AUTOKPI_PG_PASSWORD": "pg-password-c41d7a",
}


def _text_in_files(root: Path) -> str:
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace")
        for p in root.rglob("*")
        if p.is_file() and p.suffix != ".wal"
    )


def _text_in_warehouse(warehouse: Path) -> str:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        columns = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where data_type = 'VARCHAR'"
        ).fetchall()
        return "\n".join(
            str(v[0])
            for s, t, c in columns
            for v in con.execute(f'select distinct "{c}" from {s}.{t}').fetchall()
        )
    finally:
        con.close()


def test_secrets_in_the_environment_are_never_written(tmp_path, dbt_manifest):
    inbox = make_inbox(tmp_path, [ASTERISK_SAMPLES / "smallcdr.csv"])
    warehouse = tmp_path / "w" / "autokpi.duckdb"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "orchestration.cli",
            "run",
            "--inbox",
            str(inbox),
            "--warehouse",
            str(warehouse),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, **SECRETS},
        timeout=900,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "rows per mart" in run.stdout  # the run did its work, with its usual logs
    written = "\n".join(
        [run.stdout, run.stderr, _text_in_files(warehouse.parent), _text_in_warehouse(warehouse)]
    )
    dbt_logs = Path(dbt_manifest).parent.parent / "logs"
    if dbt_logs.exists():
        written += _text_in_files(dbt_logs)
    for name, value in SECRETS.items():
        assert value not in written, f"{name} leaked"
