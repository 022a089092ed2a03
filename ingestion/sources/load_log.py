"""One row per file part loaded (or refused): rows read = rows clean + rows quarantined.

Each source appends to ``load_log`` in its own dataset, in the same load as the rows
it describes, so the log and the data cannot disagree after a crash.
"""

from __future__ import annotations

from datetime import UTC, datetime

import dlt
import pyarrow as pa

SCHEMA = pa.schema(
    [
        ("logged_at", pa.timestamp("us")),
        ("source_file", pa.string()),
        ("target_table", pa.string()),
        ("first_line", pa.int64()),
        ("rows_read", pa.int64()),
        ("rows_clean", pa.int64()),
        ("rows_quarantined", pa.int64()),
        ("status", pa.string()),
        ("message", pa.string()),
    ]
)


def log_entry(
    source_file: str,
    target_table: str,
    rows_read: int,
    rows_clean: int,
    rows_quarantined: int,
    first_line: int | None = None,
    status: str = "loaded",
    message: str | None = None,
) -> dict:
    return {
        "logged_at": datetime.now(UTC).replace(tzinfo=None),
        "source_file": source_file,
        "target_table": target_table,
        "first_line": first_line,
        "rows_read": rows_read,
        "rows_clean": rows_clean,
        "rows_quarantined": rows_quarantined,
        "status": status,
        "message": message,
    }


def load_log_item(entries: list[dict]):
    """A dlt item appending ``entries`` to ``load_log``, whatever the resource's disposition."""
    return dlt.mark.with_hints(
        pa.Table.from_pylist(entries, schema=SCHEMA),
        dlt.mark.make_hints(
            table_name="load_log",
            write_disposition="append",
            primary_key=[],
            merge_key=[],
            columns=[{"name": f.name, "nullable": True} for f in SCHEMA],
        ),
        create_table_variant=True,
    )
