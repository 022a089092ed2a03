"""Rules read from the structure of a Russian or English turn rather than from one more
phrase in a list (session 34's round, tuned on fresh9): a wish of a good time of day in any
form, questions told by a question word in any case, by an alternative or by the client's
answer of degree, a filler word beside its noun, vernacular possessives in any form, a
bare answer to an objection, a client's reaction that objects to nothing. Each test holds
a case the rule reads right and one it must not read."""

from __future__ import annotations

import pytest

from tests.unit.calls import call


@pytest.mark.parametrize(
    ("opening", "greeted"),
    [
        ("Доброго денёчка! Олеся у телефона.", 1),  # a diminutive no list holds
        ("доборго денечка олеся у телефона", 1),  # and misspelt by speech-to-text
        ("Утречко доброе, Олеся у телефона.", 1),  # the other order
        ("Доброго вечерочка, Олеся у телефона.", 1),
        ("Добрый человек попался, Олеся у телефона.", 0),  # good, but no time of day
        ("Олеся у телефона, добро пожаловать в отдел.", 0),  # not where a greeting stands
    ],
)
def test_a_good_time_of_day_greets_in_any_form(ru, opening, greeted):
    result = ru.score("c", call(("a", opening), ("c", "Нужен матрас")))
    assert result.items["greeting"] == greeted
    if greeted:
        assert result.evidence["greeting"]["quote"].lower().split()[1][:2] in {"де", "ве", "до"}


@pytest.mark.parametrize(
    ("agent_says", "client_says", "asked"),
    [
        ("а чем сейчас пользуетесь", "старой колонкой", 1),  # "чем" is "что", not the "than"
        ("кто ещё дома будет этим пользоваться", "жена", 1),  # not "кто это": the words are apart
        ("кто это звонит", "я", 0),  # who is on the line asks nothing of the situation
        ("Наследство по завещанию или по закону?", "По закону.", 1),  # an alternative
        ("Коврик добавить или не надо?", "Не надо.", 0),  # an alternative an offer proposes
        ("спину не беспокоит по утрам", "бывает, поясница ноет", 1),  # answered by degree
        ("спину не беспокоит по утрам", "понятно", 0),  # a statement the client takes in
        ("Отчество ваше скажите.", "Петровна.", 0),  # data, not the situation
    ],
)
def test_questions_told_by_their_structure(ru, agent_says, client_says, asked):
    result = ru.score(
        "c", call(("a", "Здравствуйте"), ("c", "Нужна консультация"), ("a", agent_says), ("c", client_says))
    )
    assert result.items["needs_discovery"] == asked


def test_a_statement_the_client_objects_to_asks_nothing(ru):
    result = ru.score(
        "c",
        call(
            ("a", "Здравствуйте"),
            ("c", "Счётчики ставите?"),
            ("a", "Это значит, что замер для вас бесплатный."),
            ("c", "Нет, это мне без надобности."),
        ),
    )
    assert result.items["needs_discovery"] == 0
    assert result.objections and result.items["objection_handling"] == 0  # and it went unanswered


@pytest.mark.parametrize(
    ("agent_says", "literate"),
    [
        ("Евойный заказ уже собрали.", 0),  # a vernacular possessive, in a form no list holds
        ("Ихнюю доставку не советую.", 0),
        ("Мы с ними созвонимся и перезвоним обратно.", 0),  # "перезвонить обратно", any form
        ("Мы вам перезвоним в среду.", 1),
        ("Выбор типа колонки зависит от мощности.", 1),  # "типа" beside what it is the type of
        ("Гарантия, скажем так, три года, мастер типа приедет.", 0),  # two fillers
        # the second round
        ("Мастер приедет и всё вам покладёт аккуратно.", 0),  # "покласть" in a form no list holds
        ("Они там сами не знают, чего хочат.", 0),
        ("Самый оптимальный вариант для вас двухкамерный.", 0),  # "most" said twice by meaning
        ("Это самое важное в выборе, объём бака.", 1),  # "the most important": no filler
        ("Дорога короче через объездную, мастер успеет.", 1),  # a comparative of its noun
        ("Доставка короче бесплатная, это самое, привезём завтра.", 0),  # two fillers
        # the third round
        ("Вы не волнуйтеся, всё будет как надо.", 0),  # "-теся" for "-тесь"
        ("Типа оплаты выбираете сами, короче, карта или наличные.", 1),  # one filler: "типа" is literal
        ("Как звать, неважно, давайте по сути.", 1),  # "get to the point", not a filler
        ("Путь короче, если ехать через мост, ну типа так.", 1),  # the comparative, then one filler
    ],
)
def test_speech_errors_and_fillers_by_form(ru, agent_says, literate):
    result = ru.score("c", call(("a", "Здравствуйте"), ("c", "Нужна колонка"), ("a", agent_says)))
    assert result.items["literacy"] == literate


@pytest.mark.parametrize(
    ("answer", "handled"),
    [
        ("Ладненько.", 0),  # two words or fewer hold no argument, alternative or commitment
        ("Ну, понятно.", 0),
        ("Если найдёте дешевле, покажите, мы цену сравняем.", 1),
    ],
)
def test_a_bare_answer_lets_an_objection_go(ru, answer, handled):
    result = ru.score("c", call(("a", "Здравствуйте"), ("c", "Дороговато для меня."), ("a", answer)))
    assert result.items["objection_handling"] == handled


def test_a_reaction_and_a_greeting_object_to_nothing(ru):
    result = ru.score(
        "c",
        call(
            ("c", "Доброго дня."),  # near "дорого" by its letters
            ("a", "Здравствуйте, Ольга у телефона."),
            ("c", "Нужна печь."),
            ("a", "Доставка бесплатная."),
            ("c", "Вот оно что."),  # a reaction: no thing named, nothing refused
        ),
    )
    assert result.objections == [] and result.items["objection_handling"] == 1


def test_a_known_word_is_no_misspelling_of_another(ru):
    """ "слышите" is a word of its own, not "слушаете" misspelt: checking the line is polite."""
    line = ru.score("c", call(("a", "Здравствуйте"), ("c", "Алло"), ("a", "Вы меня слышите нормально?")))
    assert line.items["politeness"] == 1
    rude = ru.score("c", call(("a", "Здравствуйте"), ("c", "Алло"), ("a", "Вы меня слушаете вообще?")))
    assert rude.items["politeness"] == 0


@pytest.mark.parametrize(
    ("agent_says", "polite"),
    [
        ("Вы это уже спрашивали, записывайте, что ли.", 0),  # an order and "что ли": impatience
        ("Что ли вам ещё подсказать?", 1),  # no order before it
    ],
)
def test_an_order_with_chto_li_is_impatience(ru, agent_says, polite):
    result = ru.score("c", call(("a", "Здравствуйте"), ("c", "Нужна печь"), ("a", agent_says)))
    assert result.items["politeness"] == polite


def test_the_opening_and_the_goodbye_are_not_read_for_an_offer(ru):
    result = ru.score(
        "c",
        call(
            ("a", "Здравствуйте, Никон беспокоит, из продаж."),
            ("c", "Нужен матрас."),
            ("a", "Благодарим за обращение, всех благ."),
        ),
    )
    assert result.items["offer_assortment"] == 0


def test_english_introductions_fillers_and_exasperation(en):
    picked = en.score("c", call(("a", "good morning to you sunita picking up"), ("c", "I need a quote")))
    assert picked.items["introduction"] == 1
    intends = en.score(
        "c",
        call(
            ("a", "Hello"),
            ("c", "Hi"),
            ("a", "Kind of, you pay on arrival."),
            ("a", "I mean to send it today."),
        ),
    )
    assert intends.items["literacy"] == 1  # "I mean to" says what is intended: one filler only
    exasperated = en.score(
        "c",
        call(
            ("a", "Hello"),
            ("c", "Hi"),
            ("a", "Honestly, how many times do I need to say it?"),
            ("a", "It's um free."),
        ),
    )
    assert exasperated.items["politeness"] == 0 and exasperated.items["literacy"] == 1


# --- the second round, tuned on fresh10 ---------------------------------------------------


@pytest.mark.parametrize(
    ("last_turn", "closed"),
    [
        ("Появятся вопросы, набирайте, пока-пока.", 1),
        ("Всегда рады, увидимся на объекте.", 1),
        ("Ну всё, пока.", 1),  # "пока" ending the turn parts
        ("Таких моделей пока нет.", 0),
    ],
)
def test_partings_in_other_words(ru, last_turn, closed):
    result = ru.score("c", call(("a", "Здравствуйте"), ("c", "Нужна печь"), ("a", last_turn)))
    assert result.items["closing"] == closed


@pytest.mark.parametrize(
    ("opening", "introduced"),
    [
        ("Здравствуйте! Рады вашему звонку.", 0),  # a sentence, not a company: no name is said in the dative
        ("Добрый день, белое облако.", 1),  # ordinary words in the nominative: a company
        ("да что там злата занимаюсь заказами", 1),  # a name, then what I do
        ("Здравствуйте. Вашим заказом займётся Злата.", 1),  # a name after the verb it does
        ("Приветствую вас, на линии ВетЗабота.", 1),
        ("Здравствуйте. Сначала немного про нашу компанию.", 0),  # talked about, not named
    ],
)
def test_introductions_read_from_where_the_name_stands(ru, opening, introduced):
    result = ru.score("c", call(("a", opening), ("c", "Нужен септик")))
    assert result.items["introduction"] == introduced


def test_an_order_ending_in_a_name_like_word_introduces_no_one(ru):
    result = ru.score(
        "c", call(("a", "Здравствуйте"), ("c", "Не работает"), ("a", "Это не ко мне, разбирайтесь сами."))
    )
    assert result.items["introduction"] == 0 and result.items["politeness"] == 0


