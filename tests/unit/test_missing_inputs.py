"""An inbox folder that holds nothing is named in the run's warnings, with what to do."""

from __future__ import annotations

from orchestration.run import _missing_inputs


def _inbox(root, deals: bool, directory: bool = True):
    (root / "pbx" / "asterisk").mkdir(parents=True)
    (root / "pbx" / "asterisk" / "Master.csv").write_text("", encoding="utf-8")
    (root / "directory").mkdir()
    if directory:
        (root / "directory" / "employees.csv").write_text("", encoding="utf-8")
    if deals:
        (root / "crm").mkdir()
        (root / "crm" / "deals.csv").write_text("", encoding="utf-8")
    return root


def test_a_missing_crm_folder_is_named_with_what_to_do(tmp_path):
    notes = _missing_inputs(_inbox(tmp_path / "without", deals=False), tmp_path / "none.duckdb")
    assert len(notes) == 1
    assert notes[0].startswith(f"no CRM deals: {tmp_path / 'without' / 'crm'} holds no deals file")
    assert "export the deals" in notes[0]
    assert _missing_inputs(_inbox(tmp_path / "with", deals=True), tmp_path / "none.duckdb") == []


def test_a_missing_directory_says_whether_an_earlier_runs_employees_are_used(tmp_path):
    """Without employees.csv a warehouse that loaded a directory before keeps using it; the
    warning says so rather than that calls belong to nobody."""
    import duckdb

    inbox = _inbox(tmp_path / "inbox", deals=True, directory=False)
    first_run = _missing_inputs(inbox, tmp_path / "none.duckdb")
    assert first_run == [f"no employee directory in {inbox / 'directory'}: calls and deals belong to nobody"]
    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema raw_directory")
        con.execute("create table raw_directory.employees as select * from range(25)")
    assert _missing_inputs(inbox, warehouse) == [
        f"no employee directory in {inbox / 'directory'}: the 25 employees an earlier run loaded are used; "
        "put employees.csv there to update them"
    ]
