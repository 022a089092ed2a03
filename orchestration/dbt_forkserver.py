"""A dbt process that has imported dbt once and forks a copy of itself for each command.

Each ``dbt build`` of a run is a process of its own (dagster-dbt reads its events from the
process's output), and each such process spent 1.3-2 s importing dbt before its first line
of work: every run paid it, and the test suite paid it some eighty times. This server
imports dbt once, from when the run's first load writes something (beside the raw checks;
orchestration/assets/ingestion.py) or its first dbt command, and forks for each dbt
command the run gives; the fork runs dbt's command line exactly as ``autokpi-dbt`` would,
with the caller's arguments, environment, folder, umask and standard streams. What dbt
builds on first use and keeps for the process (its JSON schemas, the code that reads and
writes a manifest) is built here before forking, so that no command builds it again.

The caller stays ``autokpi-dbt`` (``run_in_server`` in orchestration/dbt_entry.py): with
``AUTOKPI_DBT_FORK_SERVER`` naming a server's socket it hands its command over and waits,
passes on the signals it gets (Dagster's interrupt), and leaves with the fork's exit code.
Where there is no server (dbt run by hand, another system, a server that did not start), it
runs dbt itself, as before. When the caller dies, its fork is killed; when the process that
started the server ends, the server and its forks end too.

The socket lives in a folder only its user can open, since it runs commands as that user.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile

from orchestration.dbt_entry import FORK_SERVER_ENV, MESSAGE_LIMIT

_server: subprocess.Popen | None = None
_address: str | None = None


def start() -> str | None:
    """Start this process's fork server if it is not running (it imports dbt beside
    whatever runs next); its socket's path, or None where forking is not available."""
    global _server, _address
    if running():
        return _address
    if not (hasattr(os, "pidfd_open") and hasattr(socket, "send_fds")):
        return None
    folder = tempfile.mkdtemp(prefix="autokpi-dbt-")  # mode 0700: only this user connects
    address = os.path.join(folder, "socket")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    try:
        listener.bind(address)
        listener.listen(8)
        # its own session: a Ctrl-C in the terminal reaches the caller, which passes it on
        _server = subprocess.Popen(
            [sys.executable, "-m", "orchestration.dbt_forkserver", str(listener.fileno())],
            stdin=subprocess.PIPE,  # closed when this process ends: the server ends then
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # a server that fails leaves each caller to run dbt itself
            pass_fds=[listener.fileno()],
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    finally:
        listener.close()  # the server's copy listens; should it die, callers are refused
    _address = address
    atexit.register(_stop, _server, folder)
    return address


def running() -> bool:
    """Whether this process's fork server runs."""
    return _server is not None and _server.poll() is None


def stop() -> None:
    """Stop this process's fork server (the next ``start`` begins another)."""
    global _server
    if _server is not None:
        _stop(_server, os.path.dirname(_address or ""))
        _server = None


def _stop(server: subprocess.Popen, folder: str) -> None:
    if server.poll() is None:
        server.stdin.close()  # the server kills what it still runs and ends
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def environment() -> dict[str, str]:
    """The variable that sends ``autokpi-dbt`` to this process's server, if it runs."""
    address = start()
    return {FORK_SERVER_ENV: address} if address else {}


def _preload() -> None:
    """Everything a dbt command imports before its first line of work."""
    from orchestration.dbt_entry import prepare

    prepare()
    import dbt.adapters.duckdb
    import dbt.cli.main
    import dbt.task.build  # noqa: F401

    _build_schemas()
    _read_a_kept_parse()


def _build_schemas() -> None:
    """The JSON schemas dbt validates a command's project, profile and flags against. dbt
    builds each on its first use and caches it in the class, so a fork inherits them built
    instead of spending ~0.3 s building them again for every command."""
    from dbt.adapters.duckdb.credentials import DuckDBCredentials
    from dbt.contracts.project import Configuration, PackageConfig, Project, ProjectFlags

    for validated in (Project, Configuration, ProjectFlags, PackageConfig, DuckDBCredentials):
        validated.json_schema()


def _read_a_kept_parse() -> None:
    """dbt (mashumaro) generates the code that reads and writes a manifest's classes on
    their first use: ~0.3 s of every command, which reads its parse and writes its manifest.
    A parse kept in the project's target folder (orchestration/dbt_project.py), read and
    written once here, leaves that code generated for every fork. Best effort: with no such
    parse, or one another dbt wrote, each fork generates it as before."""
    from core.paths import DBT_PROJECT_DIR, PROJECT_PARSE_PREFIX

    # any of them will do (one per target and scheme): the same classes are read
    parse = next((DBT_PROJECT_DIR / "target").glob(f"{PROJECT_PARSE_PREFIX}*.msgpack"), None)
    if parse is None:
        return
    import threading

    try:
        from dbt.contracts.graph import manifest as manifests
        from dbt.parser.manifest import extended_mashumaro_encoder, extended_mashumuro_decoder

        # a manifest read takes a lock of dbt's multiprocessing context, whose first one starts
        # Python's resource tracker: a child of this server that no fork should inherit. Here,
        # the read takes a thread's lock instead.
        context = manifests.get_mp_context
        manifests.get_mp_context = lambda: threading
        try:
            manifest = manifests.Manifest.from_msgpack(parse.read_bytes(), decoder=extended_mashumuro_decoder)
        finally:
            manifests.get_mp_context = context
        manifest.to_msgpack(extended_mashumaro_encoder)
        for resource in manifest._map_nodes_to_map_resources(manifest.nodes).values():
            resource.to_dict(omit_none=False)
    except Exception:  # a warm-up: whatever fails here, each fork does as before
        return


def _serve(listener: socket.socket) -> None:
    import selectors
    import threading

    _preload()
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, "caller")
    selector.register(sys.stdin.fileno(), selectors.EVENT_READ, "parent")
    running: dict[int, tuple[socket.socket, int]] = {}  # fork's pid: (caller, pidfd)
    while True:
        for key, _ in selector.select():
            if key.data == "parent":
                if os.read(key.fd, 1024):
                    continue
                for pid in running:
                    _kill(pid)
                # its folder too, should the process that made it have been killed
                shutil.rmtree(os.path.dirname(listener.getsockname()), ignore_errors=True)
                return
            if key.data == "caller":
                caller, _ = listener.accept()
                try:
                    message, fds, _, _ = socket.recv_fds(caller, MESSAGE_LIMIT, 3)
                    request = json.loads(message)
                except (OSError, ValueError):
                    caller.close()
                    continue
                if len(fds) != 3 or threading.active_count() != 1:
                    for fd in fds:
                        os.close(fd)
                    caller.close()  # the caller runs dbt itself
                    continue
                sys.stdout.flush()
                pid = os.fork()
                if pid == 0:
                    selector.close()
                    listener.close()
                    caller.close()
                    _become_the_command(request, fds)
                for fd in fds:
                    os.close(fd)
                pidfd = os.pidfd_open(pid)
                running[pid] = (caller, pidfd)
                selector.register(caller, selectors.EVENT_READ, ("signal", pid))
                selector.register(pidfd, selectors.EVENT_READ, ("ended", pid))
                caller.send(b"P%d" % pid)
            elif key.data[0] == "signal":
                pid = key.data[1]
                try:
                    said = running[pid][0].recv(64)
                except OSError:
                    said = b""
                if said.startswith(b"S"):
                    os.kill(pid, int(said[1:]))
                else:  # the caller is gone: so is its command
                    selector.unregister(running[pid][0])
                    _kill(pid)
            else:
                pid = key.data[1]
                caller, pidfd = running.pop(pid)
                selector.unregister(pidfd)
                os.close(pidfd)
                _, status = os.waitpid(pid, 0)
                with contextlib.suppress(KeyError):
                    selector.unregister(caller)
                with contextlib.suppress(OSError):
                    caller.send(b"X%d" % status)
                caller.close()


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _become_the_command(request: dict, fds: list[int]) -> None:
    """In the fork: the caller's streams, folder, environment and umask, then dbt."""
    import random
    import time

    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    time.tzset()
    os.umask(request["umask"])
    random.seed()
    sys.argv = request["argv"]
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    from orchestration.dbt_entry import run_dbt

    run_dbt()


if __name__ == "__main__":
    _serve(socket.socket(fileno=int(sys.argv[1])))
