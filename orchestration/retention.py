"""How long raw calls and transcripts are kept: ``AUTOKPI_RETENTION_DAYS``.

After each load of the PBX's files, the raw rows of calls that started more than that
many days ago are deleted, with their transcripts and their quarantined lines: the call
records (numbers pseudonymised, README "Personal data") and what was said. Only rows of
closed months go: a month still open is still being paid from its calls, so its rows stay
past the limit (and the run says so) until finance closes it. The closed month's bonus is
frozen in ``closing`` and never changes; what the marts show for it thins out with its
raw rows. Empty (the default): everything is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from core import settings
from core.warehouse import Connection, connect
from orchestration.period_close import closed_months

RETENTION_ENV = "AUTOKPI_RETENTION_DAYS"
# (table, the column its age is read from, as text 'YYYY-MM-DD…' in the PBX's local time)
AGED_TABLES = [
    ("raw_pbx", "asterisk_cdr", "start"),
    ("raw_pbx", "transcripts", "started_at"),
]
# quarantined lines carry no call time of their own: their age is when they were set aside
QUARANTINE_TABLES = [("raw_pbx", "asterisk_cdr_quarantine"), ("raw_pbx", "transcripts_quarantine")]


@dataclass
class RetentionReport:
    cutoff: date
    deleted: dict[str, int] = field(default_factory=dict)
    kept_open: dict[str, int] = field(default_factory=dict)  # month -> rows past the limit

    def deleted_lines(self) -> list[str]:
        return [f"deleted {n:,} rows of {t} older than {self.cutoff}" for t, n in self.deleted.items() if n]

    def kept_lines(self) -> list[str]:
        return [
            f"kept {n:,} call rows of {month} past the retention limit: the month is not closed yet"
            for month, n in sorted(self.kept_open.items())
        ]


def apply_retention(con: Connection, days: int, today: date) -> RetentionReport:
    """Delete raw call rows and transcripts older than ``days`` whose month is closed."""
    cutoff = today - timedelta(days=days)
    report = RetentionReport(cutoff)
    closed = {f"{month:%Y-%m}" for month in closed_months(con)}
    for schema, table, column in AGED_TABLES:
        if not con.table_exists(schema, table):
            continue
        old = f"{column} < ? and {column} is not null"
        months = con.execute(
            f"select substr({column}, 1, 7), count(*) from {schema}.{table} where {old} group by 1",
            [cutoff.isoformat()],
        ).fetchall()
        deleted = 0
        for month, rows in months:
            if month in closed:
                con.execute(
                    f"delete from {schema}.{table} where {old} and substr({column}, 1, 7) = ?",
                    [cutoff.isoformat(), month],
                )
                deleted += rows
            elif table == "asterisk_cdr":
                report.kept_open[month] = rows
        report.deleted[f"{schema}.{table}"] = deleted
    for schema, table in QUARANTINE_TABLES:
        if con.table_exists(schema, table):
            rows = con.execute(
                f"select count(*) from {schema}.{table} where quarantined_at < ?", [cutoff]
            ).fetchone()[0]
            con.execute(f"delete from {schema}.{table} where quarantined_at < ?", [cutoff])
            report.deleted[f"{schema}.{table}"] = rows
    return report


def retain(warehouse: Path, today: date | None = None) -> RetentionReport | None:
    """``apply_retention`` with the configured limit, or None when everything is kept."""
    days = settings.get(RETENTION_ENV)
    if days is None:
        return None
    with connect(warehouse, read_only=False) as con:
        return apply_retention(con, days, today or date.today())
