"""The Asterisk cdr_csv reader: every column layout, the real samples' quirks, bad lines."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from core.phones import pseudonymise
from ingestion.sources.asterisk.helpers import read_cdr
from ingestion.sources.asterisk.settings import CUSTOM_SAMPLE_COLUMNS, LAYOUTS, RAW_COLUMNS
from ingestion.sources.errors import InboxFileError
from ingestion.sources.files import complete_size
from tests.conftest import ASTERISK_SAMPLES

STANDARD = [
    "",
    "101",
    "89161234567",
    "from-internal",
    '"Anna" <101>',
    "SIP/101-00000001",
    "SIP/trunk-00000002",
    "Dial",
    "SIP/trunk/89161234567",
    "2026-10-01 10:00:00",
    "2026-10-01 10:00:05",
    "2026-10-01 10:01:05",
    "65",
    "60",
    "ANSWERED",
    "DOCUMENTATION",
]
EXTRA = {
    16: [],
    17: ["1790845205.1"],
    18: ["1790845205.1", "vip"],
    19: ["", "1790845205.0", "3"],
    21: ["1790845205.1", "vip", "", "1790845205.0", "3"],
}


def write_lines(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    return path


def read_all(path: Path):
    clean, quarantined = [], []
    for batch in read_cdr(path, path.name):
        clean += batch.clean.to_pylist()
        quarantined += batch.quarantined
    return clean, quarantined


@pytest.mark.parametrize("n_columns", sorted(LAYOUTS))
def test_every_layout_maps_to_the_named_columns(tmp_path, n_columns):
    path = write_lines(tmp_path / "Master.csv", [STANDARD + EXTRA[n_columns]] * 2)
    clean, quarantined = read_all(path)
    assert quarantined == []
    assert len(clean) == 2
    row = clean[0]
    assert row["src"] == "101" and row["billsec"] == "60" and row["disposition"] == "ANSWERED"
    assert row["_column_count"] == n_columns
    assert [r["_source_line"] for r in clean] == [1, 2]
    names = LAYOUTS[n_columns]
    for name in ("uniqueid", "userfield", "linkedid", "sequence"):
        if name in names:
            assert row[name] == EXTRA[n_columns][names.index(name) - 16]
        else:
            assert row[name] is None


def test_real_sample_quirks_doubled_quotes_and_ids_as_text():
    clean, quarantined = read_all(ASTERISK_SAMPLES / "cdr.csv")
    assert len(clean) == 218 and quarantined == []
    first = clean[0]
    # """"" <…>" in the file; the number pseudonymised before it is stored (core/phones.py)
    assert first["clid"] == f'"" <{pseudonymise("791-445-9811")}>'
    assert first["src"] == pseudonymise("791-445-9811") and first["src"].startswith("+*******9811#")
    assert first["answer"] == ""  # an empty quoted field stays empty, not null
    ids = {r["uniqueid"] for r in clean}
    assert "1497955026.13" in ids  # never read as a float


def test_a_leg_keeps_the_extension_its_channel_names_when_the_channel_id_is_all_digits(tmp_path):
    """Extension 701 (or 12) on a channel whose id is all digits: the reader stored
    "SIP/+*******3485#…" as if "701-00003485" were a number, and the leg lost the extension
    it is attributed by; a client's number in a trunk's channel name is still replaced."""
    rows = []
    for extension, trunk in (("701", "SIP/89161234567-00003484"), ("12", "SIP/trunk-0000a001")):
        row = list(STANDARD)
        row[1], row[5], row[6] = extension, f"SIP/{extension}-00003485", trunk
        rows.append(row)
    clean, quarantined = read_all(write_lines(tmp_path / "Master.csv", rows))
    assert quarantined == []
    assert [r["channel"] for r in clean] == ["SIP/701-00003485", "SIP/12-00003485"]
    assert [r["src"] for r in clean] == ["701", "12"]
    assert clean[0]["dstchannel"] == f"SIP/{pseudonymise('89161234567')}-00003484"
    assert clean[1]["dstchannel"] == "SIP/trunk-0000a001"


