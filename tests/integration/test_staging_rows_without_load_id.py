"""Raw call records loaded before rows carried a dlt load id (a warehouse an older autokpi
built) are staged by file and line: each once, the ones staged already not again."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from tests.warehouse import dbt_on, query

pytestmark = pytest.mark.e2e


def test_rows_without_a_load_id_are_staged_once(demo_run, tmp_path):
    warehouse = tmp_path / "autokpi.duckdb"
    shutil.copyfile(demo_run[1], warehouse)
    (file,) = query(warehouse, "select min(_source_file) from raw_pbx.asterisk_cdr")[0]
    with duckdb.connect(str(warehouse)) as con:
        # as an older autokpi left them: no load id on the file's raw rows nor on its legs,
        # and two of its lines not staged yet
        con.execute("update raw_pbx.asterisk_cdr set _dlt_load_id = null where _source_file = ?", [file])
        con.execute("update staging.stg_pbx__cdr_legs set load_id = null where source_file = ?", [file])
        con.execute(
            "delete from staging.stg_pbx__cdr_legs where source_file = ? and source_line in (2, 3)", [file]
        )
    done = dbt_on(warehouse, ["run", "--select", "stg_pbx__cdr_legs"], tmp_path)
    assert done.returncode == 0, done.stdout[-2000:]

    legs = "select count(*), count(distinct leg_id) from staging.stg_pbx__cdr_legs where source_file = ?"
    raw = "select count(*) from raw_pbx.asterisk_cdr where _source_file = ?"
    (count, distinct), (raw_count,) = query(warehouse, legs, [file])[0], query(warehouse, raw, [file])[0]
    assert count == distinct == raw_count
    restaged = (
        "select source_line from staging.stg_pbx__cdr_legs where source_file = ? and staged_at > ? order by 1"
    )
    (pipeline_staged,) = query(
        warehouse, "select max(staged_at) from staging.stg_pbx__cdr_legs where source_line > 3"
    )[0]
    assert query(warehouse, restaged, [file, pipeline_staged]) == [(2,), (3,)]
