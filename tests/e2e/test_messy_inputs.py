"""Inputs as they really arrive: one inbox of every shape the demo never writes, loaded
twice (the second time corrected), and a clear word for each.

- Russian Excel: Windows-1251, ``;``, ``10.2026`` and ``15.10.2026 9:59``, ``1 250 000,00``;
- a value that is no number and a day that does not exist: quarantined by file, line,
  column and value, the rest of the file loads;
- a Master.csv from 2017 among this year's plans, and a deal closed in 2027: outside the
  data window, quarantined, the calendars do not stretch;
- a Master.csv sent twice under another name, and one that overlaps another: counted once;
- a caller name with a line break inside its quotes: one record, physical line numbers;
- a last line Asterisk is still writing: waits for the next run, and says so;
- a plan saved under a Russian name and a CRM export saved as .xls: named as not read, with
  what to do;
- the corrected resend: a plan moved, an employee gone from the list: the current rows
  follow the files, the old version is kept as history.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from core.phones import pseudonymise
from orchestration.run import run_pipeline
from tests.conftest import ASTERISK_SAMPLES
from tests.warehouse import mart_digests, query

pytestmark = pytest.mark.e2e


def cdr(uid: str, src: str, dst: str, start: str, talk: int, clid: str = "Client") -> str:
    """One answered inbound leg in Asterisk's 21-column layout."""
    hh, mm, ss = (int(x) for x in start[11:].split(":"))
    answer = f"{start[:11]}{hh:02d}:{mm:02d}:{ss + 5:02d}"
    end_minute = mm + 1 + talk // 60
    end = f"{start[:11]}{hh + end_minute // 60:02d}:{end_minute % 60:02d}:{ss:02d}"
    quoted_clid = '"' + f'"{clid}" <{src}>'.replace('"', '""') + '"'
    return (
        f'"","{src}","{dst}","from-trunk",{quoted_clid},"SIP/trunk-{uid}","SIP/{dst}-{uid}","Dial",'
        f'"SIP/{dst},30","{start}","{answer}","{end}",{talk + 5},{talk},"ANSWERED","DOCUMENTATION",'
        f'"{uid}","","","{uid}",1\n'
    )


OCTOBER_CALLS = [
    cdr("1790000001.1", "89161000001", "101", "2026-10-05 10:00:00", 120),
    cdr("1790000002.1", "89161000002", "102", "2026-10-05 11:00:00", 60),
    cdr("1790000003.1", "89161000003", "101", "2026-10-06 12:00:00", 300),
]


def write(path: Path, text: str, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        text.replace("\n", "\r\n").encode(encoding) if encoding == "cp1251" else text.encode(encoding)
    )


