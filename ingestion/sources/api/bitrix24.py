"""Bitrix24 over an inbound webhook (``https://<portal>/rest/<user>/<token>/``), through
dlt's rest_api: telephony (``voximplant.statistic.get``) and CRM (users, deals and their
product rows, catalog products with purchase prices, companies and contacts).

Every list method pages by ``start`` with pages of 50 (``next``, ``total``): dlt's
``JSONResponseCursorPaginator``, bounded (pages.py). Increments by ``>=CALL_START_DATE`` /
``>=DATE_MODIFY`` with a look-back (``lag``), state kept by dlt. Rows are mapped into the raw
tables of the file forms.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import dlt
from dlt.common.configuration import configspec
from dlt.common.typing import TSecretStrValue
from dlt.sources.helpers.rest_client import RESTClient
from dlt.sources.helpers.rest_client.auth import AuthConfigBase
from dlt.sources.rest_api import rest_api_resources

from core import phones
from ingestion.sources.api.cdr import cdr_row
from ingestion.sources.api.http import retrying_session
from ingestion.sources.api.pages import CursorPages
from ingestion.sources.api.settings import keep_newest, merged_resource

CDR_KEY = ["_source_file", "_source_line"]
# CALL_FAILED_CODE: 200 talked, 304 missed, 486 busy, 603 declined; the rest failed
FAILED_CODES = {"200": "ANSWERED", "304": "NO ANSWER", "486": "BUSY", "603": "NO ANSWER"}
INBOUND_TYPES = {"2", "3"}  # 1 outgoing, 2 incoming, 3 incoming redirected, 4 callback
DEAL_STATUS = {"S": "won", "F": "lost"}
# the API's own cursor value kept on the row: rest_api applies the incremental after the
# mapping into the raw shape, and the next request's filter needs it as the API wrote it
API_CURSOR = "_api_cursor"


def _paginator() -> CursorPages:
    return CursorPages(cursor_path="next", cursor_param="start")


def split_webhook(webhook_url: str) -> tuple[str, str]:
    """``https://<portal>/rest/<user>/<token>/`` → (``https://<portal>/rest/``, ``<user>/<token>/``)."""
    parts = urlsplit(webhook_url)
    match = re.match(r"^(.*/rest/)(\d+/[^/]+/)$", parts.path.rstrip("/") + "/")
    if not match:
        raise ValueError("webhook_url must look like https://<portal>/rest/<user id>/<token>/")
    return urlunsplit(parts._replace(path=match.group(1), query="", fragment="")), match.group(2)


@configspec
class WebhookAuth(AuthConfigBase):
    """The webhook's ``<user>/<token>/`` put into each request's path as it is sent, so the
    token is in no URL that dlt keeps (its trace records each endpoint's base URL)."""

    webhook_url: TSecretStrValue = None

    def __call__(self, request):
        base, credentials = split_webhook(self.webhook_url)
        base_path, parts = urlsplit(base).path, urlsplit(request.url)
        if parts.path.startswith(base_path) and not parts.path.startswith(base_path + credentials):
            request.url = urlunsplit(
                parts._replace(path=base_path + credentials + parts.path[len(base_path) :])
            )
        return request


def _client(webhook_url: str, min_interval: float) -> dict:
    return {
        "base_url": split_webhook(webhook_url)[0],
        "auth": WebhookAuth(webhook_url=webhook_url),
        "session": retrying_session(min_interval=min_interval),
    }


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _iso(value: str) -> datetime:
    return datetime.fromisoformat(value)


class _Lookup:
    """A map read once from a list method the first time it is needed (inner phone
    numbers of users, names of product sections)."""

    def __init__(
        self, webhook_url: str, min_interval: float, method: str, key: str, value: str, selector="result"
    ):
        self.args = (webhook_url, min_interval, method, key, value, selector)
        self.values: dict[str, str] | None = None

    def get(self, key: Any) -> str:
        if self.values is None:
            url, interval, method, key_field, value_field, selector = self.args
            client = RESTClient(**_client(url, interval))
            self.values = {}
            for page in client.paginate(method, paginator=_paginator(), data_selector=selector):
                self.values.update({_text(r.get(key_field)): _text(r.get(value_field)) for r in page})
        return self.values.get(_text(key), "")


