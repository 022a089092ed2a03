"""Great Expectations suites for every raw table: what a load must satisfy.

Row rules that staging's casts depend on (column counts, parseable times and numbers,
dispositions) already keep bad rows out at ingestion, into quarantine. These suites
are the second line: types and required fields, value sets, ranges, uniqueness of
natural keys and references between tables, checked on what was loaded. Values are
trimmed and upper/lower-cased as staging will read them, so spaces padding a value in a
file are no failure; a tab is (SQL's trim() leaves it, and 'ANSWERED\t' is no answer in
the models: validate.TRIMMED).

Expectations in ``advisory`` run as a separate, non-blocking check: data that is old
(freshness) or calls on an extension the directory does not know are worth a warning to
whoever keeps the PBX export and the directory, but they must not hold the models back.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ingestion.sources.asterisk.settings import DISPOSITIONS
from quality.directory_rules import directory_problems

FRESHNESS_ENV = "AUTOKPI_FRESHNESS_DAYS"


@dataclass(frozen=True)
class Suite:
    table: str  # schema.table in the warehouse
    asset_key: str  # the dlt asset it checks
    expectations: list = field(default_factory=list)
    # columns that must be cast before the expectations:
    # {column: "number" | "upper" | "lower" | "datetime" | "extension" | "presence"};
    # "extension" adds <column>_extension, the digits-only extension in an Asterisk
    # channel name; "presence" reads only whether a value is there (large text)
    prepare: dict[str, str] = field(default_factory=dict)
    # reference value sets: {column: "schema.table.column"} (a list column is split on ';')
    references: dict[str, str] = field(default_factory=dict)
    # warnings only: a separate, non-blocking check
    advisory: list = field(default_factory=list)
    advisory_references: dict[str, str] = field(default_factory=dict)
    # a large table loaded by dlt: each run checks only the rows of loads that have not
    # passed yet (quality/checked_loads.py), ``chunk_by`` value by value so memory stays
    # bounded (every unique key must include it); a column maximum (freshness) is
    # checked on the newest rows by ``newest_by``, a timestamp as text (the PBX's format)
    incremental: bool = False
    chunk_by: str | None = None
    newest_by: str | None = None
    # rules between rows in Python (a connection in, sentences out): what an expectation
    # per column cannot state, such as an extension held by two people at once
    rules: Callable | None = None

    @property
    def check_name(self) -> str:
        return f"gx_{self.table.split('.')[1]}"

    @property
    def advisory_check_name(self) -> str:
        return f"{self.check_name}_advisory"

    @property
    def dbt_source(self) -> str:
        """The dbt source over this table: raw_<system>.<table> is source <system>.<table>."""
        schema, table = self.table.split(".")
        return f"{schema.removeprefix('raw_')}.{table}"


class _Outline:
    """Stands for Great Expectations' expectation classes in an outline of the suites: each
    expectation is only its class's name, enough to know what a suite checks and names."""

    def __getattr__(self, name: str):
        return lambda **_: name


def freshness_floor() -> datetime:
    """The oldest newest-record a table may have: AUTOKPI_FRESHNESS_DAYS (default 3) ago."""
    return datetime.now() - timedelta(days=float(os.environ.get(FRESHNESS_ENV) or 3))


