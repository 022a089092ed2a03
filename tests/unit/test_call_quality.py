"""The checklist scorer on short Russian and English snippets, and redaction."""

from __future__ import annotations

import pytest

from call_quality.checklist import ChecklistError, load_checklist, load_checklists
from call_quality.redact import redact
from call_quality.scorer import Scorer
from core.errors import UserFacingError


def agent(text, at=0.0):
    return {"speaker": "agent", "start": at, "end": at + 2, "text": text}


def client(text, at=0.0):
    return {"speaker": "client", "start": at, "end": at + 2, "text": text}


@pytest.mark.parametrize(
    ("item", "text"),
    [
        ("greeting", "Здравствуйте!"),
        ("greeting", "Здрасте, слушаю"),
        ("greeting", "Добрый день"),
        ("greeting", "Здраствуйте"),  # a speech-to-text misspelling
        ("introduction", "Меня зовут Анна, компания ЭлектроСнаб"),
        ("needs_discovery", "Подскажите, какой объём вам нужен?"),
        ("offer_assortment", "Могу предложить ещё автоматы"),
        ("offer_assortment", "Кстати, могу предложит светильники"),  # misspelt
        ("closing", "Спасибо за звонок, всего доброго!"),
    ],
)
def test_russian_items_found_in_any_word_form(ru, item, text):
    result = ru.score("c", [agent(text, 3.5)])
    assert result.items[item] == 1
    assert result.evidence[item]["at"] == 3.5
    assert result.evidence[item]["quote"].lower() in text.lower()


@pytest.mark.parametrize(
    ("item", "text"), [("greeting", "Алло"), ("closing", "Ну всё"), ("introduction", "Да")]
)
def test_russian_items_missing(ru, item, text):
    assert ru.score("c", [agent(text)]).items[item] == 0


def test_only_the_agent_counts_for_agent_items(ru):
    result = ru.score("c", [client("Здравствуйте, добрый день"), agent("Да?")])
    assert result.items["greeting"] == 0


def test_politeness_fails_on_one_rude_phrase_with_evidence(ru):
    result = ru.score("c", [agent("Здравствуйте"), agent("Да что вы мне голову морочите!", 12.0)])
    assert result.items["politeness"] == 0
    assert result.evidence["politeness"] == {"quote": "голову морочите", "at": 12.0, "hits": 1}
    assert ru.score("c", [agent("Спасибо, пожалуйста")]).items["politeness"] == 1


def test_literacy_tolerates_one_filler_not_two(ru):
    assert ru.score("c", [agent("Ну короче есть на складе")]).items["literacy"] == 1
    assert ru.score("c", [agent("Короче, типа есть")]).items["literacy"] == 0


def test_objections_answered_late_or_never(ru):
    answered = ru.score("c", [client("Дороговато у вас", 10), agent("Понимаю, дам скидку", 12)])
    assert answered.items["objection_handling"] == 1
    assert answered.objections[0].objection_class == "price" and answered.objections[0].answered
    late = ru.score(
        "c",
        [client("Я подумаю", 10), agent("Хорошо", 12), agent("Ещё что-то?", 14), agent("Понимаю вас", 16)],
    )
    assert late.items["objection_handling"] == 0
    assert late.evidence["objection_handling"]["objection"] == "timing"
    assert ru.score("c", [client("У нас уже есть поставщик"), agent("Ясно")]).objections[
        0
    ].objection_class == ("competitor")
    assert ru.score("c", [agent("Здравствуйте")]).items["objection_handling"] == 1  # nothing to answer


@pytest.mark.parametrize(
    ("said", "cls"),
    [
        ("Это дорого", "price"),
        ("Перезвоните в следующем месяце", "timing"),
        ("Мы работаем с другими", "competitor"),
        ("Нам это не нужно", "no_need"),
        ("Нас такие условия не устраивают", "other"),
        ("Отлично, берём", None),
    ],
)
def test_objection_classes(ru, said, cls):
    found = ru.score("c", [client(said), agent("Понимаю")]).objections
    assert [o.objection_class for o in found] == ([cls] if cls else [])


