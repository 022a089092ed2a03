"""The checklist verdicts read the dialogue: who speaks, where, what came before, what a
turn says. Hand-written calls, one rule each, with the evidence that decided it."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

from call_quality.checklist import ITEMS
from core.paths import PROJECT_ROOT
from tests.unit.calls import call

CORPUS = PROJECT_ROOT / "bench" / "data" / "call_corpus"


def test_a_refusal_saying_menya_zovut_is_no_introduction(ru):
    result = ru.score(
        "c", call(("a", "Здравствуйте"), ("c", "Нужен кабель"), ("a", "Как меня зовут, не важно"))
    )
    assert result.items["introduction"] == 0
    assert result.evidence["introduction"] == {"quote": "не важно", "at": 10.0, "refused": True}


def test_the_phone_formula_greets_and_names_the_company(ru):
    result = ru.score("c", call(("a", "алло электроснаб слушаю вас")))
    assert (result.items["greeting"], result.items["introduction"]) == (1, 1)
    bare = ru.score("c", call(("a", "Слушаю."), ("a", "Это Ольга.")))
    assert (bare.items["greeting"], bare.items["introduction"]) == (0, 1)  # a name, but no greeting


@pytest.mark.parametrize(
    ("agent_says", "client_says", "asked"),
    [
        ("а где будете ставить", "на складе", 1),  # no question mark, a question word
        ("а фундамент уже залит", "да летом", 1),  # yes or no, told by the client's answer
        ("вам для дома или для работы", "для дома", 1),  # an alternative
        ("Расскажите, какая у вас задача", "нужен склад", 1),  # a request, in the imperative
        ("сейчас я вам всё расскажу про ассортимент", "ага", 0),  # a pitch shares the lemma
        ("вам удобно сейчас говорить", "да удобно", 0),  # not about the client's situation
        ("ну как бы есть на складе", "да", 0),  # a filler, not "как…?"
    ],
)
def test_needs_discovery_is_a_question_about_the_client(ru, agent_says, client_says, asked):
    result = ru.score(
        "c", call(("a", "Здравствуйте"), ("c", "Нужен кабель"), ("a", agent_says), ("c", client_says))
    )
    assert result.items["needs_discovery"] == asked


def test_a_range_that_is_over_is_no_offer(ru):
    assert ru.score("c", call(("a", "Акция, к сожалению, закончилась."))).items["offer_assortment"] == 0
    assert ru.score("c", call(("a", "Могу предложить ещё щиток."))).items["offer_assortment"] == 1


@pytest.mark.parametrize(
    ("answer", "answered"),
    [
        ("Ну ладно.", False),  # letting go
        ("Понимаю.", False),  # sympathy without substance
        ("Ну и ищите, где дешевле.", False),  # a put-down, though it says "дешевле"
        ("Хорошо, давайте я наберу вам в четверг.", True),  # a fixed day to call back
        ("Зато гарантия три года.", True),  # an argument
        ("Есть аналог подешевле.", True),  # an alternative
    ],
)
def test_an_objection_is_handled_by_substance_not_by_any_word(ru, answer, answered):
    result = ru.score("c", call(("c", "Дороговато у вас."), ("a", answer), ("a", "Всего доброго!")))
    assert result.objections[0].answered is answered
    assert result.items["objection_handling"] == int(answered)
    assert result.evidence["objection_handling"]["objection"] == "price"


def test_an_answer_to_an_objection_is_not_also_an_offer(ru):
    result = ru.score("c", call(("c", "Дорого."), ("a", "Могу предложить рассрочку."), ("c", "Угу")))
    assert result.items["objection_handling"] == 1 and result.items["offer_assortment"] == 0


def test_goodbye_over_the_clients_question_is_no_closing(ru):
    over = ru.score(
        "c", call(("a", "Здравствуйте"), ("c", "а доставка сколько стоит"), ("a", "Всего доброго!"))
    )
    assert over.items["closing"] == 0
    assert over.evidence["closing"]["unanswered_question"] is True
    answered = ru.score(
        "c",
        call(
            ("c", "а доставка сколько стоит"),
            ("a", "Бесплатно от пяти тысяч."),
            ("a", "В пятницу наберу вам."),
        ),
    )
    assert answered.items["closing"] == 1  # the next step closes too


@pytest.mark.parametrize(
    ("said", "polite"),
    [
        ("Сами виноваты, надо было раньше заказывать.", 0),  # blame
        ("Ну вы же взрослый человек.", 0),  # sarcasm
        ("Я повторяю в третий раз.", 0),  # impatience
        ("Тупой угол на схеме мы учли.", 1),  # a technical word
        ("Не за что, обращайтесь.", 1),
    ],
)
def test_politeness_is_tone_as_well_as_words(ru, said, polite):
    assert ru.score("c", call(("a", said))).items["politeness"] == polite


@pytest.mark.parametrize(
    ("turns", "literate"),
    [
        (["Кабель такого типа есть.", "Труба короче на метр."], 1),  # literal "типа", "короче"
        (["Как бы вы хотели оплатить?"], 1),  # a conditional, not a filler
        (["Ложите трубку, я перезвоню."], 0),  # one speech error is enough
        (["Ну короче есть.", "Типа привезём."], 0),  # two fillers make a habit
        (["Ну короче есть."], 1),  # one slips out
    ],
)
def test_literacy_counts_habits_and_errors_not_words(ru, turns, literate):
    assert ru.score("c", call(*(("a", t) for t in turns))).items["literacy"] == literate


def test_english_reads_the_same_way(en):
    result = en.score(
        "c",
        call(
            ("a", "Good morning, this is Anna from ElectroSupply."),
            ("c", "I need cable."),
            ("a", "it looks like the older model"),  # "like" in its own meaning
            ("a", "what's the load you're planning"),  # no question mark
            ("c", "fifteen kilowatts"),
            ("c", "That's too expensive."),
            ("a", "Okay then."),  # letting go
            ("a", "Have a nice day!"),  # no question, though it starts with "have"
        ),
    )
    assert result.items == {
        "greeting": 1, "introduction": 1, "needs_discovery": 1, "offer_assortment": 0,
        "objection_handling": 0, "closing": 1, "politeness": 1, "literacy": 1,
    }  # fmt: skip


def test_the_held_out_half_repeats_no_phrasing_of_an_earlier_bank():
    """A held-out half measures new phrasings only if it has no line of the banks the scorer
    was tuned on (the first draft of fresh7 had some thirty)."""
    import ast

    from bench.call_corpus import build

    def phrasings(module) -> set[str]:
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        return {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) >= 12
            and "\n" not in node.value  # docstrings
        }  # fmt: skip

    held_out = list(build.CALLS)[-1][1]
    banks = set(build.BANKS.values())
    newest = {module for module in banks if held_out in module.TRADES}
    earlier = set().union(*(phrasings(module) for module in banks - newest))
    lines = set().union(*(phrasings(module) for module in newest))
    assert len(lines) > 100 and not lines & earlier, sorted(lines & earlier)


def test_a_long_turns_half_has_the_agents_parts_in_one_turn():
    """Real agents say an answer, an offer and a goodbye in one breath: a LONG_TURNS half has
    no two agent turns in a row, and a merged turn's role names its parts."""
    from bench.call_corpus import build

    assert len(build.LONG_TURNS) >= 2
    for split in build.LONG_TURNS:
        calls = [json.loads(line) for line in (CORPUS / f"{split}.jsonl").open(encoding="utf-8")]
        for c in calls:
            speakers = [speaker for speaker, _ in c["segments"]]
            assert all(not (a == b == "agent") for a, b in pairwise(speakers)), c["id"]
        assert sum("+" in (role or "") for c in calls for role in c["roles"]) > 100, split