def test_the_clients_request_and_answers_object_to_nothing(ru):
    result = ru.score(
        "c",
        call(
            ("a", "Здравствуйте, Ульяна, старший менеджер."),
            ("c", "Ищем кофемашину в офис."),  # what the client wants
            ("a", "Какой объём в день?"),
            ("c", "Не знаю пока."),  # an answer to a question, however unsure
            ("a", "Грунтовые воды у вас высоко стоят"),
            ("c", "Весной подтапливает немного."),  # answers what the agent could not know
            ("a", "Могу предложить в комплект фильтр."),
        ),
    )
    assert result.objections == []
    assert result.items["needs_discovery"] == 1 and result.items["offer_assortment"] == 1


def test_what_will_be_at_the_clients_asks_nothing(ru):
    result = ru.score(
        "c",
        call(("a", "Здравствуйте"), ("c", "Нужна вода"), ("a", "мастер будет у вас в обед"), ("c", "хорошо")),
    )
    assert result.items["needs_discovery"] == 0


def test_offers_and_questions_told_apart(ru):
    offered = ru.score(
        "c",
        call(
            ("a", "Здравствуйте"),
            ("c", "Нужна кофемашина"),
            ("a", "Обычно к такому заказу ещё зерно идёт, не пожалеете."),
        ),
    )
    assert offered.items["offer_assortment"] == 1
    asked = ru.score(
        "c",
        call(
            ("a", "Здравствуйте"), ("c", "Нужна кофемашина"), ("a", "для себя смотрите или для организации")
        ),
    )
    assert asked.items["offer_assortment"] == 0 and asked.items["needs_discovery"] == 1


@pytest.mark.parametrize(
    ("agent_says", "polite"),
    [
        ("Зовите меня просто Прохор.", 1),  # an introduction is never rude by its gist
        ("Ко мне с этим нечего, в сервис идите.", 0),  # sent away
        ("А головой подумать до покупки никак?", 0),
    ],
)
def test_rudeness_by_dismissal_and_an_introduction_spared(ru, agent_says, polite):
    result = ru.score("c", call(("a", "Здравствуйте"), ("c", "Нужна печь"), ("a", agent_says)))
    assert result.items["politeness"] == polite


def test_english_concessions_plurals_and_questions(en):
    conceded = en.score(
        "c",
        call(
            ("a", "Hello"),
            ("c", "The other lot came in cheaper."),
            (
                "a",
                "Fair enough, though the inspection comes free with ours, others bill for it separately.",
            ),
        ),
    )
    assert conceded.items["objection_handling"] == 1
    plural = en.score("c", call(("a", "Hello"), ("c", "Hi"), ("a", "The lads has already left for the job.")))
    assert plural.items["literacy"] == 0
    over_a_question = en.score(
        "c",
        call(
            ("a", "Hello"),
            ("c", "is delivery extra outside town"),
            ("a", "invoice lands before lunch goodbye"),
        ),
    )
    assert over_a_question.items["closing"] == 0  # "is delivery…" asks, without a question mark
    set_off = en.score(
        "c",
        call(
            ("a", "Hello"),
            ("c", "Hi"),
            ("a", "You know, the engineer comes on Saturday."),
            ("a", "It's um free."),
        ),
    )
    assert set_off.items["literacy"] == 0  # "you know," set off by a comma fills
    named = en.score("c", call(("a", "this call's with imogen"), ("c", "I need a tank")))
    refused = en.score(
        "c", call(("a", "Hello. My name's neither here nor there, carry on."), ("c", "I need a tank"))
    )
    assert named.items["introduction"] == 1 and refused.items["introduction"] == 0


# --- the third round, tuned on fresh11 ----------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "greeted", "introduced"),
    [
        ("Доброго здоровьица, Пасека Медовая.", 1, 1),  # a wish of health greets, the company follows
        ("Доброй ночи, Пасека Медовая, дежурный оператор.", 1, 1),  # the company, then who answers
        ("Салют! Слушаем вас.", 1, 0),  # a greeting is no company before the formula
    ],
)
def test_wishes_and_companies_in_other_forms(ru, opening, greeted, introduced):
    result = ru.score("c", call(("a", opening), ("c", "Нужен мёд")))
    assert (result.items["greeting"], result.items["introduction"]) == (greeted, introduced)


def test_third_round_objections_and_data_questions(ru):
    result = ru.score(
        "c",
        call(
            ("a", "Здравствуйте, Гордей."),
            ("c", "Нужен бассейн."),
            ("a", "На кого заявку оформлять?"),  # data, not the client's situation
            ("c", "Ого, цены у вас кусачие."),  # a price objection no earlier list held
            ("a", "Это ваше решение."),  # letting it go
        ),
    )
    assert result.items["needs_discovery"] == 0
    assert [o.objection_class for o in result.objections] == ["price"] and result.items[
        "objection_handling"
    ] == 0


def test_third_round_english(en):
    opened = en.score("c", call(("a", "Top of the morning! Stellan on bookings."), ("c", "I need a van")))
    assert (opened.items["greeting"], opened.items["introduction"]) == (1, 1)
    twice = en.score("c", call(("a", "Hello hello, Roll-Tite Doors."), ("c", "My door's jammed")))
    assert twice.items["introduction"] == 1
    hedged = en.score(
        "c",
        call(
            ("a", "Hello"), ("c", "Hi"), ("a", "It's sort of the blue of your door."), ("a", "It's um free.")
        ),
    )
    assert hedged.items["literacy"] == 1  # "sort of the blue": roughly that one, not a filler
    let_go = en.score("c", call(("a", "Hello"), ("c", "Blimey, that's dear."), ("a", "Fair play.")))
    assert let_go.objections and let_go.items["objection_handling"] == 0


# --- the fourth round, tuned on fresh12 ---------------------------------------------------


def test_a_yes_said_by_the_verb_answers_a_question(ru):
    asked = ru.score(
        "c",
        call(
            ("a", "Здравствуйте"),
            ("c", "Трещина на лобовом"),
            ("a", "датчик дождя на стекле стоит"),
            ("c", "Стоит, вроде."),
        ),
    )
    assert asked.items["needs_discovery"] == 1 and asked.items["offer_assortment"] == 0
    told = ru.score(
        "c",
        call(
            ("a", "Здравствуйте"), ("c", "Трещина на лобовом"), ("a", "мастер будет в обед"), ("c", "Хорошо.")
        ),
    )
    assert told.items["needs_discovery"] == 0


@pytest.mark.parametrize(
    ("agent_says", "asked"),
    [
        ("по срокам как вас устроит", 1),  # "как" before "вас" asks wherever it stands
        ("Так, а вы кто?", 0),  # who is calling
        ("А раньше вы уже к кому-то обращались?", 1),  # "вы" and "кто" apart: a real question
    ],
)
def test_fourth_round_questions(ru, agent_says, asked):
    result = ru.score(
        "c", call(("a", "Здравствуйте"), ("c", "Нужны футболки"), ("a", agent_says), ("c", "Ну да."))
    )
    assert result.items["needs_discovery"] == asked


def test_fourth_round_refusals_slang_and_errors(ru):
    refused = ru.score(
        "c",
        call(
            ("a", "Здравствуйте"), ("c", "Нужны футболки"), ("a", "Других услуг, к сожалению, не оказываем.")
        ),
    )
    assert refused.items["offer_assortment"] == 0  # what we do not do is no offer
    greeted = ru.score("c", call(("a", "Хай, на связи."), ("c", "Нужны футболки")))
    assert greeted.items["greeting"] == 1
    rude = ru.score("c", call(("a", "Здравствуйте"), ("c", "Долго"), ("a", "Не ной, всё сделаем.")))
    assert rude.items["politeness"] == 0
    error = ru.score(
        "c", call(("a", "Здравствуйте"), ("c", "Когда?"), ("a", "Оставляйте ключи, мы ехаем завтра."))
    )
    assert error.items["literacy"] == 0


def test_fourth_round_english(en):
    desk = en.score(
        "c", call(("a", "Hey, FreshStep Carpet Care. Tyrell on the phone, I book the jobs."), ("c", "Hi"))
    )
    assert desk.items["introduction"] == 1
    refused = en.score(
        "c", call(("a", "Howdy! Who I am isn't the point, what do you want done?"), ("c", "A clean"))
    )
    assert (refused.items["greeting"], refused.items["introduction"]) == (1, 0)
    rude = en.score("c", call(("a", "Hello"), ("c", "Sorry?"), ("a", "I literally just explained that.")))
    assert rude.items["politeness"] == 0


@pytest.mark.parametrize(
    ("opening", "introduced"),
    [
        ("Marcus, trade accounts.", True),  # a name, then the department
        ("right go dev corporate team at your disposal", True),
        ("Good afternoon, trade accounts.", False),  # a department is no company
        ("Hi, cheers for holding.", False),
        ("Hello, a lot of customers ask us that.", False),
    ],
)
def test_an_english_name_before_a_department_introduces_and_a_department_alone_does_not(
    en, opening, introduced
):
    result = en.score("c", call(("a", opening), ("c", "We need trackers on twelve vans.")))
    assert result.items["introduction"] == int(introduced)


def test_this_is_followed_by_no_name_introduces_nobody(en):
    result = en.score(
        "c",
        call(("a", "Hi, cheers for holding."), ("c", "Vans."), ("a", "Look, this is eating my afternoon.")),
    )
    assert result.items["introduction"] == 0


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("who are you using for this at the moment", True),  # the client's supplier
        ("who are you", False),
        ("who's this then", False),  # a list phrase with "'s" matches as the turn reads it
        ("are you hearing me okay", False),
        ("Could you give me the invoice details, please?", False),
    ],
)
def test_english_questions_about_the_line_the_caller_or_data_ask_nothing_of_the_situation(en, question, asks):
    result = en.score(
        "c",
        call(("a", "Hello, Marcus speaking."), ("c", "We need brochures."), ("a", question), ("c", "Sure.")),
    )
    assert result.items["needs_discovery"] == int(asks)


