"""The Asterisk cdr_csv reader: every column layout, the real samples' quirks, bad lines."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from core.phones import pseudonymise
from ingestion.sources.asterisk.helpers import read_cdr
from ingestion.sources.asterisk.settings import LAYOUTS
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
    rows = [good, good[:5], good, bad_time, good, bad_disposition, good]
    write_lines(path, rows)
    clean, quarantined = read_all(path)
    assert [r["_source_line"] for r in clean] == [1, 3, 5, 7]
    by_line = {q["source_line"]: q for q in quarantined}
    assert set(by_line) == {2, 4, 6}
    assert by_line[2]["rule"] == "column_count" and "5 columns" in by_line[2]["raw_value"]
    assert by_line[4]["rule"] == "timestamp_format" and by_line[4]["raw_value"] == "yesterday"
    assert by_line[6]["rule"] == "disposition_in_set" and by_line[6]["field"] == "disposition"
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


def test_a_cdr_report_export_with_columns_of_its_own_is_named_so(tmp_path):
    """FreePBX keeps call records in a database and its CDR Reports page exports them with a
    header, calldate first: 26 columns, which said only "expected one of 16, … 21"."""
    header = "calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,"
    header += "disposition,amaflags,accountcode,uniqueid,userfield,did,recordingfile,cnum,cnam,"
    header += "outbound_cnum,outbound_cnam,dst_cnam,linkedid,peeraccount,sequence"
    path = tmp_path / "cdr-report.csv"
    path.write_text(header + "\n", encoding="utf-8")
    with pytest.raises(InboxFileError) as refused:
        read_all(path)
    assert str(refused.value) == (
        f"{path}:1: not an Asterisk cdr_csv line: 26 columns, expected one of 16, 17, 18, 19, 21; it is "
        "the header of a CDR report or database export (calldate, clid, src, dst, …), not a Master.csv: "
        "send the files Asterisk's cdr_csv writes in /var/log/asterisk/cdr-csv/ (no header, 16 to 21 columns)"
    )


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
