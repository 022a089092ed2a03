"""`autokpi quality-check`: a team's own labels of some calls against the verdicts the last run
stored, in a real DuckDB warehouse. A labels file with a mistake is refused in one sentence
naming the file, line, column and value."""

from __future__ import annotations

import json

import duckdb
import pytest

from call_quality.checklist import ITEMS, load_checklists
from call_quality.scorer import Scorer
from orchestration.cli import main
from orchestration.quality_check import LabelsError, check, read_labels
from tests.unit.calls import call

RUDE = call(("a", "Здравствуйте, меня зовут Кира."), ("c", "Дорого."), ("a", "Сами виноваты, читать надо."))
POLITE = call(("a", "Добрый день, меня зовут Юля."), ("c", "Нужен кабель."), ("a", "Какой длины вам нужен?"))


@pytest.fixture
def warehouse(tmp_path):
    """A warehouse whose raw_call_quality.call_scores holds what the scorer gave two calls."""
    scorer = Scorer(load_checklists()["ru"])
    path = tmp_path / "autokpi.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema raw_call_quality")
    items = ", ".join(f"{item} tinyint" for item in ITEMS)
    con.execute(
        f"create table raw_call_quality.call_scores (call_id varchar, {items}, evidence_json varchar)"
    )
    con.execute("create schema raw_pbx")
    con.execute("create table raw_pbx.transcripts (call_id varchar, language varchar, segments_json varchar)")
    for call_id, segments in (("c-rude", RUDE), ("c-polite", POLITE)):
        con.execute("insert into raw_pbx.transcripts values (?, 'ru', ?)", [call_id, json.dumps(segments)])
        result = scorer.score(call_id, segments)
        values = [
            call_id,
            *(result.items[item] for item in ITEMS),
            json.dumps(result.evidence, ensure_ascii=False),
        ]
        con.execute(
            f"insert into raw_call_quality.call_scores values ({', '.join('?' * len(values))})", values
        )
    con.close()
    return path


def test_labels_in_a_russian_excel_export_are_compared_with_the_stored_verdicts(tmp_path, warehouse):
    labels = tmp_path / "мои оценки.csv"
    # cp1251 and ";", as Russian Excel saves; an empty cell is not judged; one call was never scored
    labels.write_bytes(
        "call_id;greeting;politeness;needs_discovery\n"
        "c-rude;1;1;\n"  # the person passes the agent's tone: a disagreement
        "c-polite;да;1;1\n"
        "c-unknown;1;1;1\n".encode("cp1251")
    )
    result = check(read_labels(labels), warehouse)
    agreement = result.agreement
    assert agreement.calls == 2 and result.not_scored == ["c-unknown"]
    assert agreement.judgements == 5  # 2 + 3: the empty cell counts for nothing
    assert agreement.mistakes == [("c-rude", "politeness", 1, 0)]
    assert agreement.items["politeness"].precision == 0.0  # its one failure is not one of yours
    assert result.quotes[("c-rude", "politeness")] == '"Сами виноваты"'


def test_the_command_prints_the_table_and_each_disagreement_with_its_quote(tmp_path, warehouse, capsys):
    labels = tmp_path / "labels.csv"
    labels.write_text("call_id,politeness\nc-rude,1\nc-polite,1\n", encoding="utf-8")
    code = main(["quality-check", "--labels", str(labels), "--warehouse", str(warehouse), "--mistakes"])
    out = capsys.readouterr().out
    assert code == 0
    assert "2 of 2 labelled calls scored; agreement 0.50 over 2 judgements" in out
    assert "; 1 call right on every item you judged." in out  # one call, not "1 calls"
    assert 'c-rude politeness: you 1, scorer 0: "Сами виноваты"' in out


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("call_id,politeness\nc-1,maybe\n", "labels.csv:2: column politeness holds 'maybe'; write 1"),
        ("id,politeness\nc-1,1\n", "labels.csv:2: no call_id column; name the column of call ids call_id"),
        ("call_id,comment\nc-1,fine\n", "labels.csv:2: no checklist item column; name the columns"),
        ("call_id,politeness\nc-1,1\nc-1,0\n", "labels.csv:3: call c-1 is labelled twice"),
    ],
)
def test_a_labels_file_with_a_mistake_is_refused_in_one_sentence(tmp_path, warehouse, capsys, content, said):
    labels = tmp_path / "labels.csv"
    labels.write_text(content, encoding="utf-8")
    with pytest.raises(LabelsError) as error:
        read_labels(labels)
    assert said in str(error.value) and "\n" not in str(error.value)
    assert main(["quality-check", "--labels", str(labels), "--warehouse", str(warehouse)]) == 1
    assert said in capsys.readouterr().err