@pytest.mark.parametrize(
    ("language", "opening", "greeted"),
    [
        ("ru", "Доброе, ПромЧистота.", True),  # the time of day left unsaid before the company
        ("ru", "доброе промчистота меня зовут эльвира", True),
        ("ru", "да-да тихон ведущий специалист слушаю", False),  # a person and a role, no company
        ("ru", "Добрые люди нам уже звонили.", False),
        ("en", "Inkline Commercial, morning to you.", True),
        ("en", "We're going into the evening shift.", False),
    ],
)
def test_greetings_by_the_time_of_day_alone(ru, en, language, opening, greeted):
    scorer = ru if language == "ru" else en
    assert scorer.score("c", call(("a", opening))).items["greeting"] == int(greeted)


@pytest.mark.parametrize(
    ("asked", "discovered"),
    [
        ("ИНН организации назовите.", False),  # identifiers are data
        ("Подскажите, пожалуйста, реквизиты для счёта.", False),
        ("Вывоз мусора не рассматривали? Могу включить.", False),  # the offer's question
        ("Под какой объект закупаете? Могу включить вывоз мусора.", True),
        # speech-to-text: after "а", a question word with no verb before it asks
        ("а вам в первую очередь что важно", True),
        ("а по деньгам на что рассчитываете", True),
        ("а я вам скажу что важно", False),  # "что" is the verb's object
    ],
)
def test_russian_needs_are_not_data_nor_an_offers_question(ru, asked, discovered):
    result = ru.score(
        "c", call(("a", "Добрый день, меня зовут Кира."), ("c", "Нужна уборка."), ("a", asked), ("c", "Ага."))
    )
    assert result.items["needs_discovery"] == int(discovered)


@pytest.mark.parametrize(
    ("said", "polite"),
    [
        ("Не вам решать, как у нас лучше делать.", False),  # whose place it is not, to the client
        ("Не вам ли звонил мастер?", True),
        ("Вы меня хоть чуть-чуть слышите или сами с собой говорите?", False),
        ("Вы вообще понимаете, о чём речь?", False),
        ("Вы меня хорошо слышите?", True),  # checks the line
        # a punctuated long turn is read by the classifier sentence by sentence, not whole
        (
            "Погодите, у меня тут второй звонок. Не сочтите за труд, повторите номер. Цены в два раза выше.",
            True,
        ),
    ],
)
def test_russian_rudeness_by_whom_it_puts_down(ru, said, polite):
    result = ru.score("c", call(("a", "Добрый день, меня зовут Кира."), ("c", "Нужна уборка."), ("a", said)))
    assert result.items["politeness"] == int(polite)


@pytest.mark.parametrize(
    ("language", "agent_turns", "literate"),
    [
        ("ru", ("Такой вариант обоих сторон устроит.",), False),  # "оба" of the wrong gender
        ("ru", ("Это устроит обе стороны.", "Оба варианта хороши."), True),
        ("ru", ("Оплата собственно на месте.", "Бригада вот будет у вас к девяти."), False),
        ("ru", ("Бригада вот будет у вас к девяти.", "Ну вот, как-то так."), True),  # sums up
        ("en", ("Them two lads is coming Thursday.",), False),
        ("en", ("By that I mean the full survey, not a quote.", "It's kind of included."), True),
    ],
)
def test_speech_errors_of_agreement_and_fillers_by_their_neighbours(ru, en, language, agent_turns, literate):
    scorer = ru if language == "ru" else en
    assert scorer.score("c", call(*(("a", t) for t in agent_turns))).items["literacy"] == int(literate)


@pytest.mark.parametrize(
    ("language", "opening", "greeted", "introduced"),
    [
        ("ru", "вечер добрый солнечная поляна на связи", True, True),
        ("ru", "приветствую вас солнечная поляна", True, True),
        ("ru", "Алё, это кто?", False, False),
        ("en", "Hello? Who's that?", False, False),  # "hello" asked answers the phone, as "алло" does
        ("en", "hello who's that this is callum", False, True),
    ],
)
def test_openings_of_a_company_on_the_line_and_of_picking_up(ru, en, language, opening, greeted, introduced):
    scorer = ru if language == "ru" else en
    result = scorer.score(
        "c", call(("a", opening), ("c", "Нужен домик." if language == "ru" else "Need a van."))
    )
    assert (result.items["greeting"], result.items["introduction"]) == (int(greeted), int(introduced))


def test_a_diminutive_goodbye_and_thanks_for_choosing_close(ru):
    result = ru.score(
        "c", call(("a", "Добрый день, меня зовут Кира."), ("a", "Спасибо, что выбрали нас, до свиданьица."))
    )
    assert result.items["closing"] == 1


@pytest.mark.parametrize(
    "opening", ["Hello hello, how are we today? You've got Precious here.", "Mm, what? This is Niamh."]
)
def test_an_english_opening_asking_how_we_are_or_what_asks_nothing_of_the_situation(en, opening):
    result = en.score(
        "c", call(("a", opening), ("c", "We need a quote."), ("a", "Sure, sending it."), ("c", "Okay."))
    )
    assert result.items["needs_discovery"] == 0


@pytest.mark.parametrize(
    ("language", "opening", "introduced"),
    [
        # the company between a greeting said twice and that it answers or asks how to help
        ("ru", "здрасьте-здрасьте, лесная сказка тут", True),
        ("ru", "добрый день дом быта чем могу помочь", True),  # a noun and its genitive
        ("ru", "Добрый день, служба доставки.", False),  # a department names no company
        ("ru", "Эй, добрый вечер!", False),  # a short unknown word is an interjection, no brand
        ("ru", "здравствуйте рады вашему звонку", False),  # a sentence, not a name
        ("en", "hey thanks for ringing just call me ravi", True),
        ("en", "Sorry, busy, call me back later.", False),
        ("en", "Evening. No names on the phone, sorry, what is it?", False),
        ("en", "Who I am doesn't come into it, what do you need?", False),
    ],
)
def test_the_company_between_greeting_and_answer_and_names_declined_in_other_words(
    ru, en, language, opening, introduced
):
    scorer = ru if language == "ru" else en
    client = "Нужен шкаф." if language == "ru" else "I need a quote."
    assert scorer.score("c", call(("a", opening), ("c", client))).items["introduction"] == int(introduced)


def test_a_one_word_introduction_later_in_the_call_names_no_one(ru):
    """ "компанию" in an offer after the opening is no "компания <name>"."""
    result = ru.score(
        "c",
        call(
            ("a", "Приветики, слушаю."),
            ("c", "Хотим зал на вечер."),
            ("a", "Сколько вас будет?"),
            ("c", "Человек десять."),
            ("a", "Могу добавить торт на всю компанию."),
        ),
    )
    assert result.items["introduction"] == 0


@pytest.mark.parametrize(
    ("language", "opening", "greeted"),
    [
        ("en", "Hiiii, Roofline Gutters here!", True),  # a letter drawn out: the word as it is
        ("en", "yo thanks for the call", True),
        ("en", "Thank you for the call, how can I help?", True),
        ("ru", "Приветтт, слушаю!", True),
        ("ru", "дборый вечер", True),  # two letters swapped by speech-to-text
        ("ru", "добырй это лесторг", True),
        ("en", "Yeah? Go on.", False),
    ],
)
def test_greetings_drawn_out_misspelt_or_thanking_for_the_call(ru, en, language, opening, greeted):
    scorer = ru if language == "ru" else en
    client = "Нужен шкаф." if language == "ru" else "I need a quote."
    assert scorer.score("c", call(("a", opening), ("c", client))).items["greeting"] == int(greeted)


def _said_after_a_request(ru, en, language: str, said: str):
    """The score of a call where the agent greets, the client asks, and the agent says ``said``."""
    scorer = ru if language == "ru" else en
    hello, request = ("Здравствуйте.", "Нужен шкаф.") if language == "ru" else ("Hello.", "I need a quote.")
    return scorer.score("c", call(("a", hello), ("c", request), ("a", said)))


@pytest.mark.parametrize(
    ("language", "said", "polite"),
    [
        ("ru", "Серьёзно? Об этом все знают.", False),  # common knowledge held against the client
        ("ru", "Это же всем известно, посмотрите сами.", False),
        ("ru", "Все знают наш бренд, мы давно на рынке.", True),  # a pitch
        ("ru", "Я тут всё про это знаю, спрашивайте.", True),  # one's own knowledge
        ("ru", "Давайте без истерик, хорошо?", False),  # the client's feelings labelled
        ("en", "Everybody knows that, come on.", False),
        ("en", "Everybody knows our brand, we've been around for years.", True),
        ("en", "Let's skip the drama and get on with it.", False),
    ],
)
def test_rudeness_by_common_knowledge_or_labelled_feelings(ru, en, language, said, polite):
    assert _said_after_a_request(ru, en, language, said).items["politeness"] == int(polite)


@pytest.mark.parametrize(
    ("language", "objection", "answer", "handled"),
    [
        # the client will come back later, in words no list holds: a timing objection
        ("ru", "Давайте я попозже сам перезвоню.", "Ну, бывает.", False),
        ("ru", "Я через пару дней вам наберу.", "Давайте я сам наберу вам в четверг в десять.", True),
        ("en", "I'll phone you back next week.", "Okay, cool.", False),
        ("en", "My cousin says to go somewhere else.", "Right, got it.", False),  # a competitor
        ("en", "My cousin says to go somewhere else.", "Ours has a two-year warranty, theirs not.", True),
    ],
)
def test_the_client_coming_back_later_or_going_elsewhere_objects(
    ru, en, language, objection, answer, handled
):
    scorer = ru if language == "ru" else en
    hello, need = ("Здравствуйте.", "Нужен шкаф.") if language == "ru" else ("Hello.", "I need a quote.")
    turns = call(("a", hello), ("c", need), ("c", objection), ("a", answer))
    assert scorer.score("c", turns).items["objection_handling"] == int(handled)


