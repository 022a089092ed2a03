"""Run the whole pipeline in this process: inbox → dlt → dbt, through the Dagster job.

Used by ``autokpi run`` and ``autokpi demo`` (no Dagster server needed) and by the
end-to-end tests. One run at a time may write a warehouse: a lock file beside it makes
a second run wait, since DuckDB allows a single writer.
"""

from __future__ import annotations

import os
import time
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from core import settings
from core.errors import UserFacingError, is_user_facing
from core.memory import long_lived_objects_frozen
from core.paths import exports_from_env, logs_dir_for
from core.private_files import private_umask, tighten
from core.warehouse import ENGINE_NAMES, connect, describe, not_a_warehouse, target
from core.warehouse import exists as warehouse_exists
from dashboards.build import site_dir_for
from orchestration.dbt_project import ensure_manifest
from orchestration.local_postgres import READER
from orchestration.locking import warehouse_lock
from orchestration.scheme_check import raise_if_broken
from orchestration.serving import snapshot_path_for
from orchestration.settings_reaching_back import NOTE

# the inbox's folders, as the messages about a wrong --inbox name them
INBOX_FOLDERS = "pbx/, directory/, crm/, plans/"

MARTS = [
    "fct_calls",
    "mart_call_activity_daily",
    "mart_call_kpis",
    "mart_call_rating_monthly",
    "mart_kpi_alerts",
    "mart_call_quality",
    "fct_sales_lines",
    "mart_kpi_monthly",
    "mart_bonus_monthly",
    "fct_kpi_contributions",
    "mart_bonus_statements",
    "mart_bonus_adjustments",
    "mart_disputes",
    "mart_plan_progress",
    "dim_employee",
    "dim_department",
    "dim_date",
]


SOURCE_STOPPED = "the other sources loaded; the models keep their last good build until a run succeeds"


class PipelineError(UserFacingError):
    """The run failed; the message is the first failure in one sentence, and ``log`` the
    file holding everything the run printed."""

    def __init__(self, message: str, log: Path | None = None):
        super().__init__(message)
        self.log = log


def run_log_path(warehouse: Path) -> Path:
    """A new log file per run, under logs/ beside the warehouse."""
    folder = logs_dir_for(warehouse)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    return folder / f"run-{stamp}-{os.getpid()}.log"


# rows a newer export replaced are quarantined to keep raw = clean + quarantined, yet
# mostly need nothing: the warnings above name each file and line
SUPERSEDED_HINT = "   (replaced by a newer file's rows: nothing to fix if the newer one is right)"


@dataclass
class RunSummary:
    warehouse: Path
    exports: Path
    seconds: float
    mart_rows: dict[str, int] = field(default_factory=dict)
    quarantined_rows: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    site: Path | None = None
    # the portal's close and reopen requests this run performed (or refused)
    period_requests: list[str] = field(default_factory=list)
    log: Path | None = None

    def lines(self) -> list[str]:
        out = [f"autokpi: pipeline finished in {self.seconds:.1f} s", "", "rows per mart:"]
        out += [f"  marts.{name:<28} {rows:>10,}" for name, rows in self.mart_rows.items()]
        if self.period_requests:
            out += ["", "asked in the portal (finance):"]
            out += [f"  {line}" for line in self.period_requests]
        if self.warnings:
            out += ["", "warnings (the models were built; worth a look at the source):"]
            out += [f"  {w}" for w in self.warnings]
        if any(self.quarantined_rows.values()):
            out += ["", "quarantined (autokpi quarantine lists them; fix at the source, send again):"]
            out += [
                f"  {name:<50} {rows:>10,}" + (SUPERSEDED_HINT if name.endswith("(superseded)") else "")
                for name, rows in self.quarantined_rows.items()
                if rows
            ]
        out += [
            "",
            f"warehouse: {describe(self.warehouse)}   ({ENGINE_NAMES[target()]}; marts in schema marts)",
            f"exports:   {self.exports}   (bonus_<YYYY-MM>.csv / .xlsx for finance)",
            f"dashboards: {self.site}   (open in a browser; works offline)",
            self._for_bi(),
            "lineage:   make ui   (Dagster UI on http://127.0.0.1:3000)",
        ]
        if self.log is not None:
            out.append(f"run log:   {self.log}   (every step's messages, dbt's whole log)")
        return out

    def _for_bi(self) -> str:
        if target() == "duckdb":
            return f"for BI:    {snapshot_path_for(self.warehouse)}   (the marts, copied; never blocks runs)"
        return f"for BI:    connect as {READER}   (granted the marts schema only)"