def test_the_corpus_is_large_split_by_scenario_and_labelled_per_item():
    names = ("train", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7",
             "fresh8", "fresh9", "fresh10", "fresh11", "fresh12", "fresh13", "fresh14",
             "fresh15", "fresh16", "fresh17", "fresh18", "fresh19", "fresh20", "fresh21",
             "fresh22", "fresh23", "fresh24", "fresh25", "fresh26", "fresh27", "fresh28",
             "fresh29", "fresh30")  # fmt: skip
    splits = {name: [json.loads(line) for line in (CORPUS / f"{name}.jsonl").open(encoding="utf-8")]
              for name in names}  # fmt: skip
    assert sum(len(calls) for calls in splits.values()) >= 300
    scenarios = {name: {c["scenario"] for c in calls} for name, calls in splits.items()}
    # no trade is in two splits
    for i, name in enumerate(names):
        for other in names[i + 1 :]:
            assert not scenarios[name] & scenarios[other], (name, other)
    for calls in splits.values():
        assert {c["language"] for c in calls} == {"ru", "en"}
        assert all(len(c["expected"]) == len(ITEMS) and set(c["expected"]) <= {"0", "1"} for c in calls)
        for i in range(len(ITEMS)):  # every item fails somewhere, so its recall means something
            assert any(c["expected"][i] == "0" for c in calls)


@pytest.mark.parametrize(
    ("agent_says", "rude"),
    [
        ("я же вам уже объяснил, вы меня вообще слушаете", 0),  # impatience, words apart
        ("сколько раз вам можно объяснять одно и то же", 0),
        ("я вам объясню, как подключить", 1),  # the same verb, said kindly
        ("приветствую вас, это Ольга", 1),  # "вас это" is not "вы что"
    ],
)
def test_rudeness_by_tone_is_read_in_any_word_order(ru, agent_says, rude):
    result = ru.score("c", call(("a", "Здравствуйте"), ("c", "Нужен кабель"), ("a", agent_says)))
    assert result.items["politeness"] == rude


