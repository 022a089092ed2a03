"""Run a suite on a raw table with Great Expectations 1.x, on a pandas batch or, for a
large table's row checks in a DuckDB warehouse, inside the warehouse.

Each table's checked columns are read into a DataFrame through a read-only warehouse
connection (DuckDB or PostgreSQL, core/warehouse.py) and validated with the pandas
datasource: the same checks on either target. A large table (``Suite.incremental``) is
read only where it has rows not yet passed, one ``chunk_by`` value at a time
(quality/checked_loads.py); in a DuckDB warehouse its row checks run where the rows are,
through GX's SQL datasource (quality/in_warehouse.py), except those against a reference
set (a list of a thousand extensions is slower in SQL there than in pandas).

At ten million call records the first check is the run's largest read outside dbt, so
its columns come through Arrow; numbers and times in the PBX's format are cast by Arrow
(anything else by pandas, as before) and channels' extensions extracted by Arrow's regex
engine; only the columns an expectation reads are cast; GX does not hash every batch; and
each chunk's memory is handed back before the next. Both CDR checks of a first load at
10 M rows, measured alone: 62 → 27 s, peak 3.9 → 3.2 GB (bench/README.md).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from pathlib import Path

import great_expectations as gx
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from great_expectations.execution_engine import pandas_execution_engine

from core import pbx_times
from core import warehouse as warehouses
from core.extensions import CHANNEL_EXTENSION, directory_extensions
from core.memory import release_freed_memory
from core.warehouse import connect
from quality import checked_loads, in_warehouse
from quality.failures import Failure, name_key, resemblance
from quality.suites import Suite


@dataclass(frozen=True)
class ValidationReport:
    table: str
    rows: int
    evaluated: int
    failures: list[Failure]
    already_passed: int = 0  # rows of loads that passed in earlier runs, not read again

    @property
    def passed(self) -> bool:
        return not self.failures


# what SQL's trim() takes off either end: DuckDB every space separator (a no-break space
# too), PostgreSQL the space alone; neither a tab, a carriage return or a line break
TRIMMED = {
    "duckdb": " \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000",
    "postgres": " ",
}


def _prepare(frame: pd.DataFrame, suite: Suite, read: set[str]) -> pd.DataFrame:
    """Cast the columns the expectations ``read`` as staging will read them: stripped of
    what the warehouse's trim() strips (TRIMMED), and of nothing else. A tab padding a
    disposition stays in it in the models ('ANSWERED\t' is no answer there), so the check
    has to see it too: every whitespace was stripped here, and such a call passed and was
    counted unanswered."""
    trimmed = TRIMMED.get(warehouses.target(), " ")
    for column, how in suite.prepare.items():
        if column not in frame or not ({column, f"{column}_extension"} & read):
            continue  # "start" is read for its newest value, not cast for every row
        values = frame[column].astype("string").str.strip(trimmed)
        if how == "number":
            frame[column] = _numbers(values)
        elif how == "datetime":
            frame[column] = _times(values)
        elif how == "extension":
            frame[f"{column}_extension"] = _extensions(values)
        elif how == "presence":
            continue  # read as '' or null by the query (_select_list)
        elif how == "upper":
            frame[column] = values.str.upper()
        else:
            frame[column] = values.str.lower()
    return frame


# SIP/101-0000abcd, Local/101@from-queue → 101 (core/extensions.py), as a named group for
# Arrow's regex engine: ten times faster than pandas' Python one over a million channels
_EXTENSION_GROUP = CHANNEL_EXTENSION.pattern.replace(r"(\d+)", r"(?P<extension>\d+)", 1)
assert "?P<extension>" in _EXTENSION_GROUP


def _arrow(values: pd.Series) -> pa.Array:
    return pa.array(values, type=pa.string())


def _extensions(values: pd.Series) -> pd.Series:
    found = pc.struct_field(pc.extract_regex(_arrow(values), pattern=_EXTENSION_GROUP), [0])
    return pd.Series(found.to_pandas(types_mapper={pa.string(): pd.StringDtype()}.get), index=values.index)


def _numbers(values: pd.Series) -> pd.Series:
    """Plain float64, NaN for what is no number: GX compares a numpy column at once, a
    nullable Float64 one value by value in Python (3.5 s for three million rows)."""
    try:  # every value a number, as in nearly every load: Arrow casts millions in milliseconds
        cast = pc.cast(_arrow(values), pa.float64())
        return pd.Series(cast.to_numpy(zero_copy_only=False), index=values.index)
    except pa.ArrowInvalid:  # some are not: pandas makes those NaN, for the check to count
        return pd.to_numeric(values, errors="coerce").astype("float64")


def _times(values: pd.Series) -> pd.Series:
    """Times as pandas reads them in any format ("mixed"), the PBX's own format by Arrow
    first (``core.pbx_times``, which reads no time in 2026-02-30 where Arrow alone rolls it
    over to 2 March): 1.3 s for three million call records in pandas alone. What Arrow reads
    no time in is left to pandas, which reads none in 2026-02-30 either."""
    pbx = pbx_times.moments(_arrow(values), unit="us")
    times = pd.Series(pbx.to_numpy(zero_copy_only=False), index=values.index).astype("datetime64[us]")
    rest = times.isna() & values.notna()
    if rest.any():  # any other way of writing a time: pandas, value by value
        other = pd.to_datetime(values[rest], errors="coerce", utc=True, format="mixed").dt.tz_localize(None)
        times = times.astype(other.dtype) if other.dtype != times.dtype else times
        times[rest] = other
    return times


# GX fingerprints each pandas batch it is given by hashing every row (a batch marker that
# nothing here reads), for any frame under HASH_THRESHOLD bytes: 1.9 s for three million call
# records, on every chunk of every check. A threshold of 0 spares them all
# (tests/unit/test_quality_suites.py notices if an upgrade renames it).
pandas_execution_engine.HASH_THRESHOLD = 0


def _context():
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = gx.data_context.types.base.ProgressBarsConfig(globally=False)
    return context


def validate_frame(
    frame: pd.DataFrame,
    suite: Suite,
    reference_sets: dict[str, list] | None = None,
    advisory: bool = False,
    expectations: list | None = None,
    reference_names: dict[str, dict[str, str]] | None = None,
) -> ValidationReport:
    """The suite's expectations (its advisory ones when ``advisory``, or just
    ``expectations``) and the reference sets on one frame (``reference_names``: per
    column, the referenced people's names to their ids, ``_reference_names``)."""
    context = _context()
    asset = context.data_sources.add_pandas("raw").add_dataframe_asset(suite.table)
    batch = asset.add_batch_definition_whole_dataframe("whole")
    if expectations is None:
        expectations = suite.advisory if advisory else suite.expectations
    read = _read_by(expectations) | set(reference_sets or {})
    frame = _prepare(frame.copy(), suite, read)
    # only what a rule reads and where each row came from: GX drops a column's empty rows
    # by taking every column of the frame (a channel read for its extension alone, taken
    # over ten million rows: ~2 s each time)
    frame = frame[[c for c in frame.columns if c in read or c in PLACE_COLUMNS]]
    if "_source_file" in frame:  # a few files' names over every row: taken as codes, not text
        frame = frame.assign(_source_file=frame["_source_file"].astype("category"))
    columns = set(frame.columns)
    frame, marked_sets = _references_marked(frame, reference_sets or {}, expectations)
    result = _run(context, batch, {"dataframe": frame}, suite, expectations, marked_sets, columns)
    failures = _failures_of(result, suite, reference_sets, reference_names)
    return ValidationReport(suite.table, len(frame), len(result.results), failures)


# a value found in its reference set, as Great Expectations is handed it (no value a file has)
KNOWN = "\x00in the reference set"
# a reference set this large is marked (below); a smaller one is handed to GX as it is: the
# directory's thousand extensions cost GX ~0.1 s of copies, and marking them in 3 M call
# records took ~1 s more than it saved
MARKED_FROM = 10_000


def _references_marked(
    frame: pd.DataFrame, reference_sets: dict[str, list], expectations: list
) -> tuple[pd.DataFrame, dict[str, list]]:
    """The frame with each value of a reference column that its set holds replaced by
    ``KNOWN``, and the sets GX then checks the columns against: ``[KNOWN]``. GX reads an
    expectation's configuration some 70 times a validation and copies its value set each
    time: 91 k deal ids as the set of deal lines' ``deal_id`` took 9.2 of the check's 9.4 s,
    on every run. The rows GX counts and shows (the values as written, with their file and
    line) are the same; a missing value is still no failure. A column another expectation
    reads, or one whose set is smaller than ``MARKED_FROM``, keeps its values and its set."""
    read_otherwise = _read_by(expectations)
    marked = {}
    for column, values in reference_sets.items():
        if column not in frame.columns or column in read_otherwise or len(values) < MARKED_FROM:
            marked[column] = values
            continue
        known = frame[column].isin(set(values))
        frame = frame.assign(**{column: frame[column].where(~known, KNOWN)})
        marked[column] = [KNOWN]
    return frame, marked


def validate_query(con, suite: Suite, query: str, columns: set[str], expectations: list) -> ValidationReport:
    """The same on the rows of ``query`` (its ``columns`` prepared by
    in_warehouse.prepared_select), computed inside the DuckDB warehouse ``con`` is open on:
    first whether each expectation holds (a count each), then only the ones that do not,
    for their examples and the file and line of each. Asked for at once, the examples and
    places of every expectation, failing or not, took twice the queries (10 M call
    records: 8.1 against 4.1 s)."""
    context = _context()
    source, batch = in_warehouse.batch_definition(context, con, suite.table, query)
    try:
        verdicts = _run(context, batch, None, suite, expectations, {}, columns, brief=True)
        failed = [r.expectation_config.to_domain_obj() for r in verdicts.results if not r.success]
        result = _run(context, batch, None, suite, failed, {}, columns, name="failed") if failed else None
    finally:
        source.get_execution_engine().close()  # the cursor of ``con`` it was lent
    rows = con.execute(f"select count(*) from ({query})").fetchone()[0]
    failures = _failures_of(result, suite, {}, None) if result else []
    return ValidationReport(suite.table, rows, len(verdicts.results), failures)


def _run(
    context,
    batch,
    parameters,
    suite: Suite,
    expectations: list,
    reference_sets,
    columns: set[str],
    brief: bool = False,
    name: str = "",
):
    """Great Expectations' result of ``expectations`` and the reference sets on ``batch``
    (those whose columns are all in ``columns``); ``brief``: whether each holds, no more."""
    gx_suite = context.suites.add(gx.ExpectationSuite(name=f"{suite.table} {name}".strip()))
    for expectation in (
        e for e in expectations if _columns_present(e, columns)
    ):  # a copy: an expectation belongs to one GX suite, and a
        gx_suite.add_expectation(expectation.copy(update={"id": None}))  # table may run several
    for column, values in (reference_sets or {}).items():
        if column in columns:
            gx_suite.add_expectation(
                gx.expectations.ExpectColumnValuesToBeInSet(column=column, value_set=values)
            )
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=f"check {gx_suite.name}", data=batch, suite=gx_suite)
    )
    located_by = [c for c in PLACE_COLUMNS if c in columns]
    if brief:
        result_format = "BOOLEAN_ONLY"
    elif len(located_by) == len(PLACE_COLUMNS):
        result_format = {"result_format": "SUMMARY", "unexpected_index_column_names": located_by}
    else:
        result_format = "SUMMARY"
    return definition.run(batch_parameters=parameters, result_format=result_format)


