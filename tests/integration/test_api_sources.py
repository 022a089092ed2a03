"""API sources against local stand-ins: full and incremental loads, time zones, retries on
rate limits, a refused token, a malformed page."""

from __future__ import annotations

import pytest

from core.phones import pseudonymise
from ingestion.pipeline import load_source
from tests.stand_ins.amocrm import AmoCrmStandIn
from tests.stand_ins.bitrix24 import Bitrix24StandIn
from tests.stand_ins.server import Fault, Reply, one
from tests.stand_ins.zadarma import ZadarmaStandIn
from tests.warehouse import query


def zadarma_record(call_id, callstart, direction, sip, number, seconds, disposition="answered", pbx=None):
    record = {
        "call_id": call_id,
        "sip": sip,
        "callstart": callstart,
        "clid": number if direction == "in" else sip,
        "destination": sip if direction == "in" else number,
        "disposition": disposition,
        "seconds": seconds,
        "is_recorded": "false",
        "pbx_call_id": pbx or f"in_{call_id}",
        "_direction": direction,
    }
    return record


@pytest.fixture
def zadarma_env(monkeypatch):
    def configure(stand_in, **extra):
        settings = {
            "API_KEY": stand_in.api_key,
            "API_SECRET": stand_in.api_secret,
            "BASE_URL": stand_in.url,
            "TIMEZONE": "Asia/Yekaterinburg",
            "INITIAL_START": "2026-09-01 00:00:00",
            "MIN_INTERVAL_SECONDS": "0",
            **extra,
        }
        for key, value in settings.items():
            monkeypatch.setenv(f"SOURCES__ZADARMA__{key}", value)
        monkeypatch.setenv("AUTOKPI_PBX_TIMEZONE", "Europe/Moscow")
        monkeypatch.setenv("RUNTIME__REQUEST_BACKOFF_FACTOR", "0")

    return configure


RECORDS = [
    # 12:00 in Yekaterinburg (UTC+5) is 10:00 in Moscow, where the PBX's staging reads local time
    zadarma_record("z1", "2026-10-01 12:00:00", "in", "101", "+79161234567", 95, pbx="p1"),
    zadarma_record("z2", "2026-10-01 12:00:00", "in", "102", "+79161234567", 12, "no answer", pbx="p1"),
    zadarma_record("z3", "2026-10-02 15:30:00", "out", "103", "84951234567", 0, "busy"),
]


def test_zadarma_full_then_incremental_load_with_time_zones(tmp_path, zadarma_env):
    warehouse = tmp_path / "w.duckdb"
    with ZadarmaStandIn(list(RECORDS)) as api:
        zadarma_env(api)
        load_source("zadarma", tmp_path, warehouse)
        rows = query(
            warehouse,
            "select uniqueid, linkedid, src, dst, channel, dstchannel, start, duration, billsec, disposition "
            "from raw_pbx.asterisk_cdr order by uniqueid",
        )
        assert rows == [
            (
                "z1",
                "p1",
                pseudonymise("+79161234567"),  # the client's number, never in clear (core/phones.py)
                "101",
                "SIP/trunk-zadarma-z1",
                "SIP/101-z1",
                "2026-10-01 10:00:00",
                "95",
                "95",
                "ANSWERED",
            ),
            (
                "z2",
                "p1",
                pseudonymise("+79161234567"),
                "102",
                "SIP/trunk-zadarma-z2",
                "SIP/102-z2",
                "2026-10-01 10:00:00",
                "12",
                "0",
                "NO ANSWER",
            ),
            (
                "z3",
                "in_z3",
                "103",
                pseudonymise("84951234567"),
                "SIP/103-z3",
                "SIP/trunk-zadarma-z3",
                "2026-10-02 13:30:00",
                "0",
                "0",
                "BUSY",
            ),
        ]
        windows = {(r.query["start"][0], r.query["call_type"][0]) for r in api.requests}
        assert ("2026-09-01 00:00:00", "in") in windows and ("2026-10-01 00:00:00", "out") in windows

        api.records.append(zadarma_record("z4", "2026-10-03 09:00:00", "in", "101", "+79160000000", 30))
        api.requests.clear()
        load_source("zadarma", tmp_path, warehouse)
        assert query(warehouse, "select count(*) from raw_pbx.asterisk_cdr") == [(4,)]
        # the next run starts a day (the look-back) before the latest call it had seen
        assert min(r.query["start"][0] for r in api.requests) == "2026-10-01 15:30:00"


