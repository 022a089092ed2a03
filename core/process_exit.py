"""Ending a command line without Python's teardown of the modules it imported.

A process that imported Dagster, dbt, dlt and Great Expectations spends about 1.1 s after
its last line freeing what those modules made (measured on a process that only imports
them and exits), and dbt's own process about 0.3 s: on every `autokpi run`, for nothing,
since by then each file is closed. So the command lines end as Python would, without that
part: other threads finished (what ``threading`` does at exit), the exit handlers run
(``atexit``: logging's flush and close, dlt's, temporary folders), the standard streams
flushed, and then ``os._exit``. Called only where a console command ends, never by code
that runs inside another program (the tests call ``main`` and go on).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from typing import NoReturn


def exit_now(code: int | str | None) -> NoReturn:
    """Leave the process with ``code`` as ``sys.exit`` would: None is 0, a message is
    printed on stderr and is 1."""
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
    shutdown = getattr(threading, "_shutdown", None)  # Python's own wait for other threads
    if shutdown is not None:
        shutdown()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        # a pipe closed by its reader (`autokpi run | head`) or a stream closed already
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)