def test_numbers_a_dial_plan_writes_into_the_account_and_user_fields_are_pseudonymised(tmp_path):
    """CDR(userfield)=${CALLERID(num)} and an account named after the client are common
    dial plan habits: those numbers were stored in clear; the fields' other text stays."""
    row = [*STANDARD, "1790845205.1", "rec-89161234567.wav"]
    row[0] = "89161234567"
    clean, quarantined = read_all(write_lines(tmp_path / "Master.csv", [row]))
    token = pseudonymise("89161234567")
    assert quarantined == [] and clean[0]["accountcode"] == token
    assert clean[0]["userfield"] == f"rec-{token}.wav"


def test_unquoted_empty_fields_and_padding_spaces(tmp_path):
    path = tmp_path / "Master.csv"
    path.write_text(
        ',"101","102","from-internal","" ,"SIP/101-1","SIP/102-2","Dial","",'
        '"2026-10-01 10:00:00",,"2026-10-01 10:00:20",20,0,"NO ANSWER" ,"DOCUMENTATION","1.1",""\n'
    )
    clean, quarantined = read_all(path)
    assert quarantined == []
    assert clean[0]["accountcode"] == "" and clean[0]["answer"] == ""
    assert clean[0]["disposition"].strip() == "NO ANSWER"  # staging trims the padding


def test_a_disposition_padded_with_a_tab_is_quarantined_as_staging_would_not_read_it(tmp_path):
    """Staging trims spaces (SQL trim()); "ANSWERED\t" stayed as it was there and the call
    counted unanswered, until the raw check stopped the call models over one line."""
    good = STANDARD + EXTRA[18]
    padded = list(good)
    padded[14] = "ANSWERED\t"
    spaced = list(good)
    spaced[14] = " answered "
    clean, quarantined = read_all(write_lines(tmp_path / "Master.csv", [good, padded, spaced]))
    assert [r["_source_line"] for r in clean] == [1, 3]
    assert [(q["source_line"], q["rule"], q["raw_value"]) for q in quarantined] == [
        (2, "disposition_in_set", "ANSWERED\t")
    ]


def test_a_channel_padded_with_a_tab_keeps_its_extension(tmp_path):
    """Staging reads the extension from the channel and trims spaces only: "SIP/101\t" made the
    extension "101\t", a call nobody's. The reader takes the padding off channels."""
    row = STANDARD + EXTRA[18]
    row[5], row[6] = "SIP/101-00000001\t", " SIP/trunk-00000002 "
    clean, quarantined = read_all(write_lines(tmp_path / "Master.csv", [row]))
    assert quarantined == []
    assert (clean[0]["channel"], clean[0]["dstchannel"]) == ("SIP/101-00000001", "SIP/trunk-00000002")


def test_bytes_that_are_not_utf8_are_replaced_not_fatal(tmp_path):
    path = tmp_path / "Master.csv"
    line = (
        ",".join(f'"{v}"' for v in STANDARD[:4]) + ',"Иван <101>",' + ",".join(f'"{v}"' for v in STANDARD[5:])
    )
    path.write_bytes(line.encode("cp1251") + b"\n")
    clean, quarantined = read_all(path)
    assert quarantined == []
    assert "\ufffd" in clean[0]["clid"] and clean[0]["clid"].endswith("<101>")


def test_bad_lines_are_quarantined_with_their_line_numbers(tmp_path):
    good = STANDARD + EXTRA[18]
    bad_time = list(good)
    bad_time[9] = "yesterday"
    bad_disposition = list(good)
    bad_disposition[14] = "MAYBE"
    path = tmp_path / "Master.csv"
    rows = [good, good[:5], good, bad_time, good, bad_disposition, good, good[:1]]
    write_lines(path, rows)
    clean, quarantined = read_all(path)
    assert [r["_source_line"] for r in clean] == [1, 3, 5, 7]
    by_line = {q["source_line"]: q for q in quarantined}
    assert set(by_line) == {2, 4, 6, 8}
    assert (
        by_line[2]["rule"] == "column_count" and by_line[2]["raw_value"] == f"5 columns, expected {len(good)}"
    )
    assert by_line[8]["raw_value"] == f"1 column, expected {len(good)}"  # a line cut after its first field
    assert by_line[4]["rule"] == "timestamp_format" and by_line[4]["raw_value"] == "yesterday"
    assert by_line[6]["rule"] == "disposition_in_set" and by_line[6]["field"] == "disposition"
    assert len(clean) + len(quarantined) == len(rows)  # nothing lost