def _root_cause(error) -> str:
    """A user-facing error's own sentence (however deep Dagster wrapped it), else the
    innermost cause's first line, which names the kind of error and what it is about."""
    chain = _chain(error)
    for link in chain:
        if is_user_facing(link.cls_name):
            text = (link.message or "").strip()
            head, sep, tail = text.partition(": ")
            return tail if sep and head.split(".")[-1] == link.cls_name else text
    lines = [line.strip() for line in (chain[-1].message or "").strip().splitlines() if line.strip()]
    return lines[0] if lines else chain[-1].cls_name


def _chain(error) -> list:
    chain = [error]
    while getattr(chain[-1], "cause", None) is not None:
        chain.append(chain[-1].cause)
    return chain


def _failed_raw_checks(result, advisory: bool = False) -> list[str]:
    """One line per failed raw data suite (or advisory check): the check, the table, what failed."""
    from quality.suites import suites

    names = {s.advisory_check_name if advisory else s.check_name for s in suites(outline=True)}
    lines = []
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed and evaluation.check_name in names:
            failures = evaluation.metadata.get("failures")
            detail = "; ".join(failures.value) if failures is not None else "see the Dagster log"
            asset = evaluation.asset_key.to_user_string()
            lines.append(f"raw data check {evaluation.check_name} failed on {asset}: {detail}")
    return lines


def _history_rebuilt(result) -> list[str]:
    """A setting that reaches back in time changed, so the history was rebuilt whole
    (orchestration/settings_reaching_back.py)."""
    return [
        str(event.event_specific_data.asset_observation.metadata[NOTE].value)
        for event in result.get_asset_observation_events()
        if NOTE in event.event_specific_data.asset_observation.metadata
    ]


def _speech_to_text_warnings(result) -> list[str]:
    """Recordings the speech-to-text step could not transcribe, or its misconfiguration."""
    out = []
    for event in result.get_asset_materialization_events():
        materialization = event.step_materialization_data.materialization
        if materialization.asset_key.to_user_string() != "pbx/speech_to_text":
            continue
        metadata = materialization.metadata
        if "error" in metadata:
            out.append(f"speech-to-text is misconfigured: {metadata['error'].value}")
        failed = metadata.get("failed")
        out += [f"speech-to-text: not transcribed: {f}" for f in (failed.value if failed else [])]
    return out


def _failure_message(result) -> str:
    for event in result.all_events:
        if event.is_step_failure and event.step_failure_data:
            stopped = event.step_failure_data.user_failure_data
            if stopped is not None and stopped.description:  # a step that stopped itself (a source)
                return f"{stopped.description} ({SOURCE_STOPPED})"
            if event.step_failure_data.error:
                error = event.step_failure_data.error
                cause = _root_cause(error)
                user_facing = any(is_user_facing(e.cls_name) for e in _chain(error))
                return cause if user_facing else f"step {event.step_key} failed: {cause}"
    return "the run failed (see the log above)"


def _load_notes(warehouse: Path, since: datetime) -> list[str]:
    """Files this run did not load whole, and why: files refused (their sentence says what
    to change), duplicates of loaded files, a last line still being written, an empty call
    record file, a file with no rows, rows a newer file replaced with other values, a call
    record file that logrotate started again."""
    notes = []
    with connect(warehouse) as con:
        for schema in ("raw_pbx", "raw_crm", "raw_directory", "raw_plans"):
            if con.table_exists(schema, "load_log"):
                rows = con.execute(
                    f"select source_file, message from {schema}.load_log "
                    "where status in "
                    "('rejected', 'duplicate', 'waiting', 'empty', 'conflict', 'started_again') "
                    "and logged_at >= ? order by source_file",
                    [since],
                ).fetchall()
                # a refusal's sentence names its file already
                notes += [
                    message if Path(file).name in message else f"{file}: {message}" for file, message in rows
                ]
    return notes


