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


def release_freed_memory() -> None:
    """Collect garbage, then ask pyarrow's pool and glibc's heap to return what is free.
    Each part is skipped where it does not apply (no pyarrow, not glibc)."""
    gc.collect()
    with contextlib.suppress(ImportError):
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: its own allocator decides
        ctypes.CDLL("libc.so.6").malloc_trim(0)
