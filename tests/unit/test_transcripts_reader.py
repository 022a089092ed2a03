"""The transcripts reader on JSON lines as Windows tools save them."""

from __future__ import annotations

import json

import pytest

from core.settings import SettingError
from ingestion.sources.file_parts import new_part
from ingestion.sources.pbx.json_calls import is_json_document
from ingestion.sources.pbx.transcripts import read_transcripts

CALL = {
    "call_id": "a1",
    "language": "ru",
    "agent_extension": "101",
    "started_at": "2026-10-01 09:00:00",
    "segments": [{"speaker": "agent", "start": 0.0, "end": 2.0, "text": "Здравствуйте"}],
}


def _line(call_id: str) -> bytes:
    return json.dumps({**CALL, "call_id": call_id}, ensure_ascii=False).encode("utf-8")


def test_a_byte_order_mark_and_crlf_line_ends_are_no_part_of_the_calls(tmp_path):
    """Notepad and PowerShell 5 begin UTF-8 with a byte-order mark; two such files joined
    have one before each: the first call of each went to quarantine as "not valid JSON"."""
    bom = b"\xef\xbb\xbf"
    path = tmp_path / "2026-10-01.jsonl"
    path.write_bytes(bom + _line("a1") + b"\r\n" + _line("a2") + b"\r\n" + bom + _line("a3") + b"\r\n")
    batches = list(read_transcripts(new_part(path, "pbx/transcripts/2026-10-01.jsonl", {})))
    assert [row["call_id"] for rows, _ in batches for row in rows] == ["a1", "a2", "a3"]
    assert [bad for _, bad in batches] == [[]]


def test_speakers_written_in_capitals_or_with_spaces_are_read_and_stored_in_one_spelling(tmp_path):
    """A speech-to-text tool writing "Agent" or " CLIENT " had the whole call quarantined
    ("speaker must be agent or client"); a speaker that is neither still is."""
    segments = [
        {"speaker": "Agent", "start": 0.0, "end": 2.0, "text": "Здравствуйте"},
        {"speaker": " CLIENT ", "start": 2.0, "end": 4.0, "text": "Добрый день"},
    ]
    robot = [{"speaker": "robot", "start": 0.0, "end": 1.0, "text": "?"}]
    path = tmp_path / "2026-10-01.jsonl"
    path.write_text(
        json.dumps({**CALL, "segments": segments}, ensure_ascii=False)
        + "\n"
        + json.dumps({**CALL, "call_id": "a2", "segments": robot})
        + "\n",
        encoding="utf-8",
    )
    ((rows, bad),) = list(read_transcripts(new_part(path, "pbx/transcripts/2026-10-01.jsonl", {})))
    assert [s["speaker"] for s in json.loads(rows[0]["segments_json"])] == ["agent", "client"]
    refused = [(b["source_line"], b["raw_value"]) for b in bad]
    assert refused == [
        (2, "segment 0: speaker must be agent or client, not 'robot' (a speech-to-text tool's own label: "
         "give each of its labels a role with AUTOKPI_TRANSCRIPT_SPEAKERS, e.g. 0=agent,1=client, and the "
         "next run reads the file again)")
    ]  # fmt: skip


def test_a_tools_own_speaker_labels_are_read_by_the_roles_the_setting_gives_them(tmp_path, monkeypatch):
    """Yandex SpeechKit tags a stereo recording's channels, whisper-style tools write
    SPEAKER_00: every such call went to quarantine."""
    segments = [
        {"speaker": 0, "start": 0.0, "end": 2.0, "text": "Здравствуйте"},
        {"speaker": "1", "start": 2.0, "end": 4.0, "text": "Добрый день"},
        {"speaker": "SPEAKER_00", "start": 4.0, "end": 5.0, "text": "Слушаю"},
    ]
    path = tmp_path / "2026-10-01.jsonl"
    path.write_text(json.dumps({**CALL, "segments": segments}, ensure_ascii=False) + "\n", encoding="utf-8")
    monkeypatch.setenv("AUTOKPI_TRANSCRIPT_SPEAKERS", "0=agent, 1=Client,speaker_00=agent")
    ((rows, bad),) = list(read_transcripts(new_part(path, "pbx/transcripts/2026-10-01.jsonl", {})))
    assert bad == []
    assert [s["speaker"] for s in json.loads(rows[0]["segments_json"])] == ["agent", "client", "agent"]
    monkeypatch.setenv("AUTOKPI_TRANSCRIPT_SPEAKERS", "0=boss")
    with pytest.raises(SettingError, match="AUTOKPI_TRANSCRIPT_SPEAKERS"):
        list(read_transcripts(new_part(path, "pbx/transcripts/2026-10-01.jsonl", {})))