def _first_five(items: list[str], more: str = "more") -> str:
    """``a, b, c, d, e and 7 more``: a summary line names a few, and says how many it left out."""
    return ", ".join(items[:5]) + (f" and {len(items) - 5} {more}" if len(items) > 5 else "")


def _by_file(rows: list[tuple], said) -> dict[str, list[str]]:
    """Rows of (file, …) as each file's list of ``said(…)``, in the rows' order."""
    of_file: dict[str, list[str]] = {}
    for file, *rest in rows:
        of_file.setdefault(file, []).append(said(*rest))
    return of_file


def _withdrawn_call_records(warehouse: Path, since: datetime) -> list[str]:
    """Call records that counted until a corrected file sent again held their line wrong:
    the line went to quarantine, and its call no longer counts it (stg_pbx__cdr_legs'
    is_withdrawn, marked in this run). A call someone was paid on can change, so it is said."""
    with connect(warehouse) as con:
        if "is_withdrawn" not in con.columns("staging", "stg_pbx__cdr_legs"):
            return []
        rows = con.execute(
            "select source_file, source_line from staging.stg_pbx__cdr_legs "
            "where is_withdrawn and staged_at >= ? order by source_file, source_line",
            [since],
        ).fetchall()
    notes = []
    for file, lines in _by_file(rows, str).items():
        named = _first_five(lines)
        one = len(lines) == 1
        what = "line {} counted before and is" if one else "lines {} counted before and are"
        counts = "its call record no longer counts" if one else "their call records no longer count"
        notes.append(
            f"{file}: {what.format(named)} wrong in the file sent again, so {counts}: "
            "autokpi quarantine says what is wrong; correct the file and send it again"
        )
    return notes


def _withdrawn_transcripts(warehouse: Path, since: datetime) -> list[str]:
    """Transcripts that counted until a corrected file sent again no longer held their call
    on that line (the line is wrong now, or holds another call): the transcript and its
    quality score left the warehouse in this run (ingestion/sources/pbx/transcripts.py)."""
    with connect(warehouse) as con:
        if not con.table_exists("raw_pbx", "transcripts_withdrawn"):
            return []
        rows = con.execute(
            "select source_file, source_line, call_id from raw_pbx.transcripts_withdrawn "
            "where withdrawn_at >= ? order by source_file, source_line",
            [since],
        ).fetchall()
    notes = []
    for file, lines in _by_file(rows, lambda line, call_id: f"{line} (call {call_id})").items():
        if len(lines) == 1:
            what = f"line {lines[0]} no longer holds that call, so its transcript and quality score"
        else:
            named = _first_five(lines)
            what = f"lines {named} no longer hold those calls, so their transcripts and quality scores"
        notes.append(
            f"{file} was sent again corrected and {what} no longer count: autokpi quarantine says "
            "what is wrong with a line it set aside; correct the file and send it again"
        )
    return notes


def _rows(warehouse: Path, schema: str, table: str) -> int:
    """Rows of a raw table the warehouse holds (0 where it has none)."""
    if not warehouse_exists(warehouse):
        return 0
    with connect(warehouse) as con:
        if not con.table_exists(schema, table):
            return 0
        return con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()[0]


def _skipped_files(inbox: Path) -> list[str]:
    """Links and special files in the inbox, which no reader opens."""
    from core.private_files import skipped_entries

    return [f"{path}: {why}" for path, why in skipped_entries(inbox)]


def _inbox_notes(inbox: Path, warehouse: Path) -> list[str]:
    """What the inbox lacks, and what in it no reader opens."""
    return _missing_inputs(inbox, warehouse) + _skipped_files(inbox) + _unread_files(inbox)


def _unread_files(inbox: Path) -> list[str]:
    """Files in a source folder that no source reads (a misnamed plan, an .xls), one line
    per reason: a cdr-csv folder synced as it is holds a year of logrotate's .gz files."""
    from ingestion.sources.unread import unread_files

    names_by_why: dict[str, list[str]] = {}
    for path, why in unread_files(inbox):
        names_by_why.setdefault(why, []).append(path.relative_to(inbox).as_posix())
    return [f"{_first_five(names, 'more')}: not read: {why}" for why, names in names_by_why.items()]


