"""The KPI scheme's rules, in words that name the file, the line, the role and the value."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.paths import DEFAULT_SCHEME_DIR
from orchestration.scheme_check import SchemeError, check_scheme, raise_if_broken


@pytest.fixture
def scheme(tmp_path) -> Path:
    folder = tmp_path / "scheme"
    shutil.copytree(DEFAULT_SCHEME_DIR, folder)
    return folder


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_the_shipped_scheme_is_sound():
    assert check_scheme(DEFAULT_SCHEME_DIR) == []


def test_weights_that_do_not_sum_to_one_name_the_role_and_the_sum(scheme):
    _replace(scheme / "kpi_scheme.csv", "sales_manager,markup,0.10,", "sales_manager,markup,0.15,")
    assert check_scheme(scheme) == [
        "kpi_scheme.csv line 2: role sales_manager: weights sum to 1.05, must be 1"
    ]


def test_an_unknown_kpi_code_names_the_line_and_the_codes_known(scheme):
    _replace(scheme / "kpi_scheme.csv", "sales_manager,client_coverage,", "sales_manager,margin,")
    problems = check_scheme(scheme)
    assert problems[0].startswith(
        "kpi_scheme.csv line 4: role sales_manager: unknown KPI code 'margin' (known: "
    )
    assert "plan_revenue" in problems[0]


def test_every_problem_is_reported_at_once(scheme):
    _replace(
        scheme / "kpi_scheme.csv",
        "sales_manager,markup,0.10,linear,0.5,1.2,",
        "sales_manager,markup,0,linear,7,0.5,",
    )
    (scheme / "kpi_corridors.csv").write_text(
        "role,kpi_code,band_from,band_to,coefficient\n"
        "sales_manager,assortment,0,0.6,0\nsales_manager,assortment,0.7,,1\n"
    )
    (scheme / "bonus_multipliers.csv").write_text(
        (scheme / "bonus_multipliers.csv").read_text() + "sales_manager,quality2,markup,0.9,0.5,1,1\n"
    )
    problems = check_scheme(scheme)
    text = "\n".join(problems)
    assert "kpi_scheme.csv line 3: role sales_manager, KPI markup: weight 0 must be above 0" in text
    assert "threshold 7 must be between 0 and 1" in text
    assert "cap 0.5 must be at least 1" in text
    gap = "band ends at 0.6 but the next starts at 0.7"
    assert f"kpi_corridors.csv line 2: role sales_manager, KPI assortment: {gap}" in text
    assert (
        "bonus_multipliers.csv line 3: role sales_manager: a second multiplier (line 2 has one); one per role"
        in text
    )
    with pytest.raises(SchemeError) as raised:
        raise_if_broken(scheme)
    message = str(raised.value)
    assert "\n" not in message and f"has {len(problems)} problems" in message


def test_a_comma_decimal_is_not_a_number_and_says_how_to_write_it(scheme):
    _replace(scheme / "kpi_scheme.csv", "sales_manager,markup,0.10,", 'sales_manager,markup,"0,10",')
    assert any(
        "kpi_scheme.csv line 3: role sales_manager, KPI markup: weight '0,10' is not a number (write 0.10)"
        in p
        for p in check_scheme(scheme)
    )


def test_a_base_that_could_overflow_the_bonus_is_refused(scheme):
    _replace(scheme / "bonus_base.csv", "sales_manager,,40000", "sales_manager,,90000000")
    problems = check_scheme(scheme)
    assert any("role sales_manager: a base of 90000000 can pay" in p and "100,000,000" in p for p in problems)


def test_a_role_without_a_base_and_a_gate_outside_the_scheme(scheme):
    (scheme / "bonus_base.csv").write_text("role,employee_id,base_bonus\nsales_manager,,40000\n")
    (scheme / "bonus_gates.csv").write_text(
        "role,kpi_code,min_achievement,description\nsales_manager,call_quality,0.5,x\n"
        "sales_manager,assortment,0,y\n"
    )
    problems = check_scheme(scheme)
    assert any("role department_head has KPIs but no base bonus" in p for p in problems)
    assert any("bonus_gates.csv line 3" in p and "min_achievement 0 must be above 0" in p for p in problems)


def test_check_scheme_command_lists_problems_and_fails(scheme):
    _replace(scheme / "kpi_scheme.csv", "sales_manager,markup,0.10,", "sales_manager,markup,0.15,")
    done = subprocess.run(
        [sys.executable, "-m", "orchestration.cli", "check-scheme", "--scheme", str(scheme)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stdout.strip() == "kpi_scheme.csv line 2: role sales_manager: weights sum to 1.05, must be 1"
    ok = subprocess.run(
        [sys.executable, "-m", "orchestration.cli", "check-scheme"], capture_output=True, text=True
    )
    assert ok.returncode == 0 and "is sound" in ok.stdout


def test_a_run_on_a_broken_scheme_stops_before_loading_anything(scheme, tmp_path):
    _replace(scheme / "kpi_scheme.csv", "sales_manager,markup,0.10,", "sales_manager,markup,0.15,")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "orchestration.cli", "run", "--inbox", str(inbox), "--warehouse",
         str(tmp_path / "autokpi.duckdb")],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "AUTOKPI_SCHEME_DIR": str(scheme)},
    )  # fmt: skip
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("autokpi: error: the KPI scheme in ") and "weights sum to 1.05, must be 1" in last
    assert not (tmp_path / "autokpi.duckdb").exists()