def test_zadarma_recovers_from_rate_limits_and_a_slow_page(tmp_path, zadarma_env):
    warehouse = tmp_path / "w.duckdb"
    with ZadarmaStandIn(list(RECORDS)) as api:
        zadarma_env(api)
        api.inject(Fault("statistics", Reply(429, {"status": "error"}, {"Retry-After": "1"}), times=2))
        api.inject(Fault("statistics", Reply(503, "Service Unavailable"), times=1))
        api.inject(Fault("call_type=out", Reply(), delay=1.5))
        load_source("zadarma", tmp_path, warehouse)
        statuses = len(api.requests)
    assert query(warehouse, "select count(*) from raw_pbx.asterisk_cdr") == [(3,)]
    assert statuses >= 3 + 4  # three refused, then every window and direction


def test_zadarma_bad_secret_stops_with_a_clear_message_and_no_secret(tmp_path, zadarma_env):
    with ZadarmaStandIn(list(RECORDS)) as api:
        zadarma_env(api, API_SECRET="wrong-secret-771")
        with pytest.raises(Exception) as failure:
            load_source("zadarma", tmp_path, tmp_path / "w.duckdb")
    assert "401" in str(failure.value) and "wrong-secret-771" not in str(failure.value)


def test_a_server_that_stops_answering_fails_the_load_after_dlts_request_settings(
    tmp_path, zadarma_env, monkeypatch
):
    """dlt's own settings for a request's timeout and attempts hold for the API sources too
    (they bring a session of their own, to which dlt's client passes none): a page that
    never comes fails the load after two tries of 0.3 s, where the run used to wait for it
    for ever (here: until the page came, 30 s later)."""
    monkeypatch.setenv("RUNTIME__REQUEST_TIMEOUT", "0.3")
    monkeypatch.setenv("RUNTIME__REQUEST_MAX_ATTEMPTS", "2")
    with ZadarmaStandIn(list(RECORDS)) as api:
        zadarma_env(api)
        api.inject(Fault("statistics", Reply(), times=100, delay=30))
        with pytest.raises(Exception) as failure:
            load_source("zadarma", tmp_path, tmp_path / "w.duckdb")
        asked = [r for r in api.requests if "statistics" in r.path]
    assert len(asked) == 2
    assert "timed out" in str(failure.value) and api.api_secret not in str(failure.value)


def bitrix_call(call_id, start, call_type, user, number, seconds, code="200"):
    return {
        "CALL_ID": call_id,
        "PORTAL_USER_ID": user,
        "PHONE_NUMBER": number,
        "CALL_TYPE": call_type,
        "CALL_DURATION": seconds,
        "CALL_START_DATE": start,
        "CALL_FAILED_CODE": code,
        "CRM_ENTITY_TYPE": "COMPANY",
        "CRM_ENTITY_ID": "7",
        "TRANSCRIPT_ID": None,
    }


@pytest.fixture
def bitrix_env(monkeypatch):
    def configure(section, stand_in, **extra):
        settings = {"WEBHOOK_URL": stand_in.webhook_url, "MIN_INTERVAL_SECONDS": "0", **extra}
        for key, value in settings.items():
            monkeypatch.setenv(f"SOURCES__{section.upper()}__{key}", str(value))
        monkeypatch.setenv("AUTOKPI_PBX_TIMEZONE", "Europe/Moscow")

    return configure


