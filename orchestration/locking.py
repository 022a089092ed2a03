"""One writer per warehouse: DuckDB allows a single writing process per file."""

from __future__ import annotations

import fcntl
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from orchestration.serving import snapshot_path_for


class WarehouseBusyError(RuntimeError):
    """Another autokpi process kept the warehouse for longer than we were willing to wait."""


# the locks this process holds, by lock file and thread, and how deep: `autokpi run` takes
# the lock and then runs the job, whose settings resource takes it again (a run Dagster
# starts has only the latter)
_HELD: dict[tuple[str, int], int] = {}


def lock_file_for(warehouse: Path) -> Path:
    """The file whose lock says a run is writing ``warehouse``."""
    return warehouse.with_name(warehouse.name + ".lock")


@contextmanager
def warehouse_lock(warehouse: Path, wait_seconds: float = 600) -> Iterator[None]:
    """Hold an exclusive lock on ``<warehouse>.lock``; wait for another run to finish.
    Re-entrant within a thread: taken again where it is held, it is simply held."""
    lock_path = lock_file_for(warehouse)
    key = (str(lock_path.resolve()), threading.get_ident())
    if key in _HELD:
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
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
        _HELD[key] = 1
        try:
            _wait_for_duckdb(warehouse, deadline)
            yield
        finally:
            del _HELD[key]
            fcntl.flock(fh, fcntl.LOCK_UN)


def _wait_for_duckdb(warehouse: Path, deadline: float) -> None:
    """Wait until no other process holds DuckDB's own lock on the file.

    A run killed while dbt was building leaves that dbt child running for a while (a
    SIGKILL cannot take children with it); it, or a reader such as a BI tool, holds the
    file. Waiting here lets the next run start cleanly instead of failing half-way.
    """
    import duckdb

    if not warehouse.exists():
        return
    told = False
    while True:
        try:
            duckdb.connect(str(warehouse)).close()
            return
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise
            hint = f"point BI tools and query windows at {snapshot_path_for(warehouse)}: it never blocks runs"
            if time.monotonic() > deadline:
                raise WarehouseBusyError(
                    f"{warehouse} is held by another process ({error}); close it, and {hint}"
                ) from None
            if not told:
                message = f"autokpi: {warehouse} is held by another process; waiting for it ({hint})"
                print(message, file=sys.stderr)
                told = True
            time.sleep(0.5)