def test_a_language_that_is_not_text_sends_the_call_to_quarantine_not_the_whole_load_down(tmp_path):
    """``"language": 5`` stopped the load with a type error from Arrow, naming no line."""
    path = tmp_path / "2026-10-01.jsonl"
    path.write_text(
        json.dumps(CALL, ensure_ascii=False)
        + "\n"
        + json.dumps({**CALL, "call_id": "a2", "language": 5})
        + "\n",
        encoding="utf-8",
    )
    ((rows, bad),) = list(read_transcripts(new_part(path, "pbx/transcripts/2026-10-01.jsonl", {})))
    assert [row["call_id"] for row in rows] == ["a1"]
    assert [(b["source_line"], b["raw_value"]) for b in bad] == [
        (2, 'language must be a language code such as "ru", not 5')
    ]


def test_the_content_hash_changes_with_what_the_scorer_reads_and_only_with_it(tmp_path):
    """A corrected file's unchanged lines keep their score by this hash (call_scores)."""
    path = tmp_path / "2026-10-01.jsonl"
    other_text = {**CALL, "segments": [{**CALL["segments"][0], "text": "Алло"}]}
    path.write_text(
        "".join(
            json.dumps(call, ensure_ascii=False) + "\n"
            for call in (
                CALL,
                {**CALL, "started_at": "2026-10-02 10:00:00"},  # not read by the scorer
                other_text,
                {**CALL, "agent_extension": "102"},
                {**CALL, "language": "en"},
                {**CALL, "language": None},
                {**CALL, "language": ""},
            )
        ),
        encoding="utf-8",
    )
    ((rows, bad),) = list(read_transcripts(new_part(path, "pbx/transcripts/2026-10-01.jsonl", {})))
    hashes = [row["content_sha256"] for row in rows]
    assert not bad and len(hashes) == 7
    assert hashes[0] == hashes[1]
    assert len({hashes[0], *hashes[2:]}) == 6


def test_a_line_that_is_not_utf8_goes_to_quarantine_saying_so_not_scored_on_replaced_letters(tmp_path):
    path = tmp_path / "2026-10-01.jsonl"
    other = json.dumps({**CALL, "call_id": "a2"}, ensure_ascii=False).encode("cp1251")
    path.write_bytes(_line("a1") + b"\n" + other + b"\n")
    ((rows, bad),) = list(read_transcripts(new_part(path, "pbx/transcripts/2026-10-01.jsonl", {})))
    assert [row["call_id"] for row in rows] == ["a1"]
    assert [(b["source_line"], b["raw_value"]) for b in bad] == [
        (2, "not UTF-8 text (byte 0xC7 at byte 169 of the line); write the file as UTF-8 and send it again")
    ]


def _read(path) -> tuple[list[dict], list[dict]]:
    rows, bad = [], []
    document = is_json_document(path)
    for r, b in read_transcripts(new_part(path, f"pbx/transcripts/{path.name}", {}, document=document)):
        rows += r
        bad += b
    return rows, bad