def test_a_sentence_before_slushayu_is_no_company_name(ru):
    refusal = ru.score("c", call(("a", "Алло."), ("a", "Имя моё вам ни к чему, слушаю.")))
    assert (refusal.items["greeting"], refusal.items["introduction"]) == (0, 0)
    formula = ru.score("c", call(("a", "Алло, ГрузЭкспресс, слушаю.")))
    assert (formula.items["greeting"], formula.items["introduction"]) == (1, 1)


@pytest.mark.parametrize(
    ("opening", "introduced"),
    [
        ("Morning! It's Priya at LinkTel.", 1),
        ("James here, how can I help?", 1),
        ("Hello and thanks for calling OfficeNest.", 1),
        ("Hello, it's about your order.", 0),  # "it's" without a name after it
        ("Yes?", 0),
    ],
)
def test_english_names_are_read_from_where_they_stand(en, opening, introduced):
    assert en.score("c", call(("a", opening), ("c", "We need phones."))).items["introduction"] == introduced


@pytest.mark.parametrize(
    ("objection", "answer", "handled"),
    [
        ("Не вписываемся в бюджет.", "Можно разбить оплату на три месяца.", 1),
        ("Не вписываемся в бюджет.", "Ну смотрите сами.", 0),  # letting go, not on the old list
        ("Мы работаем с другой компанией.", "Ясно.", 0),  # bare acknowledgement
    ],
)
def test_objections_said_in_other_words_are_still_objections(ru, objection, answer, handled):
    turns = call(("a", "Здравствуйте"), ("c", "Нужен кабель"), ("c", objection), ("a", answer))
    assert ru.score("c", turns).items["objection_handling"] == handled


@pytest.mark.parametrize(
    "opening",
    [
        "Доброе утро, ПринтМастер, чем могу помочь?",  # the company right after the greeting
        "Здравствуйте, вы позвонили в МедТехника.",  # "вы позвонили в <компания>"
        "Добрый день! С вами Роман.",  # a name only in one reading ("роман"), announced
        "ну. меня вера зовут",  # lower case, "<имя> зовут"
    ],
)
def test_an_introduction_by_the_company_or_an_ambiguous_name(ru, opening):
    assert ru.score("c", call(("a", opening), ("c", "Нужен тонометр"))).items["introduction"] == 1


def test_an_echoed_greeting_or_an_interjection_is_no_introduction(ru):
    for opening in ("здравствуйте-здравствйуте", "Ало.", "Ну?"):
        assert ru.score("c", call(("a", opening), ("c", "Нужен тонометр"))).items["introduction"] == 0


@pytest.mark.parametrize(
    ("agent_says", "asked"),
    [
        ("Ну?", 0),  # a question mark alone asks nothing about the client
        ("Чего?", 0),
        ("Как его подключать, написано в инструкции.", 0),  # a full stop: a statement
        ("Тогда жду от вас реквизиты, всего хорошего", 0),  # a goodbye said to the client
        ("Подскажите, на какие даты ориентируетесь?", 1),
    ],
)
def test_a_needs_question_has_content_and_is_a_question(ru, agent_says, asked):
    result = ru.score("c", call(("a", "Здравствуйте"), ("c", "Нужен тур"), ("a", agent_says), ("c", "угу")))
    assert result.items["needs_discovery"] == asked


def test_english_how_many_asks_anywhere_and_how_can_i_help_does_not(en):
    asks = en.score(
        "c", call(("a", "Hi"), ("c", "Lunch for a conference"), ("a", "roughly how many would you need"))
    )
    assert asks.items["needs_discovery"] == 1
    opening = en.score("c", call(("a", "Hello, FreshPlate, how can I help?"), ("c", "Lunch please")))
    assert opening.items["needs_discovery"] == 0


def test_blin_is_a_filler_not_an_insult(ru):
    result = ru.score("c", call(("a", "У нас блин всё в наличии."), ("a", "Короче, доставим в четверг.")))
    assert (result.items["politeness"], result.items["literacy"]) == (1, 0)


def test_sarcasm_vam_chto_trudno_is_rude_and_slushayu_vas_is_not(ru):
    rude = ru.score("c", call(("a", "вам что трудно сайт открыть и почитать")))
    assert rude.items["politeness"] == 0
    polite = ru.score("c", call(("a", "Да, слушаю вас. Меня Кирилл зовут.")))
    assert polite.items["politeness"] == 1


@pytest.mark.parametrize(
    ("agent_says", "habit"),
    [
        ("как его, доставим в четверг. ну типа всё", 1),  # two fillers
        ("Как его подключать, написано в инструкции. Ну типа всё.", 0),  # "как его" asks how
        ("Короче этой модели нет. Ну типа всё.", 0),  # "короче" is "shorter"
    ],
)
def test_literal_kak_ego_and_koroche_are_no_fillers(ru, agent_says, habit):
    assert ru.score("c", call(("a", agent_says))).items["literacy"] == 1 - habit