def _failures_of(result, suite: Suite, reference_sets, reference_names) -> list[Failure]:
    # the check may be the advisory one though `advisory` is not passed (checked by load)
    references = {**suite.references, **suite.advisory_references}
    failures = [
        _with_reference(_failure(r), references, reference_sets or {}, reference_names)
        for r in result.results
        if not r.success
    ]
    # a value that does not read as what the column holds counts as missing: say so
    return [replace(f, read_as=READ_AS.get(suite.prepare.get(f.column), "")) for f in failures]


READ_AS = {"datetime": "a date and time", "number": "a number"}


# the columns that say where a row came from: each example of a failure is told with them
PLACE_COLUMNS = ("_source_file", "_source_line")


def _place(row: dict) -> str:
    """``crm/deals.csv line 3``; "" for a row an API wrote (no file, or no line: NaN in pandas)."""
    file, line = row.get("_source_file"), row.get("_source_line")
    if not isinstance(file, str) or not file:
        return ""
    try:
        return f"{file} line {int(line)}"
    except (TypeError, ValueError):
        return file


def _failure(r) -> Failure:
    """One failed expectation's result, with its first examples and the file and line of each."""
    kwargs = r.expectation_config.kwargs
    columns = tuple(kwargs.get("column_list") or ()) or tuple(
        c for c in (kwargs.get("column_A"), kwargs.get("column_B")) if c
    )
    rows = r.result.get("partial_unexpected_index_list") or []
    if rows and isinstance(rows[0], dict):  # the rows themselves: the examples and their places
        column = kwargs.get("column")
        examples = [
            _as_written(row.get(column)) if column else tuple(_as_written(row.get(c)) for c in columns)
            for row in rows[:5]
        ]
        places = tuple(_place(row) for row in rows[:5])
    else:
        examples = [_as_written(v) for v in (r.result.get("partial_unexpected_list") or [])[:5]]
        places = ()
    return Failure(
        r.expectation_config.type,
        str(kwargs.get("column") or kwargs.get("column_list") or ""),
        int(r.result.get("unexpected_count") or 0),
        examples,
        r.result.get("observed_value"),
        (kwargs.get("min_value"), kwargs.get("max_value")),
        places=places,
        allowed=tuple(kwargs.get("value_set") or ()),
        strict=(bool(kwargs.get("strict_min")), bool(kwargs.get("strict_max"))),
        columns=columns,
        or_equal=bool(kwargs.get("or_equal", True)),
    )


