"""dbt's command line (``autokpi-dbt``), with a parse that holds across warehouses.

dbt re-parses the whole project (about 6 s of a run here) whenever the profile's
connection differs from the one its saved parse was made with, and the DuckDB profile
names the warehouse file: so every first run on a new warehouse, every test's fresh
warehouse and every bench run parsed from scratch, though nothing dbt parses depends on
where the file is. This entry point leaves the file's path out of that comparison (the
database name, schema, settings and everything else stay in it) and then runs dbt's own
command line unchanged. Should a dbt release move the hook, dbt simply parses in full,
as before.

It also puts the project's folder into that comparison, which dbt leaves out: a parse keeps
each file's absolute path, so a project moved or cloned to another folder beside a
warehouse it ran on before read its scheme files from the old folder ("No files found that
match the pattern <old folder>/dbt_project/seeds/…") until a file changed.

In a run, the command goes to the run's dbt fork server (orchestration/dbt_forkserver.py),
which imported dbt once, and this process waits for it.

The process ends without tearing down dbt's modules (core/process_exit.py): 0.3 s of
every build, after its last file is written.
"""

from __future__ import annotations

import contextlib
import json
import os
import pprint
import signal
import socket
import sys

# the socket of the run's dbt fork server, set for dbt's process (orchestration/dbt_forkserver.py)
FORK_SERVER_ENV = "AUTOKPI_DBT_FORK_SERVER"
MESSAGE_LIMIT = 1 << 20  # a command's arguments and environment; more and dbt runs here
# what this process passes on to its fork (those the system has)
_FORWARDED_SIGNALS = [getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n)]

# what may differ between two warehouses without changing what dbt parses
_PARSE_INDEPENDENT_KEYS = {"path"}


def _parse_independent_of_the_warehouse_path() -> None:
    try:
        from dbt.contracts.files import FileHash
        from dbt.parser.manifest import ManifestLoader
    except ImportError:  # pragma: no cover - another dbt layout: it parses in full
        return
    build = getattr(ManifestLoader, "build_manifest_state_check", None)
    if build is None:  # pragma: no cover
        return

    def build_manifest_state_check(self):
        state = build(self)
        connection = sorted(
            (key, value)
            for key, value in self.root_project.credentials.connection_info()
            if key not in _PARSE_INDEPENDENT_KEYS
        )
        where = ("project folder", str(self.root_project.project_root))
        state.profile_hash = FileHash.from_contents(pprint.pformat([*connection, where]))
        return state

    ManifestLoader.build_manifest_state_check = build_manifest_state_check


def prepare() -> None:
    """What this entry point changes in dbt, before dbt's command line runs."""
    _parse_independent_of_the_warehouse_path()


def run_dbt() -> None:
    """dbt's own command line, on this process's arguments; ends the process."""
    from dbt.cli.main import cli

    from core.process_exit import exit_now

    try:
        # named as typed: in a fork of the server, click would take the server's module name
        cli(prog_name=os.path.basename(sys.argv[0]))  # ends with SystemExit and dbt's exit code
    except SystemExit as done:
        exit_now(done.code)
    exit_now(0)


def run_in_server() -> int | None:
    """Run this process's dbt command in the fork server named by the environment: the
    fork's exit code, or None if there is no server to take it (dbt runs here then)."""
    address = os.environ.get(FORK_SERVER_ENV)
    if not address or not hasattr(socket, "send_fds"):
        return None
    umask = os.umask(0o077)
    os.umask(umask)
    request = json.dumps({"argv": sys.argv, "env": dict(os.environ), "cwd": os.getcwd(), "umask": umask})
    try:
        server = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        server.connect(address)
        socket.send_fds(server, [request.encode()], [0, 1, 2])
        started = server.recv(64)  # b"P<pid>" once forked; nothing if it could not
    except OSError:
        return None
    if not started.startswith(b"P"):
        return None

    def forward(signum, _frame):
        with contextlib.suppress(OSError):
            server.send(b"S%d" % signum)

    for signum in _FORWARDED_SIGNALS:
        signal.signal(signum, forward)
    try:
        ended = server.recv(64)  # b"X<wait status>" when the fork has ended
    except OSError:
        ended = b""
    if not ended.startswith(b"X"):
        print("autokpi-dbt: the dbt fork server stopped before dbt ended", file=sys.stderr)
        return 1
    code = os.waitstatus_to_exitcode(int(ended[1:]))
    if code < 0:  # ended by a signal: this process ends by the same one
        signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
    return code


def main() -> None:
    code = run_in_server()  # a run's dbt, imported already (orchestration/dbt_forkserver.py)
    if code is not None:
        from core.process_exit import exit_now

        exit_now(code)
    prepare()
    run_dbt()


if __name__ == "__main__":
    main()