def test_a_json_file_of_calls_is_read_as_an_array_an_object_per_call_or_an_object_holding_them(tmp_path):
    """What speech-to-text tools write beside JSON lines: a pretty-printed array of calls, one
    pretty-printed call per file, or an object holding the list. Each was read line by line,
    every line quarantined as "not valid JSON" (112,003 of them for the demo's September)."""
    robot = {**CALL, "call_id": "a3", "segments": [{"speaker": "robot", "text": "?"}]}
    array = tmp_path / "calls.json"
    array.write_text(json.dumps([CALL, {**CALL, "call_id": "a2"}, robot], ensure_ascii=False, indent=2))
    rows, bad = _read(array)
    assert [r["call_id"] for r in rows] == ["a1", "a2"]
    lines = array.read_text().splitlines()
    starts = [i for i, line in enumerate(lines, start=1) if line == "  {"]
    assert [r["_source_line"] for r in rows] == starts[:2]  # where each call starts
    assert [(b["source_line"], b["raw_value"][:40]) for b in bad] == [
        (starts[2], "segment 0: speaker must be agent or clie")
    ]
    one = tmp_path / "a1.json"
    one.write_text(json.dumps(CALL, ensure_ascii=False, indent=4))
    rows, bad = _read(one)
    assert [(r["call_id"], r["_source_line"]) for r in rows] == [("a1", 1)] and not bad
    assert rows[0]["content_sha256"] == _read_line_file(tmp_path, CALL)["content_sha256"]
    held = tmp_path / "held.json"
    held.write_text(json.dumps({"calls": [CALL, {**CALL, "call_id": "a2"}]}, ensure_ascii=False, indent=2))
    assert [r["call_id"] for r in _read(held)[0]] == ["a1", "a2"]


def _read_line_file(tmp_path, call: dict) -> dict:
    path = tmp_path / "line.jsonl"
    path.write_text(json.dumps(call, ensure_ascii=False) + "\n")
    return _read(path)[0][0]


def test_a_json_array_broken_part_way_keeps_the_calls_before_and_says_where_it_broke(tmp_path):
    path = tmp_path / "calls.json"
    whole = json.dumps([CALL, {**CALL, "call_id": "a2"}], ensure_ascii=False, indent=2)
    path.write_text(whole[: whole.index('"a2"') + 6] + "\n")  # cut in the second call
    rows, bad = _read(path)
    assert [r["call_id"] for r in rows] == ["a1"]
    cut_at = whole[: whole.index('"a2"')].count("\n") + 1
    assert [(b["rule"], b["raw_value"]) for b in bad] == [
        ("transcript_format", f"not valid JSON from line {cut_at - 1} on (Expecting property name "
         "enclosed in double quotes): the calls from there to the end of the file are not read; correct "
         "the file and send it again")
    ]  # fmt: skip


def test_segment_times_written_as_clock_times_or_with_a_decimal_comma_are_read_as_seconds(tmp_path):
    """Speech-to-text tools write "00:01:05.200" (as subtitles do) or "65,2": the scorer read
    every start with float() and the whole run stopped on the first such call, with a trace."""
    said = {"speaker": "agent", "text": "Здравствуйте"}
    # "65.200s": a duration as Google Speech-to-Text and Yandex SpeechKit write it in JSON
    times = [
        ("00:01:05.200", "00:01:07,5"),
        ("65,2", "67.5"),
        ("01:05.2", 67),
        (65.2, None),
        ("65.200s", "67s"),
    ]
    wrong = [("abc", 1), ("-3", 1), ("1:75", 2), ("nan", 1), (True, 1), ("01:05s", 1), ("s", 1)]
    calls = [
        {**CALL, "call_id": f"t{i}", "segments": [{**said, "start": a, **({} if b is None else {"end": b})}]}
        for i, (a, b) in enumerate(times + wrong)
    ]
    path = tmp_path / "2026-10-01.jsonl"
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in calls), encoding="utf-8")
    ((rows, bad),) = list(read_transcripts(new_part(path, "pbx/transcripts/2026-10-01.jsonl", {})))
    read = [json.loads(r["segments_json"])[0] for r in rows]
    expected = [(65.2, 67.5), (65.2, 67.5), (65.2, 67.0), (65.2, None), (65.2, 67.0)]
    assert [(s["start"], s.get("end")) for s in read] == expected
    assert [b["raw_value"] for b in bad] == [
        f"segment 0: start must be seconds (65.2) or a time (00:01:05.2), not {json.dumps(value)}"
        for value, _ in wrong
    ]