def _with_reference(
    failure: Failure, references: dict[str, str], sets: dict[str, list], names: dict | None = None
) -> Failure:
    """A value missing from a reference set, told as such, with what each example resembles
    (``names``: per column, people's names to their ids, for a name typed for an id)."""
    target = references.get(failure.column)
    if (
        failure.expectation != "expect_column_values_to_be_in_set"
        or target is None
        or failure.column not in sets
    ):
        return failure
    listed = [str(v) for v in sets[failure.column]]
    where = tuple(
        "; ".join(
            part
            for part in (place, resemblance(value, listed, target, (names or {}).get(failure.column)))
            if part
        )
        for value, place in itertools.zip_longest(failure.examples, failure.places, fillvalue="")
    )
    return replace(failure, reference=target, where=where, allowed=())


def located(con, table: str, failure: Failure) -> Failure:
    """The file and line of each example of a reference failure whose rows were read without
    them (rows that came from files)."""
    if not failure.reference:
        return failure
    if any(failure.places):  # the rows were read with their file and line (_with_reference)
        return failure
    if not {"_source_file", "_source_line", failure.column} <= set(con.columns(*table.split("."))):
        return failure  # a column worked out at the check (a channel's extension), or rows from an API
    where = []
    for value, resembles in itertools.zip_longest(failure.examples, failure.where, fillvalue=""):
        found = con.execute(
            f'select "_source_file", "_source_line" from {table} where "{failure.column}" = ? '
            'order by "_source_file", "_source_line" limit 1',
            [str(value)],
        ).fetchone()
        place = f"{found[0]} line {found[1]}" if found else ""
        where.append("; ".join(part for part in (place, resembles) if part))
    return replace(failure, where=tuple(where))


