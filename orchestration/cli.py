"""``autokpi``: the command line the Makefile targets wrap.

    autokpi demo [--out DIR] [--employees N] [--days N] [--seed N]
    autokpi run --inbox DIR [--warehouse FILE]
    autokpi close --month YYYY-MM [--reopen --reason TEXT]
    autokpi simulate --scheme DIR --month YYYY-MM
    autokpi check-scheme [--scheme DIR]
    autokpi quarantine
    autokpi quality-check --labels FILE [--mistakes] | --template FILE [--calls 30]
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

from core import settings
from core.disk import file_system_sentence
from core.paths import DEFAULT_INBOX, DEFAULT_WAREHOUSE, inbox_from_env, warehouse_from_env

# Telemetry off for every tool the pipeline runs (dlt, Great Expectations; dbt's is off in
# dbt_project.yml, for any dbt run on the project).
QUIET_TELEMETRY = {
    "RUNTIME__DLTHUB_TELEMETRY": "false",
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
    # AUTOKPI_INBOX / AUTOKPI_WAREHOUSE are the defaults of --inbox / --warehouse
    default_inbox, default_warehouse = inbox_from_env(), warehouse_from_env()
    parser = argparse.ArgumentParser(
        prog="autokpi", description="Automated KPI and bonus system for phone sales teams."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser(
        "demo",
        help="generate demo exports into an inbox and run the whole pipeline; starts over "
        "(the warehouse is emptied first: on PostgreSQL, autokpi's schemas)",
    )
    # the demo empties its warehouse: its own folders, never AUTOKPI_INBOX / AUTOKPI_WAREHOUSE
    _add_generator_args(demo, DEFAULT_INBOX)
    demo.add_argument(
        "--warehouse",
        type=Path,
        default=DEFAULT_WAREHOUSE,
        help=f"DuckDB file to build (default {DEFAULT_WAREHOUSE})",
    )
    demo.add_argument(
        "--force",
        action="store_true",
        help="start over even if the warehouse holds closed months (their history is deleted)",
    )

    run = sub.add_parser("run", help="run the whole pipeline on an inbox folder")
    run.add_argument(
        "--inbox",
        type=Path,
        default=default_inbox,
        help=f"inbox folder in the layout of the README (default {default_inbox})",
    )
    run.add_argument(
        "--warehouse",
        type=Path,
        default=default_warehouse,
        help=f"DuckDB file to build (default {default_warehouse})",
    )
    run.add_argument(
        "--per-employee-files",
        action="store_true",
        help="also write one statement file per employee and month in the site, to mail each to "
        "its owner (AUTOKPI_SITE_PER_EMPLOYEE_FILES=yes for this run)",
    )
    run.add_argument(
        "--full-refresh",
        action="store_true",
        help="rebuild every model from the raw tables, not only what changed (a run does so by "
        "itself after a change to a setting that reaches back in time, such as pbx_timezone)",
    )

    close = sub.add_parser("close", help="close a month: freeze its bonus statements (finance)")
    close.add_argument("--month", required=True, help="the month to close, YYYY-MM")
    close.add_argument("--reopen", action="store_true", help="reopen a closed month instead (needs --reason)")
    close.add_argument("--reason", default="", help="why a closed month is reopened (recorded)")
    close.add_argument("--by", default=None, help="who closes (default: the current user)")
    close.add_argument("--warehouse", type=Path, default=default_warehouse)

    sim = sub.add_parser(
        "simulate", help="a past month's bonus under a proposed KPI scheme, beside the current"
    )
    sim.add_argument(
        "--scheme",
        type=Path,
        required=True,
        help="folder with proposed scheme files (kpi_scheme.csv, kpi_corridors.csv, bonus_*.csv)",
    )
    sim.add_argument("--month", required=True, help="the month to compare, YYYY-MM")
    sim.add_argument("--warehouse", type=Path, default=default_warehouse)

    quarantine = sub.add_parser(
        "quarantine", help="list the rows and files kept out of the warehouse, and why"
    )
    quarantine.add_argument("--warehouse", type=Path, default=default_warehouse)
    quarantine.add_argument("--limit", type=int, default=20, help="rows to list (default 20)")

    quality = sub.add_parser(
        "quality-check",
        help="compare the call-quality verdicts with your own labels of some calls (precision, recall)",
    )
    given = quality.add_mutually_exclusive_group(required=True)
    given.add_argument(
        "--labels",
        type=Path,
        help="CSV, Excel or JSON: call_id and a column per item (greeting … literacy), 1 / 0 / empty",
    )
    given.add_argument(
        "--template",
        type=Path,
        help="write a file to fill in: a sample of scored calls with their transcripts, items empty",
    )
    quality.add_argument("--calls", type=int, default=30, help="calls in the template (default 30)")
    quality.add_argument("--warehouse", type=Path, default=default_warehouse)
    quality.add_argument(
        "--mistakes", action="store_true", help="list each disagreement with the scorer's quote"
    )

    check = sub.add_parser(
        "check-scheme", help="check the KPI scheme files (every run does this first) and list each problem"
    )
    check.add_argument(
        "--scheme",
        type=Path,
        default=None,
        help="folder of scheme files (default AUTOKPI_SCHEME_DIR or dbt_project/scheme; files missing "
        "there are taken from the default)",
    )

    docs = sub.add_parser(
        "docs",
        help="write dbt's documentation (models, columns, lineage up to the site and exports) as one page",
    )
    docs.add_argument("--warehouse", type=Path, default=default_warehouse)

    gen = sub.add_parser("generate", help="only write demo exports into an inbox folder")
    _add_generator_args(gen, None)

    serve = sub.add_parser("serve", help="start the portal where each person signs in and sees their own pay")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--warehouse", type=Path, default=default_warehouse)

    invite = sub.add_parser("invite", help="print a one-time link for someone to set their portal password")
    invite.add_argument(
        "login", help="an employee id from the directory, or a name for a finance/admin account"
    )
    invite.add_argument("--role", choices=["finance", "admin"], default=None,
                        help="a portal role for an account that sees everyone's pay")  # fmt: skip
    invite.add_argument("--warehouse", type=Path, default=default_warehouse)

    ui = sub.add_parser("ui", help="start the Dagster UI on 127.0.0.1 to see the lineage and runs")
    ui.add_argument("--port", type=int, default=3000)
    ui.add_argument("--inbox", type=Path, default=default_inbox)
    ui.add_argument("--warehouse", type=Path, default=default_warehouse)
    return parser


def _generate(args) -> dict:
    from demo.generate import generate

    print(f"autokpi: writing demo exports into {args.out}", file=sys.stderr)
    return generate(args.out, args.employees, args.days, args.seed, args.end, args.calls_per_day)


def _run(inbox: Path, warehouse: Path, full_refresh: bool = False) -> None:
    from orchestration.run import run_pipeline

    print(f"autokpi: running the pipeline on {inbox.resolve()}", file=sys.stderr)
    summary = run_pipeline(inbox, warehouse, full_refresh=full_refresh)
    print("\n".join(summary.lines()))


def _built_warehouse(args) -> Path:
    """The --warehouse of a command that reads one: it must have been built (on the
    PostgreSQL target there is no file; the server is asked when the command connects)."""
    from core.warehouse import exists

    warehouse = args.warehouse.resolve()
    if not exists(warehouse):
        raise RuntimeError(f"no warehouse at {warehouse}: run the pipeline first")
    return warehouse


def _close(args) -> None:
    from orchestration.locking import warehouse_lock
    from orchestration.period_close import close_month, parse_month, reopen_month
    from orchestration.run import run_pipeline

    month = parse_month(args.month)
    warehouse = _built_warehouse(args)
    with warehouse_lock(warehouse):
        if args.reopen:
            result = reopen_month(warehouse, month, args.reason, args.by)
        else:
            if args.reason:
                raise RuntimeError("--reason goes with --reopen; a close needs no reason")
            result = close_month(warehouse, month, args.by)
    print(
        f"autokpi: {result.action} {month:%Y-%m} recorded (event {result.event_id[:8]}, "
        f"scheme {result.scheme_version}, digest {result.digest[:16]}); rebuilding the marts and exports",
        file=sys.stderr,
    )
    summary = run_pipeline(None, warehouse, job_name="autokpi_refresh")
    if result.action == "close":
        print(f"closed {month:%Y-%m}: {result.employees} statements, payout {result.total_payout:,.2f}")
        print(f"exports: {summary.exports}/bonus_{month:%Y-%m}.csv and .xlsx")
    else:
        print(f"reopened {month:%Y-%m}: its bonus is computed from current data again")


def _simulate(args) -> None:
    from core.paths import exports_from_env
    from orchestration.period_close import parse_month
    from orchestration.simulate import format_table, simulate, write_csv

    month = parse_month(args.month)
    warehouse = _built_warehouse(args)
    print(
        f"autokpi: building the proposed scheme from {args.scheme} on a copy of {warehouse}", file=sys.stderr
    )
    rows = simulate(warehouse, args.scheme, month)
    print(format_table(rows, month))
    path = write_csv(rows, exports_from_env(warehouse) / f"simulation_{month:%Y-%m}.csv")
    print(f"\nsaved: {path}")


def _quarantine(args) -> None:
    from orchestration.locking import warehouse_lock
    from orchestration.quarantine_report import format_report

    warehouse = _built_warehouse(args)
    with warehouse_lock(warehouse):  # a run writing it: wait, saying so, rather than fail
        report = format_report(warehouse, args.limit)
    print(report)


def _quality_check(args) -> None:
    from orchestration.locking import warehouse_lock
    from orchestration.quality_check import check, format_check, read_labels, write_template

    warehouse = _built_warehouse(args)
    if args.template is not None:
        template = args.template.resolve()
        with warehouse_lock(warehouse):
            written = write_template(warehouse, template, args.calls)
        print(
            f"wrote {written} calls to {template}: fill in 1 or 0 per item (or leave empty), then "
            f"autokpi quality-check --labels {template}"
        )
        return
    labels = read_labels(args.labels.resolve())
    with warehouse_lock(warehouse):  # a run writing it: wait, saying so, rather than fail
        result = check(labels, warehouse)
    print(format_check(result, args.mistakes))


def _docs(args) -> None:
    from orchestration.dbt_docs import write_docs

    print("autokpi: writing dbt's documentation (a minute)", file=sys.stderr)
    page = write_docs(args.warehouse.resolve())
    print(f"open: file://{page}")


def _check_scheme(args) -> int:
    from core.paths import scheme_dir
    from orchestration.scheme_check import check_scheme

    folder = (args.scheme or scheme_dir()).resolve()
    problems = check_scheme(folder, fallback=scheme_dir() if args.scheme else None)
    if not problems:
        print(f"autokpi: the KPI scheme in {folder} is sound")
        return 0
    for problem in problems:
        print(problem)
    print(f"autokpi: error: the KPI scheme has {len(problems)} problem(s), listed above", file=sys.stderr)
    return 1


def _closed_months(warehouse: Path) -> list[str]:
    """Months closed in a warehouse (empty when it has none, or none yet)."""
    from core.warehouse import connect, exists
    from orchestration.locking import warehouse_lock

    if not exists(warehouse):
        return []
    try:
        # a run writing it holds the file: wait for it, rather than call the file unreadable
        with warehouse_lock(warehouse), connect(warehouse) as con:
            if not con.table_exists("closing", "period_events"):
                return []
            rows = con.execute(
                "select distinct month from closing.period_events where action = 'close' order by 1"
            ).fetchall()
    except Exception as error:  # a file that is not a warehouse at all: not ours to delete
        raise RuntimeError(f"{warehouse} cannot be read as a warehouse ({error.__class__.__name__}); "
                           "choose another --warehouse") from None  # fmt: skip
    return [f"{r[0]:%Y-%m}" for r in rows]


def _fresh(args) -> None:
    """A demo starts over: its data is regenerated for today, so the old load must go."""
    import shutil

    from core.warehouse import start_over
    from ingestion.pipeline import pipelines_dir

    if args.out.exists() and any(args.out.iterdir()) and not (args.out / "demo_manifest.json").exists():
        raise RuntimeError(f"{args.out} holds files that are not demo data; choose another --out")
    closed = _closed_months(args.warehouse.resolve())
    if closed and not args.force:
        raise RuntimeError(
            f"{args.warehouse} holds closed months ({', '.join(closed)}) whose history the demo would "
            "delete; use another --warehouse, or --force to delete it anyway"
        )
    for path in (args.out, pipelines_dir(args.warehouse.resolve())):
        shutil.rmtree(path, ignore_errors=True)
    start_over(args.warehouse.resolve())


def _demo_invitations(warehouse: Path) -> None:
    """The demo's portal: how to start it and a link for an employee, a head and finance."""
    from portal.commands import demo_invitations

    if settings.get("DBT_TARGET") != "duckdb":
        return
    print("\nportal:    autokpi serve   (then open one of these links to set a password)")
    for who, login, link in demo_invitations(warehouse):
        print(f"  {who:<16} {login:<8} {link}")