def suites(outline: bool = False) -> list[Suite]:
    """Every raw table's suite, with fresh expectation objects. An ``outline`` holds each
    expectation's class name instead: the tables, assets and check names without importing
    Great Expectations (2-3 s, which a run spends only once a check validates rows)."""
    if outline:
        E = _Outline()
    else:
        import great_expectations as gx

        E = gx.expectations
    return [
        Suite(
            "raw_pbx.asterisk_cdr",
            "dlt_pbx_files_asterisk_cdr",
            [
                E.ExpectColumnValuesToNotBeNull(column="start"),
                E.ExpectColumnValuesToNotBeNull(column="_source_file"),
                E.ExpectColumnValuesToBeInSet(column="disposition", value_set=list(DISPOSITIONS)),
                E.ExpectColumnValuesToBeBetween(column="duration", min_value=0),
                E.ExpectColumnValuesToBeBetween(column="billsec", min_value=0),
                E.ExpectColumnPairValuesAToBeGreaterThanB(
                    column_A="duration", column_B="billsec", or_equal=True
                ),
                E.ExpectCompoundColumnsToBeUnique(column_list=["_source_file", "_source_line"]),
            ],
            prepare={
                "disposition": "upper",
                "duration": "number",
                "billsec": "number",
                "start": "datetime",
                "channel": "extension",
                "dstchannel": "extension",
            },
            advisory=[E.ExpectColumnMaxToBeBetween(column="start", min_value=freshness_floor())],
            advisory_references={
                "channel_extension": "raw_directory.employees.extensions",
                "dstchannel_extension": "raw_directory.employees.extensions",
            },
            incremental=True,
            chunk_by="_source_file",
            newest_by="start",
        ),
        Suite(
            "raw_pbx.transcripts",
            "dlt_pbx_files_transcripts",
            [
                E.ExpectColumnValuesToBeUnique(column="call_id"),
                E.ExpectColumnValuesToNotBeNull(column="segments_json"),
            ],
            prepare={"segments_json": "presence"},
            incremental=True,
        ),
        Suite(
            "raw_directory.employees",
            "dlt_directory_employees",
            [
                E.ExpectColumnValuesToBeUnique(column="employee_id"),
                E.ExpectColumnValuesToNotBeNull(column="extensions"),
            ],
            # shared extensions, unknown or missing departments, leave before hire, roles
            # the scheme does not pay: each a sentence naming the rows
            rules=directory_problems,
        ),
        Suite(
            "raw_directory.departments",
            "dlt_directory_departments",
            [E.ExpectColumnValuesToBeUnique(column="department_id")],
        ),
        Suite("raw_crm.users", "dlt_crm_files_users", [E.ExpectColumnValuesToBeUnique(column="user_id")]),
        Suite(
            "raw_crm.clients",
            "dlt_crm_files_clients",
            [
                E.ExpectColumnValuesToBeUnique(column="client_id"),
                E.ExpectColumnValuesToNotBeNull(column="phones"),
            ],
        ),
        Suite(
            "raw_crm.products",
            "dlt_crm_files_products",
            [
                E.ExpectColumnValuesToBeUnique(column="product_id"),
                E.ExpectColumnValuesToBeBetween(column="cost", min_value=0),
                E.ExpectColumnValuesToBeBetween(column="list_price", min_value=0),
            ],
            prepare={"cost": "number", "list_price": "number"},
        ),
        Suite(
            "raw_crm.deals",
            "dlt_crm_files_deals",
            [
                E.ExpectColumnValuesToBeUnique(column="deal_id"),
                E.ExpectColumnValuesToBeInSet(column="status", value_set=["won", "lost", "in_progress"]),
            ],
            prepare={"status": "lower", "created_at": "datetime"},
            advisory=[E.ExpectColumnMaxToBeBetween(column="created_at", min_value=freshness_floor())],
        ),
        Suite(
            "raw_crm.deal_lines",
            "dlt_crm_files_deal_lines",
            [
                E.ExpectColumnValuesToBeUnique(column="deal_line_id"),
                E.ExpectColumnValuesToBeBetween(column="quantity", min_value=0, strict_min=True),
                E.ExpectColumnValuesToBeBetween(column="price", min_value=0),
            ],
            prepare={"quantity": "number", "price": "number"},
            references={"product_id": "raw_crm.products.product_id", "deal_id": "raw_crm.deals.deal_id"},
        ),
        Suite(
            "raw_plans.monthly_plans",
            "dlt_plans_monthly_plans",
            [
                E.ExpectCompoundColumnsToBeUnique(column_list=["month", "employee_id"]),
                E.ExpectColumnValuesToBeBetween(column="revenue_plan", min_value=0),
            ],
            prepare={"revenue_plan": "number"},
            references={"employee_id": "raw_directory.employees.employee_id"},
        ),
    ]