def _as_written(value):
    """An example as the file wrote it: a quantity of 0 read as a float is shown as 0."""
    value = value.item() if hasattr(value, "item") else value
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _columns_of(expectation) -> list[str]:
    """The columns one expectation reads."""
    named = [getattr(expectation, n, None) for n in ("column", "column_A", "column_B")]
    return [c for c in named + list(getattr(expectation, "column_list", None) or []) if c]


def _read_by(expectations: list) -> set[str]:
    return {c for e in expectations for c in _columns_of(e)}


def _columns_present(expectation, columns) -> bool:
    return all(c in columns for c in _columns_of(expectation))


def needed_columns(suite: Suite, advisory: bool = False, expectations: list | None = None) -> set[str]:
    """The raw columns a suite (or its advisory part, or just ``expectations`` of either)
    reads, derived columns traced back."""
    if expectations is None:
        expectations = suite.advisory if advisory else suite.expectations
    columns = _read_by(expectations)
    columns |= set(suite.advisory_references if advisory else suite.references)
    derived = {f"{c}_extension": c for c, how in suite.prepare.items() if how == "extension"}
    return {derived.get(c, c) for c in columns if c}


def _current(columns: list[str]) -> str:
    """The rows a snapshot table holds now (dlt's scd2 keeps the older versions too)."""
    return ' where "_dlt_valid_to" is null' if "_dlt_valid_to" in columns else ""


