"""The pipeline against a plain-DuckDB baseline on the same generated files.

    python bench/pipeline.py --size 1m                  # 100k, 1m or 10m call rows
    python bench/pipeline.py --size 100k,1m,10m --shape calls   # a scale curve, calls only

Prints wall time, rows per second and peak resident memory of the whole process tree
for: generating the data; the fair baseline (bench/baseline_calls.sql: plain DuckDB
reads the Master.csv files, groups legs into calls, attributes them through the directory
and computes the daily per-employee call KPIs; its table must equal autokpi's
marts.mart_call_activity_daily, checked here, else the bench exits 1); the full autokpi run into a fresh
warehouse; a second run with nothing new; and an incremental run after one more day of
calls and deals arrives. For the autokpi runs it also prints where the time goes, step
by step (from the run's own progress lines). With several sizes it ends with the scale
curve: each size's ratios against the issue's targets side by side. ``--shape calls``
benches the call side alone (call records and the directory), the shape the fair baseline
does the same work on. Appends the figures to bench/RESULTS.md. Never fails on time: it
reports.
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
BASELINE_SQL = Path(__file__).with_name("baseline_calls.sql")
# runs the baseline in a process of its own, so its time and memory are measured apart
BASELINE = """
import duckdb, sys
sql = open(sys.argv[1], encoding="utf-8").read()
sql = sql.replace("{cdr_glob}", sys.argv[3]).replace("{employees_csv}", sys.argv[4])
con = duckdb.connect(sys.argv[2])
con.execute(sql)
print(con.execute("select count(*) from cdr").fetchone()[0])
"""
# the columns both compute; avg_ring_seconds is a double, compared to 6 places
COMPARED = ("activity_date", "employee_id", "calls_total", "calls_inbound", "calls_outbound",
            "calls_answered", "calls_missed", "talk_seconds", "calls_internal")  # fmt: skip


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


def measure(cmd: list[str], env: dict | None = None, steps: dict | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak tree RSS and stdout of a command; ``steps`` gets, for each
    pipeline step, its seconds and the peak RSS while it ran (from the progress lines,
    ``12.3s  ▶ step`` … ``15.0s  ✔ step``, timed as they arrive)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    err_lines: list[tuple[float, str]] = []

    def read():
        for line in proc.stderr:
            err_lines.append((time.perf_counter() - started, line))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    samples: list[tuple[float, int]] = []

    def sample():
        while proc.poll() is None:
            samples.append((time.perf_counter() - started, _tree_rss(proc.pid)))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = proc.stdout.read()
    proc.wait()
    sampler.join()
    reader.join()
    if proc.returncode != 0:
        tail = "".join(line for _, line in err_lines[-5:])
        raise SystemExit(f"{' '.join(cmd[:4])}… failed with exit code {proc.returncode}\n{tail}")
    if steps is not None:
        for name, (begin, end) in step_windows(err_lines).items():
            peak = max((rss for at, rss in samples if begin <= at <= end), default=0)
            steps[name] = (end - begin, peak)
    return time.perf_counter() - started, max((rss for _, rss in samples), default=0), out


def step_windows(lines: list[tuple[float, str]]) -> dict[str, tuple[float, float]]:
    """When each step started and ended (seconds since launch), from the progress lines."""
    started, windows = {}, {}
    for at, line in lines:
        parts = line.split()
        if len(parts) >= 3 and parts[0].endswith("s") and parts[1] in ("▶", "✔", "✘"):
            name = parts[2]
            if parts[1] == "▶":
                started[name] = at
            elif name in started:
                windows[name] = (started.pop(name), at)
    return windows


def baseline_differences(baseline_db: Path, warehouse: Path) -> tuple[int, int]:
    """Rows of the baseline's daily table and of marts.mart_call_activity_daily that the
    other lacks (both ways), and the mart's row count: (0, n) means the same work."""
    import duckdb

    columns = ", ".join(COMPARED) + ", round(avg_ring_seconds, 6) as avg_ring_seconds"
    con = duckdb.connect()
    con.execute(f"attach '{baseline_db}' as baseline (read_only)")
    con.execute(f"attach '{warehouse}' as autokpi (read_only)")
    mart = f"select {columns} from autokpi.marts.mart_call_activity_daily"
    base = f"select {columns} from baseline.main.daily"
    differing = con.execute(
        f"select count(*) from (({mart} except all {base}) union all ({base} except all {mart}))"
    ).fetchone()[0]
    rows = con.execute("select count(*) from autokpi.marts.mart_call_activity_daily").fetchone()[0]
    con.close()
    return differing, rows


