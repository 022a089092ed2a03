"""`autokpi serve` and `autokpi ui` as a person starts them: the portal answers on its port
and prints no library's warning; a port either cannot have is said in one sentence."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from core.ports import LOOPBACK, free_port


def _serve(warehouse, port: int) -> list[str]:
    command = [sys.executable, "-m", "orchestration.cli", "serve", "--warehouse", str(warehouse)]
    return [*command, "--port", str(port)]


def test_autokpi_serve_answers_on_its_port_and_prints_no_librarys_warning(demo_run):
    _, warehouse = demo_run
    port = free_port()
    portal = subprocess.Popen(_serve(warehouse, port), stderr=subprocess.PIPE, text=True)
    try:
        status, deadline = None, time.monotonic() + 60
        while status is None and time.monotonic() < deadline and portal.poll() is None:
            try:
                with urllib.request.urlopen(f"http://{LOOPBACK}:{port}/signin", timeout=5) as page:
                    status = page.status
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.3)
        assert status == 200
    finally:
        portal.terminate()
        said = portal.communicate(timeout=30)[1]
    assert f"autokpi: the portal on http://{LOOPBACK}:{port}" in said
    assert "Warning" not in said  # authlib's 'The httpx module is deprecated' on every start


def test_a_port_in_use_is_said_in_one_sentence(demo_run):
    _, warehouse = demo_run
    with socket.create_server((LOOPBACK, 0)) as taken:
        port = taken.getsockname()[1]
        done = subprocess.run(_serve(warehouse, port), capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"autokpi: error: the portal cannot listen on {LOOPBACK}:{port}: port {port} is in use (another "
        "portal, or another program): stop it, or choose another port with --port"
    ]  # not announced first, no '[Errno 98] error while attempting to bind'


def test_the_dagster_ui_says_a_port_in_use_in_one_sentence(tmp_path):
    """Dagster's UI announced itself on the port, logged '[Errno 98] error while attempting to
    bind', and its daemon ran on with no UI to open."""
    with socket.create_server((LOOPBACK, 0)) as taken:
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "orchestration.cli", "ui", "--port", str(port)]
        command += ["--warehouse", str(tmp_path / "autokpi.duckdb")]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"autokpi: error: port {port} is in use (another Dagster UI, or another program): stop it, or "
        "choose another port with --port"
    ]
