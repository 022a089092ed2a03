"""The layers read one way (README, "How it works"): each package imports only itself
and the layers below it, and no modules import each other in a circle.

    orchestration            the top: Dagster, the command line; it wires the rest
    quality      portal      the raw checks: Great Expectations on what ingestion loaded /
                             the signed-in portal over the published snapshot
    ingestion   dashboards   the dlt sources / the static site over the marts
    call_quality   demo      the call scorer and speech-to-text / the demo's data
    core                     settings, paths, the warehouse access layer, exact money
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = {
    "core": 0,
    "call_quality": 1,
    "demo": 1,
    "ingestion": 2,
    "dashboards": 2,
    "quality": 3,
    "portal": 3,
    "orchestration": 4,
}


def _modules() -> dict[str, Path]:
    out = {}
    for package in LAYERS:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    return out


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """Project modules a file imports, at any depth of the file (late imports count)."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def test_no_package_imports_a_layer_above_or_beside_it():
    modules = _modules()
    wrong = []
    for name, path in modules.items():
        layer = LAYERS[name.split(".")[0]]
        for target in _imports(path, name, set(modules)):
            top = target.split(".")[0]
            if top != name.split(".")[0] and LAYERS[top] >= layer:
                wrong.append(f"{name} imports {target}")
    assert wrong == []


def test_no_modules_import_each_other_in_a_circle():
    modules = _modules()
    graph = {name: _imports(path, name, set(modules)) for name, path in modules.items()}
    cycles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(" -> ".join([*stack[stack.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    # a package's __init__ importing its own modules is how packages are made, not a circle
    cycles = [c for c in cycles if not all(part.startswith(c.split(" -> ")[0]) for part in c.split(" -> "))]
    assert cycles == []
