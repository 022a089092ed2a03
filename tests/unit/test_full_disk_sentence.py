"""A full disk is said only when the failure reads like one and the disk is nearly full."""

from __future__ import annotations

import errno
import sqlite3

from core.disk import file_system_sentence, reads_like_a_full_disk


def test_each_layers_words_for_a_full_disk_are_recognised_through_the_chain():
    assert reads_like_a_full_disk(OSError(errno.ENOSPC, "No space left on device"))
    assert reads_like_a_full_disk(sqlite3.OperationalError("database or disk is full"))
    try:
        try:
            raise OSError(errno.EDQUOT, "Disk quota exceeded")
        except OSError as quota:
            raise RuntimeError("step load_pbx_files failed") from quota
    except RuntimeError as wrapped:
        assert reads_like_a_full_disk(wrapped)
    assert not reads_like_a_full_disk(OSError(errno.EACCES, "Permission denied"))
    assert not reads_like_a_full_disk(ValueError("1 row has a quantity that is not above 0"))


def test_a_disk_with_room_is_not_called_full(tmp_path):
    """The words alone are not enough (SQLite says 'disk I/O error' for a broken file too):
    the test machine's temporary folder has room, so the failure keeps its own message."""
    assert file_system_sentence(sqlite3.OperationalError("disk I/O error"), [tmp_path / "not-yet"]) is None


def test_a_path_that_cannot_be_opened_is_said_as_a_read_in_the_inbox_and_a_write_elsewhere(tmp_path):
    inbox = tmp_path / "inbox"
    unreadable = PermissionError(errno.EACCES, "Permission denied", str(inbox / "crm" / "deals.csv"))
    said = file_system_sentence(unreadable, [tmp_path], inbox)
    deals = inbox / "crm" / "deals.csv"
    assert said == f"cannot read: this user may not open {deals}; give this user access to it, and run again"
    read_only = OSError(errno.EROFS, "Read-only file system", str(tmp_path / "logs" / "run.log"))
    assert file_system_sentence(read_only, [tmp_path], inbox).startswith(
        f"cannot write: {tmp_path}/logs/run.log is on a read-only file system; give the warehouse a folder"
    )