@pytest.mark.parametrize(
    ("agent_turns", "literate"),
    [
        # a filler set off at a sentence's start, then the same word in its own meaning
        (["Типа, доставка завтра. Кроватей такого типа у нас много."], True),
        (["Типа, доставка завтра. Короче, оплата курьеру."], False),
    ],
)
def test_a_filler_set_off_by_a_comma_is_read_where_it_stands(ru, agent_turns, literate):
    assert ru.score("c", call(*(("a", t) for t in agent_turns))).items["literacy"] == int(literate)


@pytest.mark.parametrize(
    ("agent_turns", "literate", "closes"),
    [
        (["It's literally two minutes away.", "Boots like these run small.", "Catch you later!"], True, True),
        (["Sure thing.", "Deal, Monday I'll phone."], True, True),  # the next step, with its day
    ],
)
def test_english_likeness_and_casual_goodbyes(en, agent_turns, literate, closes):
    result = en.score("c", call(*(("a", t) for t in agent_turns)))
    assert (result.items["literacy"], result.items["closing"]) == (int(literate), int(closes))


@pytest.mark.parametrize(
    ("language", "opening"),
    [
        ("ru", "Ало, чё хотели?"),
        ("en", "Good evening, how can I sort you out?"),
        ("en", "Hiya, what are you after?"),
    ],
)
def test_an_opening_asking_what_the_client_wants_is_no_needs_discovery(ru, en, language, opening):
    scorer = ru if language == "ru" else en
    client, reply = ("Нужен шкаф.", "Оформляю.") if language == "ru" else ("I need a quote.", "Sending it.")
    turns = call(("a", opening), ("c", client), ("a", reply))
    assert scorer.score("c", turns).items["needs_discovery"] == 0


@pytest.mark.parametrize(
    ("language", "said", "polite"),
    [
        ("ru", "Ну вот, ещё и спорите.", False),  # what the client does, named to their face
        ("ru", "Вы капризничаете, как ребёнок.", False),
        ("ru", "Давайте не будем спорить, посмотрим варианты.", True),
        ("ru", "Вы жалуетесь на шум от старого насоса?", True),
        ("en", "Oh, now you're whining about it.", False),
        ("en", "Have you got nothing better to do?", False),
        ("en", "Stop by any time, we'll go through the options.", True),
    ],
)
def test_the_clients_behaviour_named_to_their_face_is_rude(ru, en, language, said, polite):
    assert _said_after_a_request(ru, en, language, said).items["politeness"] == int(polite)


@pytest.mark.parametrize(
    ("agent_says", "asked"),
    [
        ("roughly what size is the hall", True),  # a hedge before the question word
        ("What's your flat number?", False),  # the client's details are data
        ("Is this line okay for you?", False),
        ("Is it a convenient moment?", False),
    ],
)
def test_english_questions_after_a_hedge_and_questions_of_data_or_the_line(en, agent_says, asked):
    turns = call(("a", "Hello."), ("c", "I need a quote."), ("a", agent_says), ("c", "Three."))
    assert en.score("c", turns).items["needs_discovery"] == int(asked)


@pytest.mark.parametrize(
    ("last_turn", "closes"),
    [
        # an answer, then thanks said with its words ("рады помочь", "спасибо вам"), then goodbye
        ("с доставкой рады помочь до связи", True),
        ("метра три по стене спасибо вам удачного вечера", True),
        ("спасибо вам удачного вечера", False),  # the goodbye alone, over the question
    ],
)
def test_an_answer_before_thanks_and_goodbye_answers_the_last_question(ru, last_turn, closes):
    turns = call(("a", "Здравствуйте."), ("c", "Нужен шкаф."), ("c", "а сборка бывает"), ("a", last_turn))
    assert ru.score("c", turns).items["closing"] == int(closes)


@pytest.mark.parametrize(
    "agent_says",
    ["Паспортные данные продиктуйте.", "Дату рождения подскажете?", "Разговор записывается, вы согласны?"],
)
def test_a_passport_a_birth_date_or_consent_to_recording_is_data_not_needs(ru, agent_says):
    turns = call(("a", "Здравствуйте."), ("c", "Нужен шкаф."), ("a", agent_says), ("c", "Да."))
    assert ru.score("c", turns).items["needs_discovery"] == 0


@pytest.mark.parametrize(
    ("agent_says", "literate"),
    [
        ("I never seen one like it.", False),  # a participle for the past, an adverb between
        ("The lads have went home.", False),  # the past for a participle after "have"
        ("We've took the old one away.", False),
        ("Him and the fitter will be there.", False),  # the object's pronoun as the subject
        ("We'd of called sooner.", False),
        ("Have you ever seen one like it?", True),
        ("Give me and the fitter a ring.", True),
        ("We've gone through the list.", True),
    ],
)
def test_english_speech_errors_of_tense_and_pronoun(en, agent_says, literate):
    assert en.score("c", call(("a", agent_says))).items["literacy"] == int(literate)


@pytest.mark.parametrize(
    ("agent_says", "client_says", "asked"),
    [
        # speech-to-text: whether a thing is there at the client's, the predicate last, answered
        ("по размерам ограничения есть", "двое взрослых и собака", True),
        ("дымоход в доме предусмотрен", "дымохода пока нет", True),
        ("у нас всё есть", "понятно", False),  # told, by "у нас"
        ("доставка есть", "а сколько стоит", False),  # the client asks in turn: it was told
    ],
)
def test_a_speech_to_text_question_by_the_predicate_last(ru, agent_says, client_says, asked):
    turns = call(("a", "Здравствуйте."), ("c", "Нужен камин."), ("a", agent_says), ("c", client_says))
    assert ru.score("c", turns).items["needs_discovery"] == int(asked)


@pytest.mark.parametrize(
    ("agent_says", "literate"),
    [
        ("Бронь короче до десяти вечера. Самокат блин будет готов к обеду.", False),  # till an hour
        ("Доставка короче к обеду, оплата короче курьеру.", False),
        ("Эта дорога короче на два километра.", True),  # a measure: shorter
    ],
)
def test_korotche_before_an_hour_fills(ru, agent_says, literate):
    assert ru.score("c", call(("a", agent_says))).items["literacy"] == int(literate)


def test_the_clients_hello_in_any_form_keeps_the_agents_opening(ru):
    """ "Добрый денёк." before the agent speaks is a hello, not what the client wants: the
    agent's first turn is still the opening, where a capitalised name introduces."""
    turns = call(
        ("c", "Добрый денёк."),
        ("a", "Приветствую вас, Ателье Ромашка, рада звонку."),
        ("c", "Римские шторы шьёте?"),
        ("a", "Шьём."),
    )
    assert ru.score("c", turns).items["introduction"] == 1


@pytest.mark.parametrize(
    ("client_last", "closes"),
    [
        ("вы в воскресенье открыты", False),  # a question without a mark: goodbye over it
        ("вы очень добры спасибо", True),  # thanks
    ],
)
def test_a_speech_to_text_question_of_what_the_company_is(ru, client_last, closes):
    turns = call(
        ("a", "Здравствуйте."), ("c", "Нужен шкаф."), ("c", client_last), ("a", "всего доброго до свидания")
    )
    assert ru.score("c", turns).items["closing"] == int(closes)


# --- session 40, tuned on fresh20 (an older, formal agent in small-town trades) -----------


def agent_saying(*agent_turns: str) -> list[dict]:
    """A call whose agent greets, then says each turn after a client's "Угу."."""
    turns = [("a", "Здравствуйте.")]
    for said in agent_turns:
        turns += [("c", "Угу."), ("a", said)]
    return call(*turns)


@pytest.mark.parametrize(
    ("opening", "introduced"),
    [
        ("Добрый вечер, простите за ожидание на линии.", 0),  # where one waited, not who answers
        ("Добрый вечер, Ольга на линии.", 1),
        ("приветствую вас на линии кофеофис", 1),  # the company after it
        ("Приветствую, регистратура слушает.", 0),  # a desk answers, not a company
        ("Приветствую, Ромашка слушает.", 1),
        ("добрый день это багетная рама что стряслось", 1),  # the company, then a question
        ("добрый день это что стряслось", 0),
        ("доброе утречко багетная рама беспокоит то есть слушает", 1),  # then the verb that announces
    ],
)
def test_the_opening_names_a_company_before_its_question_or_verb(ru, opening, introduced):
    assert ru.score("c", call(("a", opening), ("c", "Нужна рамка."))).items["introduction"] == introduced


@pytest.mark.parametrize(
    ("opening", "introduced"),
    [
        ("Afternoon, sorry to keep you waiting there.", 0),  # an apology is no company
        ("Right, here are our charges.", 0),  # "right here" is no name
        ("Afternoon, Holly here.", 1),
        ("Afternoon, Warmflow Heating.", 1),
    ],
)
def test_english_apologies_and_right_here_name_no_one(en, opening, introduced):
    assert en.score("c", call(("a", opening), ("c", "I need a frame."))).items["introduction"] == introduced


@pytest.mark.parametrize(
    ("scorer", "opening", "asked"),
    [
        ("ru", "Моё почтение, чем порадовать?", 0),  # how to help, after a greeting with a noun
        ("ru", "так по какому делу", 0),  # the call's purpose
        ("ru", "Моё почтение, какой котёл у вас стоит?", 1),
        ("en", "Good afternoon, Gilt Edge Framing, how can we oblige?", 0),  # the company's words ask nothing
        ("en", "Hello and good day, how may I assist?", 0),
        ("en", "Good afternoon, what size is the piece?", 1),
    ],
)
def test_an_openings_question_is_read_from_its_question_word(ru, en, scorer, opening, asked):
    scored = {"ru": ru, "en": en}[scorer].score("c", call(("a", opening), ("c", "Сорок на пятьдесят.")))
    assert scored.items["needs_discovery"] == asked


