"""Demo transcripts: speaker-labelled segments in Russian that follow each employee's habits."""

from __future__ import annotations

import json
import random

from demo.calls import AnsweredCall
from demo.company import HABIT_LEADER, HABIT_RUDE, HABIT_SHORT_TALKS

GREETINGS = ["Здравствуйте!", "Добрый день!", "Здрасте.", "Доброе утро!"]
INTRODUCTIONS = ["Меня зовут {first}, компания ЭлектроСнаб.", "Это {first}, ЭлектроСнаб, слушаю вас."]
DISCOVERY = [
    "Подскажите, для какого объекта подбираете?",
    "Какой объём вам нужен и к какому сроку?",
    "Расскажите, что сейчас используете?",
]
ASSORTMENT = [
    "Кстати, к кабелю могу предложить автоматы и щиты со склада.",
    "Обратите внимание на светильники, на них сейчас акция.",
    "Ещё у нас есть инструмент, могу добавить в счёт.",
]
CLIENT_OBJECTIONS = ["Дороговато у вас.", "Я подумаю.", "У нас уже есть поставщик."]
OBJECTION_ANSWERS = [
    "Понимаю. Если возьмёте от десяти штук, дам скидку пять процентов.",
    "Давайте я пришлю сравнение, вы увидите разницу в сроках доставки.",
]
CLOSINGS = ["Выставляю счёт, отправлю на почту. Всего доброго!", "Спасибо за звонок, до свидания!"]
RUDE = [
    "Да что вы мне голову морочите!",
    "Слушайте, не тупите, я же сказал.",
    "Короче, блин, берите или нет.",
]
FILLERS = ["Ну это, короче, как бы есть.", "Типа да, ну вот."]
CLIENT_LINES = ["Мне нужен кабель и автоматы.", "Хочу уточнить цену на светильники.", "Да, интересно."]


def transcript(rng: random.Random, call: AnsweredCall) -> dict:
    """One JSON-lines record for a call, with segment times inside the talk time."""
    emp = call.employee
    first = emp.full_name.split()[1]
    leader = HABIT_LEADER in emp.habits
    rude = HABIT_RUDE in emp.habits
    short = HABIT_SHORT_TALKS in emp.habits
    p = 0.95 if leader else 0.7
    lines: list[tuple[str, str]] = []
    if rng.random() < p:
        lines.append(("agent", rng.choice(GREETINGS)))
    if rng.random() < p - 0.1 and not short:
        lines.append(("agent", rng.choice(INTRODUCTIONS).format(first=first)))
    lines.append(("client", rng.choice(CLIENT_LINES)))
    if rng.random() < p and not short:
        lines.append(("agent", rng.choice(DISCOVERY)))
        lines.append(("client", "Для склада, нужно к пятнице."))
    if rude:
        lines.append(("agent", rng.choice(RUDE)))
    if rng.random() < p - 0.2 and not short:
        lines.append(("agent", rng.choice(ASSORTMENT)))
    if rng.random() < 0.4:
        lines.append(("client", rng.choice(CLIENT_OBJECTIONS)))
        if rng.random() < p:
            lines.append(("agent", rng.choice(OBJECTION_ANSWERS)))
    if not leader and rng.random() < 0.3:
        lines.append(("agent", rng.choice(FILLERS)))
    if rng.random() < p:
        lines.append(("agent", rng.choice(CLOSINGS)))
    if all(speaker == "client" for speaker, _ in lines):
        # an answered call has the agent's voice: a transcript without it is not scored
        # (call_quality/batches.py), it would be a recording's or a tool's fault
        lines.insert(0, ("agent", "Алло."))
    step = max(1.0, call.talk_seconds / max(1, len(lines)))
    segments = []
    t = 0.0
    for speaker, text in lines:
        dur = round(min(step, 2.0 + len(text) / 14), 1)
        segments.append({"speaker": speaker, "start": round(t, 1), "end": round(t + dur, 1), "text": text})
        t += step
    return {
        "call_id": call.call_id,
        "language": "ru",
        "agent_extension": emp.main_extension,
        "started_at": call.started_at.strftime("%Y-%m-%d %H:%M:%S"),
        "segments": segments,
    }


def transcript_line(rng: random.Random, call: AnsweredCall) -> str:
    return json.dumps(transcript(rng, call), ensure_ascii=False) + "\n"