@pytest.mark.parametrize(
    ("agent_says", "offered"),
    [
        ("Хотите, подберу вам ещё когтеточку?", 1),  # an offering verb beside "ещё"
        ("сейчас на трансфер хорошая цена оформить вместе", 1),
        ("а вы ещё где-то заказывали раньше", 0),  # told in the past: a question, not an offer
        ("Ещё могу вам сказать, что доставка бесплатная.", 0),  # "ещё" without an offering verb
    ],
)
def test_an_offer_in_ones_own_words_proposes_more(ru, agent_says, offered):
    result = ru.score("c", call(("a", "Здравствуйте"), ("c", "Нужен корм"), ("a", agent_says)))
    assert result.items["offer_assortment"] == offered
    if offered:  # and the offer is not also taken for a needs question
        assert result.items["needs_discovery"] == 0


def test_english_offers_in_ones_own_words_too(en):
    offered = en.score(
        "c", call(("a", "Hello"), ("c", "I need a van"), ("a", "We could also include a tow bar for you."))
    )
    assert offered.items["offer_assortment"] == 1
    assert offered.evidence["offer_assortment"]["quote"] == "include … also"


def test_asking_for_advice_is_no_timing_objection(ru):
    """ "посоветуете" (advise me) is not "посоветоваться" (I must consult someone) misspelt."""
    result = ru.score(
        "c",
        call(("a", "Здравствуйте"), ("c", "Хотим на море, что посоветуете?"), ("a", "Какой у вас бюджет?")),
    )
    assert result.objections == [] and result.items["needs_discovery"] == 1


@pytest.mark.parametrize(
    ("said", "polite"),
    [
        ("Угол там тупой, но шкаф встанет.", 1),  # "тупой угол" in another word order
        ("Мужчина, не перебивайте меня.", 0),  # the client called by their sex, interrupting
        ("Для мужчины этот аромат подойдёт.", 1),  # the word, not a way to address someone
        ("Я вам уже третий раз повторяю одно и то же.", 0),
    ],
)
def test_politeness_reads_literal_words_in_any_order_and_rude_address(ru, said, polite):
    assert ru.score("c", call(("a", said))).items["politeness"] == polite


@pytest.mark.parametrize(
    ("turns", "literate"),
    [
        (["Мы в принципе так и сделаем.", "Мы короче так и сделаем."], 0),  # two fillers
        (["Как бы то ни было, цена фиксированная.", "Мы короче так и сделаем."], 1),  # a concession
        (["Ну как бы это недорого.", "Ну чё, привезём."], 0),  # "как бы это <adverb>" fills
    ],
)
def test_kak_by_to_ni_bylo_concedes_and_v_printsipe_fills(ru, turns, literate):
    assert ru.score("c", call(*(("a", t) for t in turns))).items["literacy"] == literate


def test_a_company_after_eto_and_a_name_after_im_introduce(ru, en):
    assert ru.score("c", call(("a", "Приветствую вас, это ЗооМир."))).items["introduction"] == 1
    assert en.score("c", call(("a", "Yes, I'm Priya, one of the advisers here."))).items["introduction"] == 1
    assert en.score("c", call(("a", "Yes, I'm afraid we're closed."))).items["introduction"] == 0


def test_a_time_of_day_greets_only_when_it_opens_the_turn(en):
    late = en.score("c", call(("a", "Yes?"), ("a", "Is it a daytime thing or going into the evening?")))
    assert late.items["greeting"] == 0
    assert en.score("c", call(("a", "Evening! What can I do for you?"))).items["greeting"] == 1


@pytest.mark.parametrize(
    ("said", "literate"),
    [
        ("Мы туда ездиют каждый день.", 0),  # an unknown form of a known verb
        ("Они хочут приехать в субботу.", 0),  # the dictionary marks the form as an error
        ("Оплатите за услугу на сайте.", 0),  # "оплатить за", in any form of the verb
        ("Мы пирвезем всё завтра.", 1),  # speech-to-text swapped two letters: no speech error
        ("Вот договор, вот квитанция.", 1),  # "вот" shows something
        ("Мастер вот приедет, вот, оформим всё сегодня.", 0),  # "вот" fills, twice
    ],
)
def test_speech_errors_are_read_from_the_dictionary_not_only_a_list(ru, said, literate):
    assert ru.score("c", call(("a", said))).items["literacy"] == literate


@pytest.mark.parametrize(
    ("objection", "answer", "handled"),
    [
        ("Let me sleep on it.", "Up to you.", 0),
        ("That's way over what I expected.", "Fine.", 0),  # objected; the answer lets it go
        ("That's way over what I expected.", "The smaller package is a third cheaper.", 1),
    ],
)
def test_english_objections_in_common_words(en, objection, answer, handled):
    result = en.score("c", call(("a", "Hello, I'm Priya."), ("c", objection), ("a", answer)))
    assert result.objections and result.items["objection_handling"] == handled


