"""The same calls and deals, once as files and once from the APIs (Zadarma for the PBX,
Bitrix24 for the CRM, served by local stand-ins), give the same marts. And a refused
token stops its source only: the rest loads and the models are built."""

from __future__ import annotations

import csv
import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from orchestration.run import PipelineError, run_pipeline
from tests.stand_ins.bitrix24 import Bitrix24StandIn
from tests.stand_ins.zadarma import ZadarmaStandIn
from tests.warehouse import mart_digests, query

pytestmark = pytest.mark.e2e

LAYOUT = ["accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp", "lastdata",
          "start", "answer", "end", "duration", "billsec", "disposition", "amaflags", "uniqueid", "userfield",
          "peeraccount", "linkedid", "sequence"]  # fmt: skip
MOSCOW, ACCOUNT_ZONE = ZoneInfo("Europe/Moscow"), ZoneInfo("Asia/Yekaterinburg")
FMT = "%Y-%m-%d %H:%M:%S"


def _extension(channel: str) -> str:
    return channel.split("/", 1)[1].split("-", 1)[0] if "/" in channel else ""


def calls_from_demo(inbox) -> list[dict]:
    """The demo's call legs a hosted PBX reports: dialled legs between a person and a trunk."""
    out = []
    for path in sorted((inbox / "pbx" / "asterisk").glob("*.csv")):
        for n, values in enumerate(csv.reader(path.open(encoding="utf-8"))):
            leg = dict(zip(LAYOUT, values, strict=False))
            inbound = "trunk" in leg["channel"]
            if leg["lastapp"] != "Dial" or not (inbound or "trunk" in leg["dstchannel"]):
                continue
            answered = leg["disposition"] == "ANSWERED"
            out.append(
                {
                    "call_id": f"{leg['uniqueid']}.{n:06d}",
                    "linked": leg["linkedid"] or leg["uniqueid"],
                    "inbound": inbound,
                    "extension": _extension(leg["dstchannel"] if inbound else leg["channel"]),
                    "client": leg["src"] if inbound else leg["dst"],
                    "dialled": leg["dst"] if inbound else "",
                    "start": datetime.strptime(leg["start"], FMT).replace(tzinfo=MOSCOW),
                    # a hosted PBX reports talk time for answered calls, ring time for the rest
                    "seconds": int(leg["billsec"] if answered else leg["duration"]),
                    "disposition": leg["disposition"],
                }
            )
    return out


def as_master_csv(calls: list[dict]) -> str:
    """The Asterisk file that carries exactly what the API reports."""
    out = []
    for c in calls:
        start = c["start"].strftime(FMT)
        end = datetime.fromtimestamp(c["start"].timestamp() + c["seconds"], MOSCOW).strftime(FMT)
        ours, trunk = f"SIP/{c['extension']}-{c['call_id']}", f"SIP/trunk-x-{c['call_id']}"
        answered = c["disposition"] == "ANSWERED"
        leg = {key: "" for key in LAYOUT} | {
            "src": c["client"] if c["inbound"] else c["extension"],
            "dst": c["dialled"] if c["inbound"] else c["client"],
            "dcontext": "from-trunk" if c["inbound"] else "from-internal",
            "clid": f'"" <{c["client"] if c["inbound"] else c["extension"]}>',
            "channel": trunk if c["inbound"] else ours,
            "dstchannel": ours if c["inbound"] else trunk,
            "lastapp": "Dial",
            "start": start,
            "answer": start if answered else "",
            "end": end,
            "duration": str(c["seconds"]),
            "billsec": str(c["seconds"] if answered else 0),
            "disposition": c["disposition"],
            "amaflags": "DOCUMENTATION",
            "uniqueid": c["call_id"],
            "linkedid": c["linked"],
        }
        out.append(",".join(f'"{leg[k]}"' for k in LAYOUT))
    return "\n".join(out) + "\n"


