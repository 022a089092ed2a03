"""Great Expectations suites (quality/suites.py) as blocking Dagster asset checks on the
raw tables: a failed check stops the models downstream of that load in the run, and
shows the expectation, the unexpected count and examples in the UI."""

from dagster import AssetCheckExecutionContext, AssetCheckResult, AssetCheckSeverity, AssetKey, asset_check

from orchestration.settings import AutokpiSettings
from quality.suites import Suite, suites
from quality.validate import validate_table


def _check_for(suite: Suite):
    @asset_check(
        asset=AssetKey(suite.asset_key),
        name=f"gx_{suite.table.split('.')[1]}",
        blocking=True,
        description=f"Great Expectations suite for {suite.table}",
    )
    def _check(context: AssetCheckExecutionContext, settings: AutokpiSettings) -> AssetCheckResult:
        current = next(s for s in suites() if s.table == suite.table)  # fresh expectation objects
        report = validate_table(settings.warehouse(), current)
        if report is None:
            return AssetCheckResult(
                passed=True, metadata={"rows": 0, "note": "no files of this kind loaded yet"}
            )
        unexpected = sum(f.unexpected_count for f in report.failures)
        return AssetCheckResult(
            passed=report.passed,
            severity=AssetCheckSeverity.ERROR,
            metadata={
                "rows": report.rows,
                "expectations": report.evaluated,
                "unexpected_count": unexpected,
                "failures": [
                    f"{f.expectation}({f.column}): {f.unexpected_count}, e.g. {f.examples}"
                    for f in report.failures
                ],
            },
        )

    return _check


def raw_table_checks() -> list:
    return [_check_for(suite) for suite in suites()]
