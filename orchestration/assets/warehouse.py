"""The dbt project as Dagster assets; dbt tests come back as asset checks."""

import json
import shutil
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from dagster import AssetDep, AssetExecutionContext, AssetObservation, AssetSpec, Config, MaterializeResult
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from core import warehouse as warehouses
from core.paths import DBT_PROJECT_DIR
from ingestion.pipeline import API_RESOURCES
from ingestion.sources.api.settings import enabled_api_sources
from orchestration import dbt_inputs, settings_reaching_back
from orchestration.assets.checks import held_back_sources
from orchestration.assets.ingestion import api_asset_key
from orchestration.dbt_failures import DbtBuildFailed, describe
from orchestration.dbt_project import (
    dbt_project,
    invocation_target_path,
    keep_dbt_log,
    keep_partial_parse,
    project_manifest_file,
    remove_abandoned_invocations,
    restore_partial_parse,
)
from orchestration.period_close import verify_warehouse
from orchestration.resources import AutokpiSettings
from orchestration.scheme_check import raise_if_broken


class AutokpiDbtTranslator(DagsterDbtTranslator):
    """dagster-dbt's specs, plus the API loads that fill a model's raw tables as its
    upstream: a dbt source maps to one asset (the file load), an API fills the same table."""

    def __init__(self, api_sources: list[str]):
        super().__init__(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))
        self.loaders: dict[str, list] = {}
        for source in api_sources:
            for resource, table in API_RESOURCES[source].items():
                self.loaders.setdefault(table, []).append(api_asset_key(source, resource))

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project) -> AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        node = manifest.get("nodes", {}).get(unique_id)
        if not node or not self.loaders:
            return spec
        extra = []
        for parent in node.get("depends_on", {}).get("nodes", []):
            source = manifest.get("sources", {}).get(parent)
            if source:
                extra += self.loaders.get(f"{source['schema']}.{source['name']}", [])
        if not extra:
            return spec
        return spec.replace_attributes(deps=[*spec.deps, *(AssetDep(k) for k in dict.fromkeys(extra))])


@lru_cache(maxsize=2)
def _read_manifest(path: str, mtime: float) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _manifest() -> dict:
    """This target's parse of the project (project_manifest_file), not the last of any target."""
    path = project_manifest_file()
    if not path.is_file():  # not parsed by ensure_manifest (a definitions-only load)
        path = Path(dbt_project.manifest_path)
    return _read_manifest(str(path), path.stat().st_mtime)


def _plan_build(warehouse: Path, full_refresh: bool, settings: AutokpiSettings) -> dbt_inputs.BuildPlan:
    """What the build can leave as it is (:mod:`orchestration.dbt_inputs`)."""
    manifest = _manifest()
    with settings.dbt_environment(for_a_command=False):
        project = dbt_inputs.project_fingerprint(manifest, DBT_PROJECT_DIR)
    sources: dict[str, str] = {}
    saved = today = None
    if warehouses.exists(warehouse):
        with warehouses.connect(warehouse) as con:
            sources = dbt_inputs.source_fingerprints(con, manifest)
            saved = None if full_refresh else dbt_inputs.load_state(con)
            today = dbt_inputs.today_in(con)
    return dbt_inputs.plan_build(manifest, saved, project, sources, today)


def _settings_reaching_back(warehouse: Path, settings: AutokpiSettings) -> tuple[dict, dict | None, str]:
    """The values of the project's variables an incremental model reads, those the last whole
    build kept, and what moved since (empty: nothing)."""
    with settings.dbt_environment(for_a_command=False):
        names = settings_reaching_back.variables_reaching_back(_manifest())
        now = settings_reaching_back.values_of(DBT_PROJECT_DIR, names)
    saved = None
    if warehouses.exists(warehouse):
        with warehouses.connect(warehouse) as con:
            saved = settings_reaching_back.load(con)
    moved = settings_reaching_back.moved(saved, now)
    return now, saved, settings_reaching_back.said(moved, saved, now) if moved else ""


def _keep_inputs(warehouse: Path, state: dict | None) -> None:
    """The inputs of the build that passed; None forgets them before a build."""
    if state is None and not warehouses.exists(warehouse):
        return
    with warehouses.connect(warehouse, read_only=False) as con:
        if state is None:
            dbt_inputs.forget_state(con)
        else:
            dbt_inputs.save_state(con, state)


