"""The exposures (dbt_project/models/marts/_marts__exposures.yml) list exactly the models
their readers query, so `make docs` and the Dagster lineage show who depends on what."""

from __future__ import annotations

import inspect
import json
import re

import pytest

from core.paths import PROJECT_ROOT
from dashboards.data import kpi_names

# each reader's files, and a function of another reader's module it calls to query
READERS = {
    "dashboard_site": ["dashboards/data.py"],
    "finance_exports": ["orchestration/finance_exports.py", kpi_names],
    "bonus_simulation": ["orchestration/simulate.py"],
    "portal": ["portal/snapshot.py"],
}
# `schema.table` in SQL text, a ("schema", "table") pair, or _rows(con, "table", …) (marts)
QUALIFIED = re.compile(r"\b(?:marts|intermediate)\.([a-z_]+)\b")
PAIR = re.compile(r"\(\"(?:marts|intermediate)\", \"([a-z_]+)\"\)")
ROWS = re.compile(r"_rows\(\s*con,\s*\"([a-z_]+)\"")


def _read_by(paths: list) -> set[str]:
    text = "".join(
        inspect.getsource(path) if callable(path) else (PROJECT_ROOT / path).read_text(encoding="utf-8")
        for path in paths
    )
    return {name for pattern in (QUALIFIED, PAIR, ROWS) for name in pattern.findall(text)}


@pytest.fixture(scope="module")
def exposures(dbt_manifest) -> dict[str, set[str]]:
    manifest = json.loads(dbt_manifest.read_text(encoding="utf-8"))
    return {
        exposure["name"]: {node.split(".")[-1] for node in exposure["depends_on"]["nodes"]}
        for exposure in manifest["exposures"].values()
    }


@pytest.mark.parametrize("name", sorted(READERS))
def test_an_exposure_lists_what_its_reader_queries(exposures, name):
    queried = _read_by(READERS[name])
    assert queried, f"found no query in {READERS[name]}"
    assert exposures[name] == queried


def test_every_exposure_has_a_reader(exposures):
    assert set(exposures) == set(READERS)


def test_docs_page_shows_the_exposures_without_a_warehouse(tmp_path, dbt_manifest):
    from orchestration.dbt_docs import write_docs

    page = write_docs(tmp_path / "none" / "autokpi.duckdb")
    text = page.read_text(encoding="utf-8")
    assert page.name == "static_index.html"
    assert "exposure.autokpi.finance_exports" in text and "model.autokpi.mart_bonus_monthly" in text
    assert not (tmp_path / "none" / "autokpi.duckdb").exists()  # nothing built to describe an empty place
