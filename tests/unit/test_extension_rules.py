"""Python (the raw checks, core/extensions.py) and SQL (the models, macros/extensions.sql)
read extensions the same way: the same cases through both, the SQL run on DuckDB."""

from __future__ import annotations

import duckdb
import jinja2
import pytest

from core.extensions import channel_extension, directory_extensions
from core.paths import DBT_PROJECT_DIR

CHANNELS = [
    ("SIP/101-0000abcd", "101"),
    ("PJSIP/101-00000001", "101"),
    ("Local/101@from-queue-0000;1", "101"),
    ("SIP/101;2", "101"),
    ("SIP/101", "101"),
    ("IAX2/5101-123", "5101"),
    ("SIP/trunk-00000001", None),  # a trunk: SQL gives its name, which matches no employee
    ("PJSIP/+79161234567-0000", None),
    ("", None),
    (None, None),
]
DIRECTORY_LISTS = [
    ("101;5101", ["101", "5101"]),
    ("101, 5101", ["101", "5101"]),
    (" 101 ; 5101 ,7001", ["101", "5101", "7001"]),
    ("101;;5101", ["101", "5101"]),
    ("101", ["101"]),
    ("", []),
    (None, []),
]


class _Dbt:
    """dbt's cross-database split_part as DuckDB spells it."""

    @staticmethod
    def split_part(text, delimiter, position):
        return f"split_part({text}, {delimiter}, {position})"


def _macros():
    loader = jinja2.FileSystemLoader(DBT_PROJECT_DIR / "macros")
    env = jinja2.Environment(loader=loader, extensions=["jinja2.ext.do"])
    env.globals["dbt"] = _Dbt()
    lists = env.get_template("list_positions.sql").module
    env.globals["list_item"] = lists.list_item
    return env.get_template("extensions.sql").module


def _sql_channel_extension(channel):
    sql = _macros().channel_extension("channel")
    value = duckdb.execute(f"select {sql} from (select ?::varchar as channel)", [channel]).fetchall()[0][0]
    return value if value is None or value.isdigit() else None  # a trunk's name matches no one


def _sql_directory_extensions(text):
    macros = _macros()
    item = macros.directory_extension(macros.directory_extension_list("listed"), "position")
    sql = f"select {item} from (select ?::varchar as listed), range(1, 9) as positions(position)"
    return [value for (value,) in duckdb.execute(sql, [text]).fetchall() if value != ""]


@pytest.mark.parametrize(("channel", "extension"), CHANNELS)
def test_a_channel_gives_the_same_extension_in_python_and_sql(channel, extension):
    assert channel_extension(channel) == extension
    assert _sql_channel_extension(channel) == extension


@pytest.mark.parametrize(("listed", "extensions"), DIRECTORY_LISTS)
def test_a_directory_list_gives_the_same_extensions_in_python_and_sql(listed, extensions):
    assert directory_extensions(listed) == extensions
    assert _sql_directory_extensions(listed) == extensions
