"""A long run gives memory a step freed back to the operating system (core/memory.py)."""

from __future__ import annotations

import subprocess
import sys

# in a process of its own: the test runner's heap would blur the figures
SCRIPT = """
import pyarrow as pa
from core.memory import release_freed_memory

def rss_mb():
    return int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0]) // 1024

base = rss_mb()
rows = [{"line": i, "text": f"row {i} of a call record"} for i in range(1_500_000)]
table = pa.Table.from_pylist(rows)
del rows, table
held = rss_mb()
release_freed_memory()
print(base, held, rss_mb())
"""


def test_memory_freed_by_a_step_is_handed_back():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True).stdout
    base, held, after = map(int, out.split())
    assert held - base > 100  # the freed rows stay with the process until handed back
    assert after - base < (held - base) / 2, (base, held, after)


class _Node:
    def __init__(self):
        self.me = self  # a cycle: only the garbage collector frees it


def test_within_a_run_old_objects_are_skipped_and_new_garbage_still_collected():
    import gc
    import weakref

    from core.memory import long_lived_objects_frozen, release_freed_memory

    before = gc.get_freeze_count()
    with long_lived_objects_frozen():
        assert gc.get_freeze_count() > before  # the imported world is frozen
        node = _Node()
        alive = weakref.ref(node)
        del node
        release_freed_memory()
        assert alive() is None  # a step's garbage is still freed
    assert gc.get_freeze_count() == before  # and everything is collectable again after the run


def _frozen(obj) -> bool:
    """Whether the collector skips obj: frozen objects are in none of its generations. Asked of
    one object, not of the frozen count, which another thread's freed objects can move."""
    import gc

    return not any(tracked is obj for tracked in gc.get_objects())


def test_a_module_imported_within_a_run_is_frozen_with_the_rest():
    """Great Expectations is imported by the first raw check, after the run froze what lived:
    its objects join them, or every collection after it walks them again."""
    import sys

    from core.memory import import_long_lived, long_lived_objects_frozen

    name = "pydoc_data.topics"  # a large module nothing here imports
    sys.modules.pop(name, None)
    with long_lived_objects_frozen():
        made_in_the_run = []
        assert not _frozen(made_in_the_run)
        module = import_long_lived(name)
        assert module is sys.modules[name] and len(module.topics) > 10
        assert _frozen(made_in_the_run)  # the import froze what lived, the module with it
        made_after = []
        assert import_long_lived(name) is module and not _frozen(made_after)  # imported once
    sys.modules.pop(name, None)
    outside = []
    assert import_long_lived(name) is sys.modules[name] and not _frozen(outside)  # a plain import
