"""The dbt project as Dagster assets; dbt tests come back as asset checks."""

from dagster import AssetExecutionContext
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from orchestration.assets.checks import held_back_sources
from orchestration.dbt_project import dbt_project
from orchestration.settings import AutokpiSettings

translator = DagsterDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


def warehouse_assets():
    @dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=translator)
    def autokpi_dbt(context: AssetExecutionContext, dbt: DbtCliResource, settings: AutokpiSettings):
        settings.export_for_dbt()
        args = ["build"]
        held_back = held_back_sources(context.instance, context.run_id)
        if held_back:
            # the last good build of these models stays; everything else is rebuilt
            context.log.warning(f"raw checks failed: not rebuilding what depends on {', '.join(held_back)}")
            args += ["--exclude", *(f"source:{s}+" for s in held_back)]
        yield from dbt.cli(args, context=context).stream()

    return autokpi_dbt
