"""Errors whose message is written for the person running autokpi.

A ``UserFacingError``'s message is one sentence they can act on: what failed, where
(file, line, column, value, month, employee) and what to do. The command line prints it
as it is; a Dagster step that raises one fails with it as the run's last line (Dagster
keeps only the class name and message of an error, so ``is_user_facing`` matches by name).
"""

from __future__ import annotations


class UserFacingError(RuntimeError):
    """Raised with a sentence a person can act on; never wrapped, never cut."""


def _subclass_names(cls: type) -> set[str]:
    names = {cls.__name__}
    for sub in cls.__subclasses__():
        names |= _subclass_names(sub)
    return names


def is_user_facing(class_name: str) -> bool:
    """Whether an error class name (as Dagster records it) is a ``UserFacingError``."""
    return class_name in _subclass_names(UserFacingError)


def counted(n: int, noun: str) -> str:
    """A count and its noun as a message says them: ``1 column``, ``21 columns``, ``1,234 rows``."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
