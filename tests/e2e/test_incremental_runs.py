"""Daily runs rebuild only what changed, and still equal a full rebuild from the same files.

The call models are incremental (see int_call_legs): a run rebuilds the calls with a
leg staged since the last build (new, late or corrected), or every call when the
extension directory changed, and the calls a corrected line moved a leg out of (dropping
them when no leg is left). Whatever it picks, the marts must be those of a fresh warehouse.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys

import pytest

from ingestion.sources.asterisk.settings import LAYOUTS
from orchestration.run import run_pipeline
from orchestration.serving import snapshot_path_for
from tests.warehouse import left_as_they_were, mart_digests, query

pytestmark = pytest.mark.e2e


# a BI tool in a process of its own: opens the published snapshot once, read-only, and
# answers "how many calls" for every line it is sent, through the same connection
READER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
for _ in sys.stdin:
    print(con.execute("select count(*) from marts.fct_calls").fetchone()[0], flush=True)
"""


def _calls_seen(reader: subprocess.Popen) -> int:
    reader.stdin.write("count\n")
    reader.stdin.flush()
    return int(reader.stdout.readline())


def _built_at_of_calls(warehouse, table: str = "intermediate.int_calls") -> dict[str, object]:
    return dict(query(warehouse, f"select call_id, built_at from {table}"))


def _split_off_legs_to_correct(cdr_file, part_file) -> list[str]:
    """Move five legs of ``cdr_file`` into ``part_file``: any leg (the first line, kept as
    it is), then twice one leg of a call of three or more and the only leg of another
    call; the ids of these four calls. A small file, so that correcting it later stages
    only its lines again."""
    lines = cdr_file.read_text(encoding="utf-8").splitlines(keepends=True)
    call_ids = [row[-2] for row in csv.reader(lines)]
    legs_of = {call_id: call_ids.count(call_id) for call_id in call_ids}
    many = [i for i, c in enumerate(call_ids) if legs_of[c] >= 3 and i > 0]
    many = [many[0], next(i for i in many if call_ids[i] != call_ids[many[0]])]
    one = [i for i, c in enumerate(call_ids) if legs_of[c] == 1 and i > 0][:2]
    moved = [0, many[0], one[0], many[1], one[1]]
    part_file.write_text("".join(lines[i] for i in moved), encoding="utf-8")
    cdr_file.write_text("".join(line for i, line in enumerate(lines) if i not in moved), encoding="utf-8")
    return [call_ids[i] for i in moved[1:]]


def _cut_and_relink(part_file, new_ids: list[str]) -> None:
    """Cut the second and third line of ``part_file`` to their first ten fields (as a
    copy that lost the end of a line), and correct the linked ids of the fourth and
    fifth, in place."""
    lines = part_file.read_text(encoding="utf-8").splitlines(keepends=True)
    for i in (1, 2):
        cut = io.StringIO()
        csv.writer(cut, lineterminator="\n").writerow(next(csv.reader([lines[i]]))[:10])
        lines[i] = cut.getvalue()
    for i, new_id in zip((3, 4), new_ids, strict=True):
        old_id = next(csv.reader([lines[i]]))[-2]
        lines[i] = lines[i].replace(f'"{old_id}"', f'"{new_id}"')
        assert new_id in lines[i]
    part_file.write_text("".join(lines), encoding="utf-8")


def _split_off_single_legs(cdr_file, part_file, count: int = 2) -> list[str]:
    """Move the only legs of ``count`` calls of ``cdr_file`` into ``part_file``; their call ids."""
    lines = cdr_file.read_text(encoding="utf-8").splitlines(keepends=True)
    call_ids = [row[-2] for row in csv.reader(lines)]
    moved = [i for i, c in enumerate(call_ids) if call_ids.count(c) == 1 and i > 0][:count]
    part_file.write_text("".join(lines[i] for i in moved), encoding="utf-8")
    cdr_file.write_text("".join(line for i, line in enumerate(lines) if i not in moved), encoding="utf-8")
    return [call_ids[i] for i in moved]


def _misspell_dispositions(part_file, lines: list[int]) -> None:
    """``lines`` of ``part_file`` (1-based) with a disposition no PBX writes: the layout
    still reads, and the lines are wrong."""
    rows = list(csv.reader(part_file.read_text(encoding="utf-8").splitlines()))
    for n in lines:
        rows[n - 1][LAYOUTS[len(rows[n - 1])].index("disposition")] = "ANSWRED"
    with part_file.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)


