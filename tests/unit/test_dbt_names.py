"""dbt names that become relations fit PostgreSQL's identifiers (63 characters): a unit
test's name is a relation there, and a longer one fails only on the server target."""

from __future__ import annotations

from pathlib import Path

import yaml

MODELS = Path(__file__).resolve().parents[2] / "dbt_project" / "models"
POSTGRES_IDENTIFIER_LENGTH = 63


def _relation_names() -> dict[str, Path]:
    names = {path.stem: path for path in MODELS.rglob("*.sql")}
    for path in MODELS.rglob("*.yml"):
        for unit_test in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("unit_tests") or []:
            names[unit_test["name"]] = path
    return names


def test_every_model_and_unit_test_name_fits_a_postgres_identifier():
    names = _relation_names()
    assert any(path.suffix == ".yml" for path in names.values())  # the unit tests were read
    too_long = sorted(f"{name} ({len(name)}, {path.name})" for name, path in names.items()
                      if len(name) > POSTGRES_IDENTIFIER_LENGTH)  # fmt: skip
    assert not too_long, f"longer than {POSTGRES_IDENTIFIER_LENGTH} characters: {', '.join(too_long)}"