def test_labels_of_calls_no_run_scored_say_what_to_do(tmp_path, warehouse):
    labels = tmp_path / "labels.csv"
    labels.write_text("call_id,politeness\nc-elsewhere,1\n", encoding="utf-8")
    with pytest.raises(LabelsError, match=r"none of its 1 calls has a score .* load their transcripts"):
        check(read_labels(labels), warehouse)


def test_a_template_of_scored_calls_is_filled_in_and_read_back(tmp_path, warehouse, capsys):
    template = tmp_path / "to-label.csv"
    assert main(["quality-check", "--template", str(template), "--warehouse", str(warehouse)]) == 0
    assert "wrote 2 calls" in capsys.readouterr().out
    text = template.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "call_id;language;transcript;" + ";".join(ITEMS)
    assert '"=""c-rude"""' in text  # a text formula: Excel keeps an Asterisk id as written
    assert "agent: Сами виноваты, читать надо." in text  # the call, to judge it by
    with pytest.raises(LabelsError, match="no verdict in it yet"):
        check(read_labels(template), warehouse)
    # the head of sales fills in one item of each call, in the file as Excel saves it
    filled = text.replace(";;;;;;;;", ";;;;;;;0;").replace("\r\n", "\n")
    template.write_text(filled, encoding="utf-8-sig")
    result = check(read_labels(template), warehouse)
    assert result.agreement.calls == 2 and result.agreement.judgements == 2
    assert main(["quality-check", "--template", str(template), "--warehouse", str(warehouse)]) == 1
    assert "exists already" in capsys.readouterr().err  # never written over


def test_call_ids_excel_saved_as_numbers_are_matched_to_the_scored_call_of_that_value(
    tmp_path, warehouse, capsys
):
    """A head of sales types or pastes Asterisk ids into Excel: it keeps 1791378319.6920 as the
    number 1791378319.692, and every such call was "not scored". Matched by value now, when
    one scored call has it (.1 is .10 and .100 alike: not guessed)."""
    import openpyxl

    con = duckdb.connect(str(warehouse))
    con.execute(
        "insert into raw_call_quality.call_scores select replace(call_id, 'c-rude', ?), * exclude (call_id) "
        "from raw_call_quality.call_scores where call_id = 'c-rude'",
        ["1791378319.6920"],
    )
    for twin in ("1791378400.10", "1791378400.100"):
        con.execute(
            "insert into raw_call_quality.call_scores select ?, * exclude (call_id) "
            "from raw_call_quality.call_scores where call_id = 'c-polite'",
            [twin],
        )
    con.close()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["call_id", "politeness"])
    sheet.append([1791378319.692, 1])
    sheet.append([1791378400.1, 1])
    labels = tmp_path / "labels.xlsx"
    book.save(labels)
    result = check(read_labels(labels), warehouse)
    assert result.by_value == {"1791378319.692": "1791378319.6920"}
    assert result.not_scored == ["1791378400.1"]
    assert result.agreement.mistakes == [("1791378319.692", "politeness", 1, 0)]  # c-rude's verdicts
    assert main(["quality-check", "--labels", str(labels), "--warehouse", str(warehouse)]) == 0
    assert "Read as numbers: 1 call id(s) (1791378319.692 → 1791378319.6920), matched by value" in (
        capsys.readouterr().out
    )