@pytest.mark.parametrize(
    ("opening", "introduced"),
    [
        ("Без разницы, как меня зовут, что нужно?", 0),  # speaks about the name instead of giving it
        ("Добрый день, Белое Облако.", 1),  # a company of ordinary words ends the greeting
        ("Здравствуйте, рада вас слышать!", 0),  # no name in that
        ("слушаю вас сетпан на связи", 1),  # a misspelt name before "на связи"
    ],
)
def test_introductions_read_from_how_the_opening_is_built(ru, opening, introduced):
    assert ru.score("c", call(("a", opening))).items["introduction"] == introduced


@pytest.mark.parametrize(
    ("said", "polite"),
    [
        ("Тупые ножницы мы сразу меняем.", 1),  # blunt scissors: a thing beside the word
        ("Что за тупой вопрос?", 0),  # a thing of the mind: still rude
        ("Вы меня хорошо слышите?", 1),  # a line check, however close to "вы меня вообще слышите?"
    ],
)
def test_rude_words_with_a_physical_meaning_and_line_checks(ru, said, polite):
    assert ru.score("c", call(("a", said))).items["politeness"] == polite


def test_a_rude_question_is_no_needs_discovery(ru):
    result = ru.score("c", call(("c", "Нужен шлем"), ("a", "Женщина, вы меня вообще слышите?"), ("c", "Да")))
    assert (result.items["politeness"], result.items["needs_discovery"]) == (0, 0)


@pytest.mark.parametrize(
    ("said", "literate"),
    [("Вам надо одеть шлем обязательно.", 0), ("Оденьте ребёнка потеплее.", 1)],
)
def test_odet_with_a_thing_is_a_speech_error_and_with_a_person_is_not(ru, said, literate):
    assert ru.score("c", call(("a", said))).items["literacy"] == literate


@pytest.mark.parametrize(
    "opening, introduced",
    [
        ("Добрый день, слушаю вас внимательно.", 0),  # the greeting before "слушаю" names no company
        ("Моё имя вам ничего не даст, давайте по существу.", 0),  # talks about the name, gives none
        ("Добрый день, моё имя Анна.", 1),
        ("Доброе утро, вам помогает Злата.", 1),
        ("Алло. Злата, консультант.", 1),
        ("Здравствуйте, это гостиница Заречье.", 1),  # known words, but a name ending the turn after "это"
    ],
)
def test_an_opening_names_someone_only_where_a_name_stands(ru, opening, introduced):
    assert (
        ru.score("c", call(("a", opening), ("c", "Нужен номер на три ночи."))).items["introduction"]
        == introduced
    )


def test_my_name_talked_about_is_a_refusal_with_its_quote(ru):
    result = ru.score("c", call(("a", "Здравствуйте."), ("a", "Имя моё вам зачем? Говорите, что надо.")))
    assert result.evidence["introduction"]["refused"] is True


@pytest.mark.parametrize(
    "agent_says, asked",
    [
        ("вы раньше уже садились за руль", True),  # yes/no about the client's past: the agent cannot know
        ("для чего вам это понадобилось", True),  # a two-word question word, wherever it stands
        ("Вы уже оформляли у нас заказ.", False),  # a full stop says it is told, not asked
        ("вы можете сейчас говорить", False),  # about the line, not the client's situation
    ],
)
def test_needs_questions_without_a_question_mark(ru, agent_says, asked):
    result = ru.score("c", call(("c", "Хочу записаться на права."), ("a", agent_says), ("c", "Пару раз.")))
    assert result.items["needs_discovery"] == int(asked)


def test_nothing_more_to_offer_and_a_question_about_the_past_are_no_offer(ru):
    nothing = ru.score("c", call(("c", "Нужен корпус."), ("a", "Больше предложить нечего, извините.")))
    assert nothing.items["offer_assortment"] == 0
    asked = ru.score("c", call(("c", "Нужен корпус."), ("a", "Вы сравнивали уже с другими вариантами?")))
    assert asked.items["offer_assortment"] == 0
    assert asked.items["needs_discovery"] == 1


@pytest.mark.parametrize(
    "said, literate",
    [
        ("Это более дешевле, чем у них.", False),  # a comparative made twice
        ("Это более надёжный вариант.", True),
        ("Ну это же очевидно, типа, привезём завтра.", True),  # "ну это же" asserts: one filler only
    ],
)
def test_double_comparatives_are_errors_and_nu_eto_zhe_is_no_filler(ru, said, literate):
    assert ru.score("c", call(("a", said))).items["literacy"] == int(literate)