def test_a_time_of_the_format_that_no_clock_shows_is_quarantined_by_the_reader(tmp_path):
    """2026-11-31 and 2026-02-30 have the PBX's format: the reader's pattern passed them and
    staging's cast would have stopped the call models on them (Arrow's parser alone rolls
    2026-02-30 over to 2 March). A leap day, the 31st of a long month and a fraction pass."""
    good = STANDARD + EXTRA[18]
    rows = [good]
    impossible = [(9, "2026-11-31 10:00:00"), (11, "2026-02-30 10:01:05"), (10, "2026-10-01 24:00:05"),
                  (9, "2026-12-32 10:00:00")]  # fmt: skip
    for column, value in impossible:
        bad = list(good)
        bad[column] = value
        rows.append(bad)
    for column, value in [
        (9, "2024-02-29 10:00:00"),
        (11, "2026-10-31 10:01:05"),
        (9, "2026-10-01T10:00:00.25"),
    ]:
        fine = list(good)
        fine[column] = value
        rows.append(fine)
    path = write_lines(tmp_path / "Master.csv", rows)
    clean, quarantined = read_all(path)
    assert [r["_source_line"] for r in clean] == [1, 6, 7, 8]
    by_line = {q["source_line"]: (q["rule"], q["field"], q["raw_value"]) for q in quarantined}
    assert by_line == {
        2: ("timestamp_format", "start", "2026-11-31 10:00:00"),
        3: ("timestamp_format", "end", "2026-02-30 10:01:05"),
        4: ("timestamp_format", "answer", "2026-10-01 24:00:05"),
        5: ("timestamp_format", "start", "2026-12-32 10:00:00"),  # not the data window's "in the future"
    }
    assert len(clean) + len(quarantined) == len(rows)  # nothing lost


def test_a_file_that_is_not_cdr_csv_names_file_and_line_and_what_to_send(tmp_path):
    path = tmp_path / "Master.csv"
    path.write_text("\nname,phone\n")
    with pytest.raises(InboxFileError) as refused:
        read_all(path)
    assert str(refused.value) == (
        f"{path}:2: not an Asterisk cdr_csv line: 2 columns, expected one of 16, 17, 18, 19, 21; "
        "send the Master.csv files as Asterisk's cdr_csv writes them in /var/log/asterisk/cdr-csv/"
    )
    path.write_text("a note someone saved here\n")
    with pytest.raises(InboxFileError) as refused:
        read_all(path)
    assert f"{path}:1: not an Asterisk cdr_csv line: 1 column, expected one of" in str(refused.value)


FREEPBX_EXPORT = ASTERISK_SAMPLES / "freepbx-cdr-report.csv"  # smallcdr.csv as FreePBX exports it


def export_rows() -> list[list[str]]:
    """The FreePBX export's header and rows."""
    return list(csv.reader(FREEPBX_EXPORT.open(newline="", encoding="utf-8")))