def generate_command(out: Path, days: int, end: str, scale: dict) -> list[str]:
    """The demo generator writing ``days`` days up to ``end`` at a size's scale into ``out``."""
    size = ["--employees", str(scale["employees"]), "--calls-per-day", str(scale["calls_per_day"])]
    return [
        sys.executable,
        "-m",
        "demo.generate",
        "--out",
        str(out),
        "--days",
        str(days),
        "--end",
        end,
        *size,
    ]


def add_one_day(inbox: Path, scale: dict, env: dict, calls_only: bool = False) -> int:
    """One more day of calls and deals, as a PBX and a CRM would add them: a new month's
    Master.csv and new deal files, generated for 2026-11-02 (the history ends 2026-10-31);
    with ``calls_only``, the Master.csv alone. Returns the call rows added."""
    day = inbox.parent / "next_day"
    shutil.rmtree(day, ignore_errors=True)
    subprocess.run(
        generate_command(day, 1, "2026-11-02", scale), check=True, env=env, stdout=subprocess.DEVNULL
    )
    added = 0
    for master in (day / "pbx" / "asterisk").glob("*.csv"):
        shutil.copy(master, inbox / "pbx" / "asterisk" / master.name)
        added += sum(1 for _ in master.open("rb"))
    if calls_only:
        return added
    for transcript in (day / "pbx" / "transcripts").glob("*"):
        shutil.copy(transcript, inbox / "pbx" / "transcripts" / f"next-{transcript.name}")
    shutil.copy(day / "plans" / "plans.csv", inbox / "plans" / "plans-2026-11.csv")
    for name in ("deals", "deal_lines"):  # new ids, so they add to the history
        text = (day / "crm" / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        body = [("N" + line) if name == "deals" else _prefix_line(line) for line in text[1:]]
        (inbox / "crm" / f"{name}-2026-11-02.csv").write_text(
            "\n".join([text[0], *body]) + "\n", encoding="utf-8"
        )
    return added


def _prefix_line(line: str) -> str:
    deal_line_id, deal_id, rest = line.split(",", 2)
    return f"N{deal_line_id},N{deal_id},{rest}"


SHAPES = {
    "demo": "the demo's shape: call records, transcripts, CRM, plans",
    "calls": "call records and the directory only (no transcripts, CRM or plans)",
}


def _generate(inbox: Path, scale: dict, shape: str, env: dict, results: list) -> None:
    seconds, peak, _ = measure(generate_command(inbox, 90, "2026-10-31", scale), env)
    results.append(("generate", seconds, peak))
    if shape == "calls":  # the call side alone: what the fair baseline does too
        for folder in ("crm", "plans", "pbx/transcripts"):
            shutil.rmtree(inbox / folder, ignore_errors=True)


def bench_size(size: str, shape: str, workdir: Path, env: dict) -> dict:
    """Generate (once) and run the baseline, a full run, a run with nothing new and a run
    after one more day, at one size and shape; their figures and the report's lines."""
    work = workdir / (size if shape == "demo" else f"{size}-{shape}")
    inbox, warehouse = work / "inbox", work / "autokpi.duckdb"
    python = sys.executable
    scale = SIZES[size]
    results: list[tuple[str, float, int]] = []

    if not (inbox / "demo_manifest.json").exists():
        _generate(inbox, scale, shape, env, results)
    rows = json.loads((inbox / "demo_manifest.json").read_text())["counts"]["cdr_rows"]

    # the day a previous bench added goes first, so the baseline and the full run read the
    # same files (the baseline once read it and the full run did not)
    leftovers = ["crm/deal*-2026-11-02.csv", "pbx/asterisk/Master-2026-11.csv", "pbx/transcripts/next-*",
                 "plans/plans-2026-11.csv"]  # fmt: skip
    for pattern in leftovers:
        for leftover in inbox.glob(pattern):
            leftover.unlink()

    baseline_db = work / "baseline.duckdb"
    baseline_db.unlink(missing_ok=True)
    glob = str(inbox / "pbx" / "asterisk" / "*.csv")
    employees = str(inbox / "directory" / "employees.csv")
    baseline = [python, "-c", BASELINE, str(BASELINE_SQL), str(baseline_db), glob, employees]
    seconds, peak, _ = measure(baseline, env)
    results.append(("baseline (plain DuckDB, bench/baseline_calls.sql)", seconds, peak))

    for path in work.glob("autokpi.duckdb*"):
        path.unlink()
    shutil.rmtree(work / ".autokpi.dlt", ignore_errors=True)
    run = [python, "-m", "orchestration.cli", "run", "--inbox", str(inbox), "--warehouse", str(warehouse)]
    profiles: dict[str, dict] = {}
    for name in ("full autokpi run", "second run, nothing new"):
        profiles[name] = {}
        seconds, peak, _ = measure(run, env, profiles[name])
        results.append((name, seconds, peak))
        if name == "full autokpi run":
            differing, mart_rows = baseline_differences(baseline_db, warehouse)
    added = add_one_day(inbox, scale, env, calls_only=shape == "calls")
    name = f"incremental run, one more day ({added:,} call rows)"
    profiles[name] = {}
    seconds, peak, _ = measure(run, env, profiles[name])
    results.append((name, seconds, peak))

    base = next(r[1] for r in results if r[0].startswith("baseline"))
    full = next(r[1] for r in results if r[0] == "full autokpi run")
    lines = [f"## {date.today()} — {size}, {SHAPES[shape]} ({rows:,} call rows)", ""]
    lines.append(f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    lines += ["", "| step | seconds | rows/s | peak RSS (tree) | × baseline |", "|---|---|---|---|---|"]
    for name, seconds, peak in results:
        ratio = f"{seconds / base:.1f}" if name != "generate" else ""
        lines.append(f"| {name} | {seconds:.1f} | {rows / seconds:,.0f} | {peak / 2**20:,.0f} MB | {ratio} |")
    incremental = results[-1][1]
    same = "yes" if differing == 0 else f"NO: {differing:,} rows differ (the ratio is not like for like)"
    lines += [
        "",
        f"baseline's daily table equals marts.mart_call_activity_daily ({mart_rows:,} rows): {same}",
        f"incremental / full: {incremental / full:.0%}",
        "",
        "Where the time goes (seconds per step; peak RSS of the process tree while it ran):",
        "",
    ]
    names = list(profiles)
    lines += ["| step | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    first = profiles[names[0]]
    steps = sorted({s for p in profiles.values() for s in p}, key=lambda s: -first.get(s, (0, 0))[0])
    for step in steps:
        cells = []
        for n in names:
            seconds, peak = profiles[n].get(step, (0, 0))
            # a step shorter than the 0.2 s sampling interval has no memory figure
            cells.append(f"{seconds:.1f} s, {peak / 2**20:,.0f} MB" if peak else f"{seconds:.1f} s")
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    peak_of_runs = max(
        peak for name, _, peak in results if name != "generate" and not name.startswith("baseline")
    )
    return {
        "size": size, "rows": rows, "baseline": base, "full": full, "day": incremental, "added": added,
        "peak": peak_of_runs, "same": differing == 0, "lines": lines,
    }  # fmt: skip


def curve(figures: list[dict], shape: str) -> list[str]:
    """The figures of every size side by side, against the targets of the issue: full run
    ≤ 3× the baseline, a day ≤ 10 % of the full run, peak ≤ 4 GB."""
    lines = [f"## {date.today()} — scale curve, {SHAPES[shape]}", ""]
    lines.append(f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    lines += [
        "",
        "| size | call rows | baseline s | full run s | full ÷ baseline | a day s (rows) | day ÷ full "
        "| peak RSS | same daily table |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        lines.append(
            f"| {f['size']} | {f['rows']:,} | {f['baseline']:.1f} | {f['full']:.1f} "
            f"| {f['full'] / f['baseline']:.1f}× "
            f"| {f['day']:.1f} ({f['added']:,}) | {f['day'] / f['full']:.0%} | {f['peak'] / 2**30:.2f} GB "
            f"| {'yes' if f['same'] else 'NO'} |"
        )
    lines += ["", "Targets (issue 22): full ÷ baseline ≤ 3×, day ÷ full ≤ 10 %, peak ≤ 4 GB."]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--size", default="100k", help=f"one of {', '.join(SIZES)}, or several with commas (a scale curve)"
    )
    parser.add_argument("--shape", choices=sorted(SHAPES), default="demo", help="; ".join(
        f"{k}: {v}" for k, v in SHAPES.items()))  # fmt: skip
    parser.add_argument("--workdir", type=Path, default=ROOT / "var" / "bench")
    args = parser.parse_args()
    sizes = [s.strip() for s in args.size.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown or not sizes:
        parser.error(f"unknown size {', '.join(unknown) or '(none)'}: use {', '.join(SIZES)}")
    env = {**os.environ, "RUNTIME__DLTHUB_TELEMETRY": "false"}
    figures = []
    for size in sizes:
        figures.append(bench_size(size, args.shape, args.workdir, env))
        report = "\n".join(figures[-1]["lines"])
        print(report, flush=True)
        with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as fh:
            fh.write(report + "\n\n")
    if len(figures) > 1:
        report = "\n".join(curve(figures, args.shape))
        print(report)
        with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as fh:
            fh.write(report + "\n\n")
    return 0 if all(f["same"] for f in figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
