"""A Dagster logger that prints one short line per step and per built asset, for the CLI, and
the lines long steps say of their work (core/progress.py)."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from dagster import DagsterEventType, logger

from core import progress

_SHOWN = {
    DagsterEventType.STEP_START,
    DagsterEventType.STEP_SUCCESS,
    DagsterEventType.STEP_FAILURE,
    DagsterEventType.ASSET_MATERIALIZATION,
    DagsterEventType.ASSET_CHECK_EVALUATION,
}


class _ProgressHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.started = time.monotonic()
        self.failed_checks: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        elapsed = f"{time.monotonic() - self.started:6.1f}s"
        if record.name == progress.LOGGER:  # a long step's work, said under it (core/progress.py)
            print(f"{elapsed}    {record.getMessage()}", file=sys.stderr, flush=True)
            return
        event = getattr(record, "dagster_meta", {}).get("dagster_event")
        if event is None or event.event_type not in _SHOWN:
            return
        kind = event.event_type
        if kind == DagsterEventType.STEP_START:
            line = f"{elapsed}  ▶ {event.step_key}"
        elif kind == DagsterEventType.STEP_SUCCESS:
            line = f"{elapsed}  ✔ {event.step_key}"
        elif kind == DagsterEventType.STEP_FAILURE:
            line = f"{elapsed}  ✘ {event.step_key} failed"
        elif kind == DagsterEventType.ASSET_MATERIALIZATION:
            rebuilt = event.step_materialization_data.materialization.metadata.get("rebuilt")
            if rebuilt is not None and rebuilt.value is False:
                return  # a dbt model no changed input reaches: left as it was, not built
            line = f"{elapsed}    built {event.asset_key.to_user_string()}"
        else:
            evaluation = event.event_specific_data
            if evaluation.passed:
                return
            name = f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}"
            self.failed_checks.append(name)
            line = f"{elapsed}    check failed: {name}"
        print(line, file=sys.stderr, flush=True)


@logger(description="One line per step and built asset on stderr.")
def progress_logger(init_context):
    log = logging.getLogger("autokpi.progress")
    log.setLevel(logging.DEBUG)
    log.handlers = [_ProgressHandler()]
    log.propagate = False
    return log


class _DropWhatCannotBeWritten:
    """A handler into the run's log file that drops a message it cannot write (the disk is
    full, the folder gone) instead of printing Python's "--- Logging error ---" and a
    traceback on the screen for each one: the run's own error says what went wrong."""

    def handleError(self, record: logging.LogRecord) -> None:
        return


class _RunLogFileHandler(_DropWhatCannotBeWritten, logging.FileHandler):
    pass


class _RunLogStreamHandler(_DropWhatCannotBeWritten, logging.StreamHandler):
    pass


@logger(
    config_schema={"path": str},
    description="Every message of the run, at DEBUG, into a file (the CLI prints its path on failure).",
)
def run_log_file(init_context):
    log = logging.getLogger(f"autokpi.run_log.{init_context.run_id}")
    log.setLevel(logging.DEBUG)
    handler = _RunLogFileHandler(init_context.logger_config["path"], encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.handlers = [handler]
    log.propagate = False
    return log


# Dagster's plan warns on stderr of every blocking dbt test a step did not run: when a failed
# raw check holds models back, a dozen "Blocking asset check … emitted no result … will
# proceed without gating on it" lines came before the run's one sentence saying so
PLAN_LOGGER = "dagster._core.execution.plan.active"
DLT_LOGGER = "dlt"
WARNINGS_LOGGER = "py.warnings"  # Python's warnings, once logging captures them


@contextmanager
def library_warnings_into(log_file: TextIO) -> Iterator[None]:
    """Dagster's execution-plan warnings, dlt's own warnings and the libraries' Python
    warnings (a deprecation, a pandas notice) go into the run's log file, not onto the
    screen (dlt's come with a traceback: "Failed to create trace dump" when a load fails for
    want of disk space was eighty lines before the run's one sentence). Python's warnings
    stay with logging afterwards, as Great Expectations leaves them once imported."""
    handler = _RunLogStreamHandler(log_file)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logging.captureWarnings(True)
    taken = [logging.getLogger(name) for name in (PLAN_LOGGER, DLT_LOGGER, WARNINGS_LOGGER)]
    before = [(log.handlers, log.propagate) for log in taken]
    for log in taken:
        log.handlers, log.propagate = [handler], False
    try:
        yield
    finally:
        for log, (handlers, propagate) in zip(taken, before, strict=True):
            log.handlers, log.propagate = handlers, propagate