def _ui(args) -> None:
    from core.errors import UserFacingError
    from core.ports import port_in_use, port_is_free
    from orchestration.dbt_project import ensure_manifest

    if not port_is_free(args.port):  # Dagster's own words came after a screen of its start-up
        raise UserFacingError(port_in_use(args.port, "another Dagster UI"))
    ensure_manifest()
    from orchestration.instance import dagster_home

    # the same run history `autokpi run` writes for this warehouse
    home = dagster_home(args.warehouse.resolve())
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


def _refuse_what_is_no_warehouse(args) -> None:
    """A folder or another kind of file given as --warehouse, refused before any command
    opens, locks, empties or writes beside it; and for the demo, which empties its
    warehouse first, a path dlt cannot load into (``autokpi run`` refuses it in
    run_pipeline, before it makes anything)."""
    from core.warehouse import not_a_warehouse

    warehouse = getattr(args, "warehouse", None)
    if warehouse is None:
        return
    problem = not_a_warehouse(warehouse.resolve())
    if problem is None and args.command == "demo":
        from ingestion.pipeline import unloadable_warehouse

        problem = unloadable_warehouse(warehouse.resolve())
    if problem is not None:
        raise ValueError(problem)


def _written_folders(args) -> list[Path]:
    """The folders a command writes into, the warehouse's first."""
    folders = [path.resolve().parent for path in [getattr(args, "warehouse", None)] if path is not None]
    return folders + [p.resolve() for p in [getattr(args, "inbox", None), getattr(args, "out", None)] if p]


