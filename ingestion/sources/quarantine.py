"""Rows that failed a row rule, kept with their file, line, rule and raw text.

Each source writes them to ``<table>_quarantine`` beside its table, so that for every
file raw rows = clean rows + quarantined rows and nothing that arrived is lost. Each row
is stamped with when it was quarantined: a later read of the whole file (a corrected
file sent again) supersedes it, as ``orchestration/quarantine_report.py`` reads it.
"""

from __future__ import annotations

from datetime import UTC, datetime

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
        ("quarantined_at", pa.timestamp("us")),
    ]
)


def quarantine_item(rows: list[dict], table: str):
    """A dlt item that appends ``rows`` to ``<table>_quarantine``, whatever the resource's disposition."""
    now = datetime.now(UTC).replace(tzinfo=None)
    return dlt.mark.with_hints(
        pa.Table.from_pylist([{**row, "quarantined_at": now} for row in rows], schema=SCHEMA),
        # no keys: a quarantine table is a log, whatever the resource's primary key
        dlt.mark.make_hints(
            table_name=f"{table}_quarantine",
            write_disposition="append",
            primary_key=[],
            merge_key=[],
            columns=[{"name": f.name, "nullable": True} for f in SCHEMA],
        ),
        create_table_variant=True,
    )


def rejected_file_row(source_file: str, error: Exception) -> dict:
    """A whole file refused (not a CSV, wrong layout throughout, truncated JSON…)."""
    return {
        "source_file": source_file,
        "source_line": getattr(error, "line", None),
        "rule": "file_rejected",
        "field": None,
        "raw_value": str(error),
        "raw_record": None,
    }


# a merged raw table's column marking the rows dlt deletes instead of loading (hard_delete)
WITHDRAWN = "_withdrawn"


def clean_rows(table: pa.Table) -> pa.Table:
    """``table`` with an empty ``_withdrawn`` column: rows to load, not to delete."""
    return table.append_column(pa.field(WITHDRAWN, pa.bool_()), pa.nulls(table.num_rows, pa.bool_()))


def rows_withdrawn(table: str, schema: pa.Schema, keys: dict[str, list]):
    """A dlt item that deletes from the merged ``table`` the rows of these merge ``keys``
    (columns of equal length): lines a corrected file sent again holds wrong now (by file
    and line), calls a transcripts file took back (by call id). The rows have the clean rows' own ``schema``
    (``clean_rows``), as dlt's CSV writer for PostgreSQL takes one schema per table and load."""
    count = len(next(iter(keys.values())))
    columns = {name: pa.array(values, schema.field(name).type) for name, values in keys.items()}
    columns[WITHDRAWN] = pa.array([True] * count, pa.bool_())
    return dlt.mark.with_hints(
        pa.Table.from_arrays([columns.get(f.name, pa.nulls(count, f.type)) for f in schema], schema=schema),
        dlt.mark.make_hints(
            table_name=table, columns=[{"name": WITHDRAWN, "data_type": "bool", "hard_delete": True}]
        ),
        # the hint on these rows only: not on the load log and quarantine the resource
        # writes too, nor on the clean rows of a first load, which append
        create_table_variant=True,
    )