def test_bitrix24_telephony_maps_users_to_extensions_and_pages_by_50(tmp_path, bitrix_env):
    calls = [
        bitrix_call(f"c{i:03d}", f"2026-10-01T{9 + i // 60:02d}:{i % 60:02d}:00+05:00", "2", "1", "+7916", 30)
        for i in range(120)
    ]
    calls[1]["CALL_FAILED_CODE"], calls[2]["CALL_FAILED_CODE"] = "304", "486"
    calls[3]["CALL_TYPE"], calls[3]["PORTAL_USER_ID"] = "1", "2"
    users = [{"ID": "1", "UF_PHONE_INNER": "101"}, {"ID": "2", "UF_PHONE_INNER": "102"}]
    warehouse = tmp_path / "w.duckdb"
    with Bitrix24StandIn(**{"voximplant.statistic.get": calls, "user.get": users}) as api:
        bitrix_env("bitrix24_telephony", api, INITIAL_START="2026-09-01T00:00:00+03:00")
        api.inject(Fault("voximplant", Reply(503, {"error": "QUERY_LIMIT_EXCEEDED"}), times=1, after=1))
        load_source("bitrix24_telephony", tmp_path, warehouse)
        starts = [one(r, "start", "0") for r in api.requests if "voximplant" in r.path]
        assert starts == ["0", "50", "50", "100"]  # the page refused once was asked again
        rows = query(
            warehouse,
            "select uniqueid, channel, dstchannel, start, billsec, disposition from raw_pbx.asterisk_cdr "
            "where uniqueid in ('c000', 'c001', 'c002', 'c003') order by 1",
        )
        assert rows == [
            ("c000", "SIP/trunk-bitrix24-c000", "SIP/101-c000", "2026-10-01 07:00:00", "30", "ANSWERED"),
            ("c001", "SIP/trunk-bitrix24-c001", "SIP/101-c001", "2026-10-01 07:01:00", "0", "NO ANSWER"),
            ("c002", "SIP/trunk-bitrix24-c002", "SIP/101-c002", "2026-10-01 07:02:00", "0", "BUSY"),
            ("c003", "SIP/102-c003", "SIP/trunk-bitrix24-c003", "2026-10-01 07:03:00", "30", "ANSWERED"),
        ]
        api.tables["voximplant.statistic.get"].append(
            bitrix_call("c999", "2026-10-02T10:00:00+03:00", "2", "2", "+7916", 5)
        )
        api.requests.clear()
        load_source("bitrix24_telephony", tmp_path, warehouse)
        since = {r.query["FILTER[>=CALL_START_DATE]"][0] for r in api.requests if "voximplant" in r.path}
    assert query(warehouse, "select count(*) from raw_pbx.asterisk_cdr") == [(121,)]
    assert since == {"2026-09-30T10:59:00+05:00"}  # the latest call seen, less a day of look-back


