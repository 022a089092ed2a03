"""What a dbt build read, and which of its nodes a run can leave as they are.

A daily run loads one day of call records; the directory, the CRM lists, the plans and
the closed months are what they were. dbt would still rebuild and test all of its
models (about 0.06 s each even for a view, half of a day's dbt time at ten million
calls). So each successful build leaves, in the warehouse (``dbt_state.build_inputs``), the
fingerprint of what it read: the dbt project (every model, macro, seed and setting they read;
not where the warehouse is) and every source table. The next run builds only the nodes
downstream of a source whose fingerprint moved, plus, on a new day, the nodes that read the
clock; the rest stay as the last build left them. When in doubt it builds everything: no
saved fingerprints (the build before failed or was cut off), another project, a full
refresh, or a run that asked for a subset.

A source table is fingerprinted by its content, hashed row by row in the database (the
directory, the plans, the portal's disputes, the closed months, and the large tables
without dlt's load ids: the CRM's snapshots and the call-quality scores). A large one
whose rows carry dlt's load id (the call records, the transcripts), by its row count and
its newest load id (every load, merge or replace writes a new one; retention and
de-duplication change the count): cheaper than hashing ten million rows.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from core.paths import SCHEME_FILES, scheme_dir

# in the warehouse itself, so a warehouse started over, restored or copied has its own
STATE_SCHEMA, STATE_TABLE = "dbt_state", "build_inputs"
_LOAD_ID = "_dlt_load_id"
# SQL that reads the clock: such a node is rebuilt on the first run of each day, as the
# warehouse's session counts days (run_started_at is not here: the models use it to mark
# what a build wrote, not to compute a value from). The models read it to the day (the age
# of an open dispute in days), so the runs of one day with nothing new build nothing and
# start no dbt at all (4.5 s of such a run); a model that read it to the hour would have to
# be rebuilt on every run again.
_READS_THE_CLOCK = re.compile(
    r"current_timestamp|current_date|\bnow\(\s*\)|getdate\(\s*\)|sysdate", re.IGNORECASE
)
# how the models read it (dbt.current_timestamp(): now() on DuckDB and PostgreSQL alike)
_CLOCK = "current_timestamp"
_ENV_VAR = re.compile(r"env_var\(\s*['\"]([A-Za-z_][A-Za-z0-9_]*)")
_BUILT_TYPES = ("model", "seed", "snapshot", "test")
# a source table with dlt's load ids is hashed up to this many rows; a larger one is
# fingerprinted by its count and newest load id
HASHED_UP_TO = 20_000


def source_name(uid: str) -> str:
    """``crm.deal_lines`` of ``source.autokpi.crm.deal_lines``: as the raw checks name a
    source they hold back."""
    return uid.split(".", 2)[2]


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def settings_the_project_reads(project_dir: Path) -> list[str]:
    """The environment variables the project's SQL and configuration read (a password only
    opens the door, so it is not one of them). Not the profile's (profiles.yml): they say
    where the warehouse is and how to reach it (its file, the server, DuckDB's memory cap),
    not what a build computes, and the fingerprints live in the warehouse itself. With them,
    a warehouse moved to another folder or disk had every model rebuilt on its next run
    (80 s of dbt at 10 M calls) though nothing it holds had changed."""
    names: set[str] = set()
    files = [project_dir / "dbt_project.yml"]
    for folder in ("models", "macros"):
        files += sorted((project_dir / folder).rglob("*"))
    for path in files:
        if path.is_file() and path.suffix in (".sql", ".yml", ".yaml"):
            names.update(_ENV_VAR.findall(path.read_text(encoding="utf-8")))
    return sorted(name for name in names if "PASSWORD" not in name.upper())


def project_fingerprint(manifest: dict, project_dir: Path, scheme_folder: Path | None = None) -> str:
    """Everything of the project a build's result depends on besides the data: each node's
    code and configuration, every macro (dbt's packages' too), dbt's version, the project's
    variables, the scheme's files and the settings dbt reads."""
    folder = scheme_folder or scheme_dir()
    scheme = {name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
              for name in SCHEME_FILES if (folder / name).is_file()}  # fmt: skip
    return _digest(
        {
            "dbt": manifest["metadata"].get("dbt_version"),
            "nodes": {
                uid: [node.get("raw_code"), node.get("checksum"), node.get("config"), node.get("depends_on")]
                for uid, node in manifest["nodes"].items()
            },
            "sources": {uid: source.get("relation_name") for uid, source in manifest["sources"].items()},
            "macros": {uid: macro.get("macro_sql") for uid, macro in manifest["macros"].items()},
            "scheme": scheme,
            # the project's variables (kpi_min_facts, talk_apps, …) reach the SQL, not the manifest
            "project_file": (project_dir / "dbt_project.yml").read_text(encoding="utf-8"),
            "settings": {name: os.environ.get(name) for name in settings_the_project_reads(project_dir)},
        }
    )


# dlt's columns that differ with every load of the same rows: left out of a small table's
# content unless a model reads them (its validity columns, of the snapshots, always count)
_PER_LOAD_COLUMNS = ("_dlt_load_id", "_dlt_id")


def _sql_reading(manifest: dict, source_uid: str) -> str:
    """The SQL of every node reading this source, with the macros they call (and those call)."""
    readers = [
        node
        for node in manifest["nodes"].values()
        if source_uid in node.get("depends_on", {}).get("nodes", [])
    ]
    return sql_with_macros(manifest, readers)


def sql_with_macros(manifest: dict, nodes: list[dict]) -> str:
    """The SQL of ``nodes`` (the manifest's), with the macros they call (and those call)."""
    macros, texts, todo = manifest["macros"], [], []
    for node in nodes:
        texts.append(node.get("raw_code") or "")
        todo += node.get("depends_on", {}).get("macros", [])
    seen: set[str] = set()
    while todo:
        uid = todo.pop()
        if uid in seen or uid not in macros:
            continue
        seen.add(uid)
        texts.append(macros[uid].get("macro_sql") or "")
        todo += macros[uid].get("depends_on", {}).get("macros", [])
    return "\n".join(texts)


def source_fingerprints(con, manifest: dict) -> dict[str, str]:
    """Each source table's fingerprint: its columns and its content (without dlt's per-load
    columns where no model reads them, so a list loaded again unchanged, as the portal's
    disputes are on every run, is no change); one of more than HASHED_UP_TO rows with
    dlt's load ids, its row count and newest load id. An absent table is ``absent``."""
    fingerprints = {}
    for uid, source in manifest["sources"].items():
        schema, table = source["schema"], source.get("identifier") or source["name"]
        if not con.table_exists(schema, table):
            fingerprints[uid] = "absent"
            continue
        columns = con.columns(schema, table)
        if _LOAD_ID in columns:
            # one pass over the table for both (10 M raw call records on PostgreSQL: a scan each)
            count, newest = con.execute(f"select count(*), max({_LOAD_ID}) from {schema}.{table}").fetchone()
            if newest is not None and count > HASHED_UP_TO:
                fingerprints[uid] = _digest([columns, count, newest])
                continue
        reading = _sql_reading(manifest, uid)
        content = [c for c in columns if c not in _PER_LOAD_COLUMNS or c in reading]
        fingerprints[uid] = _digest([columns, con.content_hash(schema, table, content)])
    return fingerprints


@dataclass
class BuildPlan:
    """What this run's dbt build leaves out; ``unchanged`` holds dbt unique ids."""

    project: str
    sources: dict[str, str]
    today: str | None = None  # the day the clock-reading nodes see, as the warehouse counts it
    unchanged: list[str] = field(default_factory=list)
    reason: str = ""

    def excludes(self, manifest: dict) -> list[str]:
        """The unchanged nodes as dbt selectors (``fqn:``, exact for every node type)."""
        return [f"fqn:{'.'.join(manifest['nodes'][uid]['fqn'])}" for uid in self.unchanged]

    def builds_nothing(self, manifest: dict) -> bool:
        unchanged = set(self.unchanged)
        return all(
            uid in unchanged
            for uid, node in manifest["nodes"].items()
            if node["resource_type"] in _BUILT_TYPES
        )

    def state(self, held_back_sources: list[str]) -> dict:
        """What to keep once the build passed: a source held back was not built from, so
        it is left out and counts as changed next time."""
        held = set(held_back_sources)
        kept = {uid: fp for uid, fp in self.sources.items() if source_name(uid) not in held}
        return {"project": self.project, "sources": kept, "today": self.today}


def descendants(manifest: dict, starts: set[str]) -> set[str]:
    children = manifest["child_map"]
    seen: set[str] = set()
    todo = list(starts)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return seen


def in_build_order(manifest: dict, uids: list[str]) -> list[str]:
    """``uids`` with every node after the nodes it reads (Dagster takes a multi-asset's
    results in that order only)."""
    wanted, parents, ordered, placed = set(uids), manifest["parent_map"], [], set()

    def place(uid: str) -> None:
        if uid in placed:
            return
        placed.add(uid)
        for parent in parents.get(uid, []):
            if parent in wanted:
                place(parent)
        ordered.append(uid)

    for uid in sorted(uids):
        place(uid)
    return ordered


def reads_the_clock(manifest: dict) -> set[str]:
    return {
        uid
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] in _BUILT_TYPES and _READS_THE_CLOCK.search(node.get("raw_code") or "")
    }


