"""A transcripts file sent again corrected: the calls it takes back lose their transcript,
score and objections; a call whose transcript changed is scored again from the new text."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.warehouse import connect
from ingestion.pipeline import load_source
from tests.conftest import ASTERISK_SAMPLES, make_inbox

FILE = "pbx/transcripts/2026-10-01.jsonl"


def _line(call_id: str, *turns: tuple[str, str]) -> str:
    segments = [
        {"speaker": speaker, "start": 10.0 * i, "end": 10.0 * i + 5, "text": text}
        for i, (speaker, text) in enumerate(turns)
    ]
    return json.dumps({"call_id": call_id, "language": "ru", "segments": segments}, ensure_ascii=False) + "\n"


GREETING = ("agent", "Здравствуйте! Меня зовут Анна, компания ЭлектроСнаб.")
EXPENSIVE = ("client", "Это слишком дорого для нас.")
GOODBYE = ("agent", "Отправлю счёт на почту. Всего доброго!")


def _transcripts_inbox(tmp_path) -> tuple[Path, Path]:
    """An inbox of the sample's call records, and its empty transcripts folder."""
    inbox = make_inbox(tmp_path, [ASTERISK_SAMPLES / "smallcdr.csv"])
    folder = inbox / "pbx" / "transcripts"
    folder.mkdir()
    return inbox, folder


def query(warehouse, sql: str, params=None) -> list[tuple]:
    """On the target the test runs on (DuckDB or PostgreSQL)."""
    with connect(warehouse) as con:
        return [tuple(row) for row in con.execute(sql, params).fetchall()]


def _load(inbox, warehouse) -> None:
    load_source("pbx_files", inbox, warehouse)
    load_source("call_quality", inbox, warehouse)


@pytest.fixture(params=["duckdb", "postgres"])
def on_each_target(request, monkeypatch):
    """The test once on DuckDB, once on a fresh database of the PostgreSQL test server: the
    SQL that picks what to score runs on both."""
    if request.param == "postgres":
        request.getfixturevalue("postgres_target")
    else:
        monkeypatch.delenv("DBT_TARGET", raising=False)


