"""Recordings without transcripts are transcribed by the configured engine (here a
stand-in for whisper.cpp's whisper-cli run as a real subprocess), loaded and scored; each
recording once; a broken one is reported and the rest go on."""

from __future__ import annotations

import shlex
import sys

import pytest

from orchestration.run import run_pipeline
from tests.conftest import ASTERISK_SAMPLES, FIXTURES, make_inbox
from tests.unit.test_speech_to_text import write_stereo
from tests.warehouse import query

pytestmark = pytest.mark.e2e

CALL_ID = "1498559927.9"  # answered by E3 in the sample directory
AGENT = ["Здравствуйте, компания Ромашка, меня зовут Анна.", "Понимаю, у нас есть рассрочка и скидка."]
CLIENT = ["Добрый день.", "Это дорого."]


def test_recordings_are_transcribed_once_loaded_and_scored(tmp_path, monkeypatch, dbt_manifest):
    inbox = make_inbox(tmp_path, [ASTERISK_SAMPLES / "smallcdr.csv"])
    recordings = inbox / "pbx" / "recordings" / "2017-06-27"
    recordings.mkdir(parents=True)
    # agent on the left channel (MixMonitor D on the agent's channel), client on the right
    write_stereo(recordings / f"{CALL_ID}.wav", [True, False, True, False], [False, True, False, True])
    (recordings / "1498559343.3.wav").write_bytes(b"RIFF....not really a wav")
    script = tmp_path / "heard"
    script.mkdir()
    (script / f"{CALL_ID}.0.txt").write_text("\n".join(AGENT), encoding="utf-8")
    (script / f"{CALL_ID}.1.txt").write_text("\n".join(CLIENT), encoding="utf-8")
    fake_cli = FIXTURES / "fake_whisper_cli.py"
    monkeypatch.setenv(
        "AUTOKPI_STT_COMMAND",
        shlex.join(
            [
                sys.executable,
                str(fake_cli),
                "-f",
                "{audio}",
                "-of",
                "{out}",
                "-oj",
                "--script-dir",
                str(script),
            ]
        ),
    )
    warehouse = tmp_path / "autokpi.duckdb"

    first = run_pipeline(inbox, warehouse, quiet=True)
    run_pipeline(inbox, warehouse, quiet=True)  # already transcribed: not again

    assert [w for w in first.warnings if w.startswith("speech-to-text")] == [
        "speech-to-text: not transcribed: pbx/recordings/2017-06-27/1498559343.3.wav: "
        "not a PCM WAV recording (not a WAVE file)"
    ]

    written = list((inbox / "pbx" / "transcripts" / "speech-to-text").glob("*.jsonl"))
    assert len(written) == 1 and len(written[0].read_text().splitlines()) == 1
    segments = query(warehouse, "select segment_count from raw_pbx.transcripts where call_id = ?", [CALL_ID])
    assert segments == [(4,)]
    score = query(
        warehouse,
        "select employee_id, greeting, introduction, evidence from marts.mart_call_quality where call_id = ?",
        [CALL_ID],
    )
    assert score[0][:3] == ("E3", 1, 1)
    assert "Здравствуйте" in score[0][3]
    objections = query(
        warehouse,
        "select objection_class, is_answered from staging.stg_call_quality__call_objections "
        "where call_id = ?",
        [CALL_ID],
    )
    assert objections == [("price", False)]  # the client's last words, nobody answered them