@pytest.fixture(scope="module")
def messy(tmp_path_factory, dbt_manifest):
    root = tmp_path_factory.mktemp("messy")
    inbox, warehouse = root / "inbox", root / "autokpi.duckdb"
    write(
        inbox / "directory" / "employees.csv",
        "employee_id;full_name;department_id;role;extensions;crm_user_id;hire_date;leave_date\n"
        "E1;Иванова Анна;D1;sales_manager;101;U1;01.01.2025;\n"
        "E2;Петров Олег;D1;sales_manager;102;U2;01.01.2025;\n"
        "E3;Сидоров Илья;D1;department_head;103;U3;01.01.2025;\n",
        "cp1251",
    )
    write(inbox / "directory" / "departments.csv", "department_id;department_name\nD1;Продажи\n", "cp1251")
    write(
        inbox / "plans" / "plans.csv",
        "month;employee_id;revenue_plan;calls_plan\n"
        "10.2026;E1;1\u00a0250\u00a0000,00;40\n"
        "10.2026;E2;584 000,00;40\n"
        "10.2026;E3;584 000.00.00;40\n",
        "cp1251",
    )
    write(
        inbox / "crm" / "users.csv",
        "user_id;full_name\nU1;Иванова Анна\nU2;Петров Олег\nU3;Сидоров\n",
        "cp1251",
    )
    write(
        inbox / "crm" / "clients.csv",
        "client_id;client_name;phones;responsible_user_id\nC1;ООО Ромашка;8 (916) 100-00-01;U1\n",
        "cp1251",
    )
    write(
        inbox / "crm" / "products.csv",
        "product_id;product_name;category;cost;list_price;is_priority;is_promo;season_start;season_end\n"
        "P1;Кабель;кабель;1 000,00;1 500,00;да;нет;;\n",
        "cp1251",
    )
    write(
        inbox / "crm" / "deals.csv",
        "deal_id;client_id;responsible_user_id;status;created_at;closed_at\n"
        "D1;C1;U1;won;15.10.2026 9:59;17.10.2026\n"
        "D2;C1;U1;won;20.10.2026 10:00;32.10.2026\n"
        "D3;C1;U1;won;20.10.2026 10:00;17.10.2027\n",
        "cp1251",
    )
    write(
        inbox / "crm" / "deal_lines.csv",
        "deal_line_id;deal_id;product_id;quantity;price;cost\nL1;D1;P1;1 000;1 290,50;1 000,00\n",
        "cp1251",
    )
    asterisk = inbox / "pbx" / "asterisk"
    write(asterisk / "Master-a.csv", "".join(OCTOBER_CALLS))
    write(asterisk / "Master-a (1).csv", "".join(OCTOBER_CALLS))  # sent twice under another name
    # overlaps Master-a by one record and adds one; a caller name holds a line break
    write(
        asterisk / "Master-b.csv",
        OCTOBER_CALLS[2]
        + cdr("1790000004.1", "89161000004", "102", "2026-10-07 09:00:00", 30, "Иван\nПетров"),
    )
    # the last line is still being written: no line end yet
    written = cdr("1790000005.1", "89161000001", "101", "2026-10-05 15:00:00", 120)
    being_written = cdr("1790000006.1", "89161000006", "101", "2026-10-08 09:00:00", 45)[:60]
    write(asterisk / "Master.csv", written + being_written)
    shutil.copy(ASTERISK_SAMPLES / "smallcdr.csv", asterisk / "old-2017.csv")
    write(inbox / "plans" / "План декабрь.csv", "month;employee_id;revenue_plan\n12.2026;E1;1 000 000,00\n")
    write(inbox / "crm" / "deals-old.xls", "an Excel 97-2003 workbook")  # never opened
    first = run_pipeline(inbox, warehouse, quiet=True)
    return inbox, warehouse, first


def test_russian_excel_numbers_dates_and_local_times_are_read(messy):
    _, warehouse, _ = messy
    plans = query(
        warehouse,
        "select month, employee_id, revenue_plan from raw_plans.monthly_plans "
        "where _dlt_valid_to is null order by 2",
    )
    assert plans == [("2026-10-01", "E1", "1250000.00"), ("2026-10-01", "E2", "584000.00")]
    assert query(
        warehouse, "select revenue_plan from staging.stg_plans__monthly_plans where employee_id = 'E1'"
    ) == [(1250000,)]
    deal = query(
        warehouse,
        "select cast(created_at as varchar), closed_date from staging.stg_crm__deals where deal_id = 'D1'",
    )
    assert deal[0][0] == "2026-10-15 06:59:00"  # 9:59 in Moscow, stored in UTC
    revenue = query(warehouse, "select revenue from marts.fct_sales_lines where deal_line_id = 'L1'")[0][0]
    assert revenue == 1290500


def test_a_file_no_source_reads_is_named_with_what_to_do(messy):
    _, warehouse, first = messy
    assert (
        "plans/План декабрь.csv: not read: plans/ reads files named plans* "
        "(.csv, .json, .jsonl, .ndjson or .xlsx); "
        "rename it, e.g. plans-2026-12.xlsx" in first.warnings
    )
    assert (
        "crm/deals-old.xls: not read: a .xls workbook is not read; save it as .xlsx "
        "(Excel: File > Save As > Excel Workbook)" in first.warnings
    )
    assert query(warehouse, "select count(*) from raw_plans.monthly_plans where month = '2026-12-01'") == [
        (0,)
    ]


