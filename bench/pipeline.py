"""The pipeline against a plain-DuckDB baseline on the same generated files.

    python bench/pipeline.py --size 1m        # 100k, 1m or 10m call rows

Prints wall time, rows per second and peak resident memory of the whole process tree
for: generating the data; the baseline (plain DuckDB reads the Master.csv files and
computes the daily per-extension aggregate); the full autokpi run into a fresh
warehouse; and a second run with nothing new. Appends the figures to bench/RESULTS.md.
Never fails on time: it reports.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {
    "100k": {"employees": 25, "calls_per_day": 30},
    "1m": {"employees": 250, "calls_per_day": 30},
    "10m": {"employees": 1000, "calls_per_day": 90},
}
BASELINE = """
import duckdb, sys
con = duckdb.connect(sys.argv[1])
con.execute('''create or replace table cdr as select * from read_csv(?, header=false, all_varchar=true)''',
            [sys.argv[2]])
con.execute('''create or replace table daily as
    select column02 as extension, cast(column09 as timestamp)::date as day, count(*) as legs,
           sum(case when column14 = 'ANSWERED' then 1 else 0 end) as answered,
           sum(case when column14 != 'ANSWERED' then 1 else 0 end) as missed,
           sum(cast(column13 as integer)) as talk_seconds
    from cdr group by all''')
print(con.execute('select count(*) from cdr').fetchone()[0])
"""


def _tree_rss(pid: int) -> int:
    """Resident memory in bytes of a process and all its descendants, from /proc."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def measure(cmd: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak tree RSS and stdout of a command."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    peak = [0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])}… failed with exit code {proc.returncode}")
    return time.perf_counter() - started, peak[0], out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="100k")
    parser.add_argument("--workdir", type=Path, default=ROOT / "var" / "bench")
    args = parser.parse_args()
    work = args.workdir / args.size
    inbox, warehouse = work / "inbox", work / "autokpi.duckdb"
    python = sys.executable
    env = {**os.environ, "RUNTIME__DLTHUB_TELEMETRY": "false", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    scale = SIZES[args.size]
    results = []

    if not (inbox / "demo_manifest.json").exists():
        cmd = [
            python,
            "-m",
            "ingestion.demo.generate",
            "--out",
            str(inbox),
            "--days",
            "90",
            "--end",
            "2026-10-31",
        ]
        cmd += ["--employees", str(scale["employees"]), "--calls-per-day", str(scale["calls_per_day"])]
        seconds, peak, _ = measure(cmd, env)
        results.append(("generate", seconds, peak))
    rows = json.loads((inbox / "demo_manifest.json").read_text())["counts"]["cdr_rows"]

    baseline_db = work / "baseline.duckdb"
    baseline_db.unlink(missing_ok=True)
    glob = str(inbox / "pbx" / "asterisk" / "*.csv")
    seconds, peak, _ = measure([python, "-c", BASELINE, str(baseline_db), glob], env)
    results.append(("baseline (plain DuckDB)", seconds, peak))

    for path in work.glob("autokpi.duckdb*"):
        path.unlink()
    shutil.rmtree(work / ".autokpi.dlt", ignore_errors=True)
    run = [python, "-m", "orchestration.cli", "run", "--inbox", str(inbox), "--warehouse", str(warehouse)]
    seconds, peak, _ = measure(run, env)
    results.append(("full autokpi run", seconds, peak))
    seconds, peak, _ = measure(run, env)
    results.append(("second run, nothing new", seconds, peak))

    base = results[-3][1]
    lines = [f"## {date.today()} — {args.size} ({rows:,} call rows)", ""]
    lines.append(f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    lines += ["", "| step | seconds | rows/s | peak RSS (tree) | × baseline |", "|---|---|---|---|---|"]
    for name, seconds, peak in results:
        ratio = f"{seconds / base:.1f}" if name != "generate" else ""
        lines.append(f"| {name} | {seconds:.1f} | {rows / seconds:,.0f} | {peak / 2**20:,.0f} MB | {ratio} |")
    report = "\n".join(lines)
    print(report)
    with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as fh:
        fh.write(report + "\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
