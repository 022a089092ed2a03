"""Give the memory a step freed back to the operating system.

A run is one long process: the first raw check of 10 M call records reads them into
pandas (3.7 GB), and Python, pyarrow's allocator and glibc keep the freed memory for
reuse, so the process still held 1.3 GB while dbt — a subprocess with memory of its own —
built the marts, and the run's peak was the sum (4.3 GB at 10 M call rows). Handing the
freed memory back after each load and check takes it to about 0.4 GB (bench/README.md).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import importlib
import sys
from types import ModuleType


@contextlib.contextmanager
def long_lived_objects_frozen():
    """Within: the garbage collector passes over what existed on entry.

    ``release_freed_memory`` runs a full collection after each load and check; with
    Dagster, dbt, dlt and Great Expectations imported that is a heap of millions of
    objects (modules, classes, schemas) that never die, and each collection walked them
    all: 0.36 s a time, 6.4 s of a 30 s demo run. Frozen, they are skipped; everything a
    step creates (the rows, the frames) is created after entry and still collected. A
    library a step imports later joins them through ``import_long_lived``.
    """
    _freeze_what_lives()
    try:
        yield
    finally:
        gc.unfreeze()


def import_long_lived(name: str) -> ModuleType:
    """Import a module in a run, its objects frozen with the rest of what lives as long as
    the process: Great Expectations, imported by the first raw check rather than with the
    definitions, brought a heap of objects each collection after it walked again (every
    later step of a demo run slower, 1.2 s in all). Outside a frozen run, a plain import."""
    if name in sys.modules:
        return sys.modules[name]
    module = importlib.import_module(name)
    if gc.get_freeze_count():
        _freeze_what_lives()
    return module


def _freeze_what_lives() -> None:
    gc.collect()  # what is garbage already is freed now, not kept forever
    gc.freeze()


def release_freed_memory() -> None:
    """Collect garbage, then ask pyarrow's pool and glibc's heap to return what is free.
    Each part is skipped where it does not apply (no pyarrow, not glibc)."""
    gc.collect()
    with contextlib.suppress(ImportError):
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: its own allocator decides
        ctypes.CDLL("libc.so.6").malloc_trim(0)
