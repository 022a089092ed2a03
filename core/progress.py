"""How far a long piece of a step has gone, said now and then on the run's progress lines.

The command line prints a line as each step starts and ends (orchestration/run_log.py); a
step that works for minutes (scoring a first load's million transcripts) said nothing in
between. Such work reports here, on a logger below the CLI's progress logger: its lines
show under the step when the CLI prints progress and go nowhere otherwise. Nothing here
imports Dagster, so the sources can report without it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

# below the CLI's progress logger ("autokpi.progress"): its handler prints these lines too
LOGGER = "autokpi.progress.work"
EVERY_SECONDS = 15.0


class Progress:
    """Counts units of work done and says so at most every ``every`` seconds: "scoring
    calls: 120,000 of 933,132 (2,410 a second)"."""

    def __init__(
        self,
        what: str,
        total: int | None = None,
        every: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.what, self.total, self.clock = what, total, clock
        self.every = EVERY_SECONDS if every is None else every
        self.done = 0
        self.started = self.said = clock()
        self.log = logging.getLogger(LOGGER)

    def advance(self, units: int) -> None:
        self.done += units
        now = self.clock()
        if now - self.said >= self.every:
            self.said = now
            self.log.info(self.line(now))

    def line(self, now: float) -> str:
        of = f" of {self.total:,}" if self.total is not None else ""
        seconds = now - self.started
        rate = f" ({self.done / seconds:,.0f} a second)" if seconds > 0 else ""
        return f"{self.what}: {self.done:,}{of}{rate}"