@pytest.mark.parametrize(
    "opening, introduced",
    [
        ("good morning holly here", 1),
        ("Hi, how are you today? Marcus here.", 1),
        ("Good evening, WarmFlow Heating.", 1),  # a name after the greeting
        ("Hello, you're through to WarmFlow Heating.", 1),
        ("Hello and thanks for waiting.", 0),
        ("Hi, how are you today?", 0),
        ("Good morning, we're here until six.", 0),
    ],
)
def test_english_openings_name_someone_where_a_name_stands(en, opening, introduced):
    assert en.score("c", call(("a", opening))).items["introduction"] == introduced


def test_english_closings_and_courtesy_questions(en):
    closed = en.score("c", call(("c", "Thanks."), ("a", "Have a nice evening.")))
    assert closed.items["closing"] == 1
    courtesy = en.score("c", call(("a", "Hi, how are you today?"), ("a", "Could you spell your surname?")))
    assert courtesy.items["needs_discovery"] == 0


@pytest.mark.parametrize(
    "agent_turns, literate",
    [
        (("Это самый наилучший вариант.",), False),  # a superlative made twice
        (("Это самый надёжный вариант.",), True),
        (("Мастер значит приедет к десяти.", "Мы значит всё привезём сами."), False),  # a habit
        (("Это значит, что мастер приедет к десяти.", "Что значит — мы всё привезём сами."), True),
        (("Значит так, слушайте.", "Ну значит покупайте у них."), True),  # opens, concludes
        (("Так сказать сложно, надо смотреть на месте.", "Мы типа того всё привезём сами."), True),
        (("Ну вот и всё оформлено.", "Мы типа того всё привезём сами."), True),  # sums up
        (("Мы типа того всё привезём сами.", "Ну, вот."), True),  # alone it fills nothing
        (("Мы так сказать всё привезём.", "Мы типа того всё привезём сами."), False),
        # "в" after "типа" is a preposition, not the genitive of a thing ("выбор типа колонки")
        (("Машина как бы выйдет после обеда.", "Отгрузка типа в четверг."), False),
        (("Машина как бы выйдет после обеда.", "Отгрузка короче в четверг."), False),  # no day is shorter
        (("Машина как бы выйдет после обеда.", "Это пальто короче на два сантиметра."), True),
        # the noun is the verb's: "ну это" fills
        (("Машина как бы выйдет после обеда.", "ну это счет выставим сегодня"), False),
        (("Машина как бы выйдет после обеда.", "Ну это счёт за май."), True),
    ],
)
def test_fillers_told_from_their_own_meaning(ru, agent_turns, literate):
    assert ru.score("c", call(*(("a", t) for t in agent_turns))).items["literacy"] == int(literate)


@pytest.mark.parametrize(
    "agent_turns, literate",
    [
        (("Them boxes are included.",), False),  # "them" for "those"
        (("We'll give them boxes to pack.",), True),  # an object after its verb
        (("Um, we'll be there at eight.", "So yeah, it's included in the quote."), False),
        (("I mean the quote, not the invoice.", "It's kind of included."), True),
        (("It's I mean the best one.", "It's kind of included."), False),
        (("What sort of music does she like?", "It's kind of included."), True),
        (("We like bring everything.", "It's kind of included."), False),
    ],
)
def test_english_fillers_and_errors_told_from_their_neighbours(en, agent_turns, literate):
    assert en.score("c", call(*(("a", t) for t in agent_turns))).items["literacy"] == int(literate)


@pytest.mark.parametrize(
    "opening, introduced",
    [
        ("Hi, thanks for holding. It's Callum on the desk today.", 1),
        ("Does it matter who I am? What do you want?", 0),  # a refusal, not "i am <name>"
    ],
)
def test_english_names_on_the_desk_and_refusals(en, opening, introduced):
    result = en.score("c", call(("a", opening), ("c", "I've locked myself out.")))
    assert result.items["introduction"] == introduced


def test_asking_for_a_postcode_is_no_needs_discovery(en):
    result = en.score(
        "c", call(("c", "We need a website."), ("a", "What's your postcode?"), ("c", "LS6 4AB."))
    )
    assert result.items["needs_discovery"] == 0


# --- the round tuned on fresh7 (session 14) -------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "greeted", "introduced"),
    [
        ("Ага, слушаю.", 0, 0),  # "ага" is no company before the formula
        ("банный двор добырй день", 1, 1),  # two letters swapped by speech-to-text
        ("утро доброе, зовут меня сенжана", 1, 1),  # the name misspelt, after "зовут меня"
        ("Я не обязана представляться, что у вас?", 0, 0),
    ],
)
def test_russian_openings_of_fresh7(ru, opening, greeted, introduced):
    result = ru.score("c", call(("a", opening), ("c", "Нужна баня.")))
    assert (result.items["greeting"], result.items["introduction"]) == (greeted, introduced)
    assert result.items["politeness"] == 1  # declining one's name is judged as no introduction only