@pytest.mark.parametrize(
    ("agent_says", "polite"),
    [("Are you listening or off in your own world?", 0), ("Are you still there?", 1)],
)
def test_asking_if_the_client_listens_is_rude(en, agent_says, polite):
    assert en.score("c", call(("a", "Hello."), ("c", "Hi."), ("a", agent_says))).items["politeness"] == polite


@pytest.mark.parametrize(
    ("last", "closed"),
    [
        ("Much obliged for the call, good afternoon.", 1),  # a good afternoon wished at the end
        ("Right then, cheerio, do call again.", 1),
        ("Noted, the afternoon slot.", 0),
    ],
)
def test_english_formal_and_old_fashioned_goodbyes(en, last, closed):
    turns = call(("a", "Hello."), ("c", "I need a frame."), ("a", "Noted."), ("c", "Thanks."), ("a", last))
    assert en.score("c", turns).items["closing"] == closed


@pytest.mark.parametrize(
    ("agent_turns", "literate"),
    [
        # "значит" just before a goodbye sums up what was agreed: one filler, no habit
        (("Запись вот на десять утра.", "Значит, в четверг перезваниваю, до связи."), 1),
        (("Запись вот на десять утра.", "Доставка значит будет в субботу."), 0),
        # "понимаете" between a noun and what is said of it fills; asking whether one understands does not
        (("Запись понимаете на десять утра.", "Доставка понимаете будет в субботу."), 0),
        (("Вы понимаете, что это дорого?", "Понимаете?"), 1),
        # "бы" before a verb not in the past conditions nothing
        (("Заказ как бы это будет готов в пятницу.", "Цену в принципе назовём после замера."), 0),
        (("Как бы это смотрелось у вас в комнате?", "Цену в принципе назовём после замера."), 1),
        (("Езжайте прямо до шлагбаума.",), 0),
        (("Поезжайте прямо до шлагбаума.",), 1),
    ],
)
def test_fillers_and_errors_of_fresh20(ru, agent_turns, literate):
    assert ru.score("c", agent_saying(*agent_turns)).items["literacy"] == literate


@pytest.mark.parametrize(
    ("agent_says", "offered"),
    [("Имеется у нас и антибликовое стекло, недорого.", 1), ("Заказ у нас записан.", 0)],
)
def test_we_have_that_too_offers(ru, agent_says, offered):
    turns = call(("a", "Здравствуйте."), ("c", "Нужна рамка."), ("a", agent_says), ("c", "Угу."))
    assert ru.score("c", turns).items["offer_assortment"] == offered


def test_sleeping_on_it_is_a_timing_objection(ru):
    turns = call(
        ("a", "Здравствуйте."),
        ("c", "Мне надо переспать с этой мыслью."),
        ("a", "Что ж, не хотите — не надо."),
    )
    scored = ru.score("c", turns)
    assert scored.items["objection_handling"] == 0
    assert "переспать" in scored.evidence["objection_handling"]["quote"]


# --- session 40's second round, tuned on fresh21 (a hurried night dispatcher) ---------------


@pytest.mark.parametrize(
    ("turns", "closed"),
    [
        ((("c", "Нужен эвакуатор."), ("a", "Мастер будет к двум, спокойной ночи.")), 1),
        # an objection that asks "сколько?!" is answered as an objection, not left as a question
        (
            (
                ("c", "Сколько?! Ночью грабёж какой-то."),
                ("a", "Ну как хотите. Ждите звонка водителя, до связи."),
            ),
            1,
        ),
        ((("c", "А водитель позвонит перед приездом?"), ("a", "Ждите звонка водителя, до связи.")), 0),
    ],
)
def test_good_night_closes_and_an_objection_is_no_open_question(ru, turns, closed):
    assert ru.score("c", call(("a", "Здравствуйте."), *turns)).items["closing"] == closed


@pytest.mark.parametrize(
    ("turns", "introduced"),
    [
        # what the client says before the agent speaks does not end the opening
        ((("c", "Алло, это эвакуатор?"), ("a", "алло здрасте Свет Сейчас на проводе")), 1),
        ((("a", "Приветствую, ночная смена на связи."),), 0),  # the shift on duty is no company
        ((("a", "ночи доброй замок24 диспетчер"),), 1),  # letters and figures: a brand
    ],
)
def test_an_opening_after_the_clients_words_shifts_and_brands(ru, turns, introduced):
    assert ru.score("c", call(*turns, ("c", "Нужен мастер."))).items["introduction"] == introduced


@pytest.mark.parametrize(
    ("opening", "introduced"),
    [
        ("Good evening, emergency desk. Tasha's taking calls tonight.", 1),
        ("Good evening, it's taking ages tonight.", 0),
        ("hiya talk to me", 0),  # what the caller is asked to do names no company
    ],
)
def test_english_someone_taking_calls_introduces(en, opening, introduced):
    assert en.score("c", call(("a", opening), ("c", "I'm locked out."))).items["introduction"] == introduced


@pytest.mark.parametrize(
    ("scorer", "opening", "agent_says", "asked"),
    [
        ("ru", "Здравствуйте.", "вы пропадаете алло", 0),  # the line
        ("ru", "ну что там у вас дежурный оператор оксана", "Угу.", 0),  # who answers is no thing asked
        ("en", "Hello.", "Let me see which vans are free.", 0),  # what the agent looks up
        ("en", "Hello.", "Which van do you drive?", 1),
        ("en", "Hi there, out-of-hours line, what's happened?", "Okay.", 0),
        ("en", "Hi there, what size is the door?", "Okay.", 1),
    ],
)
def test_line_checks_lookups_and_what_happened_ask_nothing(ru, en, scorer, opening, agent_says, asked):
    turns = call(("a", opening), ("c", "Нужна помощь."), ("a", agent_says), ("c", "Да."))
    assert {"ru": ru, "en": en}[scorer].score("c", turns).items["needs_discovery"] == asked


@pytest.mark.parametrize(
    ("scorer", "agent_says", "polite"),
    [
        ("ru", "Не тяните, говорите адрес уже.", 0),  # an order that ends with "уже" hurries
        ("ru", "Проходите, мастер уже ждёт.", 1),
        ("ru", "Сами ключи внутри оставили, а теперь ночью звоните.", 0),  # then held against now
        ("ru", "Мы сами ключи привезли, а теперь ждём вас.", 1),
        ("ru", "мне ваши истории слушать некогда", 0),
        ("en", "stop dithering and give me the address", 0),
        ("en", "You left the keys inside, now you ring at one in the morning.", 0),
        ("en", "You left a message, so I'm calling back now.", 1),
        ("en", "come on quicker calls are stacking up here", 0),
    ],
)
def test_hurrying_and_blaming_the_caller_is_rude(ru, en, scorer, agent_says, polite):
    turns = call(("a", "Здравствуйте."), ("c", "Нужна помощь."), ("a", agent_says))
    assert {"ru": ru, "en": en}[scorer].score("c", turns).items["politeness"] == polite


def test_go_ahead_in_the_opening_is_no_hurry(ru):
    turns = call(("a", "Ну, говорите уже."), ("c", "Нужна помощь."), ("a", "Адрес какой?"))
    assert ru.score("c", turns).items["politeness"] == 1


@pytest.mark.parametrize(
    ("objection", "answer", "handled"),
    [
        # "ждать" is no goodbye ("жду"): the answer is not cut before it into a bare "до утра"
        (
            "Ночью грабёж какой-то.",
            "до утра ждать с открытой проводкой опасно давайте хотя бы автомат отключим",
            1,
        ),
        ("Может, я до утра подожду, там решу.", "как знаете отменяю", 0),  # waiting is a timing objection
        ("Да я, наверное, сам попробую справиться.", "как знаете отменяю", 0),  # doing it oneself
    ],
)
def test_objections_of_waiting_and_doing_it_oneself(ru, objection, answer, handled):
    turns = call(("a", "Здравствуйте."), ("c", objection), ("a", answer))
    scored = ru.score("c", turns)
    assert scored.items["objection_handling"] == handled
    assert scored.evidence["objection_handling"] is not None


@pytest.mark.parametrize(
    ("agent_turns", "literate"),
    [
        (("Машину ну подадим к воротам.", "минут через сорок ну мастер подъедет"), 0),  # "ну" inside a clause
        (("Ну, как хотите.", "Хорошо, ну тогда до свидания."), 1),  # leading a sentence
        (("Мастер ну типа всё сделает за час.",), 1),  # one habit, counted once
        (("минут через сорок это мастер подъедет", "Машину ну подадим к воротам."), 0),
        (("Как бы поздно ни было, приедем.", "Машину ну подадим к воротам."), 1),  # a concession
    ],
)
def test_fillers_of_fresh21(ru, agent_turns, literate):
    assert ru.score("c", agent_saying(*agent_turns)).items["literacy"] == literate


# --- session 40's third round, tuned on fresh22 (a nervous trainee agent) -------------------


@pytest.mark.parametrize(
    ("scorer", "opening", "introduced"),
    [
        ("ru", "эээ да милана новый сотрудник извините если что", 1),  # a name, then one's role
        ("ru", "добрый день извините швейтехсервис да", 1),  # an apology, then the company
        ("ru", "добрый день извините да", 0),
        ("en", "hello sorry i'm listening josh new on the team sorry in advance", 1),
        ("en", "good afternoon one second yes hello", 0),  # a pause asked for names no company
    ],
)
def test_a_nervous_opening_still_names_someone(ru, en, scorer, opening, introduced):
    scored = {"ru": ru, "en": en}[scorer].score("c", call(("a", opening), ("c", "Нужна теплица.")))
    assert scored.items["introduction"] == introduced


def test_a_greeting_word_asked_after_the_clients_request_greets_nobody(en):
    turns = call(
        ("a", "oh it's um us yes"),
        ("c", "Are there beginner classes for adults?"),
        ("a", "would weekday evenings or saturdays work"),
    )
    assert en.score("c", turns).items["greeting"] == 0


