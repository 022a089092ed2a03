"""Great Expectations imported through the checks leaves Altair and SciPy's statistics
unloaded until something reads a name from them, and they work as usual when it does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _in_a_new_interpreter(code: str) -> dict:
    """Run ``code`` in a fresh Python (this one has imported SciPy long ago); it prints JSON."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_checks_import_great_expectations_without_altair_or_scipy_stats():
    seen = _in_a_new_interpreter(
        "import json, sys\n"
        "import quality.validate, quality.in_warehouse\n"
        "from quality.suites import suites\n"
        "suites()\n"
        "print(json.dumps({'gx': 'great_expectations' in sys.modules,"
        " 'altair': 'altair.vegalite' in sys.modules,"
        " 'stats': 'scipy.stats._stats_py' in sys.modules}))\n"
    )
    assert seen == {"gx": True, "altair": False, "stats": False}


def test_a_name_read_from_them_loads_them_as_usual():
    seen = _in_a_new_interpreter(
        "import json, sys\n"
        "import quality.validate\n"
        "from great_expectations.expectations.core import expect_column_kl_divergence_to_be_less_than as kl\n"
        "import scipy.stats\n"
        "entropy = round(float(kl.stats.entropy([0.5, 0.5], [0.9, 0.1])), 6)\n"
        "chart = kl.alt.Chart.__name__\n"
        "import sklearn.linear_model\n"
        "print(json.dumps({'entropy': entropy, 'chart': chart,"
        " 'same': sys.modules['scipy.stats'] is scipy.stats and kl.stats.norm is scipy.stats.norm}))\n"
    )
    # KL(0.5,0.5 || 0.9,0.1) = 0.5 ln(0.5/0.9) + 0.5 ln(0.5/0.1)
    assert seen == {"entropy": 0.510826, "chart": "Chart", "same": True}