def main(argv: list[str] | None = None) -> int:
    for key, value in QUIET_TELEMETRY.items():
        os.environ.setdefault(key, value)
    args = build_parser().parse_args(argv)
    # every file a command writes is the user's alone (or AUTOKPI_SHARE_GROUP's), the UI's too
    os.umask(0o027 if settings.get("AUTOKPI_SHARE_GROUP") else 0o077)
    try:
        _refuse_what_is_no_warehouse(args)
        if args.command == "check-scheme":
            return _check_scheme(args)
        if args.command == "generate":
            _generate(args)
        elif args.command == "demo":
            _fresh(args)
            _generate(args)
            _run(args.out, args.warehouse)
            _demo_invitations(args.warehouse.resolve())
        elif args.command == "run":
            if args.per_employee_files:
                os.environ["AUTOKPI_SITE_PER_EMPLOYEE_FILES"] = "yes"  # read by the site's step
            _run(args.inbox, args.warehouse, args.full_refresh)
        elif args.command == "close":
            _close(args)
        elif args.command == "simulate":
            _simulate(args)
        elif args.command == "quarantine":
            _quarantine(args)
        elif args.command == "quality-check":
            _quality_check(args)
        elif args.command == "docs":
            _docs(args)
        elif args.command == "ui":
            _ui(args)
        elif args.command == "serve":
            from portal.commands import serve

            serve(args.warehouse.resolve(), args.host, args.port)
        elif args.command == "invite":
            from portal.commands import invite

            print(invite(args.warehouse.resolve(), args.login, args.role))
    except KeyboardInterrupt:
        print("autokpi: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # one sentence for the user; the detail is in the run's log
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        inbox = getattr(args, "inbox", None)
        message = file_system_sentence(exc, _written_folders(args), inbox) or message
        log = getattr(exc, "log", None)
        if log is not None:
            print(f"autokpi: the run's full log: {log}", file=sys.stderr)
        print(f"autokpi: error: {message}", file=sys.stderr)
        return 1
    return 0


def command() -> None:
    """The ``autokpi`` console command: ``main``, then the process ends without tearing down
    its modules (core/process_exit.py)."""
    from core.process_exit import exit_now

    exit_now(main())


if __name__ == "__main__":
    command()