@dlt.source(name="bitrix24_telephony", max_table_nesting=0)
def bitrix24_telephony(
    webhook_url: str = dlt.secrets.value,
    initial_start: str = "2026-01-01T00:00:00+03:00",
    lookback_hours: float = 24,
    min_interval_seconds: float = 0.5,
):
    """Calls from the Bitrix24 telephony statistics, as call records."""
    inner_numbers = _Lookup(webhook_url, min_interval_seconds, "user.get", "ID", "UF_PHONE_INNER")

    def to_cdr(call: dict) -> dict:
        user = _text(call.get("PORTAL_USER_ID"))
        extension = inner_numbers.get(user) or (f"user{user}" if user else "")
        return {**_cdr(call, extension), API_CURSOR: call["CALL_START_DATE"]}

    def _cdr(call: dict, extension: str) -> dict:
        return cdr_row(
            "bitrix24",
            _text(call["CALL_ID"]),
            _text(call["CALL_ID"]),
            _text(call.get("CALL_TYPE")) in INBOUND_TYPES,
            extension,
            _text(call.get("PHONE_NUMBER")),
            _iso(call["CALL_START_DATE"]),
            int(call.get("CALL_DURATION") or 0),
            FAILED_CODES.get(_text(call.get("CALL_FAILED_CODE")), "FAILED"),
        )

    return rest_api_resources(
        {
            "client": _client(webhook_url, min_interval_seconds),
            "resources": [
                merged_resource(
                    "asterisk_cdr",
                    CDR_KEY,
                    {
                        "path": "voximplant.statistic.get",
                        "params": {
                            "FILTER[>=CALL_START_DATE]": {
                                "type": "incremental",
                                "cursor_path": API_CURSOR,
                                "initial_value": initial_start,
                                "lag": lookback_hours * 3600,
                            },
                            "SORT": "CALL_START_DATE",
                            "ORDER": "ASC",
                        },
                        "paginator": _paginator(),
                        "data_selector": "result",
                    },
                    to_cdr,
                )
            ],
        }
    )


def _phones(entity: dict) -> str:
    """The entity's numbers, pseudonymised before they are stored (core/phones.py)."""
    return phones.pseudonymise_list(
        ";".join(_text(p.get("VALUE")) for p in entity.get("PHONE") or [] if p.get("VALUE"))
    )


def _property(product: dict, code: str) -> str:
    value = product.get(code) if code else None
    if isinstance(value, dict):
        value = value.get("value")
    return _text(value)