def _missing_inputs(inbox: Path, warehouse: Path) -> list[str]:
    """Inbox folders that hold nothing: their marts stay empty (or keep an earlier run's
    data), which deserves a word."""
    from ingestion.pipeline import API_RESOURCES
    from ingestion.sources.api.settings import enabled_api_sources

    notes = []
    if not any((inbox / "pbx" / "asterisk").rglob("*.csv")) and not enabled_api_sources():
        notes.append(
            f"no call records: {inbox / 'pbx' / 'asterisk'} holds no .csv file, the call marts are empty"
        )
    if not any((inbox / "directory").glob("employees*")):
        kept = _rows(warehouse, "raw_directory", "employees")
        notes.append(
            f"no employee directory in {inbox / 'directory'}: the {kept} employees an earlier run loaded "
            "are used; put employees.csv there to update them"
            if kept
            else f"no employee directory in {inbox / 'directory'}: calls and deals belong to nobody"
        )
    deals_from_api = any("raw_crm.deals" in API_RESOURCES[s].values() for s in enabled_api_sources())
    if not any((inbox / "crm").glob("deals*")) and not deals_from_api:
        notes.append(
            f"no CRM deals: {inbox / 'crm'} holds no deals file, so revenue and the sales KPIs are zero; "
            "export the deals (deals.csv or .xlsx) there"
        )
    return notes


def sales_credited_to_nobody(warehouse: Path) -> list[str]:
    """Won deals whose responsible CRM user is no employee's ``crm_user_id``: revenue nobody
    is paid on, said every run while it lasts. Quiet without a directory (its own note says
    that everything belongs to nobody then)."""
    with connect(warehouse) as con:
        if not (
            con.table_exists("marts", "fct_sales_lines") and con.table_exists("raw_directory", "employees")
        ):
            return []
        users = con.execute(
            "select coalesce(responsible_crm_user_id, ''), count(distinct deal_id), sum(revenue) "
            "from marts.fct_sales_lines where deal_status = 'won' and employee_id is null "
            "group by 1 order by 3 desc, 1"
        ).fetchall()
    if not users:
        return []
    shown = _first_five(
        [
            f"{user or '(no responsible user)'} ({deals} deal{'' if deals == 1 else 's'}, {revenue:,.2f})"
            for user, deals, revenue in users
        ],
        more="more CRM users",
    )
    return [
        f"won deals credited to nobody, their CRM user being no employee's crm_user_id in "
        f"directory/employees: {shown}; if they sell, fill in their crm_user_id there"
    ]


def count_rows(warehouse: Path) -> tuple[dict[str, int], dict[str, int]]:
    from orchestration.quarantine_report import summary

    with connect(warehouse) as con:
        marts = {
            m: con.execute(f"select count(*) from marts.{m}").fetchone()[0]
            for m in MARTS
            if con.table_exists("marts", m)
        }
    quarantined: dict[str, int] = {}
    for group in summary(warehouse):
        key = f"{group.table} ({group.rule})"
        quarantined[key] = quarantined.get(key, 0) + group.rows
    return marts, quarantined


def run_pipeline(
    inbox: Path | None,
    warehouse: Path,
    quiet: bool = False,
    job_name: str = "autokpi_full",
    full_refresh: bool = False,
) -> RunSummary:
    """Run a job (by default the full pipeline) on ``inbox`` into ``warehouse``, in this process.

    ``inbox`` may be None for jobs that load nothing (autokpi_refresh after a close).
    ``full_refresh`` rebuilds the incremental models whole (dbt --full-refresh).
    Everything the run writes is private to the user (or to AUTOKPI_SHARE_GROUP).
    """
    settings.check_all()
    warehouse = warehouse.resolve()
    from ingestion.pipeline import unloadable_warehouse

    for problem in (not_a_warehouse(warehouse), unloadable_warehouse(warehouse)):
        if problem is not None:
            raise PipelineError(problem)  # before a folder is made, a mode changed or a file loaded
    with private_umask():
        tighten(_outputs(warehouse))
        return _run_pipeline(inbox, warehouse, quiet, job_name, full_refresh)


