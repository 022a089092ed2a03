"""Every setting is registered once (core/settings.py), documented in the README from that
registry, and refused with a sentence when its value cannot work."""

import re

import pytest

from core import settings
from core.paths import DBT_PROJECT_DIR, DEFAULT_WAREHOUSE, PROJECT_ROOT

NAME = re.compile(r"\b(AUTOKPI_[A-Z0-9_]+|DBT_TARGET|PG(?:HOST|PORT|USER|PASSWORD|DATABASE))\b")
SCANNED = ("*.py", "*.yml", "*.sql", "*.toml", "Makefile", "*.sh")
# what tools write (dbt's targets, `make test-spark`'s among them), not what the code reads
SKIPPED = {".venv", "var", "target", "target-spark", "dbt_packages", "logs", ".git", "node_modules"}


def _project_files():
    for pattern in SCANNED:
        for path in PROJECT_ROOT.rglob(pattern):
            parts = set(path.relative_to(PROJECT_ROOT).parts)
            hidden = any(p.startswith(".") for p in parts - {".ci", ".dlt"})
            if path.is_file() and not parts & SKIPPED and not hidden:
                yield path


def test_every_setting_the_code_reads_is_registered():
    used: dict[str, str] = {}
    for path in _project_files():
        for name in NAME.findall(path.read_text(encoding="utf-8", errors="replace")):
            used.setdefault(name, str(path.relative_to(PROJECT_ROOT)))
    unknown = {
        n: where for n, where in used.items() if n not in settings.SETTINGS and n not in settings.INTERNAL
    }
    assert not unknown, f"register these in core/settings.py: {unknown}"
    assert "AUTOKPI_WAREHOUSE" in used  # the scan sees the code at all


def test_the_readme_table_is_the_registry():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert settings.readme_with_table(readme) == readme, "run: python -m core.settings --write"


def test_dbt_and_make_defaults_agree_with_the_registry():
    dbt_files = [DBT_PROJECT_DIR / "profiles.yml", DBT_PROJECT_DIR / "dbt_project.yml"]
    text = "".join(path.read_text(encoding="utf-8") for path in dbt_files)
    defaults = dict(re.findall(r"env_var\('([A-Z_]+)', '([^']*)'\)", text))
    assert "AUTOKPI_PBX_TIMEZONE" in defaults and "DBT_TARGET" in defaults
    # the warehouse's default is written relative to dbt_project/, where dbt is run by hand
    warehouse = (DBT_PROJECT_DIR / defaults.pop("AUTOKPI_WAREHOUSE")).resolve()
    assert warehouse == DEFAULT_WAREHOUSE
    for name, default in defaults.items():
        if name not in settings.INTERNAL:
            assert settings.SETTINGS[name].default == default, name
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    port = re.search(r"\$\(or \$\(AUTOKPI_LOCAL_PG_PORT\),(\d+)\)", makefile).group(1)
    assert settings.SETTINGS["AUTOKPI_LOCAL_PG_PORT"].default == port


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("AUTOKPI_PBX_TIMEZONE", "MSK", "an IANA time zone name such as Europe/Moscow"),
        ("AUTOKPI_DATA_FROM", "01.10.2026", "a date as YYYY-MM-DD"),
        ("AUTOKPI_FRESHNESS_DAYS", "three", "a number"),
        ("AUTOKPI_SCORING_WORKERS", "0", "a whole number above 0"),
        ("AUTOKPI_SITE_LANG", "de", "one of ru, en"),
        ("DBT_TARGET", "mysql", "one of duckdb, postgres"),
        ("AUTOKPI_DUCKDB_MEMORY_LIMIT", "lots", "a size such as 2GB or 512MB"),
    ],
)
def test_a_value_that_cannot_work_is_refused_in_one_sentence(monkeypatch, name, value, says):
    monkeypatch.setenv(name, value)
    with pytest.raises(settings.SettingError) as refused:
        settings.get(name)
    assert str(refused.value) == f"{name}={value!r} cannot work: it must be {says}"


def test_an_unset_or_empty_setting_is_its_default(monkeypatch):
    monkeypatch.setenv("AUTOKPI_STT_AGENT_CHANNEL", "")
    monkeypatch.delenv("AUTOKPI_SITE_LANG", raising=False)
    assert settings.get("AUTOKPI_STT_AGENT_CHANNEL") == "0"
    assert settings.get("AUTOKPI_SITE_LANG") == "ru"
    monkeypatch.setenv("AUTOKPI_SCORING_WORKERS", "3")
    assert settings.get("AUTOKPI_SCORING_WORKERS") == 3