@dlt.source(name="bitrix24_crm", max_table_nesting=0)
def bitrix24_crm(
    webhook_url: str = dlt.secrets.value,
    catalog_iblock_id: int = 0,
    initial_modified: str = "2020-01-01T00:00:00+03:00",
    lookback_hours: float = 24,
    min_interval_seconds: float = 0.5,
    priority_property: str = "",
    promo_property: str = "",
    season_start_property: str = "",
    season_end_property: str = "",
):
    """Users, deals, deal product rows, catalog products and clients of a Bitrix24 portal."""
    sections = _Lookup(webhook_url, min_interval_seconds, "crm.productsection.list", "ID", "NAME")

    def user(u: dict) -> dict:
        name = " ".join(p for p in (_text(u.get("LAST_NAME")), _text(u.get("NAME"))) if p)
        return {
            "user_id": _text(u["ID"]),
            "full_name": name,
            "email": _text(u.get("EMAIL")),
            "is_active": "true" if u.get("ACTIVE") in (True, "Y", "true") else "false",
        }

    def deal(d: dict) -> dict:
        company = _text(d.get("COMPANY_ID"))
        client = company if company not in ("", "0") else f"contact-{_text(d.get('CONTACT_ID'))}"
        closed = d.get("CLOSED") == "Y"
        return {
            "deal_id": _text(d["ID"]),
            "client_id": client,
            "responsible_user_id": _text(d.get("ASSIGNED_BY_ID")),
            "status": DEAL_STATUS.get(_text(d.get("STAGE_SEMANTIC_ID")), "in_progress"),
            "created_at": _text(d.get("DATE_CREATE")),
            "closed_at": _text(d.get("CLOSEDATE"))[:10] if closed else "",
            "title": _text(d.get("TITLE")),
            API_CURSOR: _text(d.get("DATE_MODIFY")),
        }

    def deal_line(row: dict) -> dict:
        return {
            "deal_line_id": _text(row["ID"]),
            "deal_id": _text(row["OWNER_ID"]),
            "product_id": _text(row.get("PRODUCT_ID")),
            "quantity": _text(row.get("QUANTITY")),
            "price": _text(row.get("PRICE")),
            "cost": "",  # product rows carry no cost: the catalog's purchase price applies
        }

    def product(p: dict) -> dict:
        return {
            "product_id": _text(p["id"]),
            "product_name": _text(p.get("name")),
            "category": sections.get(p.get("iblockSectionId")),
            "cost": _text(p.get("purchasingPrice")),
            "list_price": "",
            "is_priority": _property(p, priority_property),
            "is_promo": _property(p, promo_property),
            "season_start": _property(p, season_start_property),
            "season_end": _property(p, season_end_property),
        }

    def company(c: dict) -> dict:
        return {
            "client_id": _text(c["ID"]),
            "client_name": _text(c.get("TITLE")),
            "phones": _phones(c),
            "responsible_user_id": _text(c.get("ASSIGNED_BY_ID")),
        }

    def contact(c: dict) -> dict:
        name = " ".join(p for p in (_text(c.get("LAST_NAME")), _text(c.get("NAME"))) if p)
        return {
            "client_id": f"contact-{_text(c['ID'])}",
            "client_name": name,
            "phones": _phones(c),
            "responsible_user_id": _text(c.get("ASSIGNED_BY_ID")),
        }

    def listing(name: str, path: str, key: str, mapper, table: str | None = None, **params) -> dict:
        endpoint = {"path": path, "params": params, "paginator": _paginator(), "data_selector": "result"}
        return merged_resource(name, key, endpoint, mapper, table)

    product_properties = [
        p for p in (priority_property, promo_property, season_start_property, season_end_property) if p
    ]
    deals = keep_newest(listing(
        "deals",
        "crm.deal.list",
        "deal_id",
        deal,
        **{
            "select[]": ["ID", "COMPANY_ID", "CONTACT_ID", "ASSIGNED_BY_ID", "STAGE_SEMANTIC_ID",
                         "DATE_CREATE",
                         "CLOSEDATE", "CLOSED", "TITLE", "DATE_MODIFY"],
            "order[DATE_MODIFY]": "ASC",
            "filter[>=DATE_MODIFY]": {
                "type": "incremental",
                "cursor_path": API_CURSOR,
                "initial_value": initial_modified,
                "lag": lookback_hours * 3600,
            },
        },
    ), API_CURSOR)  # fmt: skip
    products = listing(
        "products",
        "catalog.product.list",
        "product_id",
        product,
        **{
            "filter[iblockId]": catalog_iblock_id,
            "select[]": ["id", "iblockId", "name", "purchasingPrice", "iblockSectionId", *product_properties],
        },
    )
    products["endpoint"]["data_selector"] = "result.products"
    return rest_api_resources(
        {
            "client": _client(webhook_url, min_interval_seconds),
            "resources": [
                listing("users", "user.get", "user_id", user),
                deals,
                merged_resource(
                    "deal_lines",
                    "deal_line_id",
                    {
                        "path": "crm.deal.productrows.get",
                        "params": {"id": "{resources.deals.deal_id}"},
                        "paginator": "single_page",
                        "data_selector": "result",
                    },
                    deal_line,
                ),
                products,
                listing("companies", "crm.company.list", "client_id", company, table="clients",
                        **{"select[]": ["ID", "TITLE", "PHONE", "ASSIGNED_BY_ID"]}),
                listing("contacts", "crm.contact.list", "client_id", contact, table="clients",
                        **{"select[]": ["ID", "NAME", "LAST_NAME", "PHONE", "ASSIGNED_BY_ID"]}),
            ],
        }
    )  # fmt: skip