def _correct_transcripts(path) -> tuple[str, str]:
    """Send a transcripts file again with its second line cut short and the agent's words
    of its third changed: (the call of the cut line, the call of the changed one)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cut, changed = json.loads(lines[1]), json.loads(lines[2])
    lines[1] = lines[1][: len(lines[1]) // 2] + "\n"
    for segment in changed["segments"]:
        if segment["speaker"] == "agent":
            segment["text"] = "Да."
    lines[2] = json.dumps(changed, ensure_ascii=False) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return cut["call_id"], changed["call_id"]


def test_daily_runs_equal_a_full_rebuild(demo_inbox, tmp_path, dbt_manifest):
    inbox = tmp_path / "inbox"
    shutil.copytree(demo_inbox, inbox)
    cdr = inbox / "pbx" / "asterisk"
    october, november = cdr / "Master-2026-10.csv", cdr / "Master-2026-11.csv"

    # the PBX has not written the end of November yet, and ten early-October rows
    # (legs of calls whose other legs are there) only arrive later, in a file of their own
    november_lines = november.read_bytes().splitlines(keepends=True)
    cut = len(november_lines) * 3 // 4
    november.write_bytes(b"".join(november_lines[:cut]))
    october_lines = october.read_bytes().splitlines(keepends=True)
    late = october_lines[100:110]
    october.write_bytes(b"".join(october_lines[:100] + october_lines[110:]))
    late_call_ids = {row[-2] for row in csv.reader(line.decode() for line in late)}
    part = cdr / "Master-2026-10-part.csv"
    cut_from, cut_away, left, emptied = _split_off_legs_to_correct(october, part)
    misspelt = cdr / "Master-2026-10-misspelt.csv"
    misspelt_first, misspelt_later = _split_off_single_legs(october, misspelt)
    _misspell_dispositions(misspelt, [1])

    warehouse = tmp_path / "daily" / "autokpi.duckdb"
    run_pipeline(inbox, warehouse, quiet=True)
    first = _built_at_of_calls(warehouse)
    first_in_mart = _built_at_of_calls(warehouse, "marts.fct_calls")
    first_transcript_load = query(warehouse, "select max(_dlt_load_id) from raw_pbx.transcripts")[0][0]

    # day two: the rest of November appended, the late rows in their own file; a BI tool
    # holds the published snapshot open all the while, and the run does not wait for it
    snapshot = snapshot_path_for(warehouse)
    reader = subprocess.Popen([sys.executable, "-c", READER, str(snapshot)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        calls_on_day_one = _calls_seen(reader)
        assert calls_on_day_one == query(warehouse, "select count(*) from marts.fct_calls")[0][0]
        november.write_bytes(b"".join(november_lines))
        (cdr / "Master-late.csv").write_bytes(b"".join(late))
        # and a file sent again with two lines cut short and two linked ids corrected: a
        # leg leaves a call that keeps its other legs, and the only leg of another call
        # leaves it with none, for the quarantine (the cut lines) or for another call
        _cut_and_relink(part, ["9999999999.1", "9999999999.2"])
        # and a file sent again with every line wrong now (its first line, wrong from the
        # start, unchanged: a correction): no line of it is staged in this run, and the
        # call of its second line must go all the same
        _misspell_dispositions(misspelt, [1, 2])
        # and the transcripts sent again corrected: a line cut short, another's words changed
        withdrawn_call, rescored_call = _correct_transcripts(
            inbox / "pbx" / "transcripts" / "transcripts-2026-10.jsonl"
        )
        day_two = run_pipeline(inbox, warehouse, quiet=True)
        assert _calls_seen(reader) == calls_on_day_one  # its snapshot stays whole until it reopens
    finally:
        reader.stdin.close()
        reader.wait(timeout=30)
    calls_on_day_two = query(warehouse, "select count(*) from marts.fct_calls")[0][0]
    # the facts published as a Parquet file per month hold the marts' rows after the day
    # (the months it changed written again, the others kept)
    for mart in ("fct_calls", "fct_kpi_contributions"):
        files = str(snapshot.parent / "parquet" / mart / "*.parquet")
        differ = (
            f"select (select count(*) from (from read_parquet(?) except all from marts.{mart}))"
            f" + (select count(*) from (from marts.{mart} except all from read_parquet(?)))"
        )
        assert query(warehouse, differ, [files, files]) == [(0,)], mart
    # dbt rebuilt what the call records and transcripts reach, and left the CRM's side as it was
    expected = {"staging.stg_crm__products": True, "marts.dim_department": True, "marts.fct_calls": False,
                "marts.mart_call_quality": False, "marts.mart_bonus_monthly": False}  # fmt: skip
    assert left_as_they_were(warehouse, list(expected)) == expected
    # each leg once, in its new call; the emptied call gone from every call model
    legs = query(warehouse, "select count(*), count(distinct leg_id) from intermediate.int_call_legs")[0]
    assert legs[0] == legs[1]
    for table in ("intermediate.int_call_legs", "intermediate.int_calls", "marts.fct_calls"):
        calls = {c for (c,) in query(warehouse, f"select call_id from {table}")}
        assert {"9999999999.1", "9999999999.2", left, cut_from} <= calls, table
        assert emptied not in calls and cut_away not in calls, table
        assert misspelt_first not in calls and misspelt_later not in calls, table
    # raw = clean + quarantined for the file as last sent: its two cut lines are quarantined only
    part_name = "pbx/asterisk/Master-2026-10-part.csv"
    raw_lines = "select _source_line from raw_pbx.asterisk_cdr where _source_file = ? order by 1"
    assert query(warehouse, raw_lines, [part_name]) == [(1,), (4,), (5,)]
    legs_of_part = "select leg_id from intermediate.int_call_legs where source_file = ? order by 1"
    assert query(warehouse, legs_of_part, [part_name]) == [(f"{part_name}:{n}",) for n in (1, 4, 5)]
    # and the run says which lines stopped counting
    said = [w for w in day_two.warnings if w.startswith(part_name)]
    assert said == [
        f"{part_name}: lines 2, 3 counted before and are wrong in the file sent again, so their call "
        "records no longer count: autokpi quarantine says what is wrong; correct the file and send it again"
    ]
    # the transcript cut short no longer counts, and the changed one is scored again
    scored = dict(query(warehouse, "select call_id, score from staging.stg_call_quality__call_scores"))
    assert withdrawn_call not in scored and rescored_call in scored
    read_from = (
        "select s.transcript_load_id = t._dlt_load_id, t._dlt_load_id <> ? from raw_pbx.transcripts as t "
        "inner join raw_call_quality.call_scores as s on s.call_id = t.call_id where t.call_id = ?"
    )
    assert query(warehouse, read_from, [first_transcript_load, rescored_call]) == [(True, True)]
    # the scores rebuilt are those scored or placed anew, and each follows its call's facts
    scores_rebuilt = (
        "with last as (select max(built_at) as built_at from intermediate.int_call_scores) "
        "select count(*) filter (where s.built_at = last.built_at), "
        "count(*) filter (where s.call_id = ? and s.built_at = last.built_at), count(*) "
        "from intermediate.int_call_scores as s cross join last"
    )
    rebuilt_scores, rescored_rebuilt, scores = query(warehouse, scores_rebuilt, [rescored_call])[0]
    assert 0 < rebuilt_scores < scores and rescored_rebuilt == 1
    placed_elsewhere = (
        "select count(*) from intermediate.int_call_scores as s inner join intermediate.int_call_facts as f "
        "on s.call_id = f.call_id where s.employee_id is distinct from f.employee_id "
        "or s.local_date is distinct from f.local_date"
    )
    assert query(warehouse, placed_elsewhere) == [(0,)]
    assert any(w.startswith("pbx/transcripts/transcripts-2026-10.jsonl was sent again corrected and line 2 ")
               for w in day_two.warnings)  # fmt: skip
    misspelt_name = "pbx/asterisk/Master-2026-10-misspelt.csv"
    assert query(warehouse, raw_lines, [misspelt_name]) == []
    assert any(w.startswith(f"{misspelt_name}: line 2 counted before") for w in day_two.warnings)
    assert calls_on_day_two > calls_on_day_one
    assert query(snapshot, "select count(*) from marts.fct_calls")[0][0] == calls_on_day_two
    # the snapshot took the day's calls into its copy: row for row the warehouse's table
    every_call = "select * from marts.fct_calls order by call_id"
    assert query(snapshot, every_call) == query(warehouse, every_call)
    second = _built_at_of_calls(warehouse)
    rebuilt = {c for c, built in second.items() if first.get(c) != built}
    untouched = set(second) - rebuilt
    # the mart takes the same calls, and leaves the rest as it copied them on day one
    second_in_mart = _built_at_of_calls(warehouse, "marts.fct_calls")
    assert {c for c, built in second_in_mart.items() if first_in_mart.get(c) != built} == rebuilt
    assert late_call_ids <= rebuilt  # the late legs' calls, weeks old
    assert len(untouched) > len(second) / 2  # most of the history was left as built

    # day three: an extension changes hands retroactively: every call is re-attributed
    employees = inbox / "directory" / "employees.csv"
    rows = list(csv.DictReader(employees.open(encoding="utf-8")))
    moved = rows[2]["extensions"].split(";")[0]
    rows[2]["extensions"] = ";".join(e for e in rows[2]["extensions"].split(";") if e != moved)
    rows[3]["extensions"] = f"{rows[3]['extensions']};{moved}"
    with employees.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    run_pipeline(inbox, warehouse, quiet=True)
    assert left_as_they_were(warehouse, ["marts.dim_employee", "staging.stg_crm__products"]) == {
        "marts.dim_employee": False, "staging.stg_crm__products": True,
    }  # fmt: skip
    third = _built_at_of_calls(warehouse)
    assert all(third[c] != second.get(c) for c in third)

    fresh = tmp_path / "fresh" / "autokpi.duckdb"
    run_pipeline(inbox, fresh, quiet=True)
    assert mart_digests(warehouse) == mart_digests(fresh)
    assert query(warehouse, "select count(*) from marts.fct_calls") == query(
        fresh, "select count(*) from marts.fct_calls"
    )

    # `autokpi run --full-refresh`: nothing new, yet every call is rebuilt, to the same marts
    run_pipeline(inbox, warehouse, quiet=True, full_refresh=True)
    assert not any(left_as_they_were(warehouse, ["staging.stg_crm__products", "marts.dim_date"]).values())
    refreshed = _built_at_of_calls(warehouse)
    assert len(set(refreshed.values())) == 1 and set(refreshed.values()).isdisjoint(third.values())
    assert mart_digests(warehouse) == mart_digests(fresh)
