"""Load on the portal: many signed-in people reading their statements at once.

    python bench/portal_load.py [--warehouse var/warehouse/autokpi.duckdb] [--users 200]
        [--seconds 30] [--think 2.0] [--workers 1]

The portal (uvicorn, ``portal.app:app_from_env``) serves a copy of the warehouse's
published snapshot from a process of its own, on 127.0.0.1. Each simulated person has
signed in (the directory's employees, several sessions each when there are more people
than employees) and, for ``--seconds``, opens one of their statements, reads it for a
random pause around ``--think`` seconds, and opens another. Then the same people request
without pausing (saturation). Reports requests, errors and latency percentiles, and
appends them to bench/RESULTS.md; figures, not assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

import duckdb
import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.paths import snapshot_path_for  # noqa: E402
from core.ports import free_port  # noqa: E402
from portal.store import open_store  # noqa: E402

PASSWORD = "a load test password"


def _machine_busy_seconds() -> float | None:
    """CPU seconds all cores have spent busy since boot (Linux's /proc/stat), else None."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _own_cpu_seconds() -> float:
    """CPU seconds of this process and of the children it has waited for (the server)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _other_cores(busy_before: float | None, own_before: float, started: float) -> str:
    """How many cores, on average, worked for something else than the load and the portal."""
    busy_after = _machine_busy_seconds()
    if busy_before is None or busy_after is None:
        return "unknown"
    other = (busy_after - busy_before) - (_own_cpu_seconds() - own_before)
    return f"{max(other, 0) / (time.monotonic() - started):.2f} cores busy"


def _statements(snapshot: Path) -> dict[str, list[str]]:
    """employee → the paths of their statements."""
    with duckdb.connect(str(snapshot), read_only=True) as con:
        rows = con.execute(
            "select employee_id, strftime(month, '%Y-%m') from marts.mart_bonus_monthly order by 1, 2"
        ).fetchall()
    out: dict[str, list[str]] = {}
    for employee, month in rows:
        out.setdefault(employee, []).append(f"/statements/{month}/{employee}")
    return out


class Person:
    """One signed-in browser: its own cookies and connection."""

    def __init__(self, base: str, login: str, paths: list[str]):
        self.base, self.login, self.paths = base, login, paths
        self.client = httpx.AsyncClient(base_url=base, timeout=60)

    async def sign_in(self) -> None:
        page = (await self.client.get("/signin")).text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        answer = await self.client.post(
            "/signin", data={"csrf": csrf, "login": self.login, "password": PASSWORD}
        )
        if answer.status_code != 303:
            raise RuntimeError(f"{self.login} could not sign in")

    async def read_one(self) -> tuple[float, bool]:
        started = time.perf_counter()
        try:
            answer = await self.client.get(random.choice(self.paths))
            ok = answer.status_code == 200
        except httpx.HTTPError:
            ok = False
        return time.perf_counter() - started, ok


async def _phase(people: list[Person], seconds: float, think: float) -> tuple[list[float], int]:
    """Everyone browses at once (one event loop: the load's own cost stays small and fair)."""
    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + seconds

    async def browse(person: Person) -> None:
        nonlocal errors
        await asyncio.sleep(random.uniform(0, think))  # people do not all start in the same instant
        while time.monotonic() < deadline:
            took, ok = await person.read_one()
            latencies.append(took)
            errors += 0 if ok else 1
            if think:
                await asyncio.sleep(random.uniform(0.5 * think, 1.5 * think))

    await asyncio.gather(*(browse(p) for p in people))
    return latencies, errors


async def _load(people: list[Person], employees: int, seconds: float, think: float) -> list[str]:
    print(f"signing in {len(people)} people ({employees} employees)", file=sys.stderr)
    for person in people:
        await person.sign_in()
    print(f"reading statements for {seconds:.0f} s, pausing ~{think} s", file=sys.stderr)
    latencies, errors = await _phase(people, seconds, think)
    rows = [_summary(f"{len(people)} people, ~{think} s between pages", latencies, errors, seconds)]
    print(f"the same people without pausing for {seconds:.0f} s", file=sys.stderr)
    latencies, errors = await _phase(people, seconds, 0)
    rows.append(_summary(f"{len(people)} people, no pause (saturation)", latencies, errors, seconds))
    for person in people:
        await person.client.aclose()
    return rows


def _summary(name: str, latencies: list[float], errors: int, seconds: float) -> str:
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100) if len(ms) > 1 else [ms[0]] * 99
    return (
        f"| {name} | {len(ms):,} | {errors} | {len(ms) / seconds:,.0f} | {q[49]:,.0f} | {q[94]:,.0f} | "
        f"{q[98]:,.0f} | {ms[-1]:,.0f} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warehouse", type=Path, default=ROOT / "var" / "warehouse" / "autokpi.duckdb")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--think", type=float, default=2.0, help="mean pause between two pages, seconds")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    args = parser.parse_args()
    snapshot = snapshot_path_for(args.warehouse.resolve())
    if not snapshot.exists():
        print(f"no snapshot at {snapshot}: run make demo first", file=sys.stderr)
        return 1

    # what else the machine was doing: a test suite running beside the load turns a p95 of
    # tens of milliseconds into hundreds, so each figure says how busy the machine was
    busy_before, own_before, started = _machine_busy_seconds(), _own_cpu_seconds(), time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="autokpi-portal-load-"))
    try:
        warehouse = folder / "autokpi.duckdb"
        snapshot_path_for(warehouse).parent.mkdir()
        shutil.copy(snapshot, snapshot_path_for(warehouse))
        statements = _statements(snapshot_path_for(warehouse))
        store = open_store(warehouse)
        for employee in statements:
            store.redeem(store.invite(employee, employee, None, days=1), PASSWORD)
        port = free_port()
        env = {
            **os.environ,
            "AUTOKPI_WAREHOUSE": str(warehouse),
            "AUTOKPI_PORTAL_SECRET": secrets.token_urlsafe(32),
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "portal.app:app_from_env", "--host", "127.0.0.1",
             "--port", str(port), "--workers", str(args.workers), "--no-access-log",
             "--log-level", "warning"],
            env=env, cwd=ROOT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(f"{base}/signin", timeout=1).read()
                    break
                except OSError:
                    time.sleep(0.1)
            employees = sorted(statements)
            people = [Person(base, employees[i % len(employees)], statements[employees[i % len(employees)]])
                      for i in range(args.users)]  # fmt: skip
            rows = asyncio.run(_load(people, len(employees), args.seconds, args.think))
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    other = _other_cores(busy_before, own_before, started)
    lines = [
        f"## {date.today()} — portal load ({args.workers} uvicorn worker{'s' if args.workers > 1 else ''})",
        "",
        f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"a statement page per request, {len(statements)} employees' snapshot, "
        f"{args.seconds:.0f} s per phase; other work on the machine meanwhile: {other}",
        "",
        "| load | requests | errors | requests/s | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
    ]
    print("\n".join(lines))
    with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as fh:
        fh.write("\n" + "\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
