"""A failed dbt build in one sentence: which model or test, what went wrong, and the inbox
file and line the bad value came from when it can be found.

dbt's own output names a failed test by its generated name ("unique_int_call_legs_leg_id")
and ends a failed run with hundreds of lines; the run's log keeps all of that. This reads
``run_results.json`` and the manifest instead and words the first failure for the person
who has to fix it.
"""

from __future__ import annotations

import re
from pathlib import Path

from core.errors import UserFacingError

MAX_EXAMPLES = 3


class DbtBuildFailed(UserFacingError):
    """dbt failed; the message is the first failure in words."""


def _first_error_line(message: str | None) -> str:
    """The line of a dbt error that says what went wrong (not "Runtime Error in model …")."""
    lines = [line.strip() for line in (message or "").splitlines() if line.strip()]
    for line in lines:
        if re.search(r"\b\w*(Error|Exception):", line) and not line.startswith(
            ("Runtime Error in", "Database Error in")
        ):
            return line
    for line in lines[1:]:
        if not line.startswith(("LINE ", "^", ">")):
            return line
    return lines[0] if lines else "failed"


def _value_origin(con, node: dict, manifest: dict, value: str) -> str | None:
    """The raw file and line where ``value`` sits, searching the sources the model reads."""
    for parent in node.get("depends_on", {}).get("nodes", []):
        source = manifest.get("sources", {}).get(parent)
        if not source:
            continue
        schema, table = source["schema"], source.get("identifier") or source["name"]
        if not con.table_exists(schema, table):
            continue
        columns = con.columns(schema, table)
        if "_source_file" not in columns:
            continue
        for column in (c for c in columns if not c.startswith("_")):
            row = con.execute(
                f"select _source_file, _source_line from {schema}.{table} "
                f'where cast("{column}" as varchar) = ? limit 1',
                [value],
            ).fetchone()
            if row:
                return f"{row[0]} line {row[1]}, column {column}"
    return None


def _examples(con, compiled_sql: str) -> list[dict]:
    if not compiled_sql:
        return []
    result = con.execute(f"select * from ({compiled_sql}) as failing limit {MAX_EXAMPLES}")
    return [dict(zip(result.columns, row, strict=True)) for row in result.fetchall()]


def _origin_of_rows(rows: list[dict]) -> str | None:
    for row in rows:
        file = row.get("source_file") or row.get("_source_file")
        line = row.get("source_line") or row.get("_source_line")
        if file:
            return f"{file}" + (f" line {line}" if line is not None else "")
    return None


def _test_sentence(node: dict, manifest: dict, failures: int, rows: list[dict]) -> str:
    meta = node.get("test_metadata") or {}
    kwargs = {**meta.get("kwargs", {}), **(meta.get("kwargs", {}).get("arguments") or {})}
    attached = (node.get("attached_node") or "").split(".")[-1] or "the data"
    column = node.get("column_name") or kwargs.get("column_name")
    where = f"{attached}.{column}" if column else attached
    name = meta.get("name")
    values = [str(next(iter(r.values()))) for r in rows if r]
    example = f", e.g. {', '.join(values)}" if values else ""
    rows_word = f"{failures} row{'s' if failures != 1 else ''}"
    if name == "not_null":
        return f"{where} is empty in {rows_word}"
    if name == "unique":
        return f"{where} has duplicated values ({rows_word}{example})"
    if name == "accepted_values":
        allowed = ", ".join(str(v) for v in kwargs.get("values", []))
        return f"{where} has values outside {allowed} ({rows_word}{example})"
    if name == "relationships":
        target = str(kwargs.get("to", "")).replace("ref('", "").replace("')", "")
        return f"{where} has values missing from {target}.{kwargs.get('field')} ({rows_word}{example})"
    if name == "unique_combination_of_columns":
        return f"{attached} has duplicated ({', '.join(kwargs.get('columns', []))}) ({rows_word}{example})"
    if name == "expression_is_true":
        return f"{attached}: {kwargs.get('expression', '').strip()} does not hold for {rows_word}"
    return f"check {node.get('name')} found {rows_word}{example}"


def _test_subject(node: dict) -> str:
    """What a data test checks, in its own terms: "expression_is_true on fct_sales_lines"."""
    meta = node.get("test_metadata") or {}
    attached = (node.get("attached_node") or "").split(".")[-1]
    column = node.get("column_name")
    target = f"{attached}.{column}" if attached and column else attached or node.get("name", "?")
    return f"{meta.get('name') or node.get('name', 'test')} on {target}"


def describe(run_results: dict, manifest: dict, warehouse: Path | None) -> str:
    """The first failure of a dbt run as one sentence (with how many more there were)."""
    from core.warehouse import connect

    failed = [r for r in run_results.get("results", []) if r.get("status") in ("error", "fail")]
    if not failed:
        return "dbt stopped before building anything (see the run's log)"
    first = failed[0]
    unique_id = first["unique_id"]
    kind, name = unique_id.split(".")[0], unique_id.split(".")[-1]
    node = manifest.get("nodes", {}).get(unique_id) or manifest.get("unit_tests", {}).get(unique_id) or {}
    rest = (
        f" ({len(failed) - 1} more failed: {', '.join(r['unique_id'].split('.')[-1] for r in failed[1:4])}"
        + ("…)" if len(failed) > 4 else ")")
    )
    rest = rest if len(failed) > 1 else ""
    try:
        with connect(warehouse) as con:
            if kind == "test" and first.get("status") == "fail":
                rows = _examples(con, first.get("compiled_code") or "")
                sentence = (
                    f"data test failed: {_test_sentence(node, manifest, first.get('failures') or 0, rows)}"
                )
                origin = _origin_of_rows(rows)
            else:
                cause = _first_error_line(first.get("message"))
                label = {"model": "model", "seed": "scheme file", "unit_test": "unit test"}.get(kind, kind)
                if kind == "test":  # a check that could not run: name what it checks, not its hash
                    label, name = "check", _test_subject(node)
                sentence = f"{label} {name} failed: {cause}"
                origin = None
                for value in re.findall(r'"([^"]{1,200})"', cause):
                    origin = _value_origin(con, node, manifest, value)
                    if origin:
                        break
    except Exception as error:  # the sentence without its origin beats no sentence
        sentence = f"{kind} {name} failed: {_first_error_line(first.get('message'))}"
        origin = f"(could not look up where the value came from: {error.__class__.__name__})"
    if origin:
        sentence += f" — from the inbox file {origin}" if not origin.startswith("(") else f" {origin}"
    if kind == "unit_test":
        sentence += "; a formula no longer gives its hand-computed rows"
    return sentence + rest
