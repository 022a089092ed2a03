"""Errors that name the file, line and field a user must fix."""

from __future__ import annotations


class InboxFileError(ValueError):
    """A file in the inbox cannot be read as its source expects."""

    def __init__(self, path, reason: str, line: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")

    def named(self, name: str) -> InboxFileError:
        """The same error naming the file as the inbox does (``crm/deals.csv``), as every
        other note of a run does: the readers know only the path they opened."""
        return InboxFileError(name, self.reason, self.line)
