"""Great Expectations suites (quality/suites.py) as blocking Dagster asset checks on the
raw tables, with the expectation, the unexpected count and examples in the metadata.

Dagster skips a whole step after a failed blocking check of severity ERROR, and all dbt
models are one step: one bad CRM file would stop the call marts too. So a failed suite
reports severity WARN (the check is still blocking: dbt waits for it), and the dbt step
holds back only the models downstream of the failed table (``held_back_sources``); the
run still ends as failed, naming the check (orchestration/run.py).
"""

from dagster import (
    AssetCheckExecutionContext,
    AssetCheckKey,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetKey,
    DagsterInstance,
    asset_check,
)

from core.memory import import_long_lived, release_freed_memory
from orchestration.resources import AutokpiSettings
from quality.suites import Suite, suites


def _check_for(suite: Suite, advisory: bool = False):
    """The suite's blocking check, or (``advisory``) its non-blocking warnings."""
    if advisory:
        name, blocking = suite.advisory_check_name, False
        description = f"Warnings on {suite.table}: freshness, references the directory does not know"
    else:
        name, blocking = suite.check_name, True
        description = (
            f"Great Expectations suite for {suite.table}; when it fails, the models downstream of "
            f"source {suite.dbt_source} are not rebuilt in that run"
        )

    @asset_check(asset=AssetKey(suite.asset_key), name=name, blocking=blocking, description=description)
    def _check(context: AssetCheckExecutionContext, settings: AutokpiSettings) -> AssetCheckResult:
        # Great Expectations: imported by the first check that runs, not with the definitions
        validate_table = import_long_lived("quality.validate").validate_table
        current = next(s for s in suites() if s.table == suite.table)  # fresh expectation objects
        try:
            report = validate_table(settings.warehouse(), current, advisory=advisory)
        finally:
            release_freed_memory()  # the rows read into pandas: not held while dbt runs
        if report is None:
            return AssetCheckResult(
                passed=True, metadata={"rows": 0, "note": "no files of this kind loaded yet"}
            )
        metadata = {
            "rows": report.rows,
            "rows_passed_before": report.already_passed,  # loads passed in earlier runs: not read
            "expectations": report.evaluated,
            "unexpected_count": sum(f.unexpected_count for f in report.failures),
            "failures": [str(f) for f in report.failures],
        }
        if not report.passed and not advisory:
            metadata["held_back"] = f"dbt models downstream of source:{suite.dbt_source}"
        return AssetCheckResult(passed=report.passed, severity=AssetCheckSeverity.WARN, metadata=metadata)

    return _check


def raw_table_checks() -> list:
    outlines = suites(outline=True)
    return [_check_for(suite) for suite in outlines] + [
        _check_for(suite, advisory=True) for suite in outlines if suite.advisory or suite.advisory_references
    ]


def held_back_sources(instance: DagsterInstance, run_id: str) -> list[str]:
    """dbt sources whose raw table failed its suite in this run."""
    failed = []
    for suite in suites(outline=True):
        key = AssetCheckKey(AssetKey(suite.asset_key), suite.check_name)
        record = instance.get_latest_asset_check_evaluation_record(key)
        evaluation = record.event.asset_check_evaluation if record and record.event else None
        if record and record.run_id == run_id and evaluation is not None and not evaluation.passed:
            failed.append(suite.dbt_source)
    return failed


def held_back_in_this_run(context, what: str) -> bool:
    """True (and a warning saying so) when raw checks failed in this run: the outputs built
    from every source (exports, dashboards) are then not rewritten."""
    held_back = held_back_sources(context.instance, context.run_id)
    if held_back:
        context.log.warning(f"{what} not rewritten: raw checks failed on {', '.join(held_back)}")
    return bool(held_back)
