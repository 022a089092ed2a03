"""Files in the inbox no source reads are named, each with what to do."""

from __future__ import annotations

from ingestion.sources.unread import unread_files


def test_misnamed_misplaced_and_old_format_files_are_named_and_read_ones_are_not(tmp_path):
    files = {
        "plans/plans.csv": None,  # read
        "plans/plans_2026.xlsx": None,  # read
        "plans/~$plans.xlsx": None,  # Excel's lock file while the workbook is open
        "plans/План продаж.xlsx": "plans/ reads files named plans* "
        "(.csv, .json, .jsonl, .ndjson or .xlsx); "
        "rename it, e.g. plans-2026-12.xlsx",
        "plans/plans.xls": "a .xls workbook is not read; save it as .xlsx "
        "(Excel: File > Save As > Excel Workbook)",
        "crm/deals.csv": None,
        "crm/2026-12/deals.csv": "files in sub-folders of crm/ are not read; move it into crm/ itself",
        "crm/deals.txt": "crm/ reads .csv, .json, .jsonl, .ndjson or .xlsx files, not .txt; "
        "save it as .csv or .xlsx",
        "directory/.DS_Store": None,
        "pbx/asterisk/Master.csv": None,
        "pbx/asterisk/2026/Master-11.csv": None,  # call records are read from sub-folders too
        "pbx/asterisk/Master.csv.txt": "pbx/asterisk/ reads call records as Asterisk's Master.csv (.csv), "
        "not .txt",
        "pbx/asterisk/calls.gz": "a compressed file is not read; unpack it (gunzip) into pbx/asterisk/ "
        "as a .csv file",
        # set aside by logrotate: read when unpacked (.1 with delaycompress, dateext names)
        "pbx/asterisk/Master.csv.1": None,
        "pbx/asterisk/Master.csv-20261123": None,
        **dict.fromkeys(
            ("pbx/asterisk/Master.csv.2.gz", "pbx/asterisk/Master.csv-20261116.gz"),
            "a Master.csv that logrotate set aside and compressed is not read: its calls were read while it "
            "was Master.csv and then Master.csv.1 if autokpi ran in that week; if it did not, unpack it "
            "(gunzip) into pbx/asterisk/ under a name of its own ending in .csv, e.g. Master-2026-11-23.csv "
            "(calls it shares with a file loaded before count once)",
        ),
        "pbx/transcripts/calls.jsonl": None,
        "pbx/transcripts/call.wav": "pbx/transcripts/ reads transcripts (.jsonl, .ndjson, .json), not .wav",
    }
    for name in files:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    found = {path.relative_to(tmp_path).as_posix(): why for path, why in unread_files(tmp_path)}
    assert found == {name: why for name, why in files.items() if why is not None}