def _reference_sets(con, suite: Suite, advisory: bool) -> dict[str, list]:
    references = {}
    for column, target in (suite.advisory_references if advisory else suite.references).items():
        ref_schema, ref_table, ref_column = target.split(".")
        if con.table_exists(ref_schema, ref_table):
            current = _current(con.columns(ref_schema, ref_table))
            listed = con.execute(
                f"select distinct {ref_column} from {ref_schema}.{ref_table}{current}"
            ).fetchall()
            # a reference column may hold a list (an employee's extensions: "101;5101", "101, 5101")
            references[column] = sorted({part for (value,) in listed for part in directory_extensions(value)})
    return references


def _reference_names(con, suite: Suite, advisory: bool) -> dict[str, dict[str, str]]:
    """Per column that references people (a table with ``full_name``, the directory), their
    names to their ids: finance types a name where the plan wants the employee's id."""
    names = {}
    for column, target in (suite.advisory_references if advisory else suite.references).items():
        ref_schema, ref_table, ref_column = target.split(".")
        if con.table_exists(ref_schema, ref_table) and "full_name" in con.columns(ref_schema, ref_table):
            current = _current(con.columns(ref_schema, ref_table))
            rows = con.execute(
                f"select full_name, {ref_column} from {ref_schema}.{ref_table}{current}"
            ).fetchall()
            ids: dict[str, set[str]] = {}
            for name, key in rows:
                if name and key:
                    ids.setdefault(name_key(name), set()).add(str(key))
            names[column] = {name: " and ".join(sorted(keys)) for name, keys in ids.items()}  # namesakes: all
    return names


def validate_table(warehouse: Path, suite: Suite, advisory: bool = False) -> ValidationReport | None:
    """Validate a raw table (its advisory expectations when ``advisory``); None when the
    table was never loaded (no files of its kind)."""
    schema, table = suite.table.split(".")
    with connect(warehouse) as con:
        if not con.table_exists(schema, table):
            return None
        columns = con.columns(schema, table)
        # only the columns the expectations read: a wide raw table costs far less that way
        # and where each row came from, so that a failure names the file and line of its examples
        read = (needed_columns(suite, advisory) | set(PLACE_COLUMNS)) & set(columns)
        listing = _select_list(sorted(read), suite)
        references = _reference_sets(con, suite, advisory)
        if not (suite.incremental and checked_loads.LOAD_ID in columns):
            frame = con.execute(f"select {listing} from {suite.table}{_current(columns)}").text_df()
            names = _reference_names(con, suite, advisory)
            report = validate_frame(frame, suite, references, advisory, reference_names=names)
            report = replace(report, failures=[located(con, suite.table, f) for f in report.failures])
            if suite.rules and not advisory:
                broken = [Failure("rule", "", 1, [], sentence=s) for s in suite.rules(con)]
                report = ValidationReport(
                    report.table, report.rows, report.evaluated + 1, report.failures + broken
                )
            return report
        report, passed = _validate_unchecked(con, suite, sorted(read), references, advisory)
        report = replace(report, failures=[located(con, suite.table, f) for f in report.failures])
    if passed is not None:
        with connect(warehouse, read_only=False) as con:
            checked_loads.record_passed(con, *passed)
    return report


