"""Speech-to-text plumbing: channel split of a real WAV, whisper.cpp JSON, configuration."""

from __future__ import annotations

import json
import math
import struct
import wave

import pytest

from call_quality.speech_to_text.audio import AudioError, split_channels
from call_quality.speech_to_text.backends import (
    CommandBackend,
    SpeechToTextError,
    backend_from_env,
    parse_whisper_cpp_json,
)


def write_stereo(path, left, right, rate=8000):
    """16-bit stereo WAV: per second, True = a 440 Hz tone on that channel, False = silence."""

    def sample(loud, i):
        return int(10000 * math.sin(2 * math.pi * 440 * i / rate)) if loud else 0

    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(rate)
        frames = bytearray()
        for second, (l_loud, r_loud) in enumerate(zip(left, right, strict=True)):
            for i in range(second * rate, (second + 1) * rate):
                frames += struct.pack("<hh", sample(l_loud, i), sample(r_loud, i))
        w.writeframes(bytes(frames))


def test_a_stereo_recording_splits_into_one_mono_file_per_side(tmp_path):
    write_stereo(tmp_path / "call.wav", [True, False], [False, True])
    left, right = split_channels(tmp_path / "call.wav", tmp_path)
    for path, loud_second in ((left, 0), (right, 1)):
        with wave.open(str(path), "rb") as w:
            assert (w.getnchannels(), w.getframerate(), w.getnframes()) == (1, 8000, 16000)
            samples = struct.unpack(f"<{w.getnframes()}h", w.readframes(w.getnframes()))
        loud = [max(abs(s) for s in samples[k * 8000 : (k + 1) * 8000]) > 5000 for k in range(2)]
        assert loud == [k == loud_second for k in range(2)]


def test_a_file_that_is_not_wav_is_named_in_the_error(tmp_path):
    (tmp_path / "x.wav").write_bytes(b"ID3 not audio")
    with pytest.raises(AudioError, match="not a PCM WAV recording"):
        split_channels(tmp_path / "x.wav", tmp_path)


def test_whisper_cpp_json_becomes_timed_segments():
    data = {
        "transcription": [
            {"offsets": {"from": 0, "to": 1500}, "text": " Здравствуйте!"},
            {"offsets": {"from": 1500, "to": 1600}, "text": "  "},
            {"offsets": {"from": 2000, "to": 4250}, "text": " Это дорого."},
        ]
    }
    assert [(s.start, s.end, s.text) for s in parse_whisper_cpp_json(data)] == [
        (0.0, 1.5, "Здравствуйте!"),
        (2.0, 4.25, "Это дорого."),
    ]


def test_configuration_picks_the_engine_and_never_downloads(monkeypatch, tmp_path):
    monkeypatch.delenv("AUTOKPI_STT_MODEL", raising=False)
    monkeypatch.delenv("AUTOKPI_STT_COMMAND", raising=False)
    assert backend_from_env() is None
    monkeypatch.setenv("AUTOKPI_STT_COMMAND", "whisper-cli -f {audio} -of {out} -oj")
    monkeypatch.setenv("AUTOKPI_STT_LANGUAGE", "en")
    backend = backend_from_env()
    assert isinstance(backend, CommandBackend) and backend.language == "en"
    # a model name instead of a local model directory is refused, not fetched from a hub
    monkeypatch.setenv("AUTOKPI_STT_MODEL", "small")
    with pytest.raises(SpeechToTextError, match=r"AUTOKPI_STT_MODEL=small: no model\.bin there"):
        backend_from_env()
    (tmp_path / "model.bin").write_bytes(b"")
    monkeypatch.setenv("AUTOKPI_STT_MODEL", str(tmp_path))
    try:
        import faster_whisper  # noqa: F401
    except ImportError:  # the optional extra is not installed by default
        with pytest.raises(SpeechToTextError, match="pip install 'autokpi\\[stt\\]'"):
            backend_from_env()


def test_a_command_whose_program_cannot_be_run_is_said_with_the_setting(tmp_path):
    """A program path with a space, unquoted, split into two words: the step stopped with
    "FileNotFoundError: [Errno 2] No such file or directory: '/opt/my'"."""
    folder = tmp_path / "my tools"
    folder.mkdir()
    cli = folder / "whisper-cli"
    cli.write_text("#!/bin/sh\nexit 0\n")
    cli.chmod(0o755)
    audio = tmp_path / "call.wav"
    write_stereo(audio, [True], [False])
    with pytest.raises(SpeechToTextError) as unquoted:
        CommandBackend(f"{cli} -f {{audio}} -of {{out}} -oj").transcribe(audio)
    assert str(unquoted.value) == (
        f"AUTOKPI_STT_COMMAND starts with '{tmp_path}/my': no such program (a path with a space in it is "
        "quoted, as in a shell)"
    )
    with pytest.raises(SpeechToTextError, match=r"wrote no transcript\.json"):  # quoted, it runs
        CommandBackend(f"'{cli}' -f {{audio}} -of {{out}} -oj").transcribe(audio)


class _Heard:
    """An engine that hears the same words on every channel it is given."""

    language = "ru"

    def transcribe(self, audio):
        from call_quality.speech_to_text.backends import Segment

        return [Segment(0.0, 1.0, "Здравствуйте")]


def test_a_recording_named_as_freepbx_names_them_is_the_call_of_the_id_at_the_end_of_its_name(tmp_path):
    """FreePBX saves ``<type>-<to>-<from>-<date>-<time>-<uniqueid>.wav``: the whole name was
    taken as the call id, so no call matched, and the score reached no employee (no
    extension, no day). The id and the start are read from the name; another name stays
    the id, and a recording is still transcribed once."""
    from call_quality.speech_to_text.transcribe import transcribe_recordings

    folder = tmp_path / "pbx" / "recordings" / "2026" / "10" / "01"
    folder.mkdir(parents=True)
    names = ["in-5551234-101-20261001-090029-1790845229.61368", "1790845300.61370", "call-42"]
    for name in names:
        write_stereo(folder / f"{name}.wav", [True], [False])
    report = transcribe_recordings(tmp_path, _Heard())
    assert sorted(report.transcribed) == ["1790845229.61368", "1790845300.61370", "call-42"]
    (written,) = (tmp_path / "pbx" / "transcripts" / "speech-to-text").glob("*.jsonl")
    records = {r["call_id"]: r for r in map(json.loads, written.read_text(encoding="utf-8").splitlines())}
    assert records["1790845229.61368"]["started_at"] == "2026-10-01 09:00:29"
    assert "started_at" not in records["1790845300.61370"]
    again = transcribe_recordings(tmp_path, _Heard())
    assert (again.transcribed, again.skipped) == ([], 3)