def as_zadarma(calls: list[dict]) -> list[dict]:
    dispositions = {"ANSWERED": "answered", "NO ANSWER": "no answer", "BUSY": "busy"}
    return [
        {
            "call_id": c["call_id"],
            "sip": c["extension"],
            "callstart": c["start"].astimezone(ACCOUNT_ZONE).strftime(FMT),
            "clid": c["client"] if c["inbound"] else c["extension"],
            "destination": c["dialled"] if c["inbound"] else c["client"],
            "disposition": dispositions.get(c["disposition"], "failed"),
            "seconds": c["seconds"],
            "is_recorded": "true",
            "pbx_call_id": c["linked"],
            "_direction": "in" if c["inbound"] else "out",
        }
        for c in calls
    ]


def _csv(path) -> list[dict]:
    return list(csv.DictReader(path.open(encoding="utf-8")))


def as_bitrix24(crm) -> dict[str, list[dict]]:
    """The demo CRM as a Bitrix24 portal: companies, deals with product rows, a catalog."""
    users, clients = _csv(crm / "users.csv"), _csv(crm / "clients.csv")
    deals, lines, products = _csv(crm / "deals.csv"), _csv(crm / "deal_lines.csv"), _csv(crm / "products.csv")
    sections = sorted({p["category"] for p in products})
    stage = {"won": "S", "lost": "F"}
    return {
        "user.get": [
            {"ID": u["user_id"], "NAME": u["full_name"], "LAST_NAME": "", "EMAIL": u["email"],
             "ACTIVE": u["is_active"] == "true"}
            for u in users
        ],
        "crm.company.list": [
            {"ID": c["client_id"], "TITLE": c["client_name"], "ASSIGNED_BY_ID": c["responsible_user_id"],
             "PHONE": [{"VALUE": p.strip(), "VALUE_TYPE": "WORK"} for p in c["phones"].split(";") if p]}
            for c in clients
        ],
        "crm.contact.list": [],
        "crm.deal.list": [
            {"ID": d["deal_id"], "COMPANY_ID": d["client_id"], "CONTACT_ID": "0",
             "ASSIGNED_BY_ID": d["responsible_user_id"], "STAGE_SEMANTIC_ID": stage.get(d["status"], "P"),
             "DATE_CREATE": d["created_at"], "DATE_MODIFY": d["created_at"],
             "CLOSEDATE": f"{d['closed_at']}T00:00:00+03:00" if d["closed_at"] else "",
             "CLOSED": "Y" if d["closed_at"] else "N", "TITLE": d["title"]}
            for d in deals
        ],
        "productrows": [
            {"ID": x["deal_line_id"], "OWNER_ID": x["deal_id"], "PRODUCT_ID": x["product_id"],
             "QUANTITY": x["quantity"], "PRICE": x["price"]}
            for x in lines
        ],
        "catalog.product.list": [
            {"id": p["product_id"], "iblockId": 14, "name": p["product_name"], "purchasingPrice": p["cost"],
             "iblockSectionId": sections.index(p["category"]) + 1,
             "property1": {"value": p["is_priority"]}, "property2": {"value": p["is_promo"]},
             "property3": {"value": p["season_start"]}, "property4": {"value": p["season_end"]}}
            for p in products
        ],
        "crm.productsection.list": [{"ID": str(i + 1), "NAME": name} for i, name in enumerate(sections)],
    }  # fmt: skip


def _inbox(demo_inbox, root, folders):
    inbox = root / "inbox"
    for folder in folders:
        shutil.copytree(demo_inbox / folder, inbox / folder)
    return inbox


