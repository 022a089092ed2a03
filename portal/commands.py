"""What ``autokpi invite`` and ``autokpi serve`` do (the command line is orchestration/cli.py)."""

from __future__ import annotations

import errno
import socket
import sys
from datetime import date
from pathlib import Path

from core import settings
from core.paths import snapshot_path_for
from core.ports import port_in_use
from portal.access import locked_out
from portal.snapshot import open_reader
from portal.store import PORTAL_ROLES, PortalError, open_store


def invite(warehouse: Path, login: str, role: str | None = None, today: date | None = None) -> str:
    """A one-time link for ``login`` to set a password: a directory employee id (their role
    and department come from the directory), or any name with ``role`` finance or admin."""
    if role is not None and role not in PORTAL_ROLES:
        raise PortalError(f"--role {role!r} is not a portal role: use one of {', '.join(PORTAL_ROLES)}")
    reader = open_reader(warehouse)
    try:
        person = reader.person(login)
    finally:
        reader.close()
    if person is None and role is None:
        raise PortalError(
            f"{login!r} is not an employee id in the directory: invite a directory employee, or give "
            f"an account of its own a portal role (--role {' or --role '.join(PORTAL_ROLES)})"
        )
    grace = settings.get("AUTOKPI_PORTAL_LEAVER_GRACE_DAYS")
    if person and role is None and locked_out(person["leave_date"], grace, today or date.today()):
        raise PortalError(
            f"{login} left on {person['leave_date']} and the {grace} days of access after leaving are over: "
            "send their statements instead (the dashboards' statements folder)"
        )
    store = open_store(warehouse)
    token = store.invite(
        login, person and person["employee_id"], role, settings.get("AUTOKPI_PORTAL_INVITATION_DAYS")
    )
    store.log(None, "invitation made", login)
    return f"{settings.get('AUTOKPI_PORTAL_URL').rstrip('/')}/invite/{token}"


def demo_invitations(warehouse: Path) -> list[tuple[str, str, str]]:
    """Links for three demo accounts: the first employee who is no head, the first head,
    and a finance account: (who, login, link)."""
    reader = open_reader(warehouse)
    try:
        people = reader.people()
    finally:
        reader.close()
    staying = [p for p in people if p["leave_date"] is None]
    employee = next((p["employee_id"] for p in staying if p["role"] != "department_head"), None)
    head = next((p["employee_id"] for p in staying if p["role"] == "department_head"), None)
    accounts = [
        ("employee", employee, None),
        ("department head", head, None),
        ("finance", "finance", "finance"),
    ]
    return [(who, login, invite(warehouse, login, role)) for who, login, role in accounts if login]


def _listening_socket(host: str, port: int) -> socket.socket:
    """The portal's socket, bound here and handed to uvicorn, so that an address it cannot
    have is said in a sentence before the portal announces itself (uvicorn logged "[Errno 98]
    error while attempting to bind …" after "the portal on http://…")."""
    why = {
        errno.EADDRINUSE: port_in_use(port, "another portal"),
        errno.EADDRNOTAVAIL: f"{host} is not an address of this machine: give one of its own with "
        "--host (127.0.0.1 for this machine alone)",
        errno.EACCES: f"port {port} needs root (ports below 1024): choose one above 1024 with --port",
    }
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family)
    except socket.gaierror:
        raise PortalError(f"the portal cannot listen on {host}: no such host name (--host)") from None
    except OSError as error:
        reason = why.get(error.errno, error.strerror or str(error))
        raise PortalError(f"the portal cannot listen on {host}:{port}: {reason}") from None


def serve(warehouse: Path, host: str, port: int) -> None:
    import uvicorn

    from portal.app import create_app

    app = create_app(warehouse)
    listening = _listening_socket(host, port)
    from core.warehouse import describe, target

    where = snapshot_path_for(warehouse) if target() == "duckdb" else f"the marts on {describe(warehouse)}"
    print(f"autokpi: the portal on http://{host}:{port} (Ctrl-C stops it); reads {where}", file=sys.stderr)
    print("autokpi: accounts: autokpi invite <employee id> prints a link to set a password", file=sys.stderr)
    if not settings.get("AUTOKPI_PORTAL_SECRET"):
        print(
            "autokpi: sessions end when the portal stops (set AUTOKPI_PORTAL_SECRET to keep them)",
            file=sys.stderr,
        )
    # no access log from uvicorn: invitation paths carry tokens; the portal keeps its own log
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[listening])
