"""Files only where they belong, private modes, chart labels as text, settings checked
before they reach SQL (issue 20's findings 2, 5, 6, 7, 8, each failing before its fix)."""

from __future__ import annotations

import os
import stat

import pytest

from core import settings
from core.private_files import (
    MARKER,
    UnsafePathError,
    file_name,
    inbox_files,
    inside,
    private_umask,
    replace_folder,
    skipped_entries,
)


@pytest.mark.parametrize("hostile", ["../../pwned/E4", "/etc/passwd", "..", "a/b", ".hidden", "E4\x00x"])
def test_an_id_from_the_data_never_leaves_its_folder(tmp_path, hostile):
    name = file_name(hostile)
    assert "/" not in name and not name.startswith(".") and name != ".."
    target = inside(tmp_path, tmp_path / f"{name}.html")
    assert target.resolve().parent == tmp_path.resolve()
    assert file_name(hostile) == name  # the same id always gets the same file (links agree)


def test_ordinary_ids_keep_their_names(tmp_path):
    assert [file_name(i) for i in ("E0042", "Е0042", "emp-7.2")] == ["E0042", "Е0042", "emp-7.2"]


def test_a_link_out_of_the_folder_is_refused(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "bonus_2026-10.csv").symlink_to(tmp_path / "elsewhere.csv")
    with pytest.raises(UnsafePathError, match="outside"):
        inside(tmp_path / "out", tmp_path / "out" / "bonus_2026-10.csv")


def test_an_output_folder_is_emptied_only_when_autokpi_made_it(tmp_path):
    theirs = tmp_path / "documents"
    theirs.mkdir()
    (theirs / "thesis.docx").write_text("years of work")
    with pytest.raises(UnsafePathError, match="did not write"):
        replace_folder(theirs)
    assert (theirs / "thesis.docx").exists()
    ours = tmp_path / "site"
    replace_folder(ours)
    (ours / "old.html").write_text("x")
    replace_folder(ours)
    assert sorted(p.name for p in ours.iterdir()) == [MARKER]


def test_what_a_run_writes_is_private(tmp_path, monkeypatch):
    monkeypatch.delenv("AUTOKPI_SHARE_GROUP", raising=False)
    with private_umask():
        (tmp_path / "folder").mkdir()
        (tmp_path / "folder" / "file").write_text("x")
    assert stat.S_IMODE((tmp_path / "folder").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "folder" / "file").stat().st_mode) == 0o600


def test_an_unknown_share_group_is_refused_in_a_sentence(monkeypatch):
    monkeypatch.setenv("AUTOKPI_SHARE_GROUP", "no-such-group-here")
    refused = pytest.raises(UnsafePathError, match="AUTOKPI_SHARE_GROUP='no-such-group-here' is not a group")
    with refused, private_umask():
        pass


def test_links_and_special_files_in_the_inbox_are_not_read(tmp_path):
    secret = tmp_path / "secrets.toml"
    secret.write_text('token = "xoxb-secret"\n')
    inbox = tmp_path / "inbox" / "pbx" / "transcripts"
    inbox.mkdir(parents=True)
    (inbox / "calls.jsonl").write_text("{}\n")
    (inbox / "stolen.jsonl").symlink_to(secret)
    (inbox / "linked_folder").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(inbox / "pipe.jsonl")
    assert [p.name for p in inbox_files(inbox)] == ["calls.jsonl"]
    skipped = {p.name: why for p, why in skipped_entries(tmp_path / "inbox")}
    assert set(skipped) == {"stolen.jsonl", "linked_folder", "pipe.jsonl"}
    assert skipped["stolen.jsonl"].startswith("a symbolic link, not read")


def test_chart_labels_show_markup_as_text():
    from dashboards.charts import plan_progress

    evil = '<a href="https://example.invalid">Bob</a>'
    row = {"employee_id": "E1", "department_id": "D1", "revenue_actual": 1, "prorated_plan_to_date": 1,
           "revenue_plan": 2}  # fmt: skip
    html = plan_progress([row], {"actual": "a", "prorated": "p", "plan": "pl"}, {"E1": evil}, "c")
    assert "<a href" not in html and "\\u003ca href" not in html
    assert "&lt;a href" in html  # shown, as characters


@pytest.mark.parametrize("zone", ["Europe/Moscow'; drop table raw_pbx.asterisk_cdr; --", "MSK", "UTC+3"])
def test_a_time_zone_that_is_not_one_stops_the_run_before_sql(monkeypatch, zone):
    monkeypatch.setenv("AUTOKPI_PBX_TIMEZONE", zone)
    with pytest.raises(settings.SettingError, match="AUTOKPI_PBX_TIMEZONE"):
        settings.check_all()


def test_personal_data_said_in_a_call_is_not_stored(tmp_path):
    """Card and phone numbers and e-mails in a transcript are placeholders in the raw rows and
    in the quarantine's copy of a cut line; call ids and times stay as they were."""
    import json

    from ingestion.sources.file_parts import new_part
    from ingestion.sources.pbx.transcripts import read_transcripts

    said = "Карта 4276 1234 5678 9012, звоните +7 (916) 123-45-67, пишите ivan.petrov@mail.ru"
    good = {
        "call_id": "1790845229.61368",
        "started_at": "2026-10-01 09:00:29",
        "segments": [{"speaker": "client", "start": 0.0, "end": 2.0, "text": said}],
    }
    cut = json.dumps({**good, "call_id": "1790845230.1"}, ensure_ascii=False)[
        :-4
    ]  # the text value unterminated
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n" + cut + "\n", encoding="utf-8")
    rows, quarantined = next(read_transcripts(new_part(path, "pbx/transcripts/t.jsonl", {})))
    stored = rows[0]["segments_json"] + quarantined[0]["raw_record"]
    for clear in ("4276", "916", "123-45-67", "ivan.petrov", "mail.ru"):
        assert clear not in stored
    assert json.loads(rows[0]["segments_json"])[0]["text"] == (
        "Карта [card], звоните [phone], пишите [email]"
    )
    assert (
        "1790845230.1" in quarantined[0]["raw_record"]
        and "2026-10-01 09:00:29" in quarantined[0]["raw_record"]
    )