def _select_list(columns: list[str], suite: Suite) -> str:
    """The columns to read; a "presence" column only as null or '' (its text is not needed:
    933 k transcripts' JSON is 2 GB)."""
    listed = [
        f'case when "{c}" is null then null else \'\' end as "{c}"'
        if suite.prepare.get(c) == "presence"
        else f'"{c}"'
        for c in columns
    ]
    return ", ".join(listed) or "1 as no_columns"


def _table_level(expectation) -> bool:
    """An expectation on the whole column (its newest value), not on each row."""
    return isinstance(
        expectation, (gx.expectations.ExpectColumnMaxToBeBetween, gx.expectations.ExpectColumnMinToBeBetween)
    )


def _unique_keys(expectations: list) -> list[list[str]]:
    keys = []
    for e in expectations:
        if isinstance(e, gx.expectations.ExpectColumnValuesToBeUnique):
            keys.append([e.column])
        elif isinstance(e, gx.expectations.ExpectCompoundColumnsToBeUnique):
            keys.append(list(e.column_list))
    return keys


def _validate_unchecked(
    con, suite: Suite, read: list[str], references: dict, advisory: bool
) -> tuple[ValidationReport, tuple | None]:
    """Row expectations on the rows of loads not passed yet (and old rows sharing a unique
    key with them, so a duplicate still shows): in a DuckDB warehouse, inside it
    (quality/in_warehouse.py), else read out chunk by chunk; column maximums on the newest
    rows. Returns the report and, when the rows passed, what to record."""
    chosen = suite.advisory if advisory else suite.expectations
    row_level = [e for e in chosen if not _table_level(e)]
    table_level = [e for e in chosen if _table_level(e)]
    # a column read only for its newest value (the advisory's start) is not read on every row
    row_read = sorted(set(read) & (needed_columns(suite, advisory, row_level) | set(PLACE_COLUMNS)))
    listing, row_listing = _select_list(read, suite), _select_list(row_read, suite)
    check = suite.advisory_check_name if advisory else suite.check_name
    version = checked_loads.fingerprint(row_level, suite.prepare, references)
    unchecked, params = checked_loads.unchecked_condition(con, suite.table, check, version, "t")
    load_ids = [
        r[0]
        for r in con.execute(
            f"select distinct t.{checked_loads.LOAD_ID} from {suite.table} as t where {unchecked}", params
        ).fetchall()
    ]
    row_reports = []
    if load_ids:
        wanted, wanted_params = _wanted(con, suite.table, _unique_keys(row_level), load_ids)
        rows_sql = f"select {row_listing} from {suite.table} as t where ({wanted})"
        if in_warehouse.applies(con, suite, references):
            prepared = in_warehouse.prepared_select(row_read, suite, _read_by(row_level))
            where = in_warehouse.inlined(wanted, wanted_params)  # GX takes a query as text
            query = f"select {prepared} from {suite.table} as t where ({where})"
            derived = {f"{c}_extension" for c in row_read if suite.prepare.get(c) == "extension"}
            row_reports.append(validate_query(con, suite, query, set(row_read) | derived, row_level))
        elif suite.chunk_by:
            chunk = f't."{suite.chunk_by}"'
            sizes = con.execute(
                f"select {chunk}, count(*) from {suite.table} as t where {unchecked} group by 1 order by 1",
                params,
            ).fetchall()
            # every unique key holds chunk_by, so chunks of whole values are independent
            for condition, values in _chunks(chunk, sizes):
                frame = con.execute(f"{rows_sql} and {condition}", [*wanted_params, *values]).text_df()
                row_reports.append(validate_frame(frame, suite, references, expectations=row_level))
                del frame
                release_freed_memory()  # the next chunk's read reuses nothing: 3.4 → 3.0 GB at 10 M
        else:
            frame = con.execute(rows_sql, wanted_params).text_df()
            row_reports.append(validate_frame(frame, suite, references, expectations=row_level))
    table_reports = []
    if table_level and suite.newest_by:
        newest = f"replace(trim(\"{suite.newest_by}\"), 'T', ' ')"  # the PBX's text orders as time
        # one newest row is all a maximum needs: sorted for it, the column is worked out once
        # (picked by "= (select max(...))", twice: 0.84 against 0.41 s at 10 M call records)
        frame = con.execute(
            f"select {listing} from {suite.table} where {newest} is not null order by {newest} desc limit 1"
        ).text_df()
        table_reports.append(validate_frame(frame, suite, {}, expectations=table_level))
    checked = sum(r.rows for r in row_reports)
    total = con.execute(f"select count(*) from {suite.table}").fetchone()[0]
    report = ValidationReport(
        suite.table,
        checked,
        sum(r.evaluated for r in row_reports + table_reports),
        _merged_failures(row_reports + table_reports),
        already_passed=total - checked,
    )
    row_failed = any(r.failures for r in row_reports)
    return report, None if row_failed or not load_ids else (suite.table, check, version, load_ids)


