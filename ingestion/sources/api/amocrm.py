"""amoCRM (``/api/v4/``) through dlt's rest_api: users, leads as deals, contacts and
companies as clients. HAL+JSON: rows under ``_embedded.<entity>``, the next page at
``_links.next.href`` (``page``/``limit`` ≤ 250); an OAuth bearer token; leads increment
by ``filter[updated_at][from]`` (unix seconds) with a look-back.

amoCRM leads carry a budget (``price``), not product rows: each lead becomes one deal
line of the product ``amocrm-budget`` (category ``amoCRM``, no cost), so revenue KPIs
work and margin KPIs need products from files. Status 142 is won, 143 lost.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import dlt
from dlt.sources.helpers.rest_client.auth import BearerTokenAuth
from dlt.sources.rest_api import rest_api_resources

from core import phones
from ingestion.sources.api.bitrix24 import API_CURSOR
from ingestion.sources.api.http import retrying_session
from ingestion.sources.api.pages import LinkPages
from ingestion.sources.api.settings import SYSTEM_COLUMNS, keep_newest, merged_resource
from ingestion.sources.tabular import with_snapshot_columns

WON, LOST = 142, 143
BUDGET_PRODUCT = "amocrm-budget"
PAGE = 250


def _text(value) -> str:
    return "" if value is None else str(value)


def _phones(entity: dict) -> str:
    """The contact's numbers, pseudonymised before they are stored (core/phones.py)."""
    numbers = []
    for field in entity.get("custom_fields_values") or []:
        if field.get("field_code") == "PHONE":
            numbers += [_text(v.get("value")) for v in field.get("values") or [] if v.get("value")]
    return phones.pseudonymise_list(";".join(numbers))


@dlt.source(name="amocrm", max_table_nesting=0)
def amocrm(
    base_url: str = dlt.config.value,
    access_token: str = dlt.secrets.value,
    timezone: str = "Europe/Moscow",
    initial_updated_at: int = 0,
    lookback_hours: float = 24,
    min_interval_seconds: float = 0.15,
):
    """``base_url`` is ``https://<account>.amocrm.ru/api/v4/``."""
    zone = ZoneInfo(timezone)

    def moment(unix) -> datetime | None:
        return datetime.fromtimestamp(int(unix), UTC) if unix else None

    def deal(lead: dict) -> dict:
        embedded = lead.get("_embedded") or {}
        companies = embedded.get("companies") or []
        contacts = embedded.get("contacts") or []
        main = next((c for c in contacts if c.get("is_main")), contacts[0] if contacts else None)
        client = _text(companies[0]["id"]) if companies else (f"contact-{main['id']}" if main else "")
        status = lead.get("status_id")
        closed = moment(lead.get("closed_at"))
        created = moment(lead.get("created_at"))
        return {
            "deal_id": _text(lead["id"]),
            "client_id": client,
            "responsible_user_id": _text(lead.get("responsible_user_id")),
            "status": "won" if status == WON else "lost" if status == LOST else "in_progress",
            "created_at": created.isoformat() if created else "",
            "closed_at": closed.astimezone(zone).date().isoformat()
            if closed and status in (WON, LOST)
            else "",
            "title": _text(lead.get("name")),
            "budget": _text(lead.get("price")),
            API_CURSOR: int(lead.get("updated_at") or 0),
        }

    def budget_line(lead: dict) -> dict:
        return {
            "deal_line_id": f"{lead['deal_id']}-budget",
            "deal_id": lead["deal_id"],
            "product_id": BUDGET_PRODUCT,
            "quantity": "1",
            "price": lead["budget"],
            "cost": "",
            API_CURSOR: lead[API_CURSOR],  # the lead's version: the newest of a lead read twice stays
        }

    def user(u: dict) -> dict:
        active = (u.get("rights") or {}).get("is_active", True)
        return {
            "user_id": _text(u["id"]),
            "full_name": _text(u.get("name")),
            "email": _text(u.get("email")),
            "is_active": "true" if active else "false",
        }

    def client(prefix: str):
        def mapper(entity: dict) -> dict:
            return {
                "client_id": f"{prefix}{entity['id']}",
                "client_name": _text(entity.get("name")),
                "phones": _phones(entity),
                "responsible_user_id": _text(entity.get("responsible_user_id")),
            }

        return mapper

    def listing(name: str, path: str, key: str, mapper, table: str | None = None, **params) -> dict:
        endpoint = {
            "path": path,
            "params": {"limit": PAGE, **params},
            "paginator": LinkPages(next_url_path="_links.next.href"),
            "data_selector": f"_embedded.{path}",
            # an empty list is "204 No Content" in amoCRM
            "response_actions": [{"status_code": 204, "action": "ignore"}],
        }
        return merged_resource(name, key, endpoint, mapper, table)

    leads = keep_newest(
        listing(
            "leads",
            "leads",
            "deal_id",
            deal,
            table="deals",
            **{
                "with": "contacts",
                "order[updated_at]": "asc",
                "filter[updated_at][from]": {
                    "type": "incremental",
                    "cursor_path": API_CURSOR,
                    "initial_value": initial_updated_at,
                    "lag": lookback_hours * 3600,
                },
            },
        ),
        API_CURSOR,
    )

    @dlt.transformer(
        name="lead_budgets",
        table_name="deal_lines",
        write_disposition="merge",
        primary_key="deal_line_id",
        columns={**SYSTEM_COLUMNS, API_CURSOR: {"dedup_sort": "desc"}},
    )
    def lead_budgets(deals: list[dict]):
        yield [with_snapshot_columns(budget_line(d), "api:amocrm") for d in deals]

    @dlt.resource(
        name="budget_product",
        table_name="products",
        write_disposition="merge",
        primary_key="product_id",
        columns=SYSTEM_COLUMNS,
    )
    def budget_product():
        yield with_snapshot_columns(
            {
                "product_id": BUDGET_PRODUCT,
                "product_name": "amoCRM lead budget",
                "category": "amoCRM",
                "cost": "",
                "list_price": "",
                "is_priority": "false",
                "is_promo": "false",
                "season_start": "",
                "season_end": "",
            },
            "api:amocrm",
        )

    resources = rest_api_resources(
        {
            "client": {
                "base_url": base_url,
                "auth": BearerTokenAuth(token=access_token),
                "session": retrying_session(min_interval=min_interval_seconds),
            },
            "resources": [
                listing("users", "users", "user_id", user),
                leads,
                listing("contacts", "contacts", "client_id", client("contact-"), table="clients"),
                listing("companies", "companies", "client_id", client(""), table="clients"),
            ],
        }
    )
    by_name = {r.name: r for r in resources}
    return [*resources, by_name["leads"] | lead_budgets, budget_product]