@pytest.mark.usefixtures("on_each_target")
def test_a_corrected_transcripts_file_takes_back_the_calls_it_no_longer_holds(tmp_path):
    inbox, folder = _transcripts_inbox(tmp_path)
    day = folder / "2026-10-01.jsonl"
    day.write_text(
        _line("c1", GREETING, GOODBYE)
        + _line("c2", GREETING, EXPENSIVE, GOODBYE)
        + _line("c3", GREETING, EXPENSIVE, GOODBYE)
        + _line("c4", GREETING, GOODBYE)
        + _line("c6", GREETING, GOODBYE),
        encoding="utf-8",
    )
    warehouse = tmp_path / "w.duckdb"
    _load(inbox, warehouse)
    calls = "select call_id from raw_pbx.transcripts order by 1"
    scored = "select call_id from raw_call_quality.call_scores order by 1"
    objected = "select distinct call_id from raw_call_quality.call_objections order by 1"
    assert query(warehouse, calls) == query(warehouse, scored) == [(f"c{n}",) for n in (1, 2, 3, 4, 6)]
    assert query(warehouse, objected) == [("c2",), ("c3",)]
    scored_before = dict(query(warehouse, "select call_id, evidence_json from raw_call_quality.call_scores"))
    score_loads = "select call_id, transcript_load_id from raw_call_quality.call_scores"
    score_loads_before = dict(query(warehouse, score_loads))

    # sent again corrected: line 2 is wrong now, line 3 lost the client's objection, and
    # lines 4 and 5 hold other calls than before; the call of line 5 is in a new file
    since = datetime.now(UTC).replace(tzinfo=None)
    day.write_text(
        _line("c1", GREETING, GOODBYE)
        + '{"call_id": "c2", "segments": [{"speaker": "robot", "text": "?"}]}\n'
        + _line("c3", GREETING, GOODBYE)
        + _line("c5", GREETING, GOODBYE)
        + _line("c7", GREETING, GOODBYE),
        encoding="utf-8",
    )
    (day.parent / "2026-10-02.jsonl").write_text(_line("c6", GREETING, EXPENSIVE), encoding="utf-8")
    load_source("pbx_files", inbox, warehouse)
    # scored again: the transcripts the correction changed or added, not c1 it left as it was
    from ingestion.sources.call_scores import score_batches

    to_score = sorted(score["call_id"] for batch in score_batches(warehouse) for score in batch.scores)
    assert to_score == ["c3", "c5", "c6", "c7"]
    load_source("call_quality", inbox, warehouse)

    # raw = clean + quarantined for the file as last sent; the call that moved stays
    survivors = [(f"c{n}",) for n in (1, 3, 5, 6, 7)]
    assert query(warehouse, calls) == survivors
    moved = "select _source_file from raw_pbx.transcripts where call_id = 'c6'"
    assert query(warehouse, moved) == [("pbx/transcripts/2026-10-02.jsonl",)]
    quarantined = "select source_line, rule from raw_pbx.transcripts_quarantine where source_file = ?"
    assert query(warehouse, quarantined, [FILE]) == [(2, "transcript_format")]
    from orchestration.quarantine_report import format_report

    report = format_report(warehouse).splitlines()
    listed = [line.split() for line in report if line.startswith("  raw_pbx.transcripts_quarantine ")]
    assert listed == [["raw_pbx.transcripts_quarantine", "transcript_format", "1", "row", "in", "1", "file"]]
    assert "the rows:" in report and f"  {FILE}:2" in "\n".join(report)
    # the calls taken back lose their score and objections; the corrected one is scored again
    assert query(warehouse, scored) == survivors
    assert query(warehouse, objected) == [("c6",)]
    scored_now = dict(query(warehouse, "select call_id, evidence_json from raw_call_quality.call_scores"))
    assert scored_now["c1"] == scored_before["c1"]
    assert scored_now["c3"] != scored_before["c3"]
    # each score names the load of the transcript text it read: c1's, the first load's
    score_loads_now = dict(query(warehouse, score_loads))
    assert score_loads_now["c1"] == score_loads_before["c1"]
    assert score_loads_now["c3"] != score_loads_before["c3"]
    loads = "select t.call_id, t._dlt_load_id = s.transcript_load_id from raw_pbx.transcripts as t "
    loads += "inner join raw_call_quality.call_scores as s on s.call_id = t.call_id order by t.call_id"
    assert query(warehouse, loads) == [("c1", False), ("c3", True), ("c5", True), ("c6", True), ("c7", True)]
    # and the run says which lines took which calls back, and what to do
    from orchestration.run import _withdrawn_transcripts

    assert _withdrawn_transcripts(warehouse, since) == [
        f"{FILE} was sent again corrected and lines 2 (call c2), 4 (call c4) no longer hold those "
        "calls, so their transcripts and quality scores no longer count: autokpi quarantine says "
        "what is wrong with a line it set aside; correct the file and send it again"
    ]

    # loaded again unchanged: nothing more is taken back or scored
    _load(inbox, warehouse)
    assert query(warehouse, "select count(*) from raw_pbx.transcripts_withdrawn") == [(2,)]
    assert query(warehouse, scored) == survivors


