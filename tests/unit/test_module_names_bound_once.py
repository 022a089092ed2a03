"""A module's constant or function bound twice at its top level replaces the first for every
reader, silently: call_quality/verdicts.py had two (a punctuation pattern and a set of
acknowledgements, each defined again further down for another rule), and the rules written
against the first read the second."""

from __future__ import annotations

import ast
from collections import Counter

from core.paths import PROJECT_ROOT

PACKAGES = (
    "call_quality",
    "core",
    "ingestion",
    "orchestration",
    "portal",
    "dashboards",
    "quality",
    "bench",
    "demo",
)


def _bound_twice(source: str) -> list[str]:
    names: Counter[str] = Counter()
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names[node.name] += 1
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        for target in targets:
            if isinstance(target, ast.Name) and target.id.lstrip("_").isupper():
                names[target.id] += 1
    return sorted(name for name, count in names.items() if count > 1)


def test_the_check_finds_a_constant_bound_twice():
    assert _bound_twice("_PUNCTUATED = 1\ndef f(): pass\n_PUNCTUATED = 2\n") == ["_PUNCTUATED"]
    assert _bound_twice("_PUNCTUATED = 1\nvalue = 2\nvalue = 3\n") == []  # a variable may change


def test_no_module_binds_a_constant_or_a_function_twice():
    found = {
        str(path.relative_to(PROJECT_ROOT)): twice
        for package in PACKAGES
        for path in sorted((PROJECT_ROOT / package).rglob("*.py"))
        if (twice := _bound_twice(path.read_text(encoding="utf-8")))
    }
    assert not found, found
