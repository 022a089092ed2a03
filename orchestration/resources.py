"""The run's inbox and warehouse, as a Dagster resource configured per run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

from dagster import ConfigurableResource
from dagster_dbt import DbtCliResource
from packaging import version

from core.paths import WAREHOUSE_ENV, exports_from_env, inbox_from_env, warehouse_from_env


class AutokpiSettings(ConfigurableResource):
    """Inbox folder and DuckDB warehouse file, given in the run's configuration
    (``resources: settings: config:``; ``autokpi run`` sets both). Empty means
    AUTOKPI_INBOX / AUTOKPI_WAREHOUSE, else the defaults under var/ (the schedule, the UI).
    """

    inbox_dir: str = ""
    warehouse_path: str = ""

    def inbox(self) -> Path:
        return Path(self.inbox_dir).resolve() if self.inbox_dir else inbox_from_env()

    def warehouse(self) -> Path:
        path = Path(self.warehouse_path).resolve() if self.warehouse_path else warehouse_from_env()
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def exports(self) -> Path:
        return exports_from_env(self.warehouse())

    @contextmanager
    def yield_for_execution(self, context) -> Iterator[AutokpiSettings]:
        """A run holds its warehouse from its first step to its last, however it started:
        every asset needs these settings, so a run Dagster starts (the daily schedule, the
        inbox sensor, a click in the UI) waits for another one as ``autokpi run`` does,
        instead of writing beside it. (``autokpi run`` holds the lock already.)"""
        from orchestration.locking import warehouse_lock

        with warehouse_lock(self.warehouse()), super().yield_for_execution(context) as resource:
            yield resource

    @contextmanager
    def dbt_environment(self, for_a_command: bool = True) -> Iterator[None]:
        """dbt runs as a subprocess and reads the warehouse and the scheme's seed path from
        its environment (profiles.yml, dbt_project.yml): set for that subprocess only, and
        put back after, so nothing of one run leaks into the next one in this process.
        ``for_a_command``: a dbt command follows, so the run's dbt fork server is started if
        none runs (not for reading the settings dbt would see)."""
        from orchestration import dbt_forkserver
        from orchestration.dbt_project import dbt_environment

        wanted = {WAREHOUSE_ENV: str(self.warehouse()), **dbt_environment()}
        if for_a_command:
            wanted |= dbt_forkserver.environment()
        before = {key: os.environ.get(key) for key in wanted}
        os.environ.update(wanted)
        try:
            yield
        finally:
            for key, value in before.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


class AutokpiDbtCliResource(DbtCliResource):
    """dagster-dbt's dbt resource, without its ``dbt --version`` subprocess.

    dagster-dbt learns which dbt it drives by running ``dbt --version`` once per run, and
    that command asks PyPI for the latest release: a network call outside loopback and
    about 6 seconds of every run. The dbt-core installed beside it says the same offline.
    Nor does it build dbt's adapter in this process (see ``_initialize_dbt_core_adapter``).
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        from dbt.version import __version__

        return version.parse(__version__)

    def _initialize_dbt_core_adapter(self, args):
        """No in-process dbt adapter: dagster-dbt loads dbt's profile, project and adapter in
        this process at every ``dbt.cli`` (2.2 s of a command-line run, 0.5 s again in a
        long-lived process) only to fetch column metadata or row counts, which autokpi never
        asks for; dbt itself runs in its own process either way."""
        return None
