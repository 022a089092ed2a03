"""The call scorer with each shipped checklist, shared by the call-quality tests."""

from __future__ import annotations

import pytest

from call_quality.checklist import load_checklists
from call_quality.scorer import Scorer


@pytest.fixture(scope="session")
def ru():
    return Scorer(load_checklists()["ru"])


@pytest.fixture(scope="session")
def en():
    return Scorer(load_checklists()["en"])