@pytest.mark.parametrize(
    ("agent_says", "asked"),
    [
        ("Назовите адрес.", 0),  # data, not the client's situation
        ("Связь нормальная у вас?", 0),  # the line
        ("А раньше вы уже к кому-то обращались?", 1),  # "обращались" is no "обращайтесь"
    ],
)
def test_russian_data_questions_and_a_past_question(ru, agent_says, asked):
    result = ru.score("c", call(("a", "Здравствуйте"), ("c", "Нужна баня"), ("a", agent_says), ("c", "Нет.")))
    assert result.items["needs_discovery"] == asked


@pytest.mark.parametrize(
    ("last_turns", "closed"),
    [
        (("Записал.",), 0),  # told what is done: no next step
        (("Вот квитанция, я её вам отправила.",), 0),
        (("Записал, до свидания.",), 1),
        (("Квитанцию пришлю.",), 1),  # the next step
    ],
)
def test_a_verb_in_the_past_is_no_closing(ru, last_turns, closed):
    result = ru.score("c", call(("a", "Здравствуйте"), ("c", "Нужна баня"), *(("a", t) for t in last_turns)))
    assert result.items["closing"] == closed


def test_pochemu_net_agrees_and_leaves_no_question_open(ru):
    agreed = call(("a", "Добавить пропитку?"), ("c", "можно почему нет"), ("a", "До свидания."))
    result = ru.score("c", agreed)
    assert result.items["closing"] == 1


def test_nothing_offered_in_words_is_no_offer(ru, en):
    assert ru.score("c", call(("a", "Дополнительно ничего не предлагаем."))).items["offer_assortment"] == 0
    assert en.score("c", call(("a", "The add-on deal finished last week."))).items["offer_assortment"] == 0


@pytest.mark.parametrize(
    ("agent_turns", "literate"),
    [
        (("Мастер по сути будет у вас в обед.", "Доставка типа завтра."), False),
        (("Это, стоимость мы скажем после осмотра.", "Мастер это будет у вас в обед."), False),
        (("Давайте включу гарантию, это пригодится.", "Мастер это будет у вас в обед."), True),
        (("В общем счёте у вас три позиции.", "Доставка типа завтра."), True),  # the adjective
    ],
)
def test_russian_fillers_of_fresh7(ru, agent_turns, literate):
    assert ru.score("c", call(*(("a", t) for t in agent_turns))).items["literacy"] == int(literate)


@pytest.mark.parametrize(
    ("opening", "introduced", "asked"),
    [
        ("Afternoon, thanks for calling.", 0, 0),  # a greeting's words name no company
        ("Yup, what? Name's Rhys.", 1, 0),  # "yup, what?" asks nothing about the client
        ("What is it?", 0, 0),
        ("You don't need my name, just tell me what you want.", 0, 0),
    ],
)
def test_english_openings_of_fresh7(en, opening, introduced, asked):
    result = en.score("c", call(("c", "Hello, hi."), ("a", opening), ("c", "The roof leaks.")))
    assert (result.items["introduction"], result.items["needs_discovery"]) == (introduced, asked)


@pytest.mark.parametrize("agent_says", ["What's the address?", "Is the line alright your end?"])
def test_english_data_and_line_questions_are_no_needs_discovery(en, agent_says):
    result = en.score("c", call(("c", "The roof leaks."), ("a", agent_says), ("c", "Twelve Mill Lane.")))
    assert result.items["needs_discovery"] == 0


@pytest.mark.parametrize(
    ("agent_turns", "literate"),
    [
        (("Delivery is erm tomorrow morning.", "The engineer will sorta be with you by lunch."), False),
        (("Delivery is you see tomorrow morning.", "It's I guess included."), False),
        (("You see the side gate? We'll come in that way.", "I guess so."), True),
        (("I seen the booking just now.",), False),  # a participle for the past
        (("Have you seen the booking? Are we done?",), True),
        (("He don't do Saturdays.",), False),
        (("That's more better for your model.",), False),
        (("We need more paper for the printer.",), True),
    ],
)
def test_english_fillers_and_errors_of_fresh7(en, agent_turns, literate):
    assert en.score("c", call(*(("a", t) for t in agent_turns))).items["literacy"] == int(literate)


# the round tuned on fresh8 (session 15); each case failed before it


@pytest.mark.parametrize(
    ("objection", "answer", "handled"),
    [
        ("Ooh, steep, that.", "Have it your way.", 0),  # "steep" objects; "have it your way" lets go
        ("No, that's not necessary.", "Okey-doke then.", 0),
        ("Ooh, steep, that.", "It's guaranteed, and we use our own materials.", 1),
    ],
)
def test_english_objections_and_letting_go_of_fresh8(en, objection, answer, handled):
    result = en.score(
        "c", call(("a", "Shall I add a guard?"), ("c", objection), ("a", answer), ("a", "Bye."))
    )
    assert result.items["objection_handling"] == handled
    assert result.evidence["objection_handling"]["answer"]


