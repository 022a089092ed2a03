"""The run's inbox and warehouse, as a Dagster resource read when a run starts."""

from __future__ import annotations

import os
from pathlib import Path

from dagster import ConfigurableResource

from core.paths import WAREHOUSE_ENV, exports_from_env, inbox_from_env, warehouse_from_env


class AutokpiSettings(ConfigurableResource):
    """Inbox folder and DuckDB warehouse file.

    Empty means AUTOKPI_INBOX / AUTOKPI_WAREHOUSE, else the defaults under var/.
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

    def export_for_dbt(self) -> None:
        """dbt runs as a subprocess and finds the warehouse and the scheme's seed path
        through the environment."""
        from orchestration.dbt_project import dbt_environment

        os.environ[WAREHOUSE_ENV] = str(self.warehouse())
        os.environ.update(dbt_environment())
