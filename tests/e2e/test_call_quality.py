"""Call quality on the demo: every transcript scored with evidence that quotes it, the rude
employee found, the KPI fed, and re-scoring only when the checklist changes."""

from __future__ import annotations

import json
import logging

import pytest

from tests.warehouse import query

pytestmark = pytest.mark.e2e


def test_every_transcript_is_scored_with_evidence_from_its_text(demo_run):
    _, warehouse = demo_run
    transcripts = query(warehouse, "select count(*) from raw_pbx.transcripts")[0][0]
    scored = query(warehouse, "select count(*), count(employee_id) from marts.mart_call_quality")[0]
    assert scored == (transcripts, transcripts)
    rows = query(
        warehouse,
        "select q.evidence, t.segments_json from marts.mart_call_quality as q "
        "join raw_pbx.transcripts as t using (call_id) limit 300",
    )
    for evidence, segments in rows:
        text = " ".join(s["text"] for s in json.loads(segments)).lower()
        for item, found in json.loads(evidence).items():
            assert found["quote"].lower() in text, (item, found)


def test_the_rude_employee_has_the_lowest_politeness(demo_run, demo_inbox):
    _, warehouse = demo_run
    rude = json.loads((demo_inbox / "demo_manifest.json").read_text())["planted"]["rude"][0]
    rates = query(
        warehouse, "select employee_id, avg(politeness) from marts.mart_call_quality group by 1 order by 2"
    )
    assert rates[0][0] == rude and rates[0][1] < rates[1][1]


def test_call_quality_kpi_is_the_mean_score(demo_run):
    _, warehouse = demo_run
    mismatches = query(
        warehouse,
        """
        select k.employee_id, k.month
        from marts.mart_kpi_monthly as k
        join (
            select employee_id, date_trunc('month', local_date) as month, avg(score) as mean_score
            from marts.mart_call_quality group by 1, 2
        ) as q on q.employee_id = k.employee_id and q.month = k.month
        where k.kpi_code = 'call_quality' and abs(k.actual_value - q.mean_score) > 0.0001
        """,
    )
    assert mismatches == []


def test_objections_are_counted_once_each_under_a_catalog_category(demo_run):
    _, warehouse = demo_run
    total, unanswered = query(
        warehouse,
        "select count(*), count(*) filter (where not is_answered) "
        "from staging.stg_call_quality__call_objections",
    )[0]
    assert total > 0
    assert query(
        warehouse, "select sum(objections), sum(unanswered) from marts.mart_call_objections_monthly"
    ) == [(total, unanswered)]
    categories = {r[0] for r in query(warehouse, "select distinct category from staging.stg_crm__products")}
    filed_sql = "select distinct product_category from marts.mart_call_objections_monthly"
    filed = {r[0] for r in query(warehouse, filed_sql)}
    assert filed - {"unknown"} and filed - {"unknown"} <= categories


@pytest.mark.parametrize("changed", ["checklists_version", "scorer_fingerprint"])
def test_scoring_runs_once_per_scoring_version(demo_run, monkeypatch, changed):
    """A changed checklist, or an upgraded scorer (its code, or a library it reads words with),
    scores every call again: an upgrade left the calls scored before judged by the old rules,
    so a month mixed two scorers and a warehouse built afresh paid otherwise."""
    from call_quality import batches
    from ingestion.sources import call_scores as source

    _, warehouse = demo_run
    assert list(source.score_batches(warehouse)) == []  # everything scored by today's scorer
    monkeypatch.setattr(batches, changed, lambda *_: "a-new-version")
    rescored = sum(len(batch.scores) for batch in source.score_batches(warehouse))
    assert rescored == query(warehouse, "select count(*) from raw_pbx.transcripts")[0][0]


def test_scoring_in_worker_processes_gives_the_same_results(demo_run, monkeypatch, caplog):
    from core import progress
    from ingestion.sources import call_scores as source

    _, warehouse = demo_run
    pools = []

    class CountedPool(source.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(kwargs["max_workers"])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(source, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(source, "scoring_version", lambda _: "another-version")  # everything unscored
    monkeypatch.setattr(source, "BATCH", 150)
    monkeypatch.setattr(source, "IN_PROCESS_UP_TO", 300)
    monkeypatch.setattr(progress, "EVERY_SECONDS", 0)  # every batch said
    alone = list(source.score_batches(warehouse, workers=1))
    with caplog.at_level(logging.INFO, logger=progress.LOGGER):
        together = list(source.score_batches(warehouse, workers=2))

    def scored(batches):
        return sorted((row for b in batches for row in b.scores), key=lambda row: row["call_id"])

    assert pools == [2]  # two processes scored the second time, none the first
    assert len(alone) > 3 and scored(together) == scored(alone)
    assert len(scored(alone)) == len({row["call_id"] for row in scored(alone)})
    assert [len(b.scores) for b in together] == [len(b.scores) for b in alone]  # the same batches, in order
    # the processes' work is said as it goes, against the number there was to score
    total = sum(len(b.scores) + len(b.bad) for b in together)
    said = [r.getMessage() for r in caplog.records if r.name == progress.LOGGER]
    assert len(said) == len(together) and said[-1].startswith(f"scoring calls: {total:,} of {total:,} (")


def test_a_few_transcripts_are_scored_without_starting_processes(demo_run, monkeypatch):
    """Starting a scoring process costs about a second: a day's few calls are scored in the
    run's own process, however many cores there are."""
    from ingestion.sources import call_scores as source

    _, warehouse = demo_run
    transcripts = query(warehouse, "select count(*) from raw_pbx.transcripts")[0][0]
    pools = []
    monkeypatch.setattr(source, "ProcessPoolExecutor", lambda *a, **k: pools.append(k) or None)
    monkeypatch.setattr(source, "scoring_version", lambda _: "yet-another-version")
    monkeypatch.setattr(source, "BATCH", 150)
    monkeypatch.setattr(source, "IN_PROCESS_UP_TO", transcripts)
    batches = list(source.score_batches(warehouse, workers=2))
    assert pools == [] and sum(len(b.scores) + len(b.bad) for b in batches) == transcripts