# rows that passed before but share a unique key with a new one, named in the condition up
# to this many; more (a whole file loaded twice) are found by a join each time it is read
SHARED_KEYS_NAMED = 1_000


def _wanted(con, table: str, keys: list[list[str]], load_ids: list) -> tuple[str, list]:
    """The rows a check reads, as a condition on ``t`` (and its parameters): the rows of
    ``load_ids`` (the loads not passed yet), and rows that passed before but share a unique
    key with one of them, so that a duplicate still shows. Those are looked up once here:
    the condition is read again for every metric when the check runs in the warehouse,
    and a join in it cost ~2 s each time at 10 M rows."""
    ids = sorted({load_id or "" for load_id in load_ids})  # '': rows loaded before load ids

    def of_new_loads(alias: str) -> str:
        return f"coalesce({alias}.{checked_loads.LOAD_ID}, '') in ({', '.join('?' * len(ids))})"

    new, new_u = of_new_loads("t"), of_new_loads("u")
    condition, params = new, list(ids)
    for key in keys:
        same = " and ".join(f'u."{c}" = t."{c}"' for c in key)
        columns = ", ".join(f'u."{c}"' for c in key)
        shared = con.execute(
            f"select distinct {columns} from {table} as u where not ({new_u}) "
            f"and exists (select 1 from {table} as t where {new} and {same})",
            [*ids, *ids],
        ).fetchall()
        if len(shared) > SHARED_KEYS_NAMED:
            condition += f" or exists (select 1 from {table} as u where {new_u} and {same})"
            params += ids
            continue
        for values in shared:  # a key with a null in it is no key: it matches nothing, as before
            if None not in values:
                condition += " or (" + " and ".join(f't."{c}" = ?' for c in key) + ")"
                params += list(values)
    return condition, params


CHUNK_ROWS = 1_000_000  # rows read into pandas at a time, unless one chunk_by value has more


def _chunks(column: str, sizes: list[tuple]) -> list[tuple[str, list]]:
    """SQL conditions (and parameters) cutting sorted ``column`` values into ranges of at
    most CHUNK_ROWS rows: a file per range for monthly Master.csv files, many per range
    when an API gives every row its own source name."""
    ranges: list[list] = []
    rows = 0
    for value, count in sizes:
        if value is None:
            continue
        if ranges and rows + count <= CHUNK_ROWS:
            ranges[-1][1], rows = value, rows + count
        else:
            ranges.append([value, value])
            rows = count
    chunks = [(f"{column} between ? and ?", [first, last]) for first, last in ranges]
    if any(value is None for value, _ in sizes):
        chunks.append((f"{column} is null", []))
    return chunks


def _padded(failure: Failure) -> tuple:
    """Its places, one per example (none known: "")."""
    return tuple(failure.places) + ("",) * (len(failure.examples) - len(failure.places))


def _merged_failures(reports: list[ValidationReport]) -> list[Failure]:
    """One failure per expectation and column over all chunks, its first examples kept."""
    merged: dict[tuple[str, str], Failure] = {}
    for failure in (f for r in reports for f in r.failures):
        key = (failure.expectation, failure.column)
        if key in merged:
            before = merged[key]
            failure = replace(
                before,
                unexpected_count=before.unexpected_count + failure.unexpected_count,
                examples=(before.examples + failure.examples)[:5],
                where=(before.where + failure.where)[:5],
                places=(_padded(before) + failure.places)[:5],
            )
        merged[key] = failure
    return list(merged.values())
