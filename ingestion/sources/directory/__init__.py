"""HR's employee directory and department list from ``<inbox>/directory/``.

``employees``: employee_id, full_name, department_id, role, extensions (PBX extensions
separated by ``;`` or ``,``), crm_user_id, hire_date, leave_date.
``departments``: department_id, department_name (and optionally ring_group).
"""

import dlt

from ingestion.sources.tabular import TableSpec, tabular_resource

FOLDER = "directory"
TABLES = [
    TableSpec(
        "employees",
        "employees",
        ("employee_id",),
        ("employee_id", "full_name", "department_id", "role", "extensions"),
        types=(("hire_date", "date"), ("leave_date", "date")),
        # an extension that is a full number (a direct line) is pseudonymised as the call
        # records' numbers are, so that the two still match
        phone_lists=("extensions",),
    ),
    TableSpec(
        "departments",
        "departments",
        ("department_id",),
        ("department_id", "department_name"),
        phone_lists=("ring_group",),
    ),
]


@dlt.source(name="directory", max_table_nesting=0)
def directory(inbox_dir: str = dlt.config.value, window=None, warehouse: str = ""):
    return [tabular_resource(inbox_dir, FOLDER, spec, window, warehouse, "raw_directory") for spec in TABLES]
