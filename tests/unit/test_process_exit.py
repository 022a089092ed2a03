"""A command line ends without Python's teardown of its modules (core/process_exit.py), and
still as Python would end it: its code, its output, its exit handlers, its other threads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import atexit, sys, threading, time, tempfile, pathlib
from core.process_exit import exit_now

folder = pathlib.Path(sys.argv[1])
atexit.register(lambda: (folder / "atexit").write_text("ran"))
scratch = tempfile.TemporaryDirectory(dir=folder)  # removed by its exit handler
(folder / "scratch").write_text(scratch.name)

def late():
    time.sleep(0.3)
    (folder / "thread").write_text("finished")

threading.Thread(target=late).start()
sys.stdout.write("the last line, no line break")  # still in the buffer
code = sys.argv[2] if len(sys.argv) > 2 else None
exit_now(int(code) if code and code.isdigit() else code)
"""


def _ended(tmp_path, *code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path), *code], capture_output=True, text=True
    )


def test_the_code_the_output_the_exit_handlers_and_the_other_threads(tmp_path):
    done = _ended(tmp_path, "3")
    assert done.returncode == 3, done.stderr
    assert done.stdout == "the last line, no line break"
    assert (tmp_path / "atexit").read_text() == "ran"
    assert (tmp_path / "thread").read_text() == "finished"
    assert not Path((tmp_path / "scratch").read_text()).exists()


def test_no_code_is_success(tmp_path):
    assert _ended(tmp_path).returncode == 0


def test_a_message_is_said_on_stderr_and_is_a_failure(tmp_path):
    done = _ended(tmp_path, "no warehouse here")
    assert done.returncode == 1 and done.stderr.strip() == "no warehouse here"