def test_bad_values_are_quarantined_by_file_line_column_and_value(messy):
    _, warehouse, _ = messy
    plans = query(
        warehouse,
        "select source_file, source_line, rule, field, raw_value from raw_plans.monthly_plans_quarantine",
    )
    assert plans == [
        ("plans/plans.csv", 4, "decimal_format", "revenue_plan",
         "'584 000.00.00': expected a number (e.g. 1234.50 or 1 234,50)")
    ]  # fmt: skip
    deals = query(warehouse, "select source_line, rule, field from raw_crm.deals_quarantine order by 1")
    assert deals == [(3, "date_format", "closed_at"), (4, "date_window", "closed_at")]
    log = query(
        warehouse,
        "select rows_read, rows_clean, rows_quarantined from raw_crm.load_log "
        "where source_file = 'crm/deals.csv'",
    )
    assert log == [(3, 1, 2)]  # raw = clean + quarantined


def test_a_2017_file_among_2026_plans_is_outside_the_window_and_the_calendar_does_not_stretch(messy):
    _, warehouse, _ = messy
    old = query(
        warehouse,
        "select count(*), min(rule), min(raw_value) from raw_pbx.asterisk_cdr_quarantine "
        "where source_file = 'pbx/asterisk/old-2017.csv'",
    )[0]
    assert old[0] == 45 and old[1] == "date_window" and "before 2025-10-01" in old[2]
    assert query(warehouse, "select min(date_day), max(date_day) from marts.dim_date")[0][0].year == 2026


def test_files_sent_twice_or_overlapping_count_each_call_once(messy):
    _, warehouse, first = messy
    # the original loads and the copy is named as its duplicate, though " (1)" sorts first
    assert (
        "pbx/asterisk/Master-a (1).csv: identical to pbx/asterisk/Master-a.csv, which is loaded already: "
        "not loaded twice" in first.warnings
    )
    calls = query(
        warehouse,
        "select call_id, talk_seconds from marts.fct_calls where call_id like '17900000%' order by 1",
    )
    assert calls == [("1790000001.1", 120), ("1790000002.1", 60), ("1790000003.1", 300), ("1790000004.1", 30),
                     ("1790000005.1", 120)]  # fmt: skip


def test_a_quoted_line_break_is_one_record_and_lines_stay_physical(messy):
    _, warehouse, _ = messy
    row = query(
        warehouse,
        "select _source_line, clid from raw_pbx.asterisk_cdr where uniqueid = '1790000004.1'",
    )
    # the name as it was, the number pseudonymised (core/phones.py)
    assert row == [(2, f'"Иван\nПетров" <{pseudonymise("89161000004")}>')]
    log = query(
        warehouse,
        "select rows_read, rows_clean, rows_quarantined from raw_pbx.load_log "
        "where source_file = 'pbx/asterisk/Master-b.csv'",
    )
    assert log == [(2, 2, 0)]


def test_a_line_still_being_written_waits_and_says_so(messy):
    _, warehouse, first = messy
    assert "pbx/asterisk/Master.csv: waiting for the rest of line 2 (no line end yet)" in first.warnings
    assert query(warehouse, "select count(*) from raw_pbx.asterisk_cdr where uniqueid = '1790000006.1'") == [
        (0,)
    ]


def test_the_corrected_resend_replaces_what_it_corrects_and_keeps_the_history(messy):
    inbox, warehouse, _ = messy
    master = inbox / "pbx" / "asterisk" / "Master.csv"
    rest = cdr("1790000006.1", "89161000006", "101", "2026-10-08 09:00:00", 45)[60:]
    master.write_bytes(master.read_bytes() + rest.encode())
    write(
        inbox / "directory" / "employees.csv",
        "employee_id;full_name;department_id;role;extensions;crm_user_id;hire_date;leave_date\n"
        "E1;Иванова Анна;D1;sales_manager;101;U1;01.01.2025;\n"
        "E3;Сидоров Илья;D1;department_head;103;U3;01.01.2025;\n",
        "cp1251",
    )
    write(
        inbox / "plans" / "plans.csv",
        "month;employee_id;revenue_plan;calls_plan\n10.2026;E1;1 300 000,00;40\n10.2026;E3;600 000,00;40\n",
        "cp1251",
    )
    second = run_pipeline(inbox, warehouse, quiet=True)
    assert not any("waiting" in w for w in second.warnings)
    assert query(warehouse, "select talk_seconds from marts.fct_calls where call_id = '1790000006.1'") == [
        (45,)
    ]
    assert query(warehouse, "select employee_id from marts.dim_employee order by 1") == [("E1",), ("E3",)]
    history = query(
        warehouse,
        "select employee_id, _dlt_valid_to is null from raw_directory.employees order by 1, 2",
    )
    assert ("E2", False) in history  # gone from the list, kept as history
    plans = query(
        warehouse,
        "select employee_id, revenue_plan from staging.stg_plans__monthly_plans order by 1",
    )
    assert plans == [("E1", 1300000), ("E3", 600000)]
    # the corrected plans file has no bad line: its quarantine listing is empty now
    from orchestration.quarantine_report import summary

    assert not [g for g in summary(warehouse) if g.table.endswith("monthly_plans_quarantine")]


