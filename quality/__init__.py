"""The raw checks (Great Expectations).

Importing Great Expectations imports Altair and SciPy's statistics for the three
expectations that draw a chart or run a distribution test (a KL divergence, two KS tests).
No suite here uses them, yet they were about 0.8 s of the 2.2 s import that every run
checking a table pays. Every module of this package is imported after this file, so they
are stood in for here, before any of them imports Great Expectations: an import of either
finds a module whose code runs on the first read of one of its names, if one ever comes.

(The standard library's ``importlib.util.LazyLoader`` does not do it on Python 3.11: an
``import`` statement reads the module's ``__spec__``, and that read already loads it.)
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import threading
import types

# imported by Great Expectations as it is imported, used by no suite here
LOADED_ON_FIRST_USE = ("altair", "scipy.stats")

_loading = threading.RLock()


class _LoadedOnFirstUse(types.ModuleType):
    """Stands in for a module until a name is read from it: then the module is imported
    and takes its place, in ``sys.modules`` and in this object, which the importers hold."""

    def __getattr__(self, attribute: str):
        # only called for a name the object does not hold: every name before the load
        with _loading:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
                try:
                    module = importlib.import_module(self.__name__)
                except BaseException:
                    sys.modules[self.__name__] = self
                    raise
                self.__dict__.update(module.__dict__)
            module = sys.modules[self.__name__]
        return getattr(module, attribute)


def _stand_in(name: str) -> None:
    """``name`` in ``sys.modules`` as a module imported on its first use; left alone when
    it is imported already."""
    if name in sys.modules:
        return
    module = _LoadedOnFirstUse(name)
    # what an import statement reads of a module it finds in sys.modules
    module.__spec__ = importlib.machinery.ModuleSpec(name, loader=None)
    sys.modules[name] = module


for _name in LOADED_ON_FIRST_USE:
    _stand_in(_name)