def write_export(path: Path, rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    """The export's rows saved another way (another separator, as a spreadsheet saves them)."""
    with path.open("w", newline="", encoding=encoding) as fh:
        csv.writer(fh, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return path


def _seconds(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


def test_a_freepbx_cdr_export_reads_as_the_master_csv_it_came_from():
    """FreePBX keeps call records in a database; its CDR Reports page (or the cdr table saved
    as CSV) exports them with a header, calldate first, 26 columns, no answer and no end.
    Such a file was refused ("expected one of 16, … 21"), so a FreePBX user had no way in."""
    export, quarantined = read_all(FREEPBX_EXPORT)
    master, _ = read_all(ASTERISK_SAMPLES / "smallcdr.csv")
    assert quarantined == [] and len(export) == len(master) == 45
    for got, wrote in zip(export, master, strict=True):
        assert got["_source_line"] == wrote["_source_line"] + 1  # after the header line
        same = [c for c in RAW_COLUMNS if c not in ("answer", "end", "amaflags")]
        # an empty column of the export is the column an 18-column Master.csv lacks (null)
        assert {c: got[c] or None for c in same} == {c: wrote[c] or None for c in same}
        # worked out from duration and billsec, which Asterisk rounds down: within a second
        assert got["end"] == _at(_seconds(got["start"]) + int(got["duration"]))
        assert abs(_seconds(got["end"]) - _seconds(wrote["end"])) <= 1
        if wrote["answer"]:
            assert got["answer"] == _at(_seconds(got["end"]) - int(got["billsec"]))
            assert abs(_seconds(got["answer"]) - _seconds(wrote["answer"])) <= 1
        else:
            assert got["answer"] == ""
    exact = sum(got["end"] == wrote["end"] for got, wrote in zip(export, master, strict=True))
    assert 0 < exact < 45  # the sample has both: the test would see an off-by-one either way


def _at(seconds: float) -> str:
    return datetime.fromtimestamp(seconds).strftime("%Y-%m-%d %H:%M:%S")


@pytest.mark.parametrize("delimiter", [";", "\t"])  # phpMyAdmin's CSV for MS Excel; a database client
def test_an_export_saved_with_semicolons_or_tabs_reads_the_same(tmp_path, delimiter):
    path = write_export(tmp_path / FREEPBX_EXPORT.name, export_rows(), delimiter=delimiter)
    assert read_all(path) == read_all(FREEPBX_EXPORT)


def test_an_export_saved_with_a_byte_order_mark_reads_the_same(tmp_path):
    """Excel's "CSV UTF-8" and many Windows tools begin the file with a byte-order mark: it
    sat in the first heading (calldate), and the export was refused as no call records."""
    path = tmp_path / FREEPBX_EXPORT.name
    path.write_bytes(b"\xef\xbb\xbf" + FREEPBX_EXPORT.read_bytes())
    assert read_all(path) == read_all(FREEPBX_EXPORT)


def test_an_export_read_on_from_where_it_grew_keeps_its_header_names(tmp_path):
    path = tmp_path / "cdr-report.csv"
    path.write_bytes(FREEPBX_EXPORT.read_bytes())
    third_line = len(b"".join(FREEPBX_EXPORT.read_bytes().splitlines(keepends=True)[:2]))
    rows = [
        r
        for batch in read_cdr(path, path.name, start=third_line, first_line=3)
        for r in batch.clean.to_pylist()
    ]
    assert [r["_source_line"] for r in rows] == list(range(3, 47))
    assert rows[0]["start"] == "2017-06-27 10:29:03" and rows[0]["answer"] == "2017-06-27 10:29:15"


def test_an_export_row_with_a_start_of_another_form_is_quarantined_under_the_exports_name(tmp_path):
    lines = FREEPBX_EXPORT.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("2017-06-27 10:29:03", "27.06.2017 10:29", 1)
    path = tmp_path / "cdr-report.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    clean, quarantined = read_all(path)
    assert len(clean) == 44  # raw = clean + quarantined
    [bad] = quarantined
    assert (bad["source_line"], bad["rule"], bad["field"], bad["raw_value"]) == (
        3,
        "timestamp_format",
        "calldate",
        "27.06.2017 10:29",
    )
    record = json.loads(bad["raw_record"])
    assert record["calldate"] == "27.06.2017 10:29" and record["billsec"] == "390"
    assert "cnam" not in record  # a column autokpi does not read is not kept


def _as_russian_excel_saves(row: list[str]) -> list[str]:
    """A row of the export as Russian Excel shows and saves it: times without seconds, day
    first; numbers with a decimal comma."""
    out = []
    for value in row:
        if re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", value):
            value = datetime.fromisoformat(value).strftime("%d.%m.%Y %H:%M")
        elif re.fullmatch(r"\d+\.\d+", value):
            value = value.replace(".", ",")
        out.append(value)
    return out


def test_an_export_opened_and_saved_in_excel_is_refused_saying_what_was_lost(tmp_path):
    """Opened in Excel and saved, an export's times lose their seconds and its unique ids
    become numbers (1498559343.30 and .3 one call): every line was quarantined, one reason
    each, and nothing said what had happened to the file."""
    header, *rows = export_rows()
    saved = [header] + [_as_russian_excel_saves(row) for row in rows]
    path = write_export(tmp_path / "cdr-report.csv", saved, delimiter=";", encoding="cp1251")
    with pytest.raises(InboxFileError) as refused:
        read_all(path)
    assert str(refused.value) == (
        f"{path}:2: a CDR export opened and saved in a spreadsheet, which rewrote its values (calldate "
        "'27.06.2017 09:27' and uniqueid '1498555635,0': times lose their seconds and unique ids their "
        "digits): download the export again and put it in pbx/asterisk/ as it downloads, without "
        "opening it in Excel"
    )


def test_an_export_without_a_column_calls_are_attributed_by_is_refused_naming_it(tmp_path):
    rows = export_rows()
    keep = [i for i, name in enumerate(rows[0]) if name not in ("channel", "dstchannel")]
    path = write_export(tmp_path / "cdr-report.csv", [[row[i] for i in keep] for row in rows])
    with pytest.raises(InboxFileError) as refused:
        read_all(path)
    assert str(refused.value) == (
        f"{path}:1: a CDR export without the columns channel, dstchannel (calls are counted and "
        "attributed by them): export every column of the cdr table again, or send the files "
        "Asterisk's cdr_csv writes in /var/log/asterisk/cdr-csv/"
    )


@pytest.mark.parametrize("added", [[], ["3c2a1b@10.0.0.1", "ssrc=1;themssrc=2;lp=0"]])
def test_a_file_cdr_custom_writes_with_its_sample_mapping_reads_as_the_sample(tmp_path, added):
    """cdr_custom's sample mapping writes the same fields as cdr_csv in another order, clid
    first, 19 of them (the count of a cdr_csv layout), often with fields of the admin's own
    after them (callid, rtcpinfo). Read by count, the start was taken from the answer and
    every line went to quarantine ("end: '65' is not a time")."""
    master = ASTERISK_SAMPLES / "smallcdr.csv"
    rows = [dict(zip(LAYOUTS[18], row, strict=True)) for row in csv.reader(master.open(newline=""))]
    path = write_lines(
        tmp_path / master.name,
        [[row.get(c, "") for c in CUSTOM_SAMPLE_COLUMNS] + added for row in rows],
    )
    custom, quarantined = read_all(path)
    expected, _ = read_all(master)
    assert quarantined == [] and len(custom) == len(expected) == 45
    for got, wrote in zip(custom, expected, strict=True):
        assert {c: got[c] or None for c in RAW_COLUMNS} == {c: wrote[c] or None for c in RAW_COLUMNS}
        assert got["_source_line"] == wrote["_source_line"]


def test_durations_in_fractions_of_a_second_are_whole_seconds_as_cdr_csv_writes_them(tmp_path):
    """cdr_custom's ``${CDR(duration,f)}`` writes 65.123 s: a line of it was quarantined as no
    whole number; Asterisk's own whole seconds round down, and so does the reader."""
    line = [*STANDARD]
    line[12], line[13] = "65.873", "60.2"
    clean, quarantined = read_all(write_lines(tmp_path / "Master.csv", [line]))
    assert quarantined == [] and (clean[0]["duration"], clean[0]["billsec"]) == ("65", "60")
    line[13] = "60.2.1"  # no number: quarantined as before
    clean, quarantined = read_all(write_lines(tmp_path / "Master.csv", [line]))
    assert clean == [] and [(q["rule"], q["raw_value"]) for q in quarantined] == [
        ("non_negative_integer", "60.2.1")
    ]


def test_a_header_line_of_column_names_is_no_call_and_no_quarantined_row(tmp_path):
    names = list(LAYOUTS[21])
    path = write_lines(tmp_path / "Master.csv", [names, STANDARD + EXTRA[21], STANDARD + EXTRA[21]])
    batches = list(read_cdr(path, path.name))
    clean = [row for batch in batches for row in batch.clean.to_pylist()]
    assert [row["_source_line"] for row in clean] == [2, 3]  # the lines keep their numbers
    assert [q for batch in batches for q in batch.quarantined] == []
    assert sum(batch.blank_lines for batch in batches) == 1  # read, and not a record


def test_a_master_csv_saved_by_a_spreadsheet_with_semicolons_says_what_to_send(tmp_path):
    path = tmp_path / "Master.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=";", lineterminator="\n").writerow(STANDARD + EXTRA[21])
    with pytest.raises(InboxFileError) as refused:
        read_all(path)
    assert str(refused.value).endswith(
        "its values are separated by ';' (saved from a spreadsheet?): "
        "send the file as the PBX wrote it, with commas"
    )
    assert "Master.csv:1: not an Asterisk cdr_csv line" in str(refused.value)


def test_a_line_still_being_written_waits_for_its_newline(tmp_path):
    path = write_lines(tmp_path / "Master.csv", [STANDARD + EXTRA[18]])
    full = path.stat().st_size
    with path.open("a") as fh:
        fh.write('"","101","10')  # Asterisk is half-way through the next record
    assert complete_size(path) == full
    clean, quarantined = read_all(path)
    assert len(clean) == 1 and quarantined == []


def test_reading_from_an_offset_continues_line_numbers(tmp_path):
    path = write_lines(tmp_path / "Master.csv", [STANDARD + EXTRA[18]] * 3)
    first_two = len(path.read_bytes().split(b"\n", 2)[0]) * 2 + 2
    batches = list(read_cdr(path, "Master.csv", start=first_two, first_line=3))
    rows = [r for b in batches for r in b.clean.to_pylist()]
    assert [r["_source_line"] for r in rows] == [3]


def test_a_quoted_line_break_in_a_later_batch_keeps_the_lines_after_it_physical(tmp_path, monkeypatch):
    """Batches whose values hold no line break skip counting them value by value; a batch
    that holds one, after many without, still shifts the line numbers after it."""
    from ingestion.sources.asterisk import helpers

    monkeypatch.setattr(helpers, "BLOCK_SIZE", 1 << 12)  # many small batches
    monkeypatch.setattr(helpers, "GROUP_ROWS", 40)  # taken a few at a time
    row = STANDARD + EXTRA[18]
    caller = [*row[:4], '"Anna\nPetrova" <101>', *row[5:]]
    rows = [row] * 200 + [caller] + [row] * 20
    path = write_lines(tmp_path / "Master.csv", rows)
    batches = list(read_cdr(path, path.name))
    assert len(batches) > 3
    clean = [r for batch in batches for r in batch.clean.to_pylist()]
    assert len(clean) == 221
    assert clean[200]["clid"] == '"Anna\nPetrova" <101>'
    assert [r["_source_line"] for r in clean[199:203]] == [200, 201, 203, 204]
    assert clean[-1]["_source_line"] == 222


def test_batches_are_taken_in_groups_of_whole_batches(tmp_path, monkeypatch):
    """A group holds whole batches until it has GROUP_ROWS rows; bad lines and quoted line
    breaks in any batch of a group keep every line number physical."""
    from ingestion.sources.asterisk import helpers

    monkeypatch.setattr(helpers, "BLOCK_SIZE", 1 << 12)
    row = STANDARD + EXTRA[18]
    caller = [*row[:4], '"Anna\nPetrova" <101>', *row[5:]]
    rows = [row] * 150 + [caller] + [row] * 30 + [row[:5]] + [row] * 60
    path = write_lines(tmp_path / "Master.csv", rows)
    monkeypatch.setattr(helpers, "GROUP_ROWS", 1)  # every batch alone
    ungrouped = list(read_cdr(path, path.name))
    monkeypatch.setattr(helpers, "GROUP_ROWS", 50)
    grouped = list(read_cdr(path, path.name))
    assert len(grouped) < len(ungrouped) and all(b.clean.num_rows >= 50 for b in grouped[:-1])

    def lines(batches) -> tuple:
        clean = [r["_source_line"] for b in batches for r in b.clean.to_pylist()]
        bad = [(q["source_line"], q["rule"]) for b in batches for q in b.quarantined]
        return clean, bad, sum(b.inner_breaks for b in batches)

    assert lines(grouped) == lines(ungrouped)
    clean, bad, breaks = lines(grouped)
    assert bad == [(183, "column_count")] and breaks == 1 and clean[-1] == 243 and len(clean) == 241


def test_a_window_of_bytes_reads_as_decoding_it_whole_with_replacement_whatever_its_pieces():
    """Pieces of well-formed UTF-8 pass through as they are; anything else is decoded with
    replacement as if the window were decoded at once, characters cut at a piece's end
    included (every cut of Cyrillic, emoji and malformed bytes tried)."""
    from ingestion.sources.asterisk import helpers

    text = (
        "Иванов,😀,abc".encode()
        + b"\xff\xe2\x28\xa1 \xe2\x82 \xf0\x9f\x98 \xc3"
        + "ё\n".encode()
        + b"\x82\x82\xed\xa0\x80"
    )
    expected = text.decode("utf-8", "replace").encode("utf-8")
    for size in range(1, 9):
        window = helpers._Utf8Window.__new__(helpers._Utf8Window)
        window.READ = size
        window._fh, window._left, window._carried, window._pending = io.BytesIO(text), len(text), b"", b""
        read = b""
        buffer = bytearray(5)
        while n := window.readinto(buffer):
            read += bytes(buffer[:n])
        assert read == expected, size
    assert helpers._is_utf8("ёж😀".encode()) and not helpers._is_utf8(b"\xe2\x28")
