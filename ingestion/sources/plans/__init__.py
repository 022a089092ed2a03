"""Finance's monthly plans from ``<inbox>/plans/`` (CSV or XLSX).

``plans``: month (YYYY-MM, MM.YYYY, a month name as ``октябрь 2026`` or ``Oct-26``, or
any day of the month as YYYY-MM-DD or DD.MM.YYYY),
employee_id, revenue_plan (``1 234 567,00`` or ``1234567.00``), and optional task targets
such as calls_plan.
"""

import dlt

from ingestion.sources.tabular import TableSpec, tabular_resource

FOLDER = "plans"
TABLES = [
    TableSpec(
        "monthly_plans",
        "plans",
        ("month", "employee_id"),
        ("month", "employee_id", "revenue_plan"),
        types=(("month", "month"), ("revenue_plan", "decimal"), ("calls_plan", "integer")),
    ),
]


@dlt.source(name="plans", max_table_nesting=0)
def plans(inbox_dir: str = dlt.config.value, window=None, warehouse: str = ""):
    return [tabular_resource(inbox_dir, FOLDER, spec, window, warehouse, "raw_plans") for spec in TABLES]