def test_a_call_corrected_into_a_language_without_a_checklist_loses_its_old_score(tmp_path, monkeypatch):
    """Its transcript stays, it cannot be scored now (quarantined, as a fresh build would),
    and the score and objections of its earlier version go."""
    monkeypatch.delenv("DBT_TARGET", raising=False)
    inbox, folder = _transcripts_inbox(tmp_path)
    day = folder / "2026-10-01.jsonl"
    first = _line("c0", GREETING, GOODBYE)  # a correction keeps its first line
    day.write_text(first + _line("c1", GREETING, EXPENSIVE, GOODBYE), encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    _load(inbox, warehouse)
    assert query(warehouse, "select count(*) from raw_call_quality.call_objections") == [(1,)]
    german = _line("c1", GREETING, EXPENSIVE, GOODBYE).replace('"ru"', '"de"')
    day.write_text(first + german, encoding="utf-8")
    _load(inbox, warehouse)
    languages = "select call_id, language from raw_pbx.transcripts order by 1"
    assert query(warehouse, languages) == [("c0", "ru"), ("c1", "de")]
    assert query(warehouse, "select call_id from raw_call_quality.call_scores") == [("c0",)]
    assert query(warehouse, "select count(*) from raw_call_quality.call_objections") == [(0,)]
    refused = "select source_line, rule, raw_value from raw_call_quality.call_scores_quarantine"
    assert query(warehouse, refused) == [(2, "checklist_language", "de")]
    _load(inbox, warehouse)  # a run with nothing new quarantines the line no second time
    assert query(warehouse, refused) == [(2, "checklist_language", "de")]
    day.write_text(first + german + _line("c2", GOODBYE).replace('"ru"', '"de"'), encoding="utf-8")
    _load(inbox, warehouse)  # a new line in that language is quarantined, once
    assert sorted(query(warehouse, refused)) == [
        (2, "checklist_language", "de"),
        (3, "checklist_language", "de"),
    ]
    _load(inbox, warehouse)
    assert len(query(warehouse, refused)) == 2


def test_a_call_in_two_files_keeps_the_transcript_of_the_file_written_last(tmp_path, monkeypatch):
    """As a corrected CRM row does: the newer file is the correction, whatever its name and
    whether both arrive in one run (a fresh build) or one run after the other."""
    monkeypatch.delenv("DBT_TARGET", raising=False)
    calls = [f"c{i}" for i in range(300)]
    first = "".join(_line(c, GREETING, GOODBYE) for c in calls)
    corrected = "".join(_line(c, GREETING, EXPENSIVE, GOODBYE) for c in calls)
    kept = "select count(*) from raw_pbx.transcripts where segment_count = 3"
    for name, runs in (("fresh", 1), ("daily", 2)):
        inbox = make_inbox(tmp_path / name, [ASTERISK_SAMPLES / "smallcdr.csv"])
        folder = inbox / "pbx" / "transcripts"
        folder.mkdir()
        warehouse = tmp_path / name / "w.duckdb"
        (folder / "z-first.jsonl").write_text(first, encoding="utf-8")
        os.utime(folder / "z-first.jsonl", (1_790_000_000, 1_790_000_000))
        if runs == 2:
            _load(inbox, warehouse)
        (folder / "a-corrected.jsonl").write_text(corrected, encoding="utf-8")
        _load(inbox, warehouse)
        assert query(warehouse, kept) == [(300,)], name
        assert query(warehouse, "select count(*) from raw_call_quality.call_objections") == [(300,)], name


def test_a_file_set_aside_for_its_speaker_labels_is_read_again_once_they_are_given_roles(
    tmp_path, monkeypatch
):
    monkeypatch.delenv("DBT_TARGET", raising=False)
    monkeypatch.delenv("AUTOKPI_TRANSCRIPT_SPEAKERS", raising=False)
    inbox, folder = _transcripts_inbox(tmp_path)
    (folder / "plain.jsonl").write_text(_line("c0", GREETING, GOODBYE), encoding="utf-8")
    by_channel = _line("c1", GREETING, EXPENSIVE, GOODBYE).replace('"agent"', "0").replace('"client"', "1")
    (folder / "channels.jsonl").write_text(by_channel, encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    _load(inbox, warehouse)
    assert query(warehouse, "select call_id from raw_pbx.transcripts") == [("c0",)]
    assert query(warehouse, "select source_file from raw_pbx.transcripts_quarantine") == [
        ("pbx/transcripts/channels.jsonl",)
    ]
    monkeypatch.setenv("AUTOKPI_TRANSCRIPT_SPEAKERS", "0=agent,1=client")
    _load(inbox, warehouse)
    scored = "select call_id, objections_count from raw_call_quality.call_scores order by 1"
    assert query(warehouse, scored) == [("c0", 0), ("c1", 1)]
    plain_load = query(warehouse, "select _dlt_load_id from raw_pbx.transcripts where call_id = 'c0'")
    from orchestration.quarantine_report import format_report

    assert "channels.jsonl" not in format_report(warehouse)  # its line no longer open
    _load(inbox, warehouse)  # nothing new: neither file is read again
    assert query(warehouse, "select _dlt_load_id from raw_pbx.transcripts where call_id = 'c0'") == plain_load
    assert query(warehouse, "select count(*) from raw_pbx.transcripts_quarantine") == [(1,)]


def test_a_json_file_of_calls_loads_and_is_read_whole_again_when_it_changes(tmp_path, monkeypatch):
    """A pretty-printed array (or a call per file) is never appended to: any change, a call
    added or one corrected shorter, reads it whole again (a JSON-lines file with fewer lines
    would be refused); a call it no longer holds is taken back, and unchanged, it is not read."""
    monkeypatch.delenv("DBT_TARGET", raising=False)
    inbox, folder = _transcripts_inbox(tmp_path)
    calls = folder / "calls.json"

    def write(*lines: str) -> None:
        calls.write_text(json.dumps([json.loads(line) for line in lines], ensure_ascii=False, indent=2))

    write(_line("c1", GREETING, EXPENSIVE, GOODBYE), _line("c2", GREETING, GOODBYE))
    warehouse = tmp_path / "w.duckdb"
    _load(inbox, warehouse)
    scored = "select call_id, objections_count from raw_call_quality.call_scores order by 1"
    assert query(warehouse, scored) == [("c1", 1), ("c2", 0)]
    write(_line("c1", GREETING, GOODBYE), _line("c3", GREETING, EXPENSIVE, GOODBYE))  # shorter, c2 gone
    _load(inbox, warehouse)
    assert query(warehouse, scored) == [("c1", 0), ("c3", 1)]
    assert query(warehouse, "select call_id from raw_pbx.transcripts_withdrawn") == [("c2",)]
    loads = "select count(distinct _dlt_load_id) from raw_pbx.transcripts"
    before = query(warehouse, loads)
    _load(inbox, warehouse)  # unchanged: not read again
    assert query(warehouse, loads) == before
    from orchestration.quarantine_report import summary

    assert summary(warehouse) == []


@pytest.mark.usefixtures("on_each_target")
def test_a_language_given_as_a_locale_is_scored_and_one_without_a_checklist_quarantined_once(tmp_path):
    inbox, folder = _transcripts_inbox(tmp_path)
    tagged = (("c1", "ru-RU"), ("c2", "de-DE"))
    lines = [_line(call, GREETING, GOODBYE).replace('"ru"', f'"{tag}"') for call, tag in tagged]
    (folder / "2026-10-01.jsonl").write_text("".join(lines), encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    refused = "select source_line, raw_value from raw_call_quality.call_scores_quarantine"
    scored = "select call_id, language from raw_call_quality.call_scores"
    for _ in range(2):  # a run with nothing new quarantines the German call no second time
        _load(inbox, warehouse)
        assert query(warehouse, scored) == [("c1", "ru")]
        assert query(warehouse, refused) == [(2, "de-DE")]


@pytest.mark.usefixtures("on_each_target")
def test_a_call_without_the_agents_words_is_quarantined_once_not_scored_against_the_agent(tmp_path):
    inbox, folder = _transcripts_inbox(tmp_path)
    day = folder / "2026-10-01.jsonl"
    silent, client_only = '{"call_id": "c2", "language": "ru", "segments": []}\n', _line("c3", EXPENSIVE)
    day.write_text(_line("c1", GREETING) + silent + client_only + _line("c4", GREETING), encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    scored = "select call_id from raw_call_quality.call_scores order by 1"
    refused = "select source_line, rule from raw_call_quality.call_scores_quarantine order by 1"
    for _ in range(2):  # a run with nothing new quarantines them no second time
        _load(inbox, warehouse)
        assert query(warehouse, scored) == [("c1",), ("c4",)]
        assert query(warehouse, refused) == [(2, "no_agent_speech"), (3, "no_agent_speech")]
    # corrected: c2 has the agent's words now (scored), c4 lost them (its score goes); c3 as it was
    day.write_text(
        _line("c1", GREETING) + _line("c2", GREETING) + client_only + _line("c4"), encoding="utf-8"
    )
    _load(inbox, warehouse)
    assert query(warehouse, scored) == [("c1",), ("c2",)]
    from orchestration.quarantine_report import summary

    # open: c3 and c4, still without the agent's words; c2's row was closed by its score
    assert [(g.rule, g.rows) for g in summary(warehouse)] == [("no_agent_speech", 2)]
    assert query(warehouse, refused) == [
        (2, "no_agent_speech"),
        (3, "no_agent_speech"),
        (4, "no_agent_speech"),
    ]


@pytest.mark.usefixtures("on_each_target")
def test_a_call_the_scorer_failed_on_is_tried_again_by_an_upgraded_scorer_only(tmp_path, monkeypatch):
    """A call the scorer failed on was tried again only when its transcript changed: an
    upgrade that fixed the scorer left it unscored, and out of the agent's pay, for good."""
    from call_quality import batches
    from call_quality.scorer import Scorer
    from orchestration.quarantine_report import summary

    inbox, folder = _transcripts_inbox(tmp_path)
    (folder / "2026-10-01.jsonl").write_text(_line("c1", GREETING) + _line("c2", GREETING), encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    scores = Scorer.score

    def fails_on_c2(self, call_id, segments):
        return 1 / 0 if call_id == "c2" else scores(self, call_id, segments)

    def upgrade(fixed: bool, fingerprint: str) -> None:
        monkeypatch.setattr(Scorer, "score", scores if fixed else fails_on_c2)
        monkeypatch.setattr(batches, "scorer_fingerprint", lambda: fingerprint)

    scored = "select call_id from raw_call_quality.call_scores order by 1"
    refused = "select source_line, rule from raw_call_quality.call_scores_quarantine"
    upgrade(fixed=False, fingerprint="v1")
    for _ in range(2):  # the same scorer fails on it no second time
        _load(inbox, warehouse)
        assert query(warehouse, scored) == [("c1",)]
        assert query(warehouse, refused) == [(2, "scorer_failed")]
    upgrade(fixed=False, fingerprint="v2")  # tried again, and still failing: one line open, not two
    _load(inbox, warehouse)
    assert query(warehouse, scored) == [("c1",)]
    assert query(warehouse, refused) == [(2, "scorer_failed")] * 2
    assert [(g.rule, g.rows) for g in summary(warehouse)] == [("scorer_failed", 1)]
    upgrade(fixed=True, fingerprint="v3")
    _load(inbox, warehouse)
    assert query(warehouse, scored) == [("c1",), ("c2",)]
    assert summary(warehouse) == []


def test_a_transcript_naming_no_language_scored_by_the_russian_checklist_before_is_scored_again_once(
    tmp_path, monkeypatch
):
    """Before the scorer read a language from the words, an English call naming none was
    scored by the Russian checklist; that score stood after the upgrade, as nothing about
    the transcript changed. It is made again once (a score from before has no language_from)."""
    monkeypatch.delenv("DBT_TARGET", raising=False)
    inbox, folder = _transcripts_inbox(tmp_path)
    day = folder / "2026-10-01.jsonl"
    english = {"speaker": "agent", "start": 0.0, "end": 3.0, "text": "Hello, this is Anna from Vector."}
    lines = [
        {"call_id": "c1", "segments": [english]},
        {"call_id": "c2", "language": "", "segments": [english]},
    ]
    day.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    day_ru = inbox / "pbx" / "transcripts" / "2026-10-02.jsonl"
    day_ru.write_text(_line("c3", GREETING), encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    _load(inbox, warehouse)
    scored = "select call_id, language, language_from from raw_call_quality.call_scores order by 1"
    assert query(warehouse, scored) == [
        ("c1", "en", "words"),
        ("c2", "en", "words"),
        ("c3", "ru", "transcript"),
    ]
    # the scores as an autokpi before this one left them: Russian, and no language_from
    with connect(warehouse, read_only=False) as con:
        con.execute("update raw_call_quality.call_scores set language = 'ru', language_from = null")
    _load(inbox, warehouse)
    assert query(warehouse, scored) == [("c1", "en", "words"), ("c2", "en", "words"), ("c3", "ru", None)]
    from ingestion.sources.call_scores import score_batches

    assert [s for batch in score_batches(warehouse) for s in batch.scores] == []  # once only
