"""Zadarma PBX statistics (``GET /v1/statistics/pbx/``) as call records.

What dlt's rest_api cannot express is kept small: the request signing (an auth class)
and the time windows (at most one month per request, the API's limit). Paging is dlt's
``OffsetPaginator`` (``skip``/``limit`` ≤ 1000); state keeps the latest ``callstart``
seen, and each run starts ``lookback_hours`` before it to pick up late records.
Times are the account's local time (``timezone``), converted for staging.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterator
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, quote_plus, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import dlt
from dlt.sources.helpers.rest_client import RESTClient
from dlt.sources.helpers.rest_client.auth import AuthConfigBase
from dlt.sources.helpers.rest_client.paginators import OffsetPaginator

from ingestion.sources.api.cdr import cdr_row
from ingestion.sources.api.http import retrying_session
from ingestion.sources.api.settings import SYSTEM_COLUMNS

CDR_KEY = ["_source_file", "_source_line"]
WINDOW = timedelta(days=30)
PAGE = 1000
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
DISPOSITIONS = {"answered": "ANSWERED", "busy": "BUSY", "cancel": "NO ANSWER", "no answer": "NO ANSWER"}


class ZadarmaAuth(AuthConfigBase):
    """``Authorization: <key>:<signature>``, the signature being base64 of the hex
    HMAC-SHA1 of path + sorted query + md5(sorted query), as Zadarma documents."""

    def __init__(self, api_key: str, api_secret: str):
        self.api_key, self.api_secret = api_key, api_secret

    def __call__(self, request):
        parts = urlsplit(request.url)
        query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)), quote_via=quote_plus)
        request.url = urlunsplit(parts._replace(query=query))
        request.headers["Authorization"] = f"{self.api_key}:{sign(parts.path, query, self.api_secret)}"
        return request


def sign(path: str, query: str, secret: str) -> str:
    digest = hashlib.md5(query.encode()).hexdigest()
    mac = hmac.new(secret.encode(), (path + query + digest).encode(), hashlib.sha1).hexdigest()
    return base64.b64encode(mac.encode()).decode()


def _row(record: dict, inbound: bool, zone: ZoneInfo) -> dict:
    started = datetime.strptime(record["callstart"], TIME_FORMAT).replace(tzinfo=zone)
    disposition = DISPOSITIONS.get(str(record.get("disposition", "")).lower(), "FAILED")
    return cdr_row(
        "zadarma",
        str(record["call_id"]),
        str(record.get("pbx_call_id") or ""),
        inbound,
        str(record.get("sip") or ""),
        str((record.get("clid") if inbound else record.get("destination")) or ""),
        started,
        int(record.get("seconds") or 0),
        disposition,
        dialled=str(record.get("destination") or "") if inbound else "",
    )


@dlt.source(name="zadarma", max_table_nesting=0)
def zadarma(
    api_key: str = dlt.secrets.value,
    api_secret: str = dlt.secrets.value,
    base_url: str = "https://api.zadarma.com",
    timezone: str = "Europe/Moscow",
    initial_start: str | None = None,
    lookback_hours: float = 24,
    min_interval_seconds: float = 6.0,
):
    """Call records of the account's PBX; ``initial_start`` (local time) defaults to 30 days ago."""
    zone = ZoneInfo(timezone)
    client = RESTClient(
        base_url=base_url,
        auth=ZadarmaAuth(api_key, api_secret),
        session=retrying_session(min_interval=min_interval_seconds),
        data_selector="stats",
    )

    @dlt.resource(name="asterisk_cdr", write_disposition="merge", primary_key=CDR_KEY, columns=SYSTEM_COLUMNS)
    def calls() -> Iterator[list[dict]]:
        state = dlt.current.resource_state()
        now = datetime.now(zone).replace(tzinfo=None, microsecond=0)
        if state.get("last_callstart"):
            start = datetime.strptime(state["last_callstart"], TIME_FORMAT) - timedelta(hours=lookback_hours)
        else:
            start = datetime.strptime(initial_start, TIME_FORMAT) if initial_start else now - WINDOW
        latest = state.get("last_callstart", "")
        while start < now:
            end = min(start + WINDOW, now)
            for call_type in ("in", "out"):
                params = {
                    "start": start.strftime(TIME_FORMAT),
                    "end": end.strftime(TIME_FORMAT),
                    "version": 2,
                    "call_type": call_type,
                    "format": "json",
                }
                paginator = OffsetPaginator(
                    limit=PAGE, offset_param="skip", limit_param="limit", total_path=None
                )
                for page in client.paginate("/v1/statistics/pbx/", params=params, paginator=paginator):
                    rows = [_row(r, call_type == "in", zone) for r in page]
                    latest = max([latest, *(r["callstart"] for r in page)])
                    if rows:
                        yield rows
            start = end
        state["last_callstart"] = latest

    return calls
