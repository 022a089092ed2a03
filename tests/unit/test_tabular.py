"""Small exports (CSV, JSON, JSON lines, XLSX): read as text, keyed, with clear errors."""

from __future__ import annotations

import json
import os

import pytest

from ingestion.sources.crm import TABLES as CRM_TABLES
from ingestion.sources.errors import InboxFileError
from ingestion.sources.files import named_as_a_copy, oldest_first
from ingestion.sources.plans import TABLES as PLAN_TABLES
from ingestion.sources.tabular import files_for, latest_by_key, read_rows, superseded_message

CLIENTS = next(t for t in CRM_TABLES if t.name == "clients")
DEALS = next(t for t in CRM_TABLES if t.name == "deals")
DEAL_LINES = next(t for t in CRM_TABLES if t.name == "deal_lines")
PLANS = PLAN_TABLES[0]
ZONE = "Europe/Moscow"


def test_a_value_a_file_repeats_is_read_once_and_each_row_gets_what_it_alone_would(tmp_path, monkeypatch):
    from ingestion.sources import tabular, values

    path = tmp_path / "deal_lines.csv"
    lines = ["deal_line_id;deal_id;product_id;quantity;price;cost"]
    cells = [("2", "1 234,50"), ("2", "1 234,50"), ("3", "99,90"), ("два", "1 234,50"), ("два", "5")]
    lines += [f"L{i};D1;P1;{quantity};{price};{price}" for i, (quantity, price) in enumerate(cells)]
    path.write_bytes("\r\n".join(lines).encode("cp1251"))
    calls = []
    monkeypatch.setattr(tabular, "normalise", lambda *a: calls.append(a[:2]) or values.normalise(*a))
    rows, rejected = read_rows(path, DEAL_LINES, "crm/deal_lines.csv", ZONE)
    # each row as its cells alone read, in this file's conventions (a comma for decimals)
    conventions = values.Conventions(decimal_mark=",", month_first=None)
    read = [(r["quantity"], r["price"], r["cost"]) for r in rows]
    alone = [
        tuple(values.normalise(v, "decimal", ZONE, conventions) for v in (quantity, price, price))
        for quantity, price in cells
        if quantity != "два"
    ]
    assert read == alone == [("2", "1234.50", "1234.50")] * 2 + [("3", "99.90", "99.90")]
    # every row whose quantity is no number is refused, each with its own line
    assert [(r["source_line"], r["field"]) for r in rejected] == [(5, "quantity"), (6, "quantity")]
    # a text read once per kind; one that does not parse, each time it comes
    assert sorted(calls) == sorted(
        [("2", "decimal"), ("1 234,50", "decimal"), ("3", "decimal"), ("99,90", "decimal")]
        + [("два", "decimal")] * 2
        + [("5", "decimal")]
    )


def test_file_stems_pick_the_right_table(tmp_path):
    for name in ["deals.csv", "deals-2026-10.json", "deal_lines.csv", "deals_old.txt", "dealsx.csv"]:
        (tmp_path / name).write_text("")
    assert [p.name for p in files_for(tmp_path, DEALS)] == ["deals-2026-10.json", "deals.csv"]
    assert [p.name for p in files_for(tmp_path, DEAL_LINES)] == ["deal_lines.csv"]


def test_csv_with_semicolons_bom_and_cp1251(tmp_path):
    path = tmp_path / "clients.csv"
    text = "client_id;client_name;phones;responsible_user_id\nC1;ООО Ромашка;8 916 123-45-67;U1\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    rows = read_rows(path, CLIENTS, "crm/clients.csv", ZONE)[0]
    assert rows[0]["client_name"] == "ООО Ромашка" and rows[0]["_source_line"] == 2
    path.write_bytes(text.encode("cp1251"))
    assert read_rows(path, CLIENTS, "crm/clients.csv", ZONE)[0][0]["client_name"] == "ООО Ромашка"


def test_json_array_and_wrapped_list(tmp_path):
    path = tmp_path / "deals.json"
    deal = {
        "deal_id": 7,
        "client_id": "C1",
        "responsible_user_id": "U1",
        "status": "won",
        "created_at": "2026-10-01T10:00:00+03:00",
        "closed_at": None,
    }
    path.write_text(json.dumps({"result": [deal]}))
    rows = read_rows(path, DEALS, "crm/deals.json", ZONE)[0]
    assert rows[0]["deal_id"] == "7" and rows[0]["closed_at"] is None


