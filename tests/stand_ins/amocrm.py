"""amoCRM ``/api/v4/``: bearer token, ``page`` + ``limit`` ≤ 250, HAL+JSON with
``_embedded.<entity>`` and ``_links.next.href``, ``204 No Content`` for an empty list,
``filter[updated_at][from]`` in unix seconds."""

from __future__ import annotations

from urllib.parse import urlencode

from tests.stand_ins.server import Reply, Request, StandIn, one


class AmoCrmStandIn(StandIn):
    def __init__(self, token: str = "amo-t0ken", **entities: list[dict]):
        super().__init__()
        self.token = token
        self.entities = {name: list(rows) for name, rows in entities.items()}
        self.routes["/api/v4/"] = self.listing

    @property
    def base_url(self) -> str:
        return f"{self.url}/api/v4/"

    def listing(self, request: Request) -> Reply:
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return Reply(401, {"title": "Unauthorized", "status": 401, "detail": "Invalid access token"})
        name = request.path.removeprefix("/api/v4/").strip("/")
        limit, page = int(one(request, "limit", "50")), int(one(request, "page", "1"))
        if limit > 250:
            return Reply(400, {"title": "Bad Request", "detail": "limit must not exceed 250"})
        rows = self.entities.get(name, [])
        since = one(request, "filter[updated_at][from]")
        if since is not None:
            rows = [r for r in rows if r.get("updated_at", 0) >= int(float(since))]
        chosen = rows[(page - 1) * limit : page * limit]
        if not chosen:
            return Reply(204, "")
        query = {k: v[0] for k, v in request.query.items()}
        links = {"self": {"href": f"{self.url}{request.path}?{urlencode({**query, 'page': page})}"}}
        if page * limit < len(rows):
            links["next"] = {"href": f"{self.url}{request.path}?{urlencode({**query, 'page': page + 1})}"}
        return Reply(200, {"_page": page, "_links": links, "_embedded": {name: chosen}})