def test_english_checklist(en):
    result = en.score(
        "c",
        [
            agent("Hello, my name is Anna from ElectroSupply"),
            agent("What are you using now?"),
            client("That's too expensive"),
            agent("I understand, let me offer a discount"),
            agent("We also have cables. Thank you for calling, goodbye"),
        ],
    )
    assert result.items == {
        "greeting": 1, "introduction": 1, "needs_discovery": 1, "offer_assortment": 1,
        "objection_handling": 1, "closing": 1, "politeness": 1, "literacy": 1,
    }  # fmt: skip
    assert result.score == 1.0
    rude = en.score("c", [agent("Shut up and listen")])
    assert rude.items["politeness"] == 0 and rude.score < 0.5


def test_score_is_the_weighted_share_of_items(ru):
    result = ru.score("c", [agent("Здравствуйте")])
    weights = {n: i.weight for n, i in ru.checklist.items.items()}
    passed = {n for n, v in result.items.items() if v}
    assert result.score == round(sum(weights[n] for n in passed) / sum(weights.values()), 4)


def test_redaction_of_phones_and_cards():
    text = "Звоните +7 (916) 123-45-67 или 89161234567, карта 4276 1234 5678 9012, заказ 12345"
    assert redact(text) == "Звоните [phone] или [phone], карта [card], заказ 12345"
    ru_scorer = Scorer(load_checklists()["ru"])
    result = ru_scorer.score("c", [client("Дорого, мой номер 8 916 123 45 67"), agent("Понимаю")])
    assert "916" not in result.objections[0].quote


def test_a_broken_checklist_names_the_file(tmp_path):
    path = tmp_path / "xx.yaml"
    path.write_text("language: xx\nitems:\n  greeting: {kind: positive, weight: 1, phrases: [hi]}\n")
    with pytest.raises(ChecklistError, match=r"xx\.yaml: items must be exactly"):
        load_checklist(path)


def test_a_language_given_as_a_locale_or_by_name_is_scored_by_its_checklist():
    """Yandex SpeechKit and Google write "ru-RU", other tools "russian": every such call was
    quarantined as "no checklist for language 'ru-RU'"."""
    import json as _json

    from call_quality.batches import score_batch
    from call_quality.checklist import checklists_version, load_checklists

    segments = _json.dumps([{"speaker": "agent", "start": 0.0, "end": 2.0, "text": "Здравствуйте!"}])
    tags = ["ru-RU", "RU", "ru_RU", "Russian", "en-US", "english", None, "de-DE"]
    batch = [(f"c{i}", tag, "101", segments, "t.jsonl", i, "L1", False, "h") for i, tag in enumerate(tags)]
    scored = score_batch(batch, checklists_version(load_checklists()))
    languages = {s["call_id"]: s["language"] for s in scored.scores}
    assert languages == {"c0": "ru", "c1": "ru", "c2": "ru", "c3": "ru", "c4": "en", "c5": "en", "c6": "ru"}
    assert [(b["source_line"], b["raw_value"]) for b in scored.bad] == [(7, "de-DE")]


def _scored(segment_lists: list[list[dict]]):
    import json as _json

    from call_quality.batches import score_batch, scoring_version
    from call_quality.checklist import load_checklists

    batch = [
        (f"c{i}", "ru", "101", _json.dumps(segments), "t.jsonl", i + 1, "L1", i == 0, f"h{i}")
        for i, segments in enumerate(segment_lists)
    ]
    return score_batch(batch, scoring_version(load_checklists()))


GREETS = {"speaker": "agent", "start": 0.0, "end": 2.0, "text": "Здравствуйте, компания Вектор!"}


def test_a_transcript_without_the_agents_words_is_not_scored_it_counted_against_the_agent():
    """Nothing recognised, or only the client's channel (a one-channel recording, a tool's
    labels with no role): the scorer gave such a call 0.25-0.4 and the agent's quality
    multiplier paid for it. Now it is quarantined, and a score it had before is taken back."""
    client = {"speaker": "client", "start": 0.0, "end": 2.0, "text": "Алло, это слишком дорого"}
    blank = {**GREETS, "text": "  "}
    scored = _scored([[], [client], [blank, client], [GREETS, client]])
    assert [s["call_id"] for s in scored.scores] == ["c3"]
    assert [(b["source_line"], b["rule"], b["raw_record"]) for b in scored.bad] == [
        (line, "no_agent_speech", f"call c{line - 1}, transcript sha256 h{line - 1}") for line in (1, 2, 3)
    ]
    assert scored.bad[0]["raw_value"].startswith("no words of the agent in the transcript")
    assert scored.withdrawn == ["c0"]  # scored before: that score no longer stands


