"""dlt's load id on Arrow rows, as dlt gives it to dict rows (the API sources).

The raw checks of a large table read only the loads they have not passed yet
(quality/checked_loads.py); a merged row that arrives again gets the new load's id.
The column is nullable, so a warehouse loaded before it existed takes it as it is.
"""

from __future__ import annotations

import dlt
import pyarrow as pa

LOAD_ID = "_dlt_load_id"


def with_load_id(table: pa.Table) -> pa.Table:
    """``table`` with the current load's id in ``_dlt_load_id`` (inside a dlt resource)."""
    load_id = dlt.current.load_package_state()["load_id"]
    return table.append_column(pa.field(LOAD_ID, pa.string()), pa.repeat(pa.scalar(load_id), table.num_rows))
