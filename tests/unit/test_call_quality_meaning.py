"""The meaning classifiers read what word lists cannot: an offer, or letting an objection go,
in words no list holds. Their verdicts quote the turn and the probability; a turn of a few
words is never decided by them; and the weights in the repository are what the trainer
writes from the corpus."""

from __future__ import annotations

import json

import numpy as np
import pytest

from call_quality.checklist import CHECKLIST_DIR, meaning_weights_path
from call_quality.meaning import load_meaning
from tests.unit.calls import call


def test_an_offer_in_words_no_list_holds(ru):
    result = ru.score(
        "c", call(("c", "Нужна дрель"), ("a", "К дрели отлично подходят свёрла по бетону, положить набор?"))
    )
    assert result.items["offer_assortment"] == 1
    evidence = result.evidence["offer_assortment"]
    assert evidence["quote"].startswith("К дрели") and evidence["meaning"] >= 0.5
    assert result.items["needs_discovery"] == 0  # the offer's question asks nothing of the client


def test_letting_an_objection_go_in_other_words_is_no_answer(ru):
    let_go = ru.score("c", call(("c", "Дорого у вас."), ("a", "Ну, на нет и суда нет.")))
    assert let_go.items["objection_handling"] == 0
    assert let_go.objections[0].answer == "Ну, на нет и суда нет."
    answered = ru.score(
        "c",
        call(
            ("c", "Дорого у вас."),
            ("a", "Давайте я сделаю вам скидку пять процентов, если оформите сегодня."),
        ),
    )
    assert answered.items["objection_handling"] == 1


def test_a_turn_of_a_few_words_is_not_read_for_meaning(ru):
    """ "Выставляю счёт" reads as an offer to the vectors; two words say too little."""
    result = ru.score("c", call(("a", "Здравствуйте, меня зовут Юля."), ("a", "Выставляю счёт.")))
    assert result.items["offer_assortment"] == 0


def test_rudeness_by_meaning_needs_the_classifier_to_be_sure():
    from call_quality.checklist import load_checklists
    from call_quality.dialogue import Reader

    checklist = load_checklists()["ru"]
    meaning, reader = load_meaning(checklist.meaning_weights), Reader(checklist)
    rude, kind = reader.turns(
        [
            {
                "speaker": "agent",
                "text": "Да сколько можно вам объяснять одно и то же, вы вообще меня слышите?",
            },
            {"speaker": "agent", "text": "Спасибо за ожидание, сейчас всё проверю."},
        ]
    )
    assert meaning.says("rude", rude) >= meaning.classifiers["rude"].threshold == 0.8
    assert meaning.says("rude", kind) is None


def test_english_is_read_by_its_words_where_no_list_holds_the_phrase(en):
    """No package ships English word vectors: its classifiers read which words a turn holds."""
    impatient = en.score(
        "c",
        call(
            ("a", "Hello, Priya speaking."),
            ("a", "Honestly, just hurry up, I've got a queue of people waiting."),
        ),
    )
    assert impatient.items["politeness"] == 0 and impatient.evidence["politeness"]["meaning"] >= 0.7
    patient = en.score(
        "c", call(("a", "Hello, Priya speaking."), ("a", "Sorry to keep you waiting, I'm checking now."))
    )
    assert patient.items["politeness"] == 1
    let_go = en.score(
        "c", call(("c", "That's a lot more than I wanted to pay."), ("a", "Fine, whatever you say."))
    )
    assert let_go.items["objection_handling"] == 0
    assert let_go.objections[0].objection_class == "other"  # no list holds it: the classifier found it
    answered = en.score(
        "c",
        call(
            ("c", "That's a lot more than I wanted to pay."),
            ("a", "It comes with a three year warranty, so it works out cheaper."),
        ),
    )
    assert answered.items["objection_handling"] == 1


def test_a_word_the_english_classifiers_never_saw_tells_them_nothing(en):
    meaning = en.meaning
    (unseen,) = en.reader.turns([{"speaker": "agent", "text": "zyxwv qwertz"}])
    assert not meaning.vector(unseen).any()
    assert meaning.says("rude", unseen) is None


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_weights_are_what_the_trainer_writes_from_the_corpus(language):
    from bench.call_corpus.train_meaning import TRAIN_SPLITS, train

    stored = json.loads(meaning_weights_path(CHECKLIST_DIR, language).read_text(encoding="utf-8"))
    assert "fresh30" not in TRAIN_SPLITS and "fresh29" in TRAIN_SPLITS  # never the held-out half
    trained = train(language)
    assert trained.get("vocabulary") == stored.get("vocabulary")
    again = trained["classifiers"]
    assert set(again) == set(stored["classifiers"])
    for name, classifier in stored["classifiers"].items():
        # the same up to how far the solver converges (lbfgs stops at tol=1e-4): another
        # CPU's BLAS takes another path there, and weights moved by up to 3e-4 on one
        # machine; the thresholds below, which decide the verdicts, must not move at all
        assert np.allclose(again[name]["coef"], classifier["coef"], atol=1e-3), name
        assert abs(again[name]["intercept"] - classifier["intercept"]) < 1e-3, name
        for key in ("threshold", "min_words", "positives", "negatives"):
            assert again[name][key] == classifier[key], (name, key)


def test_a_russian_turn_is_its_pooled_vectors_and_its_marks_of_tone(ru):
    """Mean, largest and smallest word-vector values, then one column per marker, an order, a
    question mark, an exclamation mark; a classifier trained on the mean reads the first columns."""
    meaning = ru.meaning
    dim = meaning.mean_columns
    pushed, plain = ru.reader.turns(
        [
            {"speaker": "agent", "text": "Вы с луны свалились, что ли? Читайте договор!"},
            {"speaker": "agent", "text": "Договор отправлю сегодня вечером."},
        ]
    )
    vector = meaning.vector(pushed)
    assert vector.shape == (3 * dim + len(meaning.markers) + 3,)
    words = np.stack([meaning._word(w, lm) for w, lm in zip(pushed.words, pushed.lemmas, strict=True)])
    assert np.allclose(vector[:dim], words.mean(axis=0))
    assert np.allclose(vector[dim : 2 * dim], words.max(axis=0))
    marks = dict(zip(meaning.markers, vector[3 * dim :], strict=False))
    assert marks["вы"] == marks["что ли"] == 1.0 and marks["пожалуйста"] == 0.0
    assert list(vector[-3:]) == [1.0, 1.0, 1.0]  # "читайте", "?", "!"
    assert list(meaning.vector(plain)[-3:]) == [0.0, 0.0, 0.0]
    # the classifiers of letting go and of objections were trained on the mean alone
    assert len(meaning.classifiers["letting_go"].coef) == dim
    assert len(meaning.classifiers["rude"].coef) == len(vector)
