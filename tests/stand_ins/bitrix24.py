"""Bitrix24 REST over an inbound webhook: ``/rest/<user>/<token>/<method>``, list
methods paged by ``start`` in pages of 50 with ``next`` and ``total``, filters such as
``FILTER[>=CALL_START_DATE]``, and ``QUERY_LIMIT_EXCEEDED`` (HTTP 503) when too fast."""

from __future__ import annotations

from datetime import datetime

from tests.stand_ins.server import Reply, Request, StandIn, one

PAGE = 50


class Bitrix24StandIn(StandIn):
    def __init__(self, token: str = "tok3n", **tables: list[dict]):
        super().__init__()
        self.token = token
        self.tables = {name: list(rows) for name, rows in tables.items()}
        self.routes["/rest/"] = self.method

    @property
    def webhook_url(self) -> str:
        return f"{self.url}/rest/1/{self.token}/"

    def method(self, request: Request) -> Reply:
        parts = request.path.split("/")  # ['', 'rest', '1', token, method]
        if len(parts) != 5 or parts[3] != self.token:
            return Reply(
                401, {"error": "INVALID_CREDENTIALS", "error_description": "Invalid request credentials"}
            )
        name = parts[4].removesuffix(".json")
        if name == "crm.deal.productrows.get":
            owner = one(request, "id")
            return Reply(
                200, {"result": [r for r in self.tables.get("productrows", []) if r["OWNER_ID"] == owner]}
            )
        rows = self.tables.get(name)
        if rows is None:
            return Reply(
                400, {"error": "ERROR_METHOD_NOT_FOUND", "error_description": f"Method not found: {name}"}
            )
        for key, values in request.query.items():
            if key.upper().startswith("FILTER[>="):
                field = key[len("FILTER[>=") : -1]
                since = datetime.fromisoformat(values[0])
                rows = [r for r in rows if datetime.fromisoformat(r[field]) >= since]
            elif key.lower() == "filter[iblockid]":
                rows = [r for r in rows if str(r.get("iblockId")) == values[0]]
        start = int(one(request, "start", "0") or 0)
        page = rows[start : start + PAGE]
        body = {"result": {"products": page} if name == "catalog.product.list" else page, "total": len(rows)}
        if start + PAGE < len(rows):
            body["next"] = start + PAGE
        return Reply(200, body)