def test_bitrix24_crm_deals_product_rows_and_catalog_costs(tmp_path, bitrix_env):
    tables = {
        "user.get": [{"ID": "5", "NAME": "Анна", "LAST_NAME": "Павлова", "EMAIL": "a@x.ru", "ACTIVE": True}],
        "crm.deal.list": [
            {
                "ID": "11",
                "COMPANY_ID": "7",
                "CONTACT_ID": "0",
                "ASSIGNED_BY_ID": "5",
                "STAGE_SEMANTIC_ID": "S",
                "DATE_CREATE": "2026-10-01T10:00:00+03:00",
                "CLOSEDATE": "2026-10-05T00:00:00+03:00",
                "CLOSED": "Y",
                "TITLE": "Заказ",
                "DATE_MODIFY": "2026-10-05T12:00:00+03:00",
            },
            {
                "ID": "12",
                "COMPANY_ID": "0",
                "CONTACT_ID": "3",
                "ASSIGNED_BY_ID": "5",
                "STAGE_SEMANTIC_ID": "P",
                "DATE_CREATE": "2026-10-02T10:00:00+03:00",
                "CLOSEDATE": "2026-10-20T00:00:00+03:00",
                "CLOSED": "N",
                "TITLE": "Счёт",
                "DATE_MODIFY": "2026-10-06T12:00:00+03:00",
            },
        ],
        "productrows": [
            {"ID": "101", "OWNER_ID": "11", "PRODUCT_ID": "900", "QUANTITY": 2, "PRICE": 150.5},
            {"ID": "102", "OWNER_ID": "12", "PRODUCT_ID": "900", "QUANTITY": 1, "PRICE": 160},
        ],
        "catalog.product.list": [
            {
                "id": 900,
                "iblockId": 14,
                "name": "Кабель",
                "purchasingPrice": 100,
                "iblockSectionId": 3,
                "property45": {"value": "Y"},
            },
            {"id": 901, "iblockId": 99, "name": "Other catalog", "purchasingPrice": 1, "iblockSectionId": 3},
        ],
        "crm.productsection.list": [{"ID": "3", "NAME": "Кабель и провод"}],
        "crm.company.list": [
            {
                "ID": "7",
                "TITLE": "ООО Ромашка",
                "ASSIGNED_BY_ID": "5",
                "PHONE": [{"VALUE": "+7 916 000-00-07", "VALUE_TYPE": "WORK"}],
            }
        ],
        "crm.contact.list": [
            {"ID": "3", "NAME": "Иван", "LAST_NAME": "Петров", "ASSIGNED_BY_ID": "5", "PHONE": []}
        ],
    }
    warehouse = tmp_path / "w.duckdb"
    with Bitrix24StandIn(**tables) as api:
        bitrix_env("bitrix24_crm", api, CATALOG_IBLOCK_ID=14, PRIORITY_PROPERTY="property45")
        load_source("bitrix24_crm", tmp_path, warehouse)
        assert query(
            warehouse, "select deal_id, client_id, status, closed_at from raw_crm.deals order by 1"
        ) == [
            ("11", "7", "won", "2026-10-05"),
            ("12", "contact-3", "in_progress", ""),
        ]
        assert query(
            warehouse, "select deal_line_id, deal_id, quantity, price from raw_crm.deal_lines order by 1"
        ) == [
            ("101", "11", "2", "150.5"),
            ("102", "12", "1", "160"),
        ]
        assert query(warehouse, "select product_id, category, cost, is_priority from raw_crm.products") == [
            ("900", "Кабель и провод", "100", "Y")
        ]
        assert query(warehouse, "select client_id, phones from raw_crm.clients order by 1") == [
            ("7", pseudonymise("+7 916 000-00-07")),
            ("contact-3", ""),
        ]
        # an update: only deals modified since the last run (less the look-back) are asked for
        api.tables["crm.deal.list"][1]["STAGE_SEMANTIC_ID"] = "F"
        api.tables["crm.deal.list"][1]["DATE_MODIFY"] = "2026-10-09T12:00:00+03:00"
        api.requests.clear()
        load_source("bitrix24_crm", tmp_path, warehouse)
        since = {r.query["filter[>=DATE_MODIFY]"][0] for r in api.requests if "crm.deal.list" in r.path}
    assert since == {"2026-10-05T12:00:00+03:00"}
    assert query(warehouse, "select status from raw_crm.deals where deal_id = '12'") == [("lost",)]


