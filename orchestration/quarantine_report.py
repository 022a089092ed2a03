"""What is in quarantine and why: ``autokpi quarantine`` (and the run summary)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.errors import counted
from core.warehouse import connect


@dataclass(frozen=True)
class QuarantineGroup:
    table: str
    rule: str
    rows: int
    files: int


def _quarantine_tables(con) -> list[str]:
    rows = con.execute(
        "select table_schema || '.' || table_name from information_schema.tables "
        "where table_schema like 'raw_%' and table_schema not like '%_staging' "
        "and table_name like '%_quarantine' order by 1"
    ).fetchall()
    return [r[0] for r in rows]


def _open_rows(con, table: str) -> str:
    """The quarantine rows still open.

    A row is closed when its file was read again from the first line after the read
    that quarantined it: a corrected file sent again (or a refused file that now loads)
    replaces what it fixes, and a line still bad is quarantined anew by that read. The
    read that quarantined a row is the first load-log entry of its file logged after it.
    """
    schema, name = table.split(".")
    if table == SCORES_QUARANTINE:
        return _open_score_rows(con)
    if not con.table_exists(schema, "load_log"):
        return f"select * from {table}"
    target = name.removesuffix("_quarantine")
    return f"""
        with reads as (
            select
                source_file,
                logged_at,
                status = 'rejected' or coalesce(first_line, 1) <= 1 as from_first_line
            from {schema}.load_log
            where target_table = '{target}'
        )

        select q.* from {table} as q
        where not exists (
            select 1 from reads as later
            where later.source_file = q.source_file
                and later.from_first_line
                and later.logged_at > (
                    -- the read that quarantined the row
                    select min(own.logged_at) from reads as own
                    where own.source_file = q.source_file
                        and own.logged_at >= coalesce(q.quarantined_at, timestamp '1970-01-01')
                )
        )
    """


SCORES_QUARANTINE = "raw_call_quality.call_scores_quarantine"


def _open_score_rows(con) -> str:
    """Transcripts left unscored (no checklist for their language, no words of the agent,
    the scorer failing): a row is open while the transcript on its line has no score and it
    is the line's latest (a corrected transcript, or an upgraded scorer, left unscored again
    is one line still open, not two); a checklist added, or the transcript scored, closes it."""
    if not (
        con.table_exists("raw_pbx", "transcripts") and con.table_exists("raw_call_quality", "call_scores")
    ):
        return f"select * from {SCORES_QUARANTINE}"
    return f"""
        select q.* from {SCORES_QUARANTINE} as q
        where exists (
            select 1 from raw_pbx.transcripts as t
            where t._source_file = q.source_file
                and t._source_line = q.source_line
                and not exists (select 1 from raw_call_quality.call_scores as s where s.call_id = t.call_id)
        )
        and not exists (
            select 1 from {SCORES_QUARANTINE} as later
            where later.source_file = q.source_file
                and later.source_line = q.source_line
                and later.quarantined_at > q.quarantined_at
        )
    """


def summary(warehouse: Path) -> list[QuarantineGroup]:
    with connect(warehouse) as con:
        groups = []
        for table in _quarantine_tables(con):
            for rule, rows, files in con.execute(
                "select rule, count(*), count(distinct source_file) "
                f"from ({_open_rows(con, table)}) as open_rows group by rule order by rule"
            ).fetchall():
                groups.append(QuarantineGroup(table, rule, rows, files))
        return groups


def rows(warehouse: Path, limit: int = 20) -> list[tuple]:
    """The quarantined rows, file and line first, as an analyst fixes them at the source."""
    with connect(warehouse) as con:
        selects = [
            f"select '{t}' as tbl, source_file, source_line, rule, field, raw_value "
            f"from ({_open_rows(con, t)}) as open_rows"
            for t in _quarantine_tables(con)
        ]
        if not selects:
            return []
        return con.execute(
            " union all ".join(selects) + " order by source_file, source_line nulls first limit ?", [limit]
        ).fetchall()


def _shortened(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _row_reason(field_name: str, value: str | None) -> str:
    """``phones='7,91612E+10': expected …``: the value shortened, the expectation whole."""
    raw, said, expected = (value or "").partition(": expected ")
    return f"{field_name}={_shortened(_visible(raw), 60)}" + (f": expected {expected}" if said else "")


_INVISIBLE = {"\t": "\\t", "\r": "\\r", "\n": "\\n", "\xa0": "\\xa0"}


def _visible(text: str) -> str:
    """A value with a tab, a line break or padding around it, quoted with them written out
    ('ANSWERED\\t'): printed as it is, the tab that got it quarantined cannot be seen."""
    shown = "".join(_INVISIBLE.get(c, c if c.isprintable() else f"\\x{ord(c):02x}") for c in text)
    return f"'{shown}'" if shown != text or text != text.strip() else text


def format_report(warehouse: Path, limit: int = 20) -> str:
    groups = summary(warehouse)
    if not groups:
        return "quarantine is empty: every row of every file loaded."
    lines = ["quarantine (raw = clean + quarantined; fix at the source, then send the file again):", ""]
    lines += [
        f"  {g.table:<36} {g.rule:<22} {counted(g.rows, 'row'):>12} in {counted(g.files, 'file')}"
        for g in groups
    ]
    total = sum(g.rows for g in groups)
    lines += ["", "the rows:" if total <= limit else f"the first {limit} of {total:,} rows:"]
    for table, source_file, line, rule, field_name, value in rows(warehouse, limit):
        where = f"{source_file}:{line}" if line is not None else source_file
        # a refused file's reason is a sentence that ends with what to do: printed whole; so
        # is what a row's value should have been, only the value itself (a whole cut line,
        # perhaps) is shortened
        what = _row_reason(field_name, value) if field_name else (value or "")
        lines.append(f"  {where:<40} {rule:<22} {what}  [{table}]")
    return "\n".join(lines)
