"""Score a batch of transcripts as the warehouse holds them: what a scoring process runs.

The dlt source (``ingestion/sources/call_scores``) reads the transcripts and hands batches
to processes of their own; each such process imports this module and the scorer, not dlt,
pandas and the warehouse, which it never uses (importing the source took a started process
0.96 s, the scorer 0.16 s).
"""

from __future__ import annotations

import hashlib
import json
import traceback
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from call_quality.checklist import (
    ITEMS,
    Checklist,
    checklist_language,
    checklists_version,
    language_of_words,
    load_checklists,
)
from call_quality.scorer import CallScore, Scorer
from core.errors import UserFacingError

_SCORERS: dict[str, dict] = {}  # per process and scoring version: built once

# what decides a verdict beside the checklists: the scorer's code (this package's modules) and
# the libraries it reads words with
SCORER_LIBRARIES = ("pymorphy3", "pymorphy3-dicts-ru", "rapidfuzz", "navec", "natasha", "numpy")


def code_fingerprint(package: Path, libraries: tuple[str, ...]) -> str:
    """A hash of the package's modules (not its subpackages) and the installed versions of
    ``libraries``."""
    digest = hashlib.sha256()
    for module in sorted(package.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes() + b"\0")
    for library in libraries:
        try:
            installed = metadata.version(library)
        except metadata.PackageNotFoundError:
            installed = "absent"
        digest.update(f"{library}=={installed}\n".encode())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=1)
def scorer_fingerprint() -> str:
    """This scorer's fingerprint (computed once a process): another may read calls otherwise."""
    return code_fingerprint(Path(__file__).parent, SCORER_LIBRARIES)


def scoring_version(checklists: dict[str, Checklist]) -> str:
    """What a score is made by: the checklists, the scorer's code and its libraries. A score
    made by another is made again, so every call is judged by the same rules however long ago
    it was scored: a warehouse scored by an older autokpi gives what a fresh one would."""
    made_by = f"{checklists_version(checklists)}|{scorer_fingerprint()}"
    return hashlib.sha256(made_by.encode()).hexdigest()[:12]


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


# a transcript left unscored, once: the run's query of what to score leaves out a line in
# quarantine for one of these with the same content (ingestion/sources/call_scores) and, for a
# call the scorer failed on, the same scoring version (an upgraded scorer tries it again)
NO_AGENT_SPEECH = "no_agent_speech"
SCORER_FAILED = "scorer_failed"
NO_AGENT_SPEECH_SAID = (
    "no words of the agent in the transcript (nothing recognised, or only the client's channel): "
    "not scored, so the call counts neither for nor against the agent; if the agent spoke, the "
    "speech-to-text tool missed their channel: check the recording's channels or the speaker roles "
    "(AUTOKPI_TRANSCRIPT_SPEAKERS) and send the transcript again"
)
# a scorer failing on this many calls of a batch, every one, is the scorer's fault: the run stops
FAILED_WHOLE_BATCH = 20


def quarantined_record(call_id: str, content: str | None, version: str | None = None) -> str:
    """What a transcript left unscored is kept as: its call, the content that was read and,
    when the scorer failed on it, the scoring version that failed (the same text as
    ``quarantined_record_sql``)."""
    record = f"call {call_id}, transcript sha256 {content or ''}"
    return record if version is None else f"{record}, scoring version {version}"


def quarantined_record_sql(transcript: str, versioned: bool = False) -> str:
    """``quarantined_record`` of the transcripts row aliased ``transcript``, in SQL; when
    ``versioned``, with the scoring version as a parameter."""
    version = ", ', scoring version ', ?" if versioned else ""
    content = f"{transcript}.content_sha256"
    return f"concat('call ', {transcript}.call_id, ', transcript sha256 ', {content}{version})"


def _has_agent_speech(segments: list) -> bool:
    return any(
        isinstance(s, dict) and s.get("speaker") == "agent" and str(s.get("text") or "").strip()
        for s in segments
    )


def _score_or_reason(scorer: Scorer, call_id: str, segments: list) -> CallScore | tuple[str, str, str]:
    """The call's score, or why it has none: the rule, the sentence and (the scorer failing)
    the failure's type and place."""
    if not _has_agent_speech(segments):
        return NO_AGENT_SPEECH, NO_AGENT_SPEECH_SAID, ""
    try:
        return scorer.score(call_id, segments)
    except MemoryError:
        raise
    except Exception as exc:  # one call the scorer cannot read does not stop the run
        failure = _failure(exc)
        return (
            SCORER_FAILED,
            (
                f"the call-quality scorer failed on this call ({failure}): not scored; report this "
                "line to autokpi's maintainers; the call is tried again when its transcript changes "
                "or autokpi's scorer is upgraded"
            ),
            failure,
        )


def _failure(exc: Exception) -> str:
    """``KeyError at call_quality/verdicts.py:123``: the exception's type and place only, as
    its message may quote the call's words."""
    where = traceback.extract_tb(exc.__traceback__)[-1]
    path = Path(where.filename)
    return f"{type(exc).__name__} at {path.parent.name}/{path.name}:{where.lineno}"


def score_batch(batch: list[tuple], version: str) -> ScoredBatch:
    """Score one batch of transcripts: rows of (call id, language, agent's extension,
    segments as JSON, file, line, load id, scored before, content hash)."""
    scorers = _scorers(version)
    scores, objections, bad, cleared, unscorable = [], [], [], [], []
    failures: list[str] = []  # the scorer's own, each as its type and place
    for row in batch:
        call_id, language, extension, segments_json, source_file, source_line, load_id, before, content = row
        segments = json.loads(segments_json)
        named = language is not None and language.strip() != ""
        scorer = scorers.get(checklist_language(language) if named else language_of_words(segments))
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
        result = _score_or_reason(scorer, call_id, segments)
        if isinstance(result, tuple):
            rule, said, failure = result
            failures += [failure] if failure else []
            bad.append(
                {
                    "source_file": source_file,
                    "source_line": source_line,
                    "rule": rule,
                    "field": None,
                    "raw_value": said,
                    "raw_record": quarantined_record(call_id, content, version if failure else None),
                }
            )
            if before:
                unscorable.append(call_id)  # its earlier version's score no longer stands
            continue
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
                # a language read from the words: a score from before that read is made again
                "language_from": "transcript" if named else "words",
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
    if len(failures) == len(batch) >= FAILED_WHOLE_BATCH:
        first = next(b for b in bad if b["rule"] == SCORER_FAILED)
        raise UserFacingError(
            f"the call-quality scorer failed on every one of {len(failures)} calls in a row (first: "
            f"{first['source_file']}:{first['source_line']}, {failures[0]}): "
            "that is autokpi's fault, not the transcripts'; report it to autokpi's maintainers, and "
            "until it is fixed run the autokpi version that scored your calls before"
        )
    return ScoredBatch(scores, objections, bad, withdrawn=unscorable, cleared=cleared)
