"""Zadarma's ``GET /v1/statistics/pbx/``: signed requests, at most one month per query,
``skip``/``limit`` ≤ 1000, records with the account's local ``callstart``."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, quote_plus, urlencode

from tests.stand_ins.server import Reply, Request, StandIn, one

FORMAT = "%Y-%m-%d %H:%M:%S"


class ZadarmaStandIn(StandIn):
    def __init__(self, records: list[dict], api_key: str = "key-1", api_secret: str = "secret-1"):
        super().__init__()
        self.records = sorted(records, key=lambda r: (r["callstart"], r["call_id"]))
        self.api_key, self.api_secret = api_key, api_secret
        self.routes["/v1/statistics/pbx/"] = self.statistics

    def _signed(self, request: Request) -> bool:
        """Zadarma's documented check, written here apart from the client's: base64 of the
        hex HMAC-SHA1 (secret) of path + sorted query + md5(sorted query)."""
        query = urlencode(sorted(parse_qsl(request.raw_query, keep_blank_values=True)), quote_via=quote_plus)
        message = request.path + query + hashlib.md5(query.encode()).hexdigest()
        mac = hmac.new(self.api_secret.encode(), message.encode(), hashlib.sha1).hexdigest()
        return (
            request.headers.get("Authorization")
            == f"{self.api_key}:{base64.b64encode(mac.encode()).decode()}"
        )

    def statistics(self, request: Request) -> Reply:
        if not self._signed(request):
            return Reply(401, {"status": "error", "message": "Not authorized"})
        start = datetime.strptime(one(request, "start"), FORMAT)
        end = datetime.strptime(one(request, "end"), FORMAT)
        if end - start > timedelta(days=31):
            return Reply(400, {"status": "error", "message": "the period must not exceed one month"})
        limit, skip = int(one(request, "limit", "1000")), int(one(request, "skip", "0"))
        if limit > 1000:
            return Reply(400, {"status": "error", "message": "limit must not exceed 1000"})
        call_type = one(request, "call_type")
        chosen = [
            r
            for r in self.records
            if start <= datetime.strptime(r["callstart"], FORMAT) <= end
            and (call_type is None or r["_direction"] == call_type)
        ]
        page = [{k: v for k, v in r.items() if not k.startswith("_")} for r in chosen[skip : skip + limit]]
        return Reply(
            200,
            {"status": "success", "start": one(request, "start"), "end": one(request, "end"), "stats": page},
        )
