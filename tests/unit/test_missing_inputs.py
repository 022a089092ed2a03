"""An inbox folder that holds nothing is named in the run's warnings, with what to do."""

from __future__ import annotations

from orchestration.run import _missing_inputs


def _inbox(root, deals: bool):
    (root / "pbx" / "asterisk").mkdir(parents=True)
    (root / "pbx" / "asterisk" / "Master.csv").write_text("", encoding="utf-8")
    (root / "directory").mkdir()
    (root / "directory" / "employees.csv").write_text("", encoding="utf-8")
    if deals:
        (root / "crm").mkdir()
        (root / "crm" / "deals.csv").write_text("", encoding="utf-8")
    return root


def test_a_missing_crm_folder_is_named_with_what_to_do(tmp_path):
    notes = _missing_inputs(_inbox(tmp_path / "without", deals=False))
    assert len(notes) == 1
    assert notes[0].startswith(f"no CRM deals: {tmp_path / 'without' / 'crm'} holds no deals file")
    assert "export the deals" in notes[0]
    assert _missing_inputs(_inbox(tmp_path / "with", deals=True)) == []