@pytest.mark.parametrize(
    ("scorer", "agent_says", "literate"),
    [
        ("ru", "Извиняюсь за ожидание, уже нашла.", 0),
        ("ru", "Согласно прайса это будет четыре тысячи.", 0),  # "согласно" takes the dative
        ("ru", "Согласно прайсу это будет четыре тысячи.", 1),
        ("en", "Me and my supervisor has checked it.", 0),  # two people, a singular verb
        ("en", "Me and my colleague are coming out.", 1),
        ("en", "He come round yesterday and fixed it.", 0),
        ("en", "Does he come on Saturdays?", 1),
        ("en", "The Saturday classes is full already.", 0),  # a word between "the" and the plural
    ],
)
def test_speech_errors_of_fresh22(ru, en, scorer, agent_says, literate):
    turns = call(("a", "Hello."), ("c", "Hi."), ("a", agent_says))
    assert {"ru": ru, "en": en}[scorer].score("c", turns).items["literacy"] == literate


@pytest.mark.parametrize(
    ("client_last", "closed"),
    [("А, ясно теперь.", 1), ("А парковка у вас есть?", 0)],  # an acknowledgement asks nothing
)
def test_a_wish_with_vam_closes_and_an_acknowledgement_is_no_question(ru, client_last, closed):
    turns = call(
        ("a", "Здравствуйте."), ("c", "Нужна теплица."), ("c", client_last), ("a", "хорошего вам вечера")
    )
    assert ru.score("c", turns).items["closing"] == closed


@pytest.mark.parametrize(
    ("scorer", "agent_says", "asked"),
    [
        ("ru", "Не могли бы вы повторить номер, пожалуйста?", 0),
        ("ru", "Ой, а мне разрешено называться? Давайте лучше без этого.", 0),
        ("en", "Would you mind repeating the number, please?", 0),
        ("en", "Oh, am I allowed to say my name? Let's skip that.", 0),
        ("en", "Would you mind telling me what size you need?", 1),
    ],
)
def test_asking_to_repeat_or_about_ones_own_name_asks_nothing(ru, en, scorer, agent_says, asked):
    turns = call(("a", "Hello."), ("c", "I need a greenhouse."), ("a", agent_says), ("c", "Sure."))
    assert {"ru": ru, "en": en}[scorer].score("c", turns).items["needs_discovery"] == asked


@pytest.mark.parametrize(
    ("scorer", "objection", "answer"),
    [
        ("ru", "Спасибо, мне это не нужно.", "Хорошо... а, ну всё тогда. В среду вас жду, до встречи."),
        ("en", "Oof, that's pricey.", "Fine... oh, that's it then. Wednesday then, bye bye."),
        ("en", "A friend recommended another school.", "Right, I'll pass that on."),
    ],
)
def test_giving_up_before_a_goodbye_lets_the_objection_go(ru, en, scorer, objection, answer):
    turns = call(("a", "Hello."), ("c", objection), ("a", answer))
    assert {"ru": ru, "en": en}[scorer].score("c", turns).items["objection_handling"] == 0


@pytest.mark.parametrize(
    ("agent_says", "polite"),
    [
        ("вам бы всё бесплатно да побыстрее", 0),
        ("Ну вы странный, честное слово.", 0),
        ("Вам бы подошёл этот вариант.", 1),
    ],
)
def test_sarcasm_about_what_the_client_wants_is_rude(ru, agent_says, polite):
    turns = call(("a", "Здравствуйте."), ("c", "Нужна теплица."), ("a", agent_says))
    assert ru.score("c", turns).items["politeness"] == polite


# --- session 40's fourth round, tuned on fresh23 (a pushy upseller) -------------------------


@pytest.mark.parametrize(
    ("agent_says", "polite"),
    [
        ("Не будьте жадиной, один раз живём!", 0),  # told not to be, in the instrumental
        ("Будьте любезны, фамилию по буквам.", 1),
        ("С таким подходом у вас всегда всё ломаться будет.", 0),
        ("Вы что, на здоровье отца экономить собрались?", 0),  # "вы что," opens a reproach
        ("Вы что будете брать, фильтр или картриджи?", 1),
    ],
)
def test_pressure_and_guilt_are_rude(ru, agent_says, polite):
    turns = call(("a", "Здравствуйте."), ("c", "Нужен фильтр."), ("a", agent_says))
    assert ru.score("c", turns).items["politeness"] == polite


def test_english_still_umming_and_ahhing_labels_the_client(en):
    turns = call(
        ("a", "Hello."), ("c", "I need a filter."), ("a", "And you're still umming and ahhing, funny really.")
    )
    assert en.score("c", turns).items["politeness"] == 0


@pytest.mark.parametrize(
    ("scorer", "opening", "greeted", "introduced"),
    [
        ("ru", "Хорошего дня! Слушаю внимательно.", 1, 0),  # a wish greets and names no company
        ("ru", "Добрый вечер! Ой, как хорошо, что вы позвонили.", 1, 0),  # glad of the call
        ("ru", "Добрый вечер, вы позвонили в Кухню Вкуса.", 1, 1),
        ("ru", "здравствуйте-здравствуйте релаксдом отличный выбор что позвонили", 1, 1),
        ("ru", "добрый вечер меня краина звать запоминайте", 1, 1),  # a misspelt name before "звать"
        ("en", "hi the baking table lovely to hear from you", 1, 1),
    ],
)
def test_openings_of_a_pushy_seller(ru, en, scorer, opening, greeted, introduced):
    scored = {"ru": ru, "en": en}[scorer].score("c", call(("a", opening), ("c", "Нужен фильтр.")))
    assert (scored.items["greeting"], scored.items["introduction"]) == (greeted, introduced)


@pytest.mark.parametrize(
    ("scorer", "agent_says", "asked"),
    [
        ("ru", "Приветствую! Как настроение?", 0),  # small talk
        ("en", "Hiya! How's your day going?", 0),
        ("en", "You're faint, are you on a train?", 0),  # the line
        ("en", "by when do you need it done", 1),  # a preposition before the question word
    ],
)
def test_small_talk_asks_nothing_and_by_when_asks(ru, en, scorer, agent_says, asked):
    turns = call(("a", "Hello."), ("c", "I need a filter."), ("a", agent_says), ("c", "Friday."))
    assert {"ru": ru, "en": en}[scorer].score("c", turns).items["needs_discovery"] == asked


@pytest.mark.parametrize(
    ("scorer", "agent_turns", "literate"),
    [
        ("ru", ("Мастер-класс реально идёт три часа.", "Установка в принципе займёт два часа."), 0),
        ("ru", ("Это реально сделать за день.", "Установка в принципе займёт два часа."), 1),
        ("ru", ("Установим быстро, делов-то на час.",), 0),
        ("en", ("The class literally runs three hours.", "Fitting kind of takes two hours."), 0),
        ("en", ("We take that literally: no fee if we're late.", "Fitting kind of takes two hours."), 1),
        ("en", ("Honestly priced, no hidden fees.", "Fitting kind of takes two hours."), 1),
        ("en", ("Less people take the basic one these days.",), 0),
        ("en", ("This is the most bestest deal we've got.",), 0),
    ],
)
def test_fillers_and_errors_of_fresh23(ru, en, scorer, agent_turns, literate):
    assert {"ru": ru, "en": en}[scorer].score("c", agent_saying(*agent_turns)).items["literacy"] == literate


# --- session 40's fifth round, tuned on fresh24 (a bored, monotone agent) -------------------


@pytest.mark.parametrize(
    ("scorer", "agent_says", "polite"),
    [
        ("ru", "Сайт есть, там всё написано, читайте.", 0),  # sent off to read for oneself
        ("ru", "Тама всё написано, на коробке.", 1),  # (an error of speech, not of manners)
        ("ru", "Сколько раз в неделю тренируетесь?", 1),  # how often, not "how many times must I"
        ("ru", "Сколько раз вам повторять?", 0),
        ("en", "Are you going to be much longer deciding?", 0),
        ("en", "I really couldn't care what you buy.", 0),
    ],
)
def test_indifference_is_rude_and_how_often_is_a_question(ru, en, scorer, agent_says, polite):
    turns = call(("a", "Hello."), ("c", "I need a costume."), ("a", agent_says))
    assert {"ru": ru, "en": en}[scorer].score("c", turns).items["politeness"] == polite


@pytest.mark.parametrize(("agent_says", "asked"), [("Когда надо?", 1), ("Что надо?", 0)])
def test_when_is_it_needed_asks(ru, agent_says, asked):
    turns = call(("a", "Здравствуйте."), ("c", "Нужен костюм."), ("a", agent_says), ("c", "К пятнице."))
    assert ru.score("c", turns).items["needs_discovery"] == asked


@pytest.mark.parametrize(
    ("opening", "introduced"),
    [
        ("hello then", 0),  # a word that leads on names no company
        ("names aren't a thing here what is it", 0),  # a noun after an article is no name
        ("morning what is it it's kirsty on the till", 1),
    ],
)
def test_english_terse_openings(en, opening, introduced):
    assert en.score("c", call(("a", opening), ("c", "I need toner."))).items["introduction"] == introduced


def test_no_matter_to_me_lets_an_objection_go(ru):
    turns = call(
        ("a", "Здравствуйте."), ("c", "В соседнем магазине то же самое дешевле."), ("a", "мне без разницы")
    )
    assert ru.score("c", turns).items["objection_handling"] == 0


@pytest.mark.parametrize(
    ("scorer", "agent_turns", "literate"),
    [
        (
            "ru",
            ("Занятия короче по выходным.", "Заказ это самое будет завтра."),
            0,
        ),  # "по выходным" is a time
        (
            "ru",
            ("Заказ как бы будет завтра.", "Занятия короче по выходным."),
            0,
        ),  # before a verb not in the past
        ("ru", ("Типа этого костюма нет, есть похожий.", "Занятия короче по выходным."), 1),
        ("ru", ("Плотите на кассе, там же и чек.",), 0),
        ("en", ("The lady what called earlier booked it.",), 0),
        ("en", ("Tell me what happened earlier.",), 1),
    ],
)
def test_fillers_and_errors_of_fresh24(ru, en, scorer, agent_turns, literate):
    assert {"ru": ru, "en": en}[scorer].score("c", agent_saying(*agent_turns)).items["literacy"] == literate


