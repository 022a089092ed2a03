"""The project's settings that reach back in time, and a full rebuild when one changed.

An incremental model builds only what is new: a daily run stages one day of call records and
leaves the rows it built before as they are. A project variable such a model reads (the PBX's
time zone, the dialplan applications people talk on, how short an internal number is) made
those rows too, so a change to it left the history as the old value built it while new days
followed the new one, and the same calls counted otherwise than in a warehouse built afresh.
Each whole build that passed keeps the values it was built with (``dbt_state.built_with``:
not forgotten before a build, as the build's inputs are, so a full rebuild cut off half-way
is made again by the next run); a run that finds one changed rebuilds the incremental models
whole (dbt ``--full-refresh``) and says which setting moved.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import jinja2
import yaml

from orchestration.dbt_inputs import load_state, save_state, sql_with_macros

TABLE = "built_with"
# the metadata key of the observation that says a run rebuilt the history (the run's summary)
NOTE = "settings_reaching_back_changed"
_VAR = re.compile(r"var\(\s*['\"]([A-Za-z_][A-Za-z0-9_]*)['\"]")
_ENV_VAR = re.compile(r"env_var\(\s*['\"]([A-Za-z_][A-Za-z0-9_]*)")
_SECRET = re.compile(r"PASSWORD|SECRET|TOKEN|KEY", re.IGNORECASE)
_HIDDEN = "sha256:"  # the value of a variable read from a secret, kept as its hash


def variables_reaching_back(manifest: dict) -> list[str]:
    """The project variables an incremental model reads, in its SQL or the macros it calls."""
    incremental = [
        node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node.get("config", {}).get("materialized") == "incremental"
    ]
    return sorted(set(_VAR.findall(sql_with_macros(manifest, incremental))))


def values_of(project_dir: Path, names: list[str]) -> dict[str, str]:
    """Each variable's value as dbt reads it from ``dbt_project.yml`` (its ``env_var()`` from
    this process's environment), as JSON; one read from an environment variable named like a
    secret, as its hash (it is kept in the warehouse)."""
    project = yaml.safe_load((project_dir / "dbt_project.yml").read_text(encoding="utf-8"))
    variables = project.get("vars") or {}
    templates = jinja2.Environment(undefined=jinja2.StrictUndefined)
    values = {}
    for name in names:
        value = variables.get(name)
        secret = False
        if isinstance(value, str) and "{{" in value:
            read = _ENV_VAR.findall(value)
            secret = any(_SECRET.search(env) for env in read)
            try:
                value = templates.from_string(value).render(env_var=_env_var)
            except jinja2.TemplateError:  # more of dbt's context than env_var: what it reads
                value = {"template": value, "env": {env: os.environ.get(env) for env in read}}
        kept = json.dumps(value, ensure_ascii=False, sort_keys=True)
        values[name] = _HIDDEN + hashlib.sha256(kept.encode()).hexdigest() if secret else kept
    return values


def _env_var(name: str, default: str | None = None) -> str:
    return os.environ.get(name, default if default is not None else "")


def moved(saved: dict[str, str] | None, now: dict[str, str]) -> list[str]:
    """The variables whose value differs from the one the last whole build used; none when
    no build kept its values (a new warehouse, or one built before they were kept)."""
    if not saved:
        return []
    return [name for name in sorted(now) if name in saved and saved[name] != now[name]]


def said(names: list[str], saved: dict[str, str], now: dict[str, str]) -> str:
    """``pbx_timezone ("Europe/Moscow" -> "Asia/Yekaterinburg")``, one per moved variable; a
    value read from an environment variable named like a secret is not shown."""
    return ", ".join(
        name if now[name].startswith(_HIDDEN) else f"{name} ({saved[name]} -> {now[name]})" for name in names
    )


def rebuilt_whole_said(moved_said: str) -> str:
    return (
        f"changed since the last build: {moved_said}; the history built with the old value was "
        "rebuilt too (dbt --full-refresh), so every call counts as in a warehouse built afresh"
    )


def load(con) -> dict[str, str] | None:
    return load_state(con, TABLE)


def save(con, values: dict[str, str]) -> None:
    save_state(con, values, TABLE)
