"""``autokpi``: the command line the Makefile targets wrap.

    autokpi demo [--out DIR] [--employees N] [--days N] [--seed N]
    autokpi run --inbox DIR [--warehouse FILE]
    autokpi generate --out DIR [...]
    autokpi ui

Every command prints progress on stderr and exits non-zero with a one-line reason.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from orchestration.paths import DEFAULT_INBOX, DEFAULT_WAREHOUSE, PROJECT_ROOT

# Telemetry off for every tool the pipeline runs (dlt, dbt, Great Expectations).
QUIET_TELEMETRY = {
    "RUNTIME__DLTHUB_TELEMETRY": "false",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "GX_ANALYTICS_ENABLED": "false",
}


def _add_generator_args(parser: argparse.ArgumentParser, out_default: Path | None) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=out_default,
        required=out_default is None,
        help=f"inbox folder to write the demo exports into (default {out_default})",
    )
    parser.add_argument("--employees", type=int, default=25, help="employees (default 25)")
    parser.add_argument("--days", type=int, default=90, help="calendar days of history (default 90)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument(
        "--end", type=date.fromisoformat, default=None, help="last day of data, YYYY-MM-DD (default today)"
    )
    parser.add_argument(
        "--calls-per-day",
        type=int,
        default=30,
        help="customer calls per employee per working day (default 30)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="autokpi", description="Automated KPI and bonus system for phone sales teams."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", help="generate demo exports into an inbox and run the whole pipeline")
    _add_generator_args(demo, DEFAULT_INBOX)
    demo.add_argument(
        "--warehouse",
        type=Path,
        default=DEFAULT_WAREHOUSE,
        help=f"DuckDB file to build (default {DEFAULT_WAREHOUSE})",
    )

    run = sub.add_parser("run", help="run the whole pipeline on an inbox folder")
    run.add_argument(
        "--inbox",
        type=Path,
        default=DEFAULT_INBOX,
        help=f"inbox folder in the layout of the README (default {DEFAULT_INBOX})",
    )
    run.add_argument(
        "--warehouse",
        type=Path,
        default=DEFAULT_WAREHOUSE,
        help=f"DuckDB file to build (default {DEFAULT_WAREHOUSE})",
    )

    gen = sub.add_parser("generate", help="only write demo exports into an inbox folder")
    _add_generator_args(gen, None)

    ui = sub.add_parser("ui", help="start the Dagster UI on 127.0.0.1 to see the lineage and runs")
    ui.add_argument("--port", type=int, default=3000)
    ui.add_argument("--inbox", type=Path, default=DEFAULT_INBOX)
    ui.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE)
    return parser


def _generate(args) -> dict:
    from ingestion.demo.generate import generate

    print(f"autokpi: writing demo exports into {args.out}", file=sys.stderr)
    return generate(args.out, args.employees, args.days, args.seed, args.end, args.calls_per_day)


def _run(inbox: Path, warehouse: Path) -> None:
    from orchestration.run import run_pipeline

    print(f"autokpi: running the pipeline on {inbox.resolve()}", file=sys.stderr)
    summary = run_pipeline(inbox, warehouse)
    print("\n".join(summary.lines()))


def _fresh(args) -> None:
    """A demo starts over: its data is regenerated for today, so the old load must go."""
    import shutil

    from ingestion.pipeline import pipelines_dir

    if args.out.exists() and any(args.out.iterdir()) and not (args.out / "demo_manifest.json").exists():
        raise RuntimeError(f"{args.out} holds files that are not demo data; choose another --out")
    for path in (args.out, pipelines_dir(args.warehouse.resolve())):
        shutil.rmtree(path, ignore_errors=True)
    for path in (args.warehouse, args.warehouse.with_name(args.warehouse.name + ".wal")):
        path.unlink(missing_ok=True)


def _ui(args) -> None:
    from orchestration.dbt_project import ensure_manifest

    ensure_manifest()
    home = PROJECT_ROOT / ".dagster"
    home.mkdir(exist_ok=True)
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "AUTOKPI_INBOX": str(args.inbox.resolve()),
        "AUTOKPI_WAREHOUSE": str(args.warehouse.resolve()),
    }
    dagster = str(Path(sys.executable).parent / "dagster")
    cmd = [dagster, "dev", "-m", "orchestration.definitions", "-h", "127.0.0.1", "-p", str(args.port)]
    print(f"autokpi: Dagster UI on http://127.0.0.1:{args.port} (Ctrl-C stops it)", file=sys.stderr)
    os.execve(dagster, cmd, env)


def main(argv: list[str] | None = None) -> int:
    for key, value in QUIET_TELEMETRY.items():
        os.environ.setdefault(key, value)
    args = build_parser().parse_args(argv)
    try:
        if args.command == "generate":
            _generate(args)
        elif args.command == "demo":
            _fresh(args)
            _generate(args)
            _run(args.out, args.warehouse)
        elif args.command == "run":
            _run(args.inbox, args.warehouse)
        elif args.command == "ui":
            _ui(args)
    except KeyboardInterrupt:
        print("autokpi: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # one line for the user; the traceback is in the log above
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        print(f"autokpi: error: {message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
