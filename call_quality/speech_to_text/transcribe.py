"""Transcribe the recordings that have no transcript yet, into JSON lines in the inbox.

A recording ``<inbox>/pbx/recordings/<call_id>.wav`` (in any subfolder) is transcribed
once: the call ids already written, by this step or by the PBX, are skipped. A recording
named as FreePBX names them (``in-<to>-<from>-20261001-090029-1790845229.61368.wav``) is
the call of the Asterisk id at its end, started at the date and time before it. Stereo
recordings give the agent's and the client's turns (``AUTOKPI_STT_AGENT_CHANNEL``: 0,
the default, or 1); a mono recording is all one speaker, written as the agent's, so no
client objections can be found in it. A recording that cannot be read is reported by
name and tried again next run; the others go on.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from call_quality.speech_to_text.audio import AudioError, split_channels
from call_quality.speech_to_text.backends import Backend, SpeechToTextError
from core import settings
from core.paths import TRANSCRIPT_SUFFIXES, TRANSCRIPTS_FOLDER
from core.private_files import inbox_files

RECORDINGS_FOLDER = "pbx/recordings"
OUTPUT_FOLDER = f"{TRANSCRIPTS_FOLDER}/speech-to-text"
AGENT_CHANNEL_ENV = "AUTOKPI_STT_AGENT_CHANNEL"


@dataclass
class TranscriptionReport:
    transcribed: list[str] = field(default_factory=list)
    skipped: int = 0
    failed: list[str] = field(default_factory=list)  # "<file>: <reason>"


# an Asterisk id (seconds.sequence) ending the name; FreePBX's date and time before it
_ASTERISK_ID = re.compile(r"(?:^|.*?(?:-(\d{8})-(\d{6}))?[-_])(\d{9,10}\.\d+)")


def recording_call(stem: str) -> tuple[str, str | None]:
    """The call id and start (local, as the PBX writes it) a recording's file name gives:
    ``1790845229.61368`` → that id; FreePBX's ``<type>-<to>-<from>-<date>-<time>-<id>`` → the
    id and its date and time; any other name → the name itself, no start."""
    match = _ASTERISK_ID.fullmatch(stem)
    if match is None:
        return stem, None
    day, time, call_id = match.groups()
    started = f"{day[:4]}-{day[4:6]}-{day[6:]} {time[:2]}:{time[2:4]}:{time[4:]}" if day else None
    return call_id, started


def _known_call_ids(inbox: Path) -> set[str]:
    ids: set[str] = set()
    for path in inbox_files(inbox / TRANSCRIPTS_FOLDER):
        if path.suffix.lower() in TRANSCRIPT_SUFFIXES:
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(record, dict) and record.get("call_id"):
                    ids.add(str(record["call_id"]))
    return ids


def _turns(backend: Backend, channels: list[Path], agent_channel: int) -> list[dict]:
    turns = []
    for index, audio in enumerate(channels):
        speaker = "agent" if len(channels) == 1 or index == agent_channel else "client"
        for seg in backend.transcribe(audio):
            turns.append(
                {"speaker": speaker, "start": round(seg.start, 2), "end": round(seg.end, 2), "text": seg.text}
            )
    return sorted(turns, key=lambda t: (t["start"], t["speaker"]))


def transcribe_recordings(
    inbox: Path, backend: Backend, progress: Callable[[str], None] = lambda _: None
) -> TranscriptionReport:
    report = TranscriptionReport()
    recordings = [p for p in inbox_files(inbox / RECORDINGS_FOLDER) if p.suffix.lower() == ".wav"]
    known = _known_call_ids(inbox)
    agent_channel = int(settings.get(AGENT_CHANNEL_ENV))
    out_dir = inbox / OUTPUT_FOLDER
    out_dir.mkdir(parents=True, exist_ok=True)
    out_file = out_dir / f"stt-{datetime.now(UTC):%Y-%m-%d}.jsonl"
    todo = [p for p in recordings if recording_call(p.stem)[0] not in known]
    report.skipped = len(recordings) - len(todo)
    for n, path in enumerate(todo, start=1):
        name = path.relative_to(inbox).as_posix()
        call_id, started_at = recording_call(path.stem)
        try:
            with tempfile.TemporaryDirectory() as tmp:
                turns = _turns(backend, split_channels(path, Path(tmp)), agent_channel)
        except (AudioError, SpeechToTextError) as error:
            report.failed.append(f"{name}: {error}")
            continue
        record = {"call_id": call_id, "language": backend.language, "source": name, "segments": turns}
        if started_at is not None:  # places the call on its day when the call records lack it
            record["started_at"] = started_at
        with out_file.open("a", encoding="utf-8") as fh:  # appended: the transcripts source reads increments
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        report.transcribed.append(call_id)
        progress(f"transcribed {n}/{len(todo)}: {name}")
    return report
