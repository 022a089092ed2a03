"""The dlt source that scores transcripts not yet scored by the current checklists and scorer.

It reads ``raw_pbx.transcripts`` from the warehouse, scores each call whose score is
missing, was made by another scoring version (checklists, the scorer's code and libraries:
``call_quality.batches.scoring_version``) or from other content of its transcript (a
corrected file sent again), and loads ``raw_call_quality.call_scores`` (merged on call_id)
and ``raw_call_quality.call_objections`` (replaced per call), so a changed checklist or an
upgraded scorer re-scores everything and an unchanged one scores only new calls. A call whose
transcript a corrected file took back (``raw_pbx.transcripts_withdrawn``) loses its score
and objections, as does one a correction left in a language no checklist reads; a call
scored again with no objections now loses its old ones.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path

import dlt
import pyarrow as pa

from call_quality.batches import (
    NO_AGENT_SPEECH,
    SCORER_FAILED,
    ScoredBatch,
    quarantined_record_sql,
    score_batch,
    scoring_version,
)
from call_quality.checklist import ITEMS, checklist_language_sql, load_checklists
from core import settings
from core.errors import UserFacingError
from core.progress import Progress
from core.warehouse import connect, exists
from ingestion.sources.quarantine import clean_rows, quarantine_item, rows_withdrawn

# transcripts scored at a time: small, so that the scoring processes finish together (a
# day's 15,000 at 10 M calls came as three batches of 5,000, the third scored alone)
BATCH = 1_000
# so many or fewer are scored in the run's own process: a scoring process costs about a
# second before its first call (Python, the scorer, its models), what 2,500 calls take
IN_PROCESS_UP_TO = 5_000
IN_FLIGHT_PER_PROCESS = 4  # batches handed to each process ahead: memory stays bounded

SCORE_SCHEMA = pa.schema(
    [
        pa.field("call_id", pa.string(), nullable=False),
        ("language", pa.string()),
        ("checklist_version", pa.string()),
        ("agent_extension", pa.string()),
        ("score", pa.float64()),
        *[(item, pa.int8()) for item in ITEMS],
        # each item's weight, so the warehouse can re-weigh a call when a dispute passes an item
        *[(f"{item}_weight", pa.float64()) for item in ITEMS],
        ("evidence_json", pa.string()),
        ("objections_count", pa.int32()),
        ("unanswered_objections", pa.int32()),
        # the load of the transcript scored, and the hash of what was scored (its
        # content_sha256): a transcript loaded again is scored again if its content changed
        ("transcript_load_id", pa.string()),
        ("transcript_sha256", pa.string()),
        # where the checklist's language came from: "transcript" (its language) or "words"
        ("language_from", pa.string()),
    ]
)
OBJECTION_SCHEMA = pa.schema(
    [
        pa.field("call_id", pa.string(), nullable=False),
        ("objection_index", pa.int32()),
        ("objection_class", pa.string()),
        ("quote", pa.string()),
        ("at_seconds", pa.float64()),
        ("answered", pa.bool_()),
    ]
)

# the schemas of the rows loaded, with their empty ``_withdrawn`` column (clean_rows)
SCORED_SCHEMA = clean_rows(SCORE_SCHEMA.empty_table()).schema
OBJECTIONS_SCHEMA = clean_rows(OBJECTION_SCHEMA.empty_table()).schema


def _unscored(warehouse: Path, version: str, languages: list[str]) -> Iterator[list[tuple]]:
    """Transcripts to score, in batches of BATCH (``_unscored_select``)."""
    if not exists(warehouse):
        return
    with connect(warehouse) as con:
        select = _unscored_select(con, version, languages)
        if select is not None:
            yield from con.stream(*select, BATCH)


def _unscored_count(warehouse: Path, version: str, languages: list[str]) -> int:
    """How many transcripts there are to score (the total the run's progress names)."""
    with connect(warehouse) as con:
        sql, params = _unscored_select(con, version, languages) or ("select 1 where false", [])
        return con.execute(f"select count(*) from ({sql}) as unscored", params).fetchone()[0]


def _unscored_select(con, version: str, languages: list[str]) -> tuple[str, list] | None:
    """The query of the transcripts to score: never scored, scored by another scoring
    version, or from another load of the transcript whose content differs (a corrected file
    sent again is loaded whole; the lines it left as they were keep their score). Rows
    loaded or scored before the content was hashed count as changed when loaded again. A
    transcript in a language no checklist reads whose line is in quarantine already is left
    out, so a run with nothing new quarantines it no second time; so is one with no words of
    the agent while its content is the same, and one the scorer failed on while its content
    and the scoring version are the same. None when there are no transcripts."""
    if not con.table_exists("raw_pbx", "transcripts"):
        return None
    transcript_columns = con.columns("raw_pbx", "transcripts")
    load_id = "t._dlt_load_id" if "_dlt_load_id" in transcript_columns else "null"
    content = "t.content_sha256" if "content_sha256" in transcript_columns else "null"
    params: list = [version]
    if con.table_exists("raw_call_quality", "call_scores"):
        score_columns = con.columns("raw_call_quality", "call_scores")
        scored_from = "s.transcript_load_id" if "transcript_load_id" in score_columns else "null"
        scored_content = "s.transcript_sha256" if "transcript_sha256" in score_columns else "null"
        # a transcript naming no language was scored by the Russian checklist before its
        # words were read for one: scored again, once
        read_from = "s.language_from" if "language_from" in score_columns else "null"
        scored = (
            "left join raw_call_quality.call_scores as s on s.call_id = t.call_id "
            "where (s.call_id is null or s.checklist_version <> ? "
            f"or ({scored_from} is distinct from {load_id} "
            f"and ({content} is null or {scored_content} is distinct from {content})) "
            f"or (nullif(trim(t.language), '') is null and {read_from} is distinct from 'words'))"
        )
        scored_before = "s.call_id is not null"
    else:
        scored, scored_before = "where ? is not null", "false"
    if con.table_exists("raw_call_quality", "call_scores_quarantine"):
        scored += (
            f" and not ({checklist_language_sql('t.language')} not in ({', '.join('?' * len(languages))}) "
            "and exists (select 1 from raw_call_quality.call_scores_quarantine as q "
            "where q.rule = 'checklist_language' and q.source_file = t._source_file "
            "and q.source_line = t._source_line and q.raw_value = t.language))"
        )
        params += languages
        if content != "null":  # left unscored until its content (or the scorer that failed) changes
            failed_record = quarantined_record_sql("t", versioned=True)
            scored += (
                " and not exists (select 1 from raw_call_quality.call_scores_quarantine as q "
                "where q.source_file = t._source_file and q.source_line = t._source_line "
                f"and ((q.rule = '{NO_AGENT_SPEECH}' and q.raw_record = {quarantined_record_sql('t')}) "
                f"or (q.rule = '{SCORER_FAILED}' and q.raw_record = {failed_record})))"
            )
            params.append(version)
    # in the order the table is read: sorting would hold every transcript's text
    sql = (
        "select t.call_id, t.language, t.agent_extension, t.segments_json, t._source_file, "
        f"t._source_line, {load_id}, {scored_before}, {content} from raw_pbx.transcripts as t {scored}"
    )
    return sql, params


def _withdrawn(warehouse: Path) -> list[str]:
    """Scored calls whose transcript a corrected file sent again took back."""
    if not exists(warehouse):
        return []
    with connect(warehouse) as con:
        tables = [("raw_pbx", "transcripts_withdrawn"), ("raw_pbx", "transcripts")]
        if not all(con.table_exists(*t) for t in [*tables, ("raw_call_quality", "call_scores")]):
            return []
        return [
            call_id
            for (call_id,) in con.execute(
                "select distinct w.call_id from raw_pbx.transcripts_withdrawn as w "
                "inner join raw_call_quality.call_scores as s on s.call_id = w.call_id "
                "where not exists (select 1 from raw_pbx.transcripts as t where t.call_id = w.call_id) "
                "order by 1"
            ).fetchall()
        ]


WORKERS_ENV = "AUTOKPI_SCORING_WORKERS"


def score_batches(warehouse: Path, workers: int | None = None) -> Iterator[ScoredBatch]:
    """Batches scored in order, by ``workers`` processes (``AUTOKPI_SCORING_WORKERS``, default
    the CPU count) when there are more than IN_PROCESS_UP_TO transcripts to score: the scorer
    is pure Python, one core each."""
    checklists = load_checklists()
    version = scoring_version(checklists)
    workers = workers or settings.get(WORKERS_ENV) or os.cpu_count() or 1
    withdrawn = _withdrawn(warehouse)
    if withdrawn:
        yield ScoredBatch([], [], [], withdrawn=withdrawn)
    batches = _unscored(warehouse, version, sorted(checklists))
    held, transcripts = [], 0  # read ahead until there are too many for the run's own process
    for batch in batches:
        held.append(batch)
        transcripts += len(batch)
        if transcripts > IN_PROCESS_UP_TO:
            break
    if workers < 2 or transcripts <= IN_PROCESS_UP_TO:
        yield from (score_batch(batch, version) for batch in itertools.chain(held, batches))
        return
    # so many take a while (a first load's million: minutes): the run says how far it is
    progress = Progress("scoring calls", _unscored_count(warehouse, version, sorted(checklists)))
    # spawn, not fork: the parent holds a DuckDB connection and Dagster's threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        pending: deque[Future] = deque()
        for batch in itertools.chain(held, batches):
            if len(pending) >= IN_FLIGHT_PER_PROCESS * workers:
                yield _counted(scored(pending.popleft()), progress)
            pending.append(pool.submit(score_batch, batch, version))
        while pending:
            yield _counted(scored(pending.popleft()), progress)


def _counted(batch: ScoredBatch, progress: Progress) -> ScoredBatch:
    progress.advance(len(batch.scores) + len(batch.bad))
    return batch


def scored(future: Future) -> ScoredBatch:
    """A worker's batch; a worker that died (killed for memory, most often) in one sentence
    that says what to do, where Python says only that the pool is broken."""
    try:
        return future.result()
    except BrokenProcessPool:
        raise UserFacingError(
            "a call-quality scoring process stopped before it finished (the system may have killed "
            f"it for lack of memory): run again with {WORKERS_ENV}=1 to score in the run's own "
            "process, or with fewer processes than this machine's cores; a script that starts "
            'the pipeline itself must do so under `if __name__ == "__main__":` (each scoring '
            "process runs that script again)"
        ) from None


@dlt.source(name="call_quality", max_table_nesting=0)
def call_quality(warehouse: str = dlt.config.value):
    """Scores of transcribed calls and the client objections found in them."""

    # scored once, batch by batch: dlt forks each batch to both tables below
    @dlt.resource(name="scored_batches", selected=False)
    def scored_batches():
        yield from score_batches(Path(warehouse))

    @dlt.transformer(
        data_from=scored_batches, name="call_scores", write_disposition="merge", primary_key="call_id"
    )
    def call_scores(batch: ScoredBatch):
        if batch.scores:
            yield clean_rows(pa.Table.from_pylist(batch.scores, schema=SCORE_SCHEMA))
        if batch.withdrawn:
            yield rows_withdrawn("call_scores", SCORED_SCHEMA, {"call_id": batch.withdrawn})
        if batch.bad:
            yield quarantine_item(batch.bad, "call_scores")

    @dlt.transformer(
        data_from=scored_batches,
        name="call_objections",
        write_disposition={"disposition": "merge", "strategy": "delete-insert"},
        merge_key="call_id",
    )
    def call_objections(batch: ScoredBatch):
        if batch.objections:
            yield clean_rows(pa.Table.from_pylist(batch.objections, schema=OBJECTION_SCHEMA))
        gone = batch.withdrawn + batch.cleared
        if gone:  # delete-insert on call_id: the call's rows are deleted, these not inserted
            yield rows_withdrawn("call_objections", OBJECTIONS_SCHEMA, {"call_id": gone})

    return scored_batches, call_scores, call_objections