@pytest.mark.parametrize(
    ("agent_says", "polite"),
    [
        ("I've told you a hundred times.", 0),  # impatience: told, times
        ("You should have thought about that before.", 0),  # blame
        ("Do you even know what you're saying?", 0),  # sarcasm
        ("I'm busy, call tomorrow.", 0),  # dismissal
        ("Sorry, I'm busy with another caller, one moment.", 1),  # the same words as an apology
        ("You should have received the invoice by Monday.", 1),  # "should have", no blame
    ],
)
def test_english_rudeness_by_tone_of_fresh8(en, agent_says, polite):
    assert en.score("c", call(("c", "Hello."), ("a", agent_says))).items["politeness"] == polite


@pytest.mark.parametrize(
    ("opening", "introduced"),
    [
        ("Good evening, lovely of you to call.", 0),  # "lovely" is no company
        ("Hiya, thanks for ringing, Declan on the line for you.", 1),
        ("Speak. Hamish on the line for you.", 1),
        ("Hello, is anyone on the line?", 0),
    ],
)
def test_english_introductions_of_fresh8(en, opening, introduced):
    assert en.score("c", call(("c", "Hi."), ("a", opening))).items["introduction"] == introduced


def test_a_question_word_before_an_offering_phrase_asks(en):
    asked = en.score(
        "c", call(("c", "The sofa's flat."), ("a", "what would you like it to look like in the end"))
    )
    assert (asked.items["needs_discovery"], asked.items["offer_assortment"]) == (1, 0)
    offered = en.score("c", call(("c", "The sofa's flat."), ("a", "Would you like a stain guard too?")))
    assert offered.items["offer_assortment"] == 1


@pytest.mark.parametrize(
    ("agent_turns", "literate"),
    [
        (("The fitter and me is coming on Tuesday.",), 0),
        (("Most folk what ring us book in spring.",), 0),
        (("Me and my colleague are coming on Tuesday, what suits you?",), 1),
    ],
)
def test_english_speech_errors_of_fresh8(en, agent_turns, literate):
    assert en.score("c", call(*(("a", t) for t in agent_turns))).items["literacy"] == literate


def test_an_invitation_to_ring_again_closes(en):
    assert (
        en.score("c", call(("c", "Thanks."), ("a", "Glad we could help, give us a ring anytime."))).items[
            "closing"
        ]
        == 1
    )


@pytest.mark.parametrize(
    ("opening", "introduced", "polite"),
    [
        ("Добрый вечер, вас приветствует Лингво Центр.", 1, 1),  # the company, by the formula
        ("слушаю я эвелниа здешний мастер", 1, 1),  # a name speech-to-text misspelt, before a role
        ("я посотрю в базе", 0, 1),  # a misspelt verb, no role: no name
        ("Не буду я представляться, что надо?", 0, 1),  # declining fails the introduction only
        ("Ой, я не представилась, я Анна.", 1, 1),
        ("зачем вам мое имя говоирте по существу", 0, 1),  # a misspelt word after it is no name
    ],
)
def test_russian_introductions_of_fresh8(ru, opening, introduced, polite):
    result = ru.score("c", call(("c", "Алло."), ("a", "Здравствуйте."), ("a", opening)))
    assert (result.items["introduction"], result.items["politeness"]) == (introduced, polite)


@pytest.mark.parametrize(
    "agent_says",
    [
        "зачем вам мое имя говорите по существу",
        "Чего надо-то? По записи у нас Ефим.",
        "ну это самое цену назовем после замера",
    ],
)
def test_russian_turns_that_ask_nothing_of_the_client(ru, agent_says):
    assert ru.score("c", call(("c", "Нужна скважина."), ("a", agent_says))).items["needs_discovery"] == 0


def test_a_wish_for_the_day_closes_and_kstati_offers(ru):
    result = ru.score(
        "c",
        call(
            ("a", "Кстати, посмотрите срочный перевод, сейчас выгодно."),
            ("a", "Квитанцию скину в мессенджер, удачного дня."),
        ),
    )
    assert (result.items["offer_assortment"], result.items["closing"]) == (1, 1)


@pytest.mark.parametrize(
    ("agent_turns", "literate"),
    [
        (("Здрасьте, на связи Ателье Иголочка.",), 1),  # a colloquial greeting, no speech error
        (("Приедьте к нам в субботу.",), 0),
        (("Ихняя гарантия хуже нашей.",), 0),
        (("Как бы вам удобнее забрать, самовывозом?", "Заказ короче будет готов в пятницу."), 1),
    ],
)
def test_russian_literacy_of_fresh8(ru, agent_turns, literate):
    assert ru.score("c", call(*(("a", t) for t in agent_turns))).items["literacy"] == literate