def _left_as_they_were(
    plan: dbt_inputs.BuildPlan, translator: DagsterDbtTranslator, held_back: list[str], context
) -> list[MaterializeResult]:
    """The unchanged models and seeds, reported as such: Dagster skips every step after one
    whose output was not yielded, and the snapshot, site and exports read them as they are.
    Nothing built from a held-back source is reported (finance gets nothing built on it)."""
    manifest = _manifest()
    held = {uid for uid in manifest["sources"] if dbt_inputs.source_name(uid) in held_back}
    below_held = dbt_inputs.descendants(manifest, held)
    results = []
    for uid in dbt_inputs.in_build_order(manifest, plan.unchanged):
        if manifest["nodes"][uid]["resource_type"] == "test" or uid in below_held:
            continue
        key = translator.get_asset_spec(manifest, uid, dbt_project).key
        if key in context.selected_asset_keys:
            results.append(MaterializeResult(asset_key=key, metadata={"rebuilt": False, "why": plan.reason}))
    return results


def _keep_settings(warehouse: Path, values: dict, kept: dict | None) -> None:
    if values == kept:  # a run with nothing new writes nothing
        return
    with warehouses.connect(warehouse, read_only=False) as con:
        settings_reaching_back.save(con, values)


class DbtBuildConfig(Config):
    """``full_refresh``: rebuild the incremental models from the raw tables (``autokpi run
    --full-refresh``, after a change to a setting that reaches back in time)."""

    full_refresh: bool = False


def warehouse_assets():
    translator = AutokpiDbtTranslator(enabled_api_sources())

    @dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=translator)
    def autokpi_dbt(
        context: AssetExecutionContext, dbt: DbtCliResource, settings: AutokpiSettings, config: DbtBuildConfig
    ):
        # dbt's unit tests check the formulas on fixed rows, not the day's data: they run
        # in the test suite and `make test-fast` (tests/integration/test_dbt_unit_tests.py),
        # not in every run (a sixth of dbt's work here)
        args = ["build", "--exclude-resource-type", "unit_test"]
        # a broken scheme or an altered closed month stops the run before anything is built
        raise_if_broken()
        verify_warehouse(settings.warehouse())
        warehouse = settings.warehouse()
        # a run that asked for all of dbt builds only what a changed input reaches
        whole = set(context.selected_asset_keys) == set(context.assets_def.keys)
        built_with, kept, moved = _settings_reaching_back(warehouse, settings) if whole else ({}, None, "")
        full_refresh = config.full_refresh or bool(moved)
        if moved:
            said = settings_reaching_back.rebuilt_whole_said(moved)
            context.log.warning(said)
            # for the run's summary (orchestration/run.py)
            first = min(context.selected_asset_keys, key=lambda key: key.to_user_string())
            context.log_event(AssetObservation(asset_key=first, metadata={settings_reaching_back.NOTE: said}))
        elif full_refresh:
            context.log.info("full refresh: the incremental models are rebuilt from the raw tables")
        if full_refresh:
            args.append("--full-refresh")
        held_back = held_back_sources(context.instance, context.run_id)
        if held_back:
            # the last good build of these models stays; everything else is rebuilt
            context.log.warning(f"raw checks failed: not rebuilding what depends on {', '.join(held_back)}")
            # one value: dagster-dbt reads one word after --exclude and leaves the rest to dbt
            args += ["--exclude", " ".join(f"source:{s}+" for s in held_back)]
        plan = _plan_build(warehouse, full_refresh, settings) if whole else None
        if plan:
            context.log.info(f"dbt: {plan.reason}")
            # first: nothing dbt builds lies above a node no change reaches
            yield from _left_as_they_were(plan, translator, held_back, context)
            if plan.builds_nothing(_manifest()):
                # the project and its settings are what the last build had: a warehouse
                # built before the settings were kept has them from its first such run
                if not held_back:
                    _keep_settings(warehouse, built_with, kept)
                return
            if plan.unchanged:
                args += ["--exclude", " ".join(plan.excludes(_manifest()))]
        _keep_inputs(warehouse, None)
        remove_abandoned_invocations()
        target_path = invocation_target_path(context.run_id)
        restore_partial_parse(warehouse, target_path)
        with settings.dbt_environment():
            invocation = dbt.cli(args, context=context, raise_on_error=False, target_path=target_path)
            yield from invocation.stream()
        if plan and invocation.is_successful():
            _keep_inputs(warehouse, plan.state(held_back))
            if not held_back:  # a model held back still holds what the old values built
                _keep_settings(warehouse, built_with, kept)
        try:
            if not invocation.is_successful():
                raise DbtBuildFailed(
                    describe(
                        invocation.get_artifact("run_results.json"),
                        invocation.get_artifact("manifest.json"),
                        settings.warehouse(),
                    )
                )
        finally:
            keep_partial_parse(warehouse, invocation.target_path)
            kept_log = keep_dbt_log(warehouse, invocation.target_path, context.run_id)
            if kept_log:
                context.log.info(f"dbt's log: {kept_log}")
            # each invocation writes its own target folder (about 12 MB): read, then gone,
            # so a daily schedule does not fill the disk
            shutil.rmtree(invocation.target_path, ignore_errors=True)

    return autokpi_dbt
