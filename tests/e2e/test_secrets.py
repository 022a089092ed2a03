"""Secrets set in the environment never reach the logs, the run's metadata or the warehouse."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import duckdb
import pytest

from core.ports import free_port
from tests.conftest import ASTERISK_SAMPLES, cli_run, make_inbox
from tests.stand_ins.bitrix24 import Bitrix24StandIn
from tests.stand_ins.zadarma import ZadarmaStandIn

pytestmark = pytest.mark.e2e

SECRETS = {
    # used by the run below: the Zadarma and Bitrix24 stand-ins accept only these
    "SOURCES__ZADARMA__API_SECRET": "zadarma-secret-5f1c9e",
    "BITRIX_TOKEN": "bitrix-token-8a7d2b",
    # set but unused in this run: they must not be echoed either
    "SOURCES__AMOCRM__ACCESS_TOKEN": "amo-token-3e9f40",
    "DESTINATION__POSTGRES__CREDENTIALS__PASSWORD": "pg-password-c41d7a",
}


def _count(warehouse: Path, table: str) -> int:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(f"select count(*) from {table}").fetchone()[0]
    finally:
        con.close()


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
    call = {"call_id": "z1", "sip": "101", "callstart": "2026-10-01 10:00:00", "clid": "+79160000001",
            "destination": "101", "disposition": "answered", "seconds": 30, "pbx_call_id": "p1",
            "_direction": "in"}  # fmt: skip
    empty = ["crm.deal.list", "catalog.product.list", "crm.company.list", "crm.contact.list"]
    crm_tables = {"user.get": [{"ID": "1", "NAME": "Анна"}], **{name: [] for name in empty}}
    with (
        ZadarmaStandIn([call], api_secret=SECRETS["SOURCES__ZADARMA__API_SECRET"]) as pbx,
        Bitrix24StandIn(token=SECRETS["BITRIX_TOKEN"], **crm_tables) as crm,
    ):
        env = {
            **os.environ,
            **SECRETS,
            "AUTOKPI__API_SOURCES": '["zadarma", "bitrix24_crm"]',
            "SOURCES__ZADARMA__API_KEY": pbx.api_key,
            "SOURCES__ZADARMA__BASE_URL": pbx.url,
            "SOURCES__ZADARMA__INITIAL_START": "2026-09-15 00:00:00",
            "SOURCES__ZADARMA__MIN_INTERVAL_SECONDS": "0",
            "SOURCES__BITRIX24_CRM__WEBHOOK_URL": crm.webhook_url,
            "SOURCES__BITRIX24_CRM__MIN_INTERVAL_SECONDS": "0",
        }
        run = subprocess.run(cli_run(inbox, warehouse), capture_output=True, text=True, env=env, timeout=900)
        assert pbx.requests and crm.requests  # the secrets were used
    assert run.returncode == 0, run.stderr[-2000:]
    assert "rows per mart" in run.stdout  # the run did its work, with its usual logs
    assert _count(warehouse, "raw_pbx.asterisk_cdr where _source_file = 'zadarma:z1'") == 1
    assert _count(warehouse, "raw_crm.users") == 1
    written = "\n".join(
        [run.stdout, run.stderr, _text_in_files(warehouse.parent), _text_in_warehouse(warehouse)]
    )
    dbt_logs = Path(dbt_manifest).parent.parent / "logs"
    if dbt_logs.exists():
        written += _text_in_files(dbt_logs)
    for name, value in SECRETS.items():
        assert value not in written, f"{name} leaked"


FAILING = {
    # each source fails its own way; every value below must stay off disk and screen
    "bitrix24_crm": "bitrix-crm-token-71c0ab",  # refused: the stand-in expects another token
    "bitrix24_telephony": "bitrix-tel-token-2d9e44",  # connection refused: nothing listens
    "zadarma": "zadarma-secret-0b3f5e",  # a page that is not JSON
    "amocrm": "amo-token-77aa19",  # 5xx on every request
}


def test_secrets_stay_off_disk_and_screen_when_every_source_fails(tmp_path, dbt_manifest):
    from tests.stand_ins.amocrm import AmoCrmStandIn
    from tests.stand_ins.server import Fault, Reply

    inbox = make_inbox(tmp_path, [ASTERISK_SAMPLES / "smallcdr.csv"])
    warehouse = tmp_path / "w" / "autokpi.duckdb"
    not_json = Reply(200, "{not json", {"Content-Type": "application/json"})
    with (
        ZadarmaStandIn([], api_secret=FAILING["zadarma"]) as pbx,
        Bitrix24StandIn(token="the-right-token") as crm,
        AmoCrmStandIn(token=FAILING["amocrm"]) as amo,
    ):
        pbx.inject(Fault("/v1/statistics/", not_json, times=100))
        amo.inject(Fault("/api/v4/", Reply(503, {"title": "unavailable"}), times=100))
        env = {
            **os.environ,
            "RUNTIME__LOG_LEVEL": "DEBUG",  # dlt's most talkative
            "RUNTIME__REQUEST_BACKOFF_FACTOR": "0",  # every retry, without the waits between
            "AUTOKPI__API_SOURCES": '["zadarma", "bitrix24_crm", "bitrix24_telephony", "amocrm"]',
            "SOURCES__ZADARMA__API_KEY": pbx.api_key,
            "SOURCES__ZADARMA__API_SECRET": FAILING["zadarma"],
            "SOURCES__ZADARMA__BASE_URL": pbx.url,
            "SOURCES__ZADARMA__MIN_INTERVAL_SECONDS": "0",
            "SOURCES__BITRIX24_CRM__WEBHOOK_URL": f"{crm.url}/rest/1/{FAILING['bitrix24_crm']}/",
            "SOURCES__BITRIX24_CRM__MIN_INTERVAL_SECONDS": "0",
            "SOURCES__BITRIX24_TELEPHONY__WEBHOOK_URL": (
                f"http://127.0.0.1:{free_port()}/rest/1/{FAILING['bitrix24_telephony']}/"
            ),
            "SOURCES__BITRIX24_TELEPHONY__MIN_INTERVAL_SECONDS": "0",
            "SOURCES__AMOCRM__BASE_URL": amo.base_url,
            "SOURCES__AMOCRM__ACCESS_TOKEN": FAILING["amocrm"],
            "SOURCES__AMOCRM__MIN_INTERVAL_SECONDS": "0",
        }
        run = subprocess.run(cli_run(inbox, warehouse), capture_output=True, text=True, env=env, timeout=900)
    assert run.returncode == 1  # the sources failed, and said so
    assert "source " in run.stderr and " stopped" in run.stderr  # one sentence, no trace
    written = "\n".join([run.stdout, run.stderr, _text_in_files(warehouse.parent)])
    if warehouse.exists():
        written += _text_in_warehouse(warehouse)
    dbt_logs = Path(dbt_manifest).parent.parent / "logs"
    if dbt_logs.exists():
        written += _text_in_files(dbt_logs)
    leaked = [source for source, secret in FAILING.items() if secret in written]
    assert leaked == [], f"secrets of {leaked} were written"
