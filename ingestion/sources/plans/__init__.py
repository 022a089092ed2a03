"""Finance's monthly plans from ``<inbox>/plans/`` (CSV or XLSX).

``plans``: month (any day of the month, YYYY-MM-DD or YYYY-MM), employee_id,
revenue_plan, and optional task targets such as calls_plan.
"""

import dlt

from ingestion.sources.tabular import TableSpec, tabular_resource

FOLDER = "plans"
TABLES = [
    TableSpec("monthly_plans", "plans", ("month", "employee_id"), ("month", "employee_id", "revenue_plan")),
]


@dlt.source(name="plans", max_table_nesting=0)
def plans(inbox_dir: str = dlt.config.value):
    return [tabular_resource(inbox_dir, FOLDER, spec) for spec in TABLES]
