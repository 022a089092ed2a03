"""Errors that name the file, line and field a user must fix."""


class InboxFileError(ValueError):
    """A file in the inbox cannot be read as its source expects."""

    def __init__(self, path, reason: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")