def _outputs(warehouse: Path) -> list[Path]:
    """What autokpi writes beside a warehouse: the file itself, dlt's state, the site, the
    exports, the logs, Dagster's history."""
    from ingestion.pipeline import pipelines_dir

    folder = warehouse.parent
    files = [p for p in folder.glob(f"{warehouse.name}*") if p.is_file()]
    return [*files, pipelines_dir(warehouse), site_dir_for(warehouse), exports_from_env(warehouse),
            logs_dir_for(warehouse), folder / "dagster", folder / "dbt-docs"]  # fmt: skip


def _run_pipeline(
    inbox: Path | None, warehouse: Path, quiet: bool, job_name: str, full_refresh: bool
) -> RunSummary:
    if inbox is not None:
        inbox = inbox.resolve()
        if inbox.is_file():
            raise PipelineError(
                f"{inbox} is a file; --inbox takes the inbox folder (the one holding {INBOX_FOLDERS})"
            )
        if not inbox.is_dir():
            raise PipelineError(
                f"inbox folder {inbox} does not exist: check the path, or create it and put the "
                f"exports in it ({INBOX_FOLDERS})"
            )
    raise_if_broken()  # before anything is loaded: the scheme's problems, all at once
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    ensure_manifest()

    from orchestration.definitions import build_definitions
    from orchestration.instance import run_instance
    from orchestration.period_requests import perform_period_requests
    from orchestration.run_log import library_warnings_into

    # built per run: which API sources are on is configuration read now
    job = build_definitions().resolve_job_def(job_name)
    log_path = run_log_path(warehouse)
    # quiet: the console logger at ERROR level only (tests); else one line per step; and
    # everything into the run's log file
    loggers = ({"console": {"config": {"log_level": "ERROR"}}} if quiet else {"progress": {}}) | {
        "run_log": {"config": {"path": str(log_path)}}
    }
    started = time.monotonic()
    run_started = datetime.now(UTC).replace(tzinfo=None)
    # dagster-dbt echoes dbt's log on stdout (a line per model and test, 200 of them): into
    # the run's log only, so the screen shows one line per step and built asset and stdout
    # carries only the summary.
    with (
        log_path.open("a", encoding="utf-8") as log_file,
        warehouse_lock(warehouse),
        run_instance(warehouse) as instance,
        redirect_stdout(log_file),
        library_warnings_into(log_file),
        long_lived_objects_frozen(),
    ):
        # the run's own inbox, warehouse and options, as run configuration: nothing goes
        # through this process's environment, so two runs in one process do not mix
        period_requests = perform_period_requests(warehouse)
        settings = {"warehouse_path": str(warehouse)} | ({"inbox_dir": str(inbox)} if inbox else {})
        run_config = {"loggers": loggers, "resources": {"settings": {"config": settings}}}
        if "autokpi_dbt" in {node.name for node in job.nodes_in_topological_order}:
            run_config["ops"] = {"autokpi_dbt": {"config": {"full_refresh": full_refresh}}}
        result = job.execute_in_process(instance=instance, raise_on_error=False, run_config=run_config)
        # the summary reads the warehouse: while the lock is held, or a run waiting for
        # it would open the file for writing first and this run would fail after its work
        failed_checks = _failed_raw_checks(result)
        if failed_checks:
            raise PipelineError(
                "; ".join(failed_checks) + " (the models built from that data were held back and keep "
                "their last good build; the rest was built)",
                log_path,
            )
        if not result.success:
            raise PipelineError(_failure_message(result), log_path)
        marts, quarantined = count_rows(warehouse)
        return RunSummary(
            warehouse,
            exports_from_env(warehouse),
            time.monotonic() - started,
            marts,
            quarantined,
            _failed_raw_checks(result, advisory=True)
            + _history_rebuilt(result)
            + _speech_to_text_warnings(result)
            + _load_notes(warehouse, run_started)
            + _withdrawn_call_records(warehouse, run_started)
            + _withdrawn_transcripts(warehouse, run_started)
            + (_inbox_notes(inbox, warehouse) if inbox is not None else [])
            + sales_credited_to_nobody(warehouse),
            site_dir_for(warehouse) / "index.html",
            period_requests,
            log_path,
        )
