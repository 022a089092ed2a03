"""Score a batch of transcripts as the warehouse holds them: what a scoring process runs.

The dlt source (``ingestion/sources/call_scores``) reads the transcripts and hands batches
to processes of their own; each such process imports this module and the scorer, not dlt,
pandas and the warehouse, which it never uses (importing the source took a started process
0.96 s, the scorer 0.16 s).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from call_quality.checklist import ITEMS, checklist_language, load_checklists
from call_quality.scorer import Scorer

_SCORERS: dict[str, dict] = {}  # per process and checklist version: built once


def _scorers(version: str) -> dict:
    if version not in _SCORERS:
        _SCORERS.clear()
        _SCORERS[version] = {lang: Scorer(cl) for lang, cl in load_checklists().items()}
    return _SCORERS[version]


@dataclass
class ScoredBatch:
    """Scores, objections and quarantined rows of one batch of transcripts, and the
    calls whose score (``withdrawn``: taken back, or no longer scorable) or old objections
    (``cleared``, and ``withdrawn``) go."""

    scores: list[dict]
    objections: list[dict]
    bad: list[dict]
    withdrawn: list[str] = field(default_factory=list)
    cleared: list[str] = field(default_factory=list)


def score_batch(batch: list[tuple], version: str) -> ScoredBatch:
    """Score one batch of transcripts: rows of (call id, language, agent's extension,
    segments as JSON, file, line, load id, scored before, content hash)."""
    scorers = _scorers(version)
    scores, objections, bad, cleared, unscorable = [], [], [], [], []
    for row in batch:
        call_id, language, extension, segments_json, source_file, source_line, load_id, before, content = row
        scorer = scorers.get(checklist_language(language))
        if scorer is None:
            bad.append(
                {
                    "source_file": source_file,
                    "source_line": source_line,
                    "rule": "checklist_language",
                    "field": "language",
                    "raw_value": language,
                    "raw_record": f"no checklist for language {language!r} (call {call_id})",
                }
            )
            if before:
                unscorable.append(call_id)  # its earlier version's score no longer stands
            continue
        result = scorer.score(call_id, json.loads(segments_json))
        scores.append(
            {
                "call_id": call_id,
                "language": result.language,
                "checklist_version": version,
                "agent_extension": extension,
                "score": result.score,
                **result.items,
                **{f"{item}_weight": result.weights[item] for item in ITEMS},
                "evidence_json": json.dumps(result.evidence, ensure_ascii=False, sort_keys=True),
                "objections_count": len(result.objections),
                "unanswered_objections": sum(not o.answered for o in result.objections),
                "transcript_load_id": load_id,
                "transcript_sha256": content,
            }
        )
        if before and not result.objections:
            cleared.append(call_id)  # the objections found before no longer stand
        objections += [
            {
                "call_id": call_id,
                "objection_index": i,
                "objection_class": o.objection_class,
                "quote": o.quote,
                "at_seconds": o.at,
                "answered": o.answered,
            }
            for i, o in enumerate(result.objections)
        ]
    return ScoredBatch(scores, objections, bad, withdrawn=unscorable, cleared=cleared)
