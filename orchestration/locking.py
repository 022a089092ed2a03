"""One writer per warehouse: DuckDB allows a single writing process per file."""

from __future__ import annotations

import fcntl
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class WarehouseBusyError(RuntimeError):
    """Another autokpi process kept the warehouse for longer than we were willing to wait."""


@contextmanager
def warehouse_lock(warehouse: Path, wait_seconds: float = 600) -> Iterator[None]:
    """Hold an exclusive lock on ``<warehouse>.lock``; wait for another run to finish."""
    lock_path = warehouse.with_name(warehouse.name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as fh:
        deadline = time.monotonic() + wait_seconds
        told = False
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise WarehouseBusyError(
                        f"another autokpi run is still writing {warehouse} "
                        f"after {wait_seconds:.0f} s; try later"
                    ) from None
                if not told:
                    print(f"autokpi: another run is writing {warehouse}; waiting for it…", file=sys.stderr)
                    told = True
                time.sleep(0.5)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
