"""The dbt project as Dagster assets; dbt tests come back as asset checks."""

from dagster import AssetExecutionContext
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from orchestration.dbt_project import dbt_project
from orchestration.settings import AutokpiSettings

translator = DagsterDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


def warehouse_assets():
    @dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=translator)
    def autokpi_dbt(context: AssetExecutionContext, dbt: DbtCliResource, settings: AutokpiSettings):
        settings.export_for_dbt()
        yield from dbt.cli(["build"], context=context).stream()

    return autokpi_dbt
