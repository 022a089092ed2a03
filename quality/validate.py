"""Run a suite on a raw table with Great Expectations 1.x, on a pandas batch.

GX 1.24 has no DuckDB dialect for its SQL datasource (STACK.md), so each table's checked
columns are read into a DataFrame through a read-only warehouse connection (DuckDB or
PostgreSQL, ingestion/warehouse.py) and validated with the pandas datasource: the same
checks on either target.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import great_expectations as gx
import pandas as pd

from ingestion.warehouse import connect
from quality.suites import Suite


@dataclass(frozen=True)
class Failure:
    expectation: str
    column: str
    unexpected_count: int
    examples: list

    def __str__(self) -> str:
        return f"{self.expectation}({self.column}): {self.unexpected_count}, e.g. {self.examples}"


@dataclass(frozen=True)
class ValidationReport:
    table: str
    rows: int
    evaluated: int
    failures: list[Failure]

    @property
    def passed(self) -> bool:
        return not self.failures


def _prepare(frame: pd.DataFrame, suite: Suite) -> pd.DataFrame:
    for column, how in suite.prepare.items():
        if column not in frame:
            continue
        values = frame[column].astype("string").str.strip()
        if how == "number":
            frame[column] = pd.to_numeric(values, errors="coerce")
        elif how == "datetime":
            frame[column] = pd.to_datetime(values, errors="coerce", utc=True, format="mixed").dt.tz_localize(
                None
            )
        elif how == "extension":
            # SIP/101-0000abcd, Local/101@from-queue → 101; a trunk's name is not an extension
            frame[f"{column}_extension"] = values.str.extract(r"^[^/]+/(\d+)(?:[-@;]|$)", expand=False)
        elif how == "upper":
            frame[column] = values.str.upper()
        else:
            frame[column] = values.str.lower()
    return frame


def _context():
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = gx.data_context.types.base.ProgressBarsConfig(globally=False)
    return context


def validate_frame(
    frame: pd.DataFrame, suite: Suite, reference_sets: dict[str, list] | None = None, advisory: bool = False
) -> ValidationReport:
    context = _context()
    asset = context.data_sources.add_pandas("raw").add_dataframe_asset(suite.table)
    batch = asset.add_batch_definition_whole_dataframe("whole")
    gx_suite = context.suites.add(gx.ExpectationSuite(name=suite.table))
    frame = _prepare(frame.copy(), suite)
    chosen = suite.advisory if advisory else suite.expectations
    expectations = [e for e in chosen if _columns_present(e, frame)]
    for expectation in expectations:  # suites() builds fresh objects: each belongs to one suite
        gx_suite.add_expectation(expectation)
    for column, values in (reference_sets or {}).items():
        if column in frame:
            gx_suite.add_expectation(
                gx.expectations.ExpectColumnValuesToBeInSet(column=column, value_set=values)
            )
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=f"check {suite.table}", data=batch, suite=gx_suite)
    )
    result = definition.run(batch_parameters={"dataframe": frame})
    failures = [
        Failure(
            r.expectation_config.type,
            str(
                r.expectation_config.kwargs.get("column")
                or r.expectation_config.kwargs.get("column_list")
                or ""
            ),
            int(r.result.get("unexpected_count") or 0),
            [
                v.item() if hasattr(v, "item") else v
                for v in (r.result.get("partial_unexpected_list") or [])[:5]
            ],
        )
        for r in result.results
        if not r.success
    ]
    return ValidationReport(suite.table, len(frame), len(result.results), failures)


def _columns_present(expectation, frame: pd.DataFrame) -> bool:
    names = ("column", "column_A", "column_B")
    columns = [getattr(expectation, n, None) for n in names] + list(
        getattr(expectation, "column_list", None) or []
    )
    return all(c in frame for c in columns if c)


def needed_columns(suite: Suite, advisory: bool = False) -> set[str]:
    """The raw columns a suite (or its advisory part) reads, derived columns traced back."""
    columns: set[str] = set()
    for expectation in suite.advisory if advisory else suite.expectations:
        columns |= {getattr(expectation, n, None) for n in ("column", "column_A", "column_B")}
        columns |= set(getattr(expectation, "column_list", None) or [])
    columns |= set(suite.advisory_references if advisory else suite.references)
    derived = {f"{c}_extension": c for c, how in suite.prepare.items() if how == "extension"}
    return {derived.get(c, c) for c in columns if c}


def validate_table(warehouse: Path, suite: Suite, advisory: bool = False) -> ValidationReport | None:
    """Validate a raw table (its advisory expectations when ``advisory``); None when the
    table was never loaded (no files of its kind)."""
    schema, table = suite.table.split(".")
    with connect(warehouse) as con:
        if not con.table_exists(schema, table):
            return None
        # only the columns the expectations read: a wide raw table costs far less that way
        wanted = sorted(needed_columns(suite, advisory) & set(con.columns(schema, table)))
        listing = ", ".join(f'"{c}"' for c in wanted) or "1 as no_columns"
        frame = con.execute(f"select {listing} from {suite.table}").df()
        references = {}
        for column, target in (suite.advisory_references if advisory else suite.references).items():
            ref_schema, ref_table, ref_column = target.split(".")
            if con.table_exists(ref_schema, ref_table):
                listed = con.execute(f"select distinct {ref_column} from {ref_schema}.{ref_table}").fetchall()
                # a reference column may hold a ';'-separated list (an employee's extensions)
                references[column] = sorted(
                    {part.strip() for (value,) in listed if value for part in str(value).split(";")}
                )
    return validate_frame(frame, suite, references, advisory)