def _api_env(monkeypatch, pbx, crm, sources='["zadarma", "bitrix24_crm"]'):
    monkeypatch.setenv("AUTOKPI__API_SOURCES", sources)
    settings = {
        "SOURCES__ZADARMA__API_KEY": pbx.api_key,
        "SOURCES__ZADARMA__API_SECRET": pbx.api_secret,
        "SOURCES__ZADARMA__BASE_URL": pbx.url,
        "SOURCES__ZADARMA__TIMEZONE": "Asia/Yekaterinburg",
        "SOURCES__ZADARMA__INITIAL_START": "2026-09-01 00:00:00",
        "SOURCES__ZADARMA__MIN_INTERVAL_SECONDS": "0",
        "SOURCES__BITRIX24_CRM__WEBHOOK_URL": crm.webhook_url,
        "SOURCES__BITRIX24_CRM__CATALOG_IBLOCK_ID": "14",
        "SOURCES__BITRIX24_CRM__MIN_INTERVAL_SECONDS": "0",
        "SOURCES__BITRIX24_CRM__PRIORITY_PROPERTY": "property1",
        "SOURCES__BITRIX24_CRM__PROMO_PROPERTY": "property2",
        "SOURCES__BITRIX24_CRM__SEASON_START_PROPERTY": "property3",
        "SOURCES__BITRIX24_CRM__SEASON_END_PROPERTY": "property4",
    }
    for key, value in settings.items():
        monkeypatch.setenv(key, value)


def test_marts_from_the_apis_equal_marts_from_the_same_data_as_files(
    demo_inbox, tmp_path, monkeypatch, dbt_manifest
):
    calls = calls_from_demo(demo_inbox)
    files = _inbox(demo_inbox, tmp_path / "files", ["directory", "plans", "crm", "pbx/transcripts"])
    (files / "pbx" / "asterisk").mkdir()
    (files / "pbx" / "asterisk" / "Master.csv").write_text(as_master_csv(calls), encoding="utf-8")
    file_warehouse = tmp_path / "files" / "autokpi.duckdb"
    run_pipeline(files, file_warehouse, quiet=True)

    api_inbox = _inbox(demo_inbox, tmp_path / "api", ["directory", "plans", "pbx/transcripts"])
    api_warehouse = tmp_path / "api" / "autokpi.duckdb"
    with ZadarmaStandIn(as_zadarma(calls)) as pbx, Bitrix24StandIn(**as_bitrix24(demo_inbox / "crm")) as crm:
        _api_env(monkeypatch, pbx, crm)
        run_pipeline(api_inbox, api_warehouse, quiet=True)

    assert query(api_warehouse, "select count(*) from raw_pbx.asterisk_cdr") == [(len(calls),)]
    assert query(api_warehouse, "select count(*) from marts.fct_calls")[0][0] > 1000
    assert query(api_warehouse, "select count(*) from marts.fct_sales_lines") == query(
        file_warehouse, "select count(*) from marts.fct_sales_lines"
    )
    api, from_files = mart_digests(api_warehouse), mart_digests(file_warehouse)
    assert {m for m in api if api[m] != from_files[m]} == set()


def test_a_refused_token_stops_that_source_only(demo_inbox, tmp_path, monkeypatch, dbt_manifest):
    inbox = _inbox(demo_inbox, tmp_path, ["directory", "plans", "crm", "pbx"])
    warehouse = tmp_path / "autokpi.duckdb"
    with ZadarmaStandIn([]) as pbx, Bitrix24StandIn() as crm:
        _api_env(monkeypatch, pbx, crm, sources='["zadarma"]')
        monkeypatch.setenv("SOURCES__ZADARMA__API_SECRET", "expired-secret-9931")
        with pytest.raises(PipelineError) as failure:
            run_pipeline(inbox, warehouse, quiet=True)
    message = str(failure.value)
    assert message.startswith("source zadarma stopped: HTTP 401")
    assert "expired-secret-9931" not in message and "the credentials were refused" in message
    # the files still loaded; nothing was built on a partial load
    assert query(warehouse, "select count(*) from raw_pbx.asterisk_cdr")[0][0] > 0
    assert query(warehouse, "select count(*) from raw_crm.deals")[0][0] > 0
    schemas = query(warehouse, "select count(*) from information_schema.schemata where schema_name = 'marts'")
    assert schemas == [(0,)]
