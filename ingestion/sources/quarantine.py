"""Rows that failed a row rule, kept with their file, line, rule and raw text.

Each source writes them to ``<table>_quarantine`` beside its table, so that for every
file raw rows = clean rows + quarantined rows and nothing that arrived is lost.
"""

from __future__ import annotations

import dlt
import pyarrow as pa

SCHEMA = pa.schema(
    [
        ("source_file", pa.string()),
        ("source_line", pa.int64()),
        ("rule", pa.string()),
        ("field", pa.string()),
        ("raw_value", pa.string()),
        ("raw_record", pa.string()),
    ]
)


def quarantine_item(rows: list[dict], table: str):
    """A dlt item that appends ``rows`` to ``<table>_quarantine``, whatever the resource's disposition."""
    return dlt.mark.with_hints(
        pa.Table.from_pylist(rows, schema=SCHEMA),
        dlt.mark.make_hints(table_name=f"{table}_quarantine", write_disposition="append"),
        create_table_variant=True,
    )