def test_a_json_file_of_calls_in_windows_1251_is_quarantined_saying_so_not_read_with_letters_replaced(
    tmp_path,
):
    """Its first line, "[", is the same in any encoding, so the file passes the check of a
    first line: the reader finds the first byte that is not UTF-8."""
    path = tmp_path / "calls.json"
    path.write_bytes(json.dumps([CALL], ensure_ascii=False, indent=2).encode("cp1251"))
    rows, bad = _read(path)
    assert rows == []
    assert [(b["source_line"], b["raw_value"]) for b in bad] == [
        (12, "not UTF-8 text (byte 0xC7 in line 12); write the file as UTF-8 and send it again")
    ]


def test_a_call_id_written_as_a_json_number_keeps_its_digits_as_written(tmp_path):
    """Asterisk's ids are "seconds.sequence": 1790845229.10 and 1790845229.1 are two calls.
    A tool writing the id as a JSON number had it read as the float 1790845229.1, so its
    transcript was scored as another call's (or no call's), in a JSON-lines file and in an array."""
    written = ["1790845229.10", "1790845229.1", "1790845229.100", "17908452291"]
    line = json.dumps({**CALL, "call_id": 0}, ensure_ascii=False)
    text = "".join(line.replace('"call_id": 0', f'"call_id": {w}') + "\n" for w in written)
    lines = tmp_path / "2026-10-01.jsonl"
    lines.write_text(text, encoding="utf-8")
    array = tmp_path / "calls.json"
    array.write_text("[\n" + ",\n".join(text.splitlines()) + "\n]\n", encoding="utf-8")
    for path in (lines, array):
        rows, bad = _read(path)
        assert [r["call_id"] for r in rows] == written and not bad
        assert json.loads(rows[0]["segments_json"])[0]["end"] == 2.0  # other numbers stay numbers


def test_a_speaker_named_as_call_centres_name_them_is_read_without_a_setting(tmp_path, monkeypatch):
    """Russian call analytics write "Оператор" and "Клиент", others "operator" and "customer":
    every such call was quarantined until someone found AUTOKPI_TRANSCRIPT_SPEAKERS. "caller"
    is the client inbound and the agent outbound: it still needs the setting."""
    said = [("Оператор", "agent"), ("Клиент", "client"), ("operator", "agent"), ("Customer", "client"),
            ("менеджер", "agent"), ("абонент", "client")]  # fmt: skip
    segments = [{"speaker": label, "start": 1.0 * i, "text": "Алло"} for i, (label, _) in enumerate(said)]
    path = tmp_path / "2026-10-01.jsonl"
    calls = [
        {**CALL, "segments": segments},
        {**CALL, "call_id": "a2", "segments": [{**segments[0], "speaker": "caller"}]},
    ]
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in calls), encoding="utf-8")
    rows, bad = _read(path)
    assert [s["speaker"] for s in json.loads(rows[0]["segments_json"])] == [role for _, role in said]
    assert [b["raw_value"][:51] for b in bad] == ["segment 0: speaker must be agent or client, not 'ca"]
    monkeypatch.setenv("AUTOKPI_TRANSCRIPT_SPEAKERS", "caller=client,клиент=agent")  # the setting first
    rows, bad = _read(path)
    said_now = [json.loads(r["segments_json"])[i]["speaker"] for r, i in zip(rows, (1, 0), strict=True)]
    assert said_now == ["agent", "client"]
    assert not bad


def test_a_call_without_its_id_or_turns_is_quarantined_saying_what_a_call_needs(tmp_path):
    """ "missing call_id" said what was wrong, not what to write (a tool's own JSON, such as
    whisper's, has neither a call id nor speakers)."""
    whisper = {
        "text": "Здравствуйте",
        "segments": [{"id": 0, "start": 0.0, "end": 2.0, "text": "Здравствуйте"}],
    }
    path = tmp_path / "2026-10-01.jsonl"
    lines = [json.dumps(whisper, ensure_ascii=False), json.dumps({"call_id": "a1"}), "[1, 2]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows, bad = _read(path)
    assert rows == []
    assert [b["raw_value"] for b in bad] == [
        'no call_id: each call needs the id of its call as Master.csv has it ("call_id": "1790845229.61368")',
        'no segments list: each call needs its turns as "segments": '
        '[{"speaker": "agent", "start": 0.0, "end": 2.5, "text": "Здравствуйте!"}, …]',
        'not a JSON object: each line is one call, {"call_id": …, "segments": […]}',
    ]