NO_BREAK_SPACE = "\u00a0"


def _as_excel_saves(inbox: Path) -> None:
    """Write the demo's files again as Excel and Windows save them, in Russian and English
    locales: deal lines in Windows-1251 with ``;`` and amounts as ``1 234,50`` (a no-break
    space); products there too, flags as ``ИСТИНА``/``ЛОЖЬ``; deals as English (US) Excel,
    ``10/15/2026 12:53 PM`` (month first, shown by days past the 12th); plans as English
    Excel, ``626,000`` beside ``9,460,000`` (which shows the comma groups thousands); the
    directory and the clients as Excel's "CSV UTF-8" (a byte order mark, ``;`` for the
    directory); the call records with Windows line ends."""

    def amount(text: str) -> str:
        whole, _, cents = f"{float(text):.2f}".partition(".")
        return f"{int(whole):,}".replace(",", NO_BREAK_SPACE) + "," + cents

    def english_amount(text: str) -> str:
        value = float(text)
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"

    def us_day(text: str) -> str:  # 2026-10-15 or 2026-10-15T12:53:00+03:00 (Moscow, as the CRM's)
        y, m, d = text[:10].split("-")
        if len(text) == 10:
            return f"{m}/{d}/{y}"
        hour, minute = int(text[11:13]), text[14:16]
        return f"{m}/{d}/{y} {hour % 12 or 12}:{minute} {'PM' if hour >= 12 else 'AM'}"

    def flag(text: str) -> str:
        return {"true": "ИСТИНА", "false": "ЛОЖЬ"}[text]

    def save(name: str, encoding: str, delimiter: str, change: dict | None = None) -> None:
        change = change or {}
        path = inbox / name
        rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
        with path.open("w", encoding=encoding, newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\r\n")
            writer.writeheader()
            for row in rows:
                writer.writerow(
                    {k: (change[k](v) if change and k in change and v else v) for k, v in row.items()}
                )

    save("crm/deal_lines.csv", "cp1251", ";", {"price": amount, "cost": amount})
    save("crm/products.csv", "cp1251", ";", {"cost": amount, "list_price": amount, "is_priority": flag,
                                             "is_promo": flag})  # fmt: skip
    save("crm/deals.csv", "utf-8", ",", {"created_at": us_day, "closed_at": us_day})
    save("plans/plans.csv", "utf-8", ",", {"revenue_plan": english_amount})
    save("directory/employees.csv", "utf-8-sig", ";")
    save("crm/clients.csv", "utf-8-sig", ",")
    for master in (inbox / "pbx" / "asterisk").iterdir():
        master.write_bytes(master.read_bytes().replace(b"\n", b"\r\n"))


def test_the_same_data_as_excel_and_windows_save_it_builds_the_same_marts(demo_run, demo_inbox, tmp_path):
    _, plain = demo_run
    inbox = tmp_path / "inbox"
    shutil.copytree(demo_inbox, inbox)
    _as_excel_saves(inbox)
    assert "/2026 12:53 PM" in (inbox / "crm" / "deals.csv").read_text()
    assert re.search(r'"\d{3},000"', (inbox / "plans" / "plans.csv").read_text())  # one mark: 626,000
    assert "ИСТИНА" in (inbox / "crm" / "products.csv").read_text(encoding="cp1251")
    saved = tmp_path / "autokpi.duckdb"
    summary = run_pipeline(inbox, saved, quiet=True)
    assert summary.quarantined_rows == {}
    assert mart_digests(saved) == mart_digests(plain)