def test_a_call_the_scorer_fails_on_is_quarantined_saying_where_and_the_others_are_scored(monkeypatch):
    """One call the scorer's authors did not foresee stopped the whole run, with a trace."""
    from call_quality.batches import scoring_version
    from call_quality.checklist import load_checklists
    from call_quality.scorer import Scorer

    scores = Scorer.score

    def fails_on_c1(self, call_id, segments):
        if call_id == "c1":
            return {}["the call's own words"]  # a bug the call's content reaches
        return scores(self, call_id, segments)

    monkeypatch.setattr(Scorer, "score", fails_on_c1)
    scored = _scored([[GREETS], [GREETS], [GREETS]])
    assert [s["call_id"] for s in scored.scores] == ["c0", "c2"]
    ((bad,),) = [scored.bad]
    assert (bad["source_line"], bad["rule"]) == (2, "scorer_failed")
    assert bad["raw_value"] == (
        "the call-quality scorer failed on this call (KeyError at unit/test_call_quality.py:"
        f"{fails_on_c1.__code__.co_firstlineno + 2}): not scored; report this line to autokpi's "
        "maintainers; the call is tried again when its transcript changes or autokpi's scorer is upgraded"
    )
    # kept with the scoring version that failed: another one tries it again
    version = scoring_version(load_checklists())
    assert bad["raw_record"] == f"call c1, transcript sha256 h1, scoring version {version}"
    assert "own words" not in str(scored.bad)  # the exception's text may quote the call

    monkeypatch.setattr(Scorer, "score", lambda self, call_id, segments: 1 / 0)
    with pytest.raises(UserFacingError) as stopped:
        _scored([[GREETS]] * 20)
    said = "failed on every one of 20 calls in a row (first: t.jsonl:1, ZeroDivisionError at unit/"
    assert said in str(stopped.value)
    assert len(_scored([[GREETS]] * 19).bad) == 19  # so few may be the calls' own


def test_a_transcript_that_names_no_language_is_scored_by_the_language_its_words_are_in():
    """An English team's tool that writes no language had every call scored by the Russian
    checklist: nearly every item failed. Brand names in Latin letters and the redaction's
    placeholders leave a Russian call Russian."""
    import json as _json

    from call_quality.batches import score_batch
    from call_quality.checklist import checklists_version, load_checklists

    said = {
        "c0": "Hello, this is Anna from Vector, how can I help you today?",
        "c1": "Здравствуйте, компания Вектор. Samsung Galaxy есть, номер [phone], почта [email]",
        "c2": "Добрый день! OK",
        "c3": "",  # no words: not scored
        "c4": "Hello, this is Anna from Vector, how can I help you today?",  # its language ""
    }
    batch = [
        (
            call,
            " " if call == "c4" else None,
            "101",
            _json.dumps([{**GREETS, "text": text}]),
            "t",
            1,
            "L",
            0,
            "",
        )
        for call, text in said.items()
    ]
    scored = score_batch(batch, checklists_version(load_checklists()))
    assert {s["call_id"]: s["language"] for s in scored.scores} == {
        "c0": "en",
        "c1": "ru",
        "c2": "ru",
        "c4": "en",
    }


def test_the_scorers_fingerprint_follows_its_code_and_libraries(tmp_path):
    """Part of the scoring version: a scorer whose code or word-reading libraries changed
    scores every call again (tests/e2e/test_call_quality.py)."""
    from call_quality.batches import code_fingerprint

    package = tmp_path / "scorer"
    (package / "models").mkdir(parents=True)
    (package / "verdicts.py").write_text("RUDE = ('дура',)\n", encoding="utf-8")
    (package / "notes.txt").write_text("read by no one\n", encoding="utf-8")
    libraries = ("rapidfuzz",)
    before = code_fingerprint(package, libraries)
    assert code_fingerprint(package, libraries) == before  # the same code, the same fingerprint
    (package / "notes.txt").write_text("changed\n", encoding="utf-8")
    (package / "models" / "weights.py").write_text("W = 1\n", encoding="utf-8")  # a subpackage's
    assert code_fingerprint(package, libraries) == before
    assert code_fingerprint(package, ("rapidfuzz", "no-such-library-here")) != before
    (package / "verdicts.py").write_text("RUDE = ('дура', 'дурак')\n", encoding="utf-8")
    assert code_fingerprint(package, libraries) != before