def test_a_malformed_page_fails_the_load_and_loses_nothing(tmp_path, bitrix_env):
    calls = [
        bitrix_call(f"c{i:03d}", f"2026-10-01T10:{i:02d}:00+03:00", "2", "1", "+7", 9) for i in range(60)
    ]
    warehouse = tmp_path / "w.duckdb"
    with Bitrix24StandIn(**{"voximplant.statistic.get": calls, "user.get": []}) as api:
        bitrix_env("bitrix24_telephony", api, INITIAL_START="2026-09-01T00:00:00+03:00")
        api.inject(Fault("start=50", Reply(200, '{"result": [{"CALL_ID": '), times=1))
        with pytest.raises(Exception, match=r"voximplant\.statistic\.get\?.*start=50.*not valid JSON"):
            load_source("bitrix24_telephony", tmp_path, warehouse)
        load_source(
            "bitrix24_telephony", tmp_path, warehouse
        )  # the next run starts where the last load ended
    assert query(warehouse, "select count(*) from raw_pbx.asterisk_cdr") == [(60,)]


def test_a_page_that_names_itself_as_the_next_one_stops_the_load_with_a_sentence(tmp_path, bitrix_env):
    """A portal (or a proxy's cache) that answers the page from 50 with "next": 50: dlt's
    paginator asks for it again for ever. Here it stopped after the stand-in's 100 wrong
    answers; a real one would not stop."""
    calls = [
        bitrix_call(f"c{i:03d}", f"2026-10-01T10:{i:02d}:00+03:00", "2", "1", "+7", 9) for i in range(60)
    ]
    warehouse = tmp_path / "w.duckdb"
    with Bitrix24StandIn(**{"voximplant.statistic.get": calls, "user.get": []}) as api:
        bitrix_env("bitrix24_telephony", api, INITIAL_START="2026-09-01T00:00:00+03:00")
        again = {"result": calls[50:51], "next": 50, "total": 60}
        api.inject(Fault("start=50", Reply(200, again), times=100))
        named_again = r"voximplant\.statistic\.get\?.*start=50.* names page 50 as the next page again"
        with pytest.raises(Exception, match=named_again):
            load_source("bitrix24_telephony", tmp_path, warehouse)
        asked = [r for r in api.requests if "voximplant" in r.path]
    assert len(asked) == 2


@pytest.fixture
def amocrm_env(monkeypatch):
    def configure(stand_in, token=None):
        settings = {"BASE_URL": stand_in.base_url, "ACCESS_TOKEN": token or stand_in.token}
        for key, value in {**settings, "MIN_INTERVAL_SECONDS": "0"}.items():
            monkeypatch.setenv(f"SOURCES__AMOCRM__{key}", value)

    return configure


def test_amocrm_leads_become_deals_with_a_budget_line(tmp_path, amocrm_env):
    leads = [
        {
            "id": 1000 + i,
            "name": f"Сделка {i}",
            "price": 1000 * i,
            "responsible_user_id": 5,
            "status_id": 142 if i % 3 == 0 else 143 if i % 3 == 1 else 555,
            "pipeline_id": 1,
            "created_at": 1790845200 + i,
            "updated_at": 1790845200 + i * 60,
            "closed_at": 1790931600 if i % 3 != 2 else None,
            "_embedded": {"contacts": [{"id": 40 + i, "is_main": True}], "companies": []},
        }
        for i in range(300)
    ]
    users = [{"id": 5, "name": "Анна Павлова", "email": "a@x.ru", "rights": {"is_active": True}}]
    contacts = [
        {
            "id": 41,
            "name": "Иван",
            "responsible_user_id": 5,
            "custom_fields_values": [{"field_code": "PHONE", "values": [{"value": "+79160000041"}]}],
        }
    ]
    warehouse = tmp_path / "w.duckdb"
    with AmoCrmStandIn(leads=leads, users=users, contacts=contacts) as api:
        amocrm_env(api)
        load_source("amocrm", tmp_path, warehouse)  # companies is empty: 204 No Content
        pages = [one(r, "page", "1") for r in api.requests if r.path.endswith("/leads")]
    assert pages == ["1", "2"]
    assert query(warehouse, "select count(*), count(distinct deal_id) from raw_crm.deals") == [(300, 300)]
    assert query(
        warehouse,
        "select status, closed_at, client_id from raw_crm.deals where deal_id in ('1003', '1005') order by 1",
    ) == [("in_progress", "", "contact-45"), ("won", "2026-10-02", "contact-43")]
    assert query(warehouse, "select product_id, price from raw_crm.deal_lines where deal_id = '1003'") == [
        ("amocrm-budget", "3000")
    ]
    assert query(warehouse, "select client_id, phones from raw_crm.clients") == [
        ("contact-41", pseudonymise("+79160000041"))
    ]