# --- session 41, tuned on fresh25 (a country agent who scolds the client like a child) -----


@pytest.mark.parametrize(
    ("scorer", "agent_says", "polite"),
    [
        ("ru", "Ты что, маленький, не знаешь, как картошку сажают?", 0),  # "ты что," as "вы что,"
        ("ru", "голова садовая кто ж так делает", 0),
        ("ru", "Сказано тебе: не пойдёт, чего непонятно?", 0),
        ("ru", "Ну ты даёшь, мужик, совсем без понятия.", 0),
        ("ru", "а раньше думать надо было весной", 0),  # blame, in any word order
        ("ru", "Хм, ну что ж. Так, зафиксировала.", 1),  # "что ж так" is no "кто ж так делает"
        ("ru", "Раньше думали о теплице? Сейчас она дешевле.", 1),
        ("en", "Don't teach your grandmother to suck eggs.", 0),
        ("en", "daft ha'porth who does it like that", 0),
        ("en", "should've sorted it in the spring shouldn't you", 0),
        ("en", "What are you, five? Everyone plants them in April.", 0),
    ],
)
def test_scolding_like_a_child_is_rude(ru, en, scorer, agent_says, polite):
    turns = call(("a", "Hello."), ("c", "I need seed potatoes."), ("a", agent_says))
    assert {"ru": ru, "en": en}[scorer].score("c", turns).items["politeness"] == polite


@pytest.mark.parametrize(
    ("scorer", "objection", "answer"),
    [
        # let go, then a goodbye that names a day, as speech-to-text writes it: the day answers nothing
        ("ru", "Ох, кусается цена-то.", "дело хозяйское в пятницу сам наберу бывайте"),
        ("ru", "Ох, кусается цена-то.", "ну тебе виднее в пятницу сам наберу бывайте"),
        ("ru", "Ох, кусается цена-то.", "ну и ладненько нет так нет в четверг жди машину"),
        ("ru", "В райцентре такое же берут, там поближе.", "Понятно."),  # a competitor, nearer
        ("en", "Ooh, that's a bit dear.", "your lookout i'll give you a ring friday bye"),
        ("en", "Ooh, that's a bit dear.", "please yourself i'll ring you friday"),
        ("en", "Ooh, that's a bit dear.", "have it how you like lorry's thursday ta-ra"),
        ("en", "The farm shop in town has the same, nearer too.", "Right."),
    ],
)
def test_country_ways_of_letting_an_objection_go(ru, en, scorer, objection, answer):
    turns = call(("a", "Hello."), ("c", objection), ("a", answer))
    assert {"ru": ru, "en": en}[scorer].score("c", turns).items["objection_handling"] == 0


@pytest.mark.parametrize(
    ("agent_says", "offered", "asked"),
    [
        ("А сетку лицевую с курткой не надо? Хорошая вещь.", 1, 0),  # a thing offered, not a question
        ("а плуг под ваш трактор не надо хорошая вещь", 1, 0),  # the same, as speech-to-text writes it
        ("А вам не надо?", 0, 1),  # no thing named: asks if the client needs it
        ("Плуг под ваш трактор тоже есть, завезли на той неделе.", 1, 0),
        ("Сколько возьмёте на первый раз?", 0, 1),  # how many: a question, not "возьмите"
    ],
)
def test_an_offer_asked_as_not_needed_and_how_many_you_take(ru, agent_says, offered, asked):
    turns = call(("a", "Здравствуйте."), ("c", "Мне ульи нужны."), ("a", agent_says), ("c", "Ну давай."))
    result = ru.score("c", turns)
    assert (result.items["offer_assortment"], result.items["needs_discovery"]) == (offered, asked)


def test_a_dear_person_is_no_name(ru):
    turns = call(("a", "Здравствуй, мил человек, слушаю."), ("c", "Ульи есть?"))
    assert ru.score("c", turns).items["introduction"] == 0


def test_now_then_greets(en):
    turns = call(("a", "Now then, Hillside Seeds, what can I do you for?"), ("c", "Seed potatoes, please."))
    assert en.score("c", turns).items["greeting"] == 1


@pytest.mark.parametrize(
    ("scorer", "agent_turns", "literate"),
    [
        ("ru", ("Ентот сорт лучше берите, он урожайный.",), 0),
        ("ru", ("Звоните, ежели что, мы завсегда тут.",), 0),
        ("ru", ("Машина приедет, как оне освободятся.",), 0),
        ("en", ("The driver come by yesterday.",), 0),
        ("en", ("Let the driver come in, please.",), 1),  # an order
        ("en", ("The lads come on Tuesdays.",), 1),  # many: right
        ("en", ("It were delivered Tuesday.",), 0),
        ("en", ("If it were up to me, I'd take the lot.",), 1),  # supposed: right
    ],
)
def test_folksy_speech_errors_of_fresh25(ru, en, scorer, agent_turns, literate):
    assert {"ru": ru, "en": en}[scorer].score("c", agent_saying(*agent_turns)).items["literacy"] == literate


# --- session 41's second round, tuned on fresh26 (a young, slangy agent who mocks) --------


@pytest.mark.parametrize(
    ("scorer", "agent_says", "polite"),
    [
        ("ru", "Чел, ты вообще в теме или как?", 0),
        ("ru", "Ок, бумер, объясняю для особо одарённых.", 0),
        ("ru", "Ну ты и скуф, конечно, это же база.", 0),
        ("ru", "ору с тебя кто так комп собирает", 0),  # who does it like that, by its structure
        ("ru", "Кто так делает? Сначала замерьте.", 0),
        ("ru", "Кто так сказал? Уточню у мастера.", 1),  # who said it, in the past: asks
        ("ru", "серьёзно гуглить не пробовал", 0),
        ("ru", "кринж такое брать не позорься", 0),
        ("en", "lol who builds a pc like that", 0),
        ("en", "ok boomer whatever you say", 0),
        ("en", "bro that's basic stuff google exists", 0),
        ("en", "that's so cringe, mate", 0),
        ("en", "Dude, you've no clue what you're asking for, right?", 0),
    ],
)
def test_mocking_in_slang_is_rude(ru, en, scorer, agent_says, polite):
    turns = call(("a", "Hello."), ("c", "I need a gaming PC."), ("a", agent_says))
    assert {"ru": ru, "en": en}[scorer].score("c", turns).items["politeness"] == polite


@pytest.mark.parametrize(
    ("agent_says", "offered"),
    [
        ("Кстати, внутренние конверты у нас тоже продаём.", 1),  # selling it too offers it
        ("Акций сейчас никаких.", 0),  # no offer at all
        ("так записываю а гидрогелевую плёнку не хотите реально тема", 1),  # "а" after other words
    ],
)
def test_what_we_sell_too_offers_and_no_deals_do_not(ru, agent_says, offered):
    turns = call(("a", "Здравствуйте."), ("c", "Пластинки есть?"), ("a", agent_says), ("c", "Угу."))
    assert ru.score("c", turns).items["offer_assortment"] == offered


@pytest.mark.parametrize(
    ("agent_turns", "literate"),
    [
        (("Курьер по факту будет завтра к обеду.", "Мастер типа глянет сегодня."), 0),
        (("По факту оплаты отправим трек-номер.", "Мастер типа глянет сегодня."), 1),  # upon payment
        (("Скидка будет с пятиста рублей.",), 0),  # "пятисот"
    ],
)
def test_fillers_and_errors_of_fresh26(ru, agent_turns, literate):
    assert ru.score("c", agent_saying(*agent_turns)).items["literacy"] == literate


def test_what_asked_alone_fills_nothing(ru):
    turns = call(("a", "Да, чё?"), ("c", "Скейт нужен."), ("a", "Мастер типа глянет сегодня."))
    assert ru.score("c", turns).items["literacy"] == 1  # one filler, not two


def test_a_drawn_out_hey_greets_in_speech_to_text(en):
    assert en.score("c", call(("a", "heyy pixelforge what's up"), ("c", "Hi."))).items["greeting"] == 1


def test_having_a_think_is_an_objection(en):
    turns = call(
        ("a", "Hello."),
        ("c", "I'll have a think and message you."),
        ("a", "Okay, you do you. Thanks for calling, speak soon."),
    )
    assert en.score("c", turns).items["objection_handling"] == 0


# --- session 41's third round, tuned on fresh27 (a corporate agent who condescends) --------


@pytest.mark.parametrize(
    ("scorer", "agent_says", "polite"),
    [
        ("ru", "Это азы, удивительно, что в вашей компании этого не знают.", 0),
        ("ru", "по-моему я достаточно понятно изложил позицию", 0),
        ("ru", "Я не буду каждому сотруднику вашей фирмы отдельно это пересказывать.", 0),
        ("ru", "это уже ваши внутренние сложности на самом деле договор пришлём на почту", 0),
        ("en", "that sounds like an internal problem on your side", 0),
        ("en", "i feel i was fairly clear the first time", 0),
        ("en", "Let's leave the emotions out of it, shall we?", 0),
        ("en", "Perhaps get aligned internally before you call us.", 0),
        ("en", "nothing else in the range i won't be walking every one of your staff through this", 0),
    ],
)
def test_condescension_in_office_words_is_rude(ru, en, scorer, agent_says, polite):
    turns = call(("a", "Hello."), ("c", "We need backups for twelve servers."), ("a", agent_says))
    assert {"ru": ru, "en": en}[scorer].score("c", turns).items["politeness"] == polite


