"""The dates a company's data can have: calls and deals outside them are quarantined.

A Master.csv from 2017 among this year's exports, or a deal closed in 2072 by a typing
slip, would stretch every calendar the models build (a month of history became ten years
of empty days and a thousand bonus rows). The window starts a year before the first month
of the plans in the inbox (``AUTOKPI_DATA_FROM`` sets it; without plans and without the
setting it has no start) and ends tomorrow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path


@dataclass(frozen=True)
class DataWindow:
    oldest: date | None
    newest: date

    def why_outside(self, day: str) -> str | None:
        """None when ``day`` (ISO, at least its first 10 characters) is inside, else why not."""
        text = day[:10]
        if self.oldest and text < self.oldest.isoformat():
            return f"dated {text}, before {self.oldest} ({self.describe_start()})"
        if text > self.newest.isoformat():
            return f"dated {text}, after {self.newest} (tomorrow): a date in the future"
        return None

    def describe_start(self) -> str:
        return "AUTOKPI_DATA_FROM, or a year before the first plan month"


def data_window(inbox: Path, today: date | None = None) -> DataWindow:
    from core.settings import get

    today = today or date.today()
    newest = today + timedelta(days=1)
    configured = get("AUTOKPI_DATA_FROM")
    if configured:
        return DataWindow(configured, newest)
    first_plan = _first_plan_month(inbox)
    if first_plan is None:
        return DataWindow(None, newest)
    return DataWindow(first_plan.replace(year=first_plan.year - 1), newest)


def _first_plan_month(inbox: Path) -> date | None:
    from core.settings import crm_timezone
    from ingestion.sources.errors import InboxFileError
    from ingestion.sources.plans import FOLDER, TABLES
    from ingestion.sources.tabular import files_for, read_rows

    spec, months = TABLES[0], []
    for path in files_for(inbox / FOLDER, spec):
        try:
            rows, _ = read_rows(path, spec, path.name, crm_timezone())
        except InboxFileError:
            continue
        months += [date.fromisoformat(r["month"]) for r in rows if r.get("month")]
    return min(months) if months else None
