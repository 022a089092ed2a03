"""A threaded HTTP server on 127.0.0.1 with routes, a request log and injected faults."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    raw_query: str = ""


@dataclass
class Reply:
    status: int = 200
    body: object = None  # a dict/list is sent as JSON; str/bytes as they are
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Fault:
    path_contains: str
    reply: Reply
    times: int = 1
    delay: float = 0.0  # a slow page: answer correctly after this many seconds
    after: int = 0  # let this many matching requests through first


class StandIn:
    """Subclasses register handlers in ``routes``: path prefix → handler(Request) -> Reply."""

    def __init__(self):
        self.routes: dict[str, Callable[[Request], Reply]] = {}
        self.faults: list[Fault] = []
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def inject(self, fault: Fault) -> None:
        with self._lock:
            self.faults.append(fault)

    def _fault_for(self, request: Request) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.path_contains in request.path + "?" + request.raw_query and fault.times > 0:
                    if fault.after > 0:
                        fault.after -= 1
                        return None
                    fault.times -= 1
                    return fault
        return None

    def handle(self, request: Request) -> Reply:
        self.requests.append(request)
        fault = self._fault_for(request)
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            else:
                return fault.reply
        for prefix, handler in sorted(self.routes.items(), key=lambda kv: -len(kv[0])):
            if request.path.startswith(prefix):
                return handler(request)
        return Reply(404, {"error": "not found"})

    def __enter__(self) -> StandIn:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urlsplit(self.path)
                request = Request(
                    parts.path, parse_qs(parts.query, keep_blank_values=True), dict(self.headers), parts.query
                )
                reply = stand_in.handle(request)
                body = reply.body
                if isinstance(body, (dict, list)):
                    payload = json.dumps(body, ensure_ascii=False).encode()
                    content_type = "application/json"
                else:
                    payload = body.encode() if isinstance(body, str) else (body or b"")
                    content_type = "application/json"
                self.send_response(reply.status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()


def one(request: Request, name: str, default: str | None = None) -> str | None:
    values = request.query.get(name)
    return values[0] if values else default
