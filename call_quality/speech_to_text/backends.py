"""Speech-to-text engines: a local faster-whisper model, or a command such as whisper.cpp.

Both turn one mono WAV into timed text segments. Which one runs is configuration:

- ``AUTOKPI_STT_MODEL=/models/faster-whisper-small`` — faster-whisper (install with
  ``pip install 'autokpi[stt]'``) on a model directory already on disk;
- ``AUTOKPI_STT_COMMAND='whisper-cli -m /models/ggml-small.bin -l ru -oj -of {out} -f {audio}'``
  — any command that writes whisper.cpp's JSON (``{out}.json``) for ``{audio}``.

``AUTOKPI_STT_LANGUAGE`` (default ``ru``) is the language code the transcripts carry.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from core import settings

MODEL_ENV = "AUTOKPI_STT_MODEL"
COMMAND_ENV = "AUTOKPI_STT_COMMAND"
LANGUAGE_ENV = "AUTOKPI_STT_LANGUAGE"


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    text: str


class Backend(Protocol):
    language: str

    def transcribe(self, audio: Path) -> list[Segment]: ...


class SpeechToTextError(RuntimeError):
    """The engine failed on one recording; the message names it."""


@dataclass
class FasterWhisperBackend:
    model_dir: Path
    language: str = "ru"

    def __post_init__(self):
        # checked first: a model name instead of a directory must fail here, never download
        if not (self.model_dir / "model.bin").is_file():
            raise SpeechToTextError(
                f"{MODEL_ENV}={self.model_dir}: no model.bin there (a local CTranslate2 model directory)"
            )
        try:
            from faster_whisper import WhisperModel
        except ImportError:
            raise SpeechToTextError(
                f"{MODEL_ENV} is set but faster-whisper is not installed: pip install 'autokpi[stt]'"
            ) from None
        # local_files_only: a path that is not a model must fail, never download
        self._model = WhisperModel(
            str(self.model_dir), device="cpu", compute_type="int8", local_files_only=True
        )

    def transcribe(self, audio: Path) -> list[Segment]:
        segments, _ = self._model.transcribe(str(audio), language=self.language, vad_filter=True)
        return [Segment(s.start, s.end, s.text.strip()) for s in segments if s.text.strip()]


@dataclass
class CommandBackend:
    """A command line with ``{audio}`` and ``{out}``; it must write ``{out}.json``."""

    command: str
    language: str = "ru"

    def transcribe(self, audio: Path) -> list[Segment]:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "transcript"
            args = [a.format(audio=audio, out=out) for a in shlex.split(self.command)]
            try:
                done = subprocess.run(args, capture_output=True, text=True, timeout=3600)
            except (FileNotFoundError, PermissionError) as error:
                why = (
                    "no such program"
                    if isinstance(error, FileNotFoundError)
                    else "not a program this user may run"
                )
                raise SpeechToTextError(
                    f"{COMMAND_ENV} starts with {args[0]!r}: {why} (a path with a space in it is quoted, "
                    "as in a shell)"
                ) from None
            if done.returncode != 0:
                tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
                raise SpeechToTextError(f"{audio.name}: {args[0]} exited with {done.returncode}: {tail[0]}")
            result = out.with_suffix(".json")
            if not result.is_file():
                raise SpeechToTextError(f"{audio.name}: {args[0]} wrote no {result.name}")
            return parse_whisper_cpp_json(json.loads(result.read_text(encoding="utf-8")))


def parse_whisper_cpp_json(data: dict) -> list[Segment]:
    """whisper.cpp ``-oj`` output: ``transcription[].offsets.{from,to}`` in ms and ``text``."""
    segments = []
    for item in data.get("transcription", []):
        text = str(item.get("text", "")).strip()
        if text:
            offsets = item.get("offsets", {})
            segments.append(Segment(offsets.get("from", 0) / 1000, offsets.get("to", 0) / 1000, text))
    return segments


def backend_from_env() -> Backend | None:
    """The configured engine, or None when speech-to-text is off."""
    language = settings.get(LANGUAGE_ENV)
    if model := settings.get(MODEL_ENV):
        return FasterWhisperBackend(Path(model), language)
    if command := settings.get(COMMAND_ENV):
        return CommandBackend(command, language)
    return None