@pytest.mark.parametrize(
    ("scorer", "objection", "answer", "handled"),
    [
        ("ru", "Нам нужно согласовать с руководством.", "Понял вас, ок.", 0),
        ("ru", "Для нас это выше бюджета.", "окей услышал вас в понедельник пришлю коммерческое", 0),
        ("ru", "Нам это пока неактуально.", "Хорошо, принято, тогда вопрос закрыт.", 0),
        ("ru", "Согласовано.", "Отлично, тогда счёт пришлю сегодня.", 1),  # agreed: no objection
        ("en", "It's not a priority for us right now.", "Understood, we'll close that off then.", 0),
        ("en", "It's not a priority for us right now.", "okay heard thanks for your time take care", 0),
    ],
)
def test_corporate_objections_let_go(ru, en, scorer, objection, answer, handled):
    turns = call(("a", "Hello."), ("c", objection), ("a", answer))
    assert {"ru": ru, "en": en}[scorer].score("c", turns).items["objection_handling"] == handled


@pytest.mark.parametrize(
    ("scorer", "agent_says", "offered"),
    [
        ("ru", "к такому пакету обычно подключают досутп к записи", 1),  # a word misheard
        ("en", "clients on that package usually take server monitoring", 1),
        ("en", "Would server monitoring be worth exploring?", 1),
        ("en", "I can fold logo embroidery into the proposal.", 1),
        ("en", "no add-ons are available on that tier", 0),
    ],
)
def test_offers_in_office_words(ru, en, scorer, agent_says, offered):
    turns = call(("a", "Hello."), ("c", "We need backups."), ("a", agent_says), ("c", "Okay."))
    assert {"ru": ru, "en": en}[scorer].score("c", turns).items["offer_assortment"] == offered


@pytest.mark.parametrize(
    ("last_turn", "closed"),
    [
        ("Будьте любезны, пришлите реквизиты на почту.", 0),  # the client asked to send: no goodbye
        ("так оформляю будьте любезны пришлите реквизиты на почту", 0),  # as speech-to-text writes it
        ("В понедельник пришлю коммерческое.", 1),  # the next step, ours
    ],
)
def test_asking_the_client_to_send_is_no_goodbye(ru, last_turn, closed):
    turns = call(("a", "Здравствуйте."), ("c", "Нужен тренинг."), ("a", last_turn))
    assert ru.score("c", turns).items["closing"] == closed


@pytest.mark.parametrize(
    ("scorer", "turns", "introduced"),
    [
        ("ru", (("a", "Здравствуйте, коллега, слушаю внимательно."), ("c", "Нужен тренинг.")), 0),
        ("ru", (("a", "слушаю да"), ("c", "Нужен тренинг."), ("a", "ИНН организации продиктуйте.")), 0),
        ("en", (("a", "yep on the line"), ("c", "We need training.")), 0),
    ],
)
def test_a_colleague_a_tax_number_and_yep_name_no_one(ru, en, scorer, turns, introduced):
    assert {"ru": ru, "en": en}[scorer].score("c", call(*turns)).items["introduction"] == introduced


@pytest.mark.parametrize(
    ("scorer", "agent_turns", "literate"),
    [
        ("ru", ("Звоню по поводу о продлении договора.",), 0),
        ("ru", ("Мы гарантируем вам о сохранности данных.",), 0),
        ("ru", ("Работаем с двухтысяча пятого года.",), 0),
        ("ru", ("Скидку дадим в размере пяти процент.",), 0),
        ("ru", ("Скидка пять процентов, а сверху ещё один процент.",), 1),
        ("ru", ("Менеджер в моменте свяжется завтра.", "Внедрение на самом деле займёт две недели."), 0),
        ("en", ("Between you and I, there's room on price.",), 0),
        ("en", ("If I would have known, I'd have rung sooner.",), 0),
        ("en", ("The invoice was sent to yourself and the team.",), 0),
        ("en", ("Onboarding to be honest takes two weeks.", "The account manager will basically call."), 0),
    ],
)
def test_office_speech_errors_and_jargon_fillers_of_fresh27(ru, en, scorer, agent_turns, literate):
    assert {"ru": ru, "en": en}[scorer].score("c", agent_saying(*agent_turns)).items["literacy"] == literate


@pytest.mark.parametrize(
    ("agent_says", "literate"), [("Менеджер свяжтеся завтра.", 1), ("Увидимтеся в пятницу.", 0)]
)
def test_two_letters_swapped_are_no_vernacular(ru, agent_says, literate):
    # "свяжтеся": speech-to-text swapped two letters of "свяжется"; "увидимтеся" is said so
    assert ru.score("c", agent_saying(agent_says)).items["literacy"] == literate


# --- session 41's fourth round, tuned on fresh28 (a saccharine agent, sarcastic) ----------


@pytest.mark.parametrize(
    ("scorer", "agent_says", "polite"),
    [
        ("ru", "Дорогуша, не нервничайте так, это несложно даже для вас.", 0),
        ("ru", "какая прелесть вы опять перепутали размер", 0),
        ("ru", "Солнышко, ну кто же коляску по цвету выбирает?", 0),  # "ну кто же …", a verb now
        ("ru", "Кто же у вас отвечает за закупки?", 1),  # no "ну": asks who
        ("ru", "милочка вы хоть инструкцию открывали", 0),
        ("ru", "Вы хоть раз пробовали сатин? Он мягче.", 1),  # "хоть раз": ever, a question
        ("en", "Honey, it's ever so simple, even for you.", 0),
        ("en", "Aren't you clever, getting it all muddled, never mind.", 0),
        ("en", "how adorable you mixed up the sizes again", 0),
        ("en", "bless you have you opened the manual at all", 0),
    ],
)
def test_sugary_sarcasm_is_rude(ru, en, scorer, agent_says, polite):
    turns = call(("a", "Hello."), ("c", "I need a pram."), ("a", agent_says))
    assert {"ru": ru, "en": en}[scorer].score("c", turns).items["politeness"] == polite


def test_a_sweet_way_of_letting_an_objection_go(ru):
    answer = "ну понятненько тогда в субботу наберу вам целую пока"  # the day answers nothing
    turns = call(("a", "Здравствуйте."), ("c", "В интернете дешевле нашла."), ("a", answer))
    assert ru.score("c", turns).items["objection_handling"] == 0


@pytest.mark.parametrize(
    "opening",
    ["ой здравствуйте мой дорогой", "доброго утречка слушаю"],  # the client called fondly; a wish
)
def test_fond_words_and_wishes_name_no_company(ru, opening):
    assert ru.score("c", call(("a", opening), ("c", "Коляска нужна."))).items["introduction"] == 0


@pytest.mark.parametrize(
    ("scorer", "agent_says", "literate"),
    [
        ("ru", "Тюль у нас белая, очень нежная.", 0),  # "тюль" is masculine
        ("ru", "Вкусное кофе дарим к заказу.", 0),
        ("ru", "Белый тюль у нас, очень нежный.", 1),
        ("ru", "Звоните взад, если что.", 0),
        ("ru", "Колясочку привезём за бесплатно.", 0),
        ("en", "I'll learn you how to fold it.", 0),
        ("en", "Alls you need is the voucher.", 0),
        ("en", "Could you borrow me your postcode?", 0),
    ],
)
def test_sweet_agents_speech_errors_of_fresh28(ru, en, scorer, agent_says, literate):
    assert {"ru": ru, "en": en}[scorer].score("c", agent_saying(agent_says)).items["literacy"] == literate


def test_an_adjective_of_another_noun_is_no_misgendering(ru):
    said = agent_saying("Могу включить кофе-брейк в коммерческое предложение.")
    assert ru.score("c", said).items["literacy"] == 1  # "коммерческое" is the proposal's


# --- session 41's fifth round, tuned on fresh29 (an argumentative agent) -------------------


@pytest.mark.parametrize(
    ("scorer", "agent_says", "polite"),
    [
        ("ru", "да бросьте никто так не делает", 0),
        ("ru", "вы ошибаетесь и споирть тут не о чем", 0),  # a word misheard
        ("en", "I've sold these for ten years, don't lecture me.", 0),
        ("en", "that's nonsense nobody does it that way", 0),
        ("en", "hang on i haven't finished you keep talking across me", 0),
    ],
)
def test_arguing_with_the_client_is_rude(ru, en, scorer, agent_says, polite):
    turns = call(("a", "Hello."), ("c", "I need a hunting pack."), ("a", agent_says))
    assert {"ru": ru, "en": en}[scorer].score("c", turns).items["politeness"] == polite


@pytest.mark.parametrize(
    ("agent_says", "offered"),
    [
        ("обычно к такому докупают подсумок для патронов", 1),
        ("Погодите. Пупырчатую плёнку посмотрите, это вещь нужная.", 1),
        ("погодите остатки проверю и плёнку сразу бертие потом спасибо скажете", 1),  # misheard
        ("К какому числу вещь нужна?", 0),  # a question about a date, no praise of a thing
    ],
)
def test_offers_by_what_others_buy_and_praise(ru, agent_says, offered):
    turns = call(("a", "Здравствуйте."), ("c", "Коробки нужны."), ("a", agent_says), ("c", "Ну давайте."))
    assert ru.score("c", turns).items["offer_assortment"] == offered


@pytest.mark.parametrize(
    ("agent_turns", "literate"),
    [
        (("Поставьте коробки на тубаретку.",), 0),  # words said wrong, in any form
        (("Коробки оставим в колидоре.",), 0),
        (("Был такой инциндент с доставкой.",), 0),
        (("Курьер слушайте позвонит за полчаса.", "Доставка значит будет в среду."), 0),
        (("Слушайте радио, пока собираете.", "Доставка значит будет в среду."), 1),  # an order
    ],
)
def test_words_said_wrong_and_listen_as_a_filler_of_fresh29(ru, agent_turns, literate):
    assert ru.score("c", agent_saying(*agent_turns)).items["literacy"] == literate