def test_missing_required_column_names_file_and_columns(tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text("client_id,client_name\nC1,A\n")
    with pytest.raises(
        InboxFileError, match=r"clients\.csv: missing column\(s\) phones, responsible_user_id"
    ):
        read_rows(path, CLIENTS, "crm/clients.csv", ZONE)[0]


def test_truncated_json_names_the_line(tmp_path):
    path = tmp_path / "deals.json"
    path.write_text('[{"deal_id": "1",\n "status": ')
    with pytest.raises(InboxFileError, match=r"deals\.json:2: not valid JSON"):
        read_rows(path, DEALS, "crm/deals.json", ZONE)[0]


def test_row_with_wrong_column_count_names_the_line(tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text("client_id,client_name,phones,responsible_user_id\nC1,A,1,U1\nC2,B\n")
    with pytest.raises(InboxFileError, match=r"clients\.csv:3: expected 4 columns"):
        read_rows(path, CLIENTS, "crm/clients.csv", ZONE)[0]


def test_empty_key_names_the_line_and_the_rest_loads(tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text("client_id,client_name,phones,responsible_user_id\n,A,1,U1\nC2,B,2,U1\n")
    rows, rejected = read_rows(path, CLIENTS, "crm/clients.csv", ZONE)
    assert [r["client_id"] for r in rows] == ["C2"]
    assert [(r["source_file"], r["source_line"], r["rule"], r["field"]) for r in rejected] == [
        ("crm/clients.csv", 2, "missing_key", "client_id")
    ]


def test_a_phone_excel_shortened_to_scientific_notation_is_quarantined_with_what_to_do(tmp_path):
    path = tmp_path / "clients.csv"
    path.write_bytes(
        "client_id;client_name;phones;responsible_user_id\r\n"
        "C1;ООО Ромашка;7,91612E+10;U1\r\nC2;ООО Лютик;+7 916 123-45-67;U1\r\n".encode("cp1251")
    )
    rows, rejected = read_rows(path, CLIENTS, "crm/clients.csv", ZONE)
    assert [r["client_id"] for r in rows] == ["C2"]  # its number is kept, pseudonymised
    assert "123-45-67" not in json.dumps(rows, ensure_ascii=False)
    [row] = rejected
    assert (row["source_line"], row["rule"], row["field"]) == (2, "phone_format", "phones")
    assert row["raw_value"].startswith("'7,91612E+10': expected phone numbers in full")
    assert "format the column as Text in Excel and export the file again" in row["raw_value"]


def test_xlsx_plans(tmp_path):
    from datetime import date

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Month", "Employee_ID", "Revenue_Plan"])
    ws.append([date(2026, 10, 1), "E0001", 150000.0])
    path = tmp_path / "plans-2026.xlsx"
    wb.save(path)
    rows = read_rows(path, PLANS, "plans/plans-2026.xlsx", ZONE)[0]
    assert rows == [
        {
            "month": "2026-10-01",
            "employee_id": "E0001",
            "revenue_plan": "150000",
            "_source_file": "plans/plans-2026.xlsx",
            "_source_line": 2,
        }
    ]


def test_a_formula_no_spreadsheet_calculated_is_quarantined_not_read_as_an_empty_plan(tmp_path):
    """A workbook written by a program (a script, a template generator) holds formulas without
    the value Excel saves beside each: openpyxl read such a cell as empty, and the plan
    loaded as missing, in silence."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["План продаж на декабрь"])  # a title above the header: lines stay the sheet's
    ws.append(["month", "employee_id", "revenue_plan"])
    ws.append(["2026-12", "E0001", "=1000000*1.1"])
    ws.append(["2026-12", "E0002", 500000])
    ws.append(["2026-12", "E0003", None])  # empty, as written: left to the model to say
    path = tmp_path / "plans.xlsx"
    wb.save(path)
    rows, rejected = read_rows(path, PLANS, "plans/plans.xlsx", ZONE)
    assert [(r["employee_id"], r["revenue_plan"], r["_source_line"]) for r in rows] == [
        ("E0002", "500000", 4),
        ("E0003", None, 5),
    ]
    assert [(r["source_line"], r["rule"], r["field"]) for r in rejected] == [
        (3, "formula_not_calculated", "revenue_plan")
    ]
    assert rejected[0]["raw_value"] == (
        "'=1000000*1.1': expected a value, not a formula without one: the workbook was written by a "
        "program, and only a spreadsheet calculates formulas; open it in Excel or LibreOffice, save it "
        "and send it again"
    )


def test_only_a_workbook_with_cell_formulas_is_read_a_second_time_for_them(tmp_path):
    """The second read doubled the time of a 50 k-row export; a rule's <formula> in
    conditional formatting is no cell formula."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import FormulaRule

    from ingestion.sources.tabular import _has_formulas

    wb = Workbook()
    ws = wb.active
    ws.append(["month", "employee_id", "revenue_plan"])
    ws.append(["2026-12", "E0001", 500000])
    ws.conditional_formatting.add("C2:C9", FormulaRule(formula=["C2>1000000"]))
    plain = tmp_path / "plans.xlsx"
    wb.save(plain)
    assert not _has_formulas(plain)
    ws.append(["2026-12", "E0002", "=C2*2"])
    with_formula = tmp_path / "plans-2.xlsx"
    wb.save(with_formula)
    assert _has_formulas(with_formula)


def test_later_rows_win_per_key_and_the_replaced_ones_are_named():
    rows = [
        {"id": "1", "v": "old", "_source_file": "a.csv", "_source_line": 2},
        {"id": "2", "v": "x", "_source_file": "a.csv", "_source_line": 3},
        {"id": "2", "v": "x", "_source_file": "b.csv", "_source_line": 2},  # the same values: no news
        {"id": "1", "v": "new", "_source_file": "a.csv", "_source_line": 4},
    ]
    current, replaced = latest_by_key(rows, ("id",))
    assert [(r["id"], r["v"], r["_source_file"]) for r in current] == [
        ("1", "new", "a.csv"),
        ("2", "x", "b.csv"),
    ]
    assert [(s.old["_source_line"], s.new["_source_line"], s.columns) for s in replaced] == [(2, 4, ("v",))]
    assert superseded_message(replaced, ("id",)) == (
        "line 2 (id 1) is replaced by a later line of this file with other values (v old -> new); "
        "keep one line per key in it"
    )


def test_a_report_title_above_the_header_is_skipped_and_lines_stay_the_files(tmp_path):
    """1C and Excel reports open with a title, a date and an empty row before the header,
    and a workbook may open with a summary sheet before the data."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Лист1"
    ws.append(["План продаж на декабрь 2026"])
    ws.append(["Сформирован: 01.12.2026"])
    ws.append([])
    ws.append(["Month", "Employee_ID", "Revenue_Plan"])
    ws.append(["Декабрь 2026", "E0005", "1 234 567 890,50"])
    cover = wb.create_sheet("Сводка", 0)  # a summary sheet before the data
    cover.append(["Итого по отделу", 1234567890.5])
    wb.save(tmp_path / "plans-dec.xlsx")
    rows, rejected = read_rows(tmp_path / "plans-dec.xlsx", PLANS, "plans/plans-dec.xlsx", ZONE)
    assert rejected == []
    assert [(r["_source_line"], r["month"], r["revenue_plan"]) for r in rows] == [
        (5, "2026-12-01", "1234567890.50")
    ]
    text = 'План продаж;;\n\n"month";"employee_id";"revenue_plan"\n12.2026;E0005;1 000,00\n12.2026;E0006\n'
    (tmp_path / "plans.csv").write_bytes(text.encode("cp1251"))
    with pytest.raises(InboxFileError, match=r"plans.csv:5: expected 3 columns"):
        read_rows(tmp_path / "plans.csv", PLANS, "plans/plans.csv", ZONE)
    (tmp_path / "plans.csv").write_bytes(text.rsplit("12.2026;E0006", 1)[0].encode("cp1251"))
    rows = read_rows(tmp_path / "plans.csv", PLANS, "plans/plans.csv", ZONE)[0]
    assert [(r["_source_line"], r["employee_id"], r["revenue_plan"]) for r in rows] == [
        (4, "E0005", "1000.00")
    ]


def test_excel_empty_rows_are_skipped_and_a_total_line_without_its_key_is_quarantined(tmp_path):
    """Excel saves formatted empty rows as ";;;" and a report ends with a total: neither
    refuses the file; the total is kept in quarantine saying why, the plan rows load."""
    path = tmp_path / "plans.csv"
    text = (
        "month;employee_id;revenue_plan;calls_plan\r\n12.2026;E1;1 000,00;40\r\n;;;\r\n"
        "12.2026;;1 000,00;\r\n;;;\r\n"
    )
    path.write_bytes(text.encode("cp1251"))
    rows, rejected = read_rows(path, PLANS, "plans/plans.csv", ZONE)
    assert [(r["_source_line"], r["employee_id"]) for r in rows] == [(2, "E1")]
    assert [(r["source_line"], r["rule"], r["field"], r["raw_value"]) for r in rejected] == [
        (
            4,
            "missing_key",
            "employee_id",
            "'': employee_id is empty, and the row's key (month, employee_id) needs it: "
            "a total or a note line is not loaded; fill it in or remove the line",
        )
    ]


def test_a_russian_header_is_refused_naming_what_it_has_and_what_is_needed(tmp_path):
    path = tmp_path / "plans.csv"
    path.write_bytes("Месяц;Табельный номер;План продаж\n12.2026;E1;1 000,00\n".encode("cp1251"))
    with pytest.raises(InboxFileError) as refused:
        read_rows(path, PLANS, "plans/plans.csv", ZONE)
    assert str(refused.value) == (
        f"{path}: missing column(s) month, employee_id, revenue_plan; "
        "monthly_plans needs month, employee_id, revenue_plan "
        "(the header has Месяц, Табельный номер, План продаж: rename its columns to these names)"
    )


def test_a_workbook_whose_sheets_have_no_such_header_is_refused_not_read_as_empty(tmp_path):
    """A Russian export: a summary sheet first, the plan under Russian column names on the
    second; without this the summary sheet was read as a header without rows (0 loaded)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Итого"
    workbook.active.append(["Сводка по отделу"])
    plan = workbook.create_sheet("План")
    plan.append(["Месяц", "Сотрудник", "План выручки"])
    plan.append(["Январь 2027", "E1", "3 750 000,25"])
    path = tmp_path / "plans.xlsx"
    workbook.save(path)
    with pytest.raises(InboxFileError) as refused:
        read_rows(path, PLANS, "plans/plans.xlsx", ZONE)
    assert str(refused.value) == (
        f"{path}: no sheet has a header with the columns month, employee_id, revenue_plan "
        "(sheets: Итого, План): rename the columns of the sheet that holds the data to these names"
    )


@pytest.mark.parametrize(
    ("name", "copy"),
    [
        ("deals (1).csv", True),
        ("Master-2026-10 (2).csv", True),
        ("Master - Copy.csv", True),
        ("Master copy 2.csv", True),
        ("deals - копия.csv", True),
        ("Копия deals.csv", True),
        ("Copy of deals.csv", True),
        ("deals.csv", False),
        ("plans 2026.csv", False),
        ("recopy.csv", False),
        ("Master-2026-10.csv", False),
    ],
)
def test_a_name_says_whether_it_is_a_second_copy(tmp_path, name, copy):
    assert named_as_a_copy(tmp_path / name) is copy


def test_files_are_read_oldest_first_and_of_two_written_at_once_the_copy_after_its_original(tmp_path):
    original, copy, other = tmp_path / "deals.csv", tmp_path / "deals (1).csv", tmp_path / "clients.csv"
    for path in (original, copy, other):
        path.write_text("deal_id\nD1\n", encoding="utf-8")
    # saved within one tick of the clock: " (1)" sorts before ".csv", yet it is the copy
    for path in (original, copy, other):
        os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    assert oldest_first([copy, original, other]) == [other, original, copy]
    # written later, a file is read later whatever its name: the newer value wins
    os.utime(original, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_001))
    assert oldest_first([original, copy, other]) == [other, copy, original]


def test_json_lines_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "deals.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf"
        + b'{"deal_id": "D1", "client_id": "C1", "responsible_user_id": "U1", "status": "won", '
        b'"created_at": "2026-10-15", "closed_at": "2026-10-17"}\r\n'
    )
    rows, rejected = read_rows(path, DEALS, "crm/deals.jsonl", ZONE)
    assert [r["deal_id"] for r in rows] == ["D1"] and rejected == []


def test_json_lines_in_windows_1251_or_utf16_are_read_as_their_csv_and_json_are(tmp_path):
    """A CSV or a JSON file in Windows-1251 or UTF-16 was read right; JSON lines had every
    Russian letter replaced, in silence (a client's name, a deal's title)."""
    path = tmp_path / "clients.jsonl"
    text = (
        '{"client_id": "C1", "client_name": "ООО Ромашка", "phones": "", "responsible_user_id": "U1"}\r\n'
        '{"client_id": "C2", "client_name": "ИП Лютик", "phones": "", "responsible_user_id": "U1"}\r\n'
    )
    for encoding in ("cp1251", "utf-16", "utf-8"):
        path.write_bytes(text.encode(encoding))
        rows, rejected = read_rows(path, CLIENTS, "crm/clients.jsonl", ZONE)
        assert [(r["client_name"], r["_source_line"]) for r in rows] == [("ООО Ромашка", 1), ("ИП Лютик", 2)]
        assert rejected == [], encoding
