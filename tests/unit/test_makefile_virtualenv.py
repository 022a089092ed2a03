"""`make setup` (and so `make demo`, `make test`) in a project moved or copied to another
folder: the virtualenv made in the old folder names its interpreter and code by the old
path, so `make demo` stopped with `.venv/bin/autokpi: cannot execute: required file not
found` (moved) or ran the old folder's code (copied). The Makefile makes it again."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from core.paths import PROJECT_ROOT


def _project_with_a_virtualenv_made_in(folder, made_in):
    shutil.copyfile(PROJECT_ROOT / "Makefile", folder / "Makefile")
    venv = folder / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text(
        "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n"
        f"command = /usr/bin/python3.11 -m venv {made_in}/.venv\n"
    )
    return venv


def _venv_check(here) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "venv-check"], cwd=here, capture_output=True, text=True
    )


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_a_virtualenv_made_in_another_folder_is_made_again(tmp_path):
    here = tmp_path / "autokpi"
    here.mkdir()
    venv = _project_with_a_virtualenv_made_in(here, tmp_path / "old-place" / "autokpi")
    done = _venv_check(here)
    assert done.returncode == 0, done.stderr
    assert f"made for {tmp_path}/old-place/autokpi/.venv: the project moved or was copied" in done.stdout
    assert not venv.exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_a_virtualenv_made_in_its_own_folder_is_kept(tmp_path):
    here = tmp_path / "autokpi"
    here.mkdir()
    venv = _project_with_a_virtualenv_made_in(here, here)
    done = _venv_check(here)
    assert done.returncode == 0 and done.stdout == ""
    assert (venv / "pyvenv.cfg").is_file()