def test_a_lead_updated_while_its_pages_were_read_keeps_its_newest_version(tmp_path, amocrm_env):
    """Leads come ordered by their update time, so a lead updated during the reading comes
    again on a later page: dlt kept an arbitrary one of the two in the load, so a deal won
    meanwhile could stay in progress (and its budget the old one) until a later run."""

    def lead(i: int, updated: int, status: int, price: int) -> dict:
        return {"id": 1000 + i, "name": f"Сделка {i}", "price": price, "responsible_user_id": 5,
                "status_id": status, "pipeline_id": 1, "created_at": 1790845200, "updated_at": updated,
                "closed_at": 1790931600 if status == 142 else None,
                "_embedded": {"contacts": [{"id": 40, "is_main": True}], "companies": []}}  # fmt: skip

    before = [lead(i, 1790845200 + i, 555, 1000) for i in range(200)]
    won_meanwhile = [lead(i, 1790900000 + i, 142, 2500) for i in range(200)]  # the same 200, later
    warehouse = tmp_path / "w.duckdb"
    with AmoCrmStandIn(leads=before + won_meanwhile) as api:
        amocrm_env(api)
        load_source("amocrm", tmp_path, warehouse)
    assert query(warehouse, "select status, count(*) from raw_crm.deals group by 1") == [("won", 200)]
    assert query(warehouse, "select distinct price from raw_crm.deal_lines") == [("2500",)]


def test_amocrm_refused_token_names_the_source_not_the_token(tmp_path, amocrm_env):
    with AmoCrmStandIn() as api:
        amocrm_env(api, token="stolen-or-expired-0042")
        with pytest.raises(Exception) as failure:
            load_source("amocrm", tmp_path, tmp_path / "w.duckdb")
    message = str(failure.value)
    assert "401" in message and "stolen-or-expired-0042" not in message


def test_files_and_an_api_fill_the_same_raw_tables_in_either_order(tmp_path, amocrm_env):
    leads = [{"id": 7, "name": "Сделка", "price": 500, "responsible_user_id": 5, "status_id": 142,
              "created_at": 1790845200, "updated_at": 1790845200, "closed_at": 1790931600}]  # fmt: skip
    (tmp_path / "crm").mkdir()
    (tmp_path / "crm" / "deal_lines.csv").write_text(
        "deal_line_id,deal_id,product_id,quantity,price,cost\nL1,D1,P1,1,9,5\n"
    )
    (tmp_path / "crm" / "products.csv").write_text(
        "product_id,product_name,category,cost,list_price,is_priority,is_promo,season_start,season_end\n"
        "P1,Cable,Cable,5,9,false,false,,\n"
    )
    warehouse = tmp_path / "w.duckdb"
    with AmoCrmStandIn(leads=leads) as api:
        amocrm_env(api)
        load_source("crm_files", tmp_path, warehouse)  # Arrow rows first
        load_source("amocrm", tmp_path, warehouse)  # then dict rows into the same tables
        load_source("crm_files", tmp_path, warehouse)  # and files again
    assert query(warehouse, "select deal_line_id from raw_crm.deal_lines order by 1") == [
        ("7-budget",),
        ("L1",),
    ]
    assert query(warehouse, "select product_id from raw_crm.products order by 1") == [
        ("P1",),
        ("amocrm-budget",),
    ]