def today_in(con) -> str:
    """The date the models see when they read the clock: the warehouse's session's own
    (its time zone, not this process's)."""
    (today,) = con.execute(f"select cast(cast({_CLOCK} as timestamp) as date)").fetchone()
    return str(today)


def plan_build(
    manifest: dict, saved: dict | None, project: str, sources: dict[str, str], today: str | None = None
) -> BuildPlan:
    """The nodes no changed input reaches, against the inputs of the last build that passed;
    the clock-reading nodes too unless the last build was on the same day (``today``)."""
    plan = BuildPlan(project=project, sources=sources, today=today)
    if not saved:
        plan.reason = "no earlier build's inputs are known: everything is built"
        return plan
    if saved.get("project") != project:
        plan.reason = "the dbt project or a setting it reads changed: everything is built"
        return plan
    before = saved.get("sources", {})
    changed = {uid for uid, fp in sources.items() if before.get(uid) != fp}
    clock = reads_the_clock(manifest) if today is None or saved.get("today") != today else set()
    reached = descendants(manifest, changed) | clock | descendants(manifest, clock)
    plan.unchanged = sorted(
        uid
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] in _BUILT_TYPES and uid not in reached
    )
    names = sorted(source_name(uid) for uid in changed)
    plan.reason = (
        f"changed since the last build: {', '.join(names)}"
        if names
        else "no input changed since the last build"
    )
    if clock and today is not None:
        plan.reason += f"; what reads the clock is built for {today}"
    plan.reason += f"; {len(plan.unchanged)} of dbt's nodes are left as they were"
    return plan


def load_state(con, table: str = STATE_TABLE) -> dict | None:
    """The last passed build's inputs, as that build left them in the warehouse (in
    ``table`` of the state's schema); None when there are none or they cannot be read."""
    if not con.table_exists(STATE_SCHEMA, table):
        return None
    row = con.execute(f"select inputs from {STATE_SCHEMA}.{table}").fetchone()
    try:
        return json.loads(row[0]) if row else None
    except ValueError:
        return None


def forget_state(con) -> None:
    """Before a build: a build that fails or is cut off half-way leaves nothing to trust,
    and the next run builds everything."""
    if con.table_exists(STATE_SCHEMA, STATE_TABLE):
        con.execute(f"delete from {STATE_SCHEMA}.{STATE_TABLE}")


def save_state(con, state: dict, table: str = STATE_TABLE) -> None:
    con.execute(f"create schema if not exists {STATE_SCHEMA}")
    con.execute(f"create table if not exists {STATE_SCHEMA}.{table} (inputs text)")
    con.execute(f"delete from {STATE_SCHEMA}.{table}")
    kept = json.dumps(state, sort_keys=True)
    con.execute(f"insert into {STATE_SCHEMA}.{table} (inputs) values (?)", [kept])
