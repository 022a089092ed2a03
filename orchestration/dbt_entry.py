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

The process ends without tearing down dbt's modules (core/process_exit.py): 0.3 s of
every build, after its last file is written.
"""

from __future__ import annotations

import pprint

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


def main() -> None:
    _parse_independent_of_the_warehouse_path()
    from dbt.cli.main import cli

    from core.process_exit import exit_now

    try:
        cli()  # click ends it with SystemExit and dbt's exit code
    except SystemExit as done:
        exit_now(done.code)
    exit_now(0)


if __name__ == "__main__":
    main()
