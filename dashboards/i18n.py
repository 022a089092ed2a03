"""Labels in Russian and English, and numbers, money and dates in the locale's format."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

LANGUAGES = ("ru", "en")
LOCALES = {"ru": "ru_RU", "en": "en_US"}

LABELS = {
    "ru": {
        "site": "autokpi",
        "dbt_docs": "Модели и колонки",
        "overview": "Обзор",
        "index": "Обзор",
        "calls": "Рейтинг звонков",
        "alerts": "Сигналы",
        "quality": "Качество",
        "bonus": "Премии",
        "statements": "Расчётные листы",
        "months": "Месяцы",
        "statements_for_heads": (
            "Расчётные листы месяца одной таблицей, для руководителей и финансов. Каждый сотрудник "
            "видит свой лист на портале (autokpi serve); файлы по одному на сотрудника, для рассылки "
            "почтой, пишет autokpi run --per-employee-files."
        ),
        "switch": "English",
        "data_through": "данные по",
        "plan": "План",
        "actual": "Факт",
        "prorated": "План на сегодня",
        "achievement": "Выполнение",
        "department": "Отдел",
        "employee": "Сотрудник",
        "revenue_trend": "Выручка по дням",
        "calls_trend": "Звонки по дням",
        "alerts_month": "Сигналов за месяц",
        "alerts_day": "Сигналы дня",
        "alerts_all": "Сигналы месяца",
        "calls_total": "Звонков",
        "answered": "Отвечено",
        "missed": "Пропущено",
        "missed_rate": "Доля пропущенных",
        "avg_talk": "Средний разговор, с",
        "service_level": "Уровень сервиса",
        "callback_rate": "Перезвонили",
        "calls_per_hour": "Звонков в час",
        "score": "Балл активности",
        "rank": "Место",
        "talk_chart": "Средняя длительность разговора по дням, с",
        "missed_chart": "Доля пропущенных по дням",
        "outside": "вне нормы",
        "severity": "Важность",
        "all": "все",
        "rule": "Правило",
        "value": "Значение",
        "reference": "Норма",
        "explanation": "Пояснение",
        "date": "Дата",
        "item": "Пункт",
        "pass_rate": "Выполняется",
        "calls_scored": "Звонков оценено",
        "mean_score": "Средний балл",
        "worst_calls": "Звонки с низким баллом",
        "evidence": "Что найдено",
        "call": "Звонок",
        "base_bonus": "База",
        "total_score": "Сумма баллов",
        "gate": "Пороговый множитель",
        "quality_multiplier": "Множитель качества",
        "bonus_amount": "Премия",
        "adjustment": "Корректировка",
        "payout": "К выплате",
        "status": "Статус",
        "open": "открыт",
        "closed": "закрыт",
        "kpi": "Показатель",
        "target": "Цель",
        "coefficient": "Коэффициент",
        "weight": "Вес",
        "contribution": "Вклад в премию",
        "missing": "Чего не хватает",
        "to_threshold": "До порога",
        "to_cap": "До максимума",
        "would_add": "добавит к премии",
        "would_lower": "уменьшит премию на",
        "missing_inputs": "Нет данных",
        "missing_calls": "записей звонков АТС (inbox/pbx/asterisk) — рейтинги и звонковые KPI пусты",
        "missing_directory": "справочника сотрудников (inbox/directory) — звонки ничьи, премий нет",
        "missing_deals": "сделок CRM (inbox/crm) — продажи и денежные KPI пусты",
        "missing_plans": "планов (inbox/plans) — плановые KPI без цели",
        "missing_transcripts": "расшифровок звонков (inbox/pbx/transcripts) — оценки качества нет",
        "to_gate": "До порога премии",
        "why": "Почему премия такая",
        "gate_held": "Порог премии",
        "multiplier_from": "Множитель качества",
        "adjustments": "Корректировки закрытых месяцев",
        "reason": "Причина",
        "rounding_rule": (
            "Премия = база × балл × порог × множитель; все доли считаются точно (до 12 знаков), "
            "до копеек округляется только итог (половина копейки — вверх)."
        ),
        "note": "Комментарий",
        "statement_of": "Расчётный лист",
        "month": "Месяц",
        "no_data": "Нет данных",
        "objections": "Возражений",
        "unanswered": "Без ответа",
        "deals_won": "Сделок",
        "greeting": "Приветствие",
        "introduction": "Представление",
        "needs_discovery": "Выявление потребностей",
        "offer_assortment": "Предложение ассортимента",
        "objection_handling": "Работа с возражениями",
        "closing": "Завершение",
        "politeness": "Вежливость",
        "literacy": "Грамотность речи",
        "high": "высокая",
        "medium": "средняя",
        "low": "низкая",
        "reached": "достигнуто",
    },
    "en": {
        "site": "autokpi",
        "dbt_docs": "Models and columns",
        "overview": "Overview",
        "index": "Overview",
        "calls": "Call rating",
        "alerts": "Alerts",
        "quality": "Quality",
        "bonus": "Bonus",
        "statements": "Statements",
        "months": "Months",
        "statements_for_heads": (
            "The month's statements in one table, for heads and finance. Each person reads their "
            "own in the portal (autokpi serve); one file per employee, to send by mail, comes from "
            "autokpi run --per-employee-files."
        ),
        "switch": "Русский",
        "data_through": "data through",
        "plan": "Plan",
        "actual": "Actual",
        "prorated": "Plan to date",
        "achievement": "Achievement",
        "department": "Department",
        "employee": "Employee",
        "revenue_trend": "Revenue by day",
        "calls_trend": "Calls by day",
        "alerts_month": "Alerts this month",
        "alerts_day": "Alerts of the day",
        "alerts_all": "Alerts of the month",
        "calls_total": "Calls",
        "answered": "Answered",
        "missed": "Missed",
        "missed_rate": "Missed rate",
        "avg_talk": "Avg talk, s",
        "service_level": "Service level",
        "callback_rate": "Called back",
        "calls_per_hour": "Calls per hour",
        "score": "Activity score",
        "rank": "Rank",
        "talk_chart": "Average talk time by day, s",
        "missed_chart": "Missed rate by day",
        "outside": "outside bounds",
        "severity": "Severity",
        "all": "all",
        "rule": "Rule",
        "value": "Value",
        "reference": "Reference",
        "explanation": "Explanation",
        "date": "Date",
        "item": "Item",
        "pass_rate": "Pass rate",
        "calls_scored": "Calls scored",
        "mean_score": "Mean score",
        "worst_calls": "Lowest-scoring calls",
        "evidence": "Evidence",
        "call": "Call",
        "base_bonus": "Base",
        "total_score": "Total score",
        "gate": "Gate factor",
        "quality_multiplier": "Quality multiplier",
        "bonus_amount": "Bonus",
        "adjustment": "Adjustment",
        "payout": "Payout",
        "status": "Status",
        "open": "open",
        "closed": "closed",
        "kpi": "KPI",
        "target": "Target",
        "coefficient": "Coefficient",
        "weight": "Weight",
        "contribution": "Adds to bonus",
        "missing": "What is missing",
        "to_threshold": "To threshold",
        "to_cap": "To cap",
        "would_add": "would add",
        "would_lower": "would lower the bonus by",
        "missing_inputs": "Not loaded yet",
        "missing_calls": "PBX call records (inbox/pbx/asterisk): ratings and call KPIs are empty",
        "missing_directory": "the employee directory (inbox/directory): calls belong to nobody, no bonus",
        "missing_deals": "CRM deals (inbox/crm): sales and money KPIs are empty",
        "missing_plans": "plans (inbox/plans): plan-based KPIs have no target",
        "missing_transcripts": "call transcripts (inbox/pbx/transcripts): no call quality",
        "to_gate": "To the bonus gate",
        "why": "Why the bonus is what it is",
        "gate_held": "Bonus gate",
        "multiplier_from": "Quality multiplier",
        "adjustments": "Corrections of closed months",
        "reason": "Reason",
        "rounding_rule": (
            "Bonus = base × score × gate × multiplier; every ratio is exact (to 12 places) and only "
            "the result is rounded to kopecks (half a kopeck up)."
        ),
        "note": "Note",
        "statement_of": "Bonus statement",
        "month": "Month",
        "no_data": "No data",
        "objections": "Objections",
        "unanswered": "Unanswered",
        "deals_won": "Deals",
        "greeting": "Greeting",
        "introduction": "Introduction",
        "needs_discovery": "Needs discovery",
        "offer_assortment": "Assortment offer",
        "objection_handling": "Objection handling",
        "closing": "Closing",
        "politeness": "Politeness",
        "literacy": "Literacy",
        "high": "high",
        "medium": "medium",
        "low": "low",
        "reached": "reached",
    },
}


# The marts' note codes (int_kpi_scored) as the reader's language says them.
NOTES = {
    "ru": {
        "capped": "достигнут максимум",
        "below_threshold": "ниже порога",
        "no_plan": "нет плана на месяц",
        "zero_target": "цель равна нулю",
        "too_few_facts": "слишком мало оценённых звонков, чтобы платить по ним",
        "nothing_to_measure": "нечего измерять в этом месяце",
    },
    "en": {
        "capped": "capped",
        "below_threshold": "below threshold",
        "no_plan": "no plan for the month",
        "zero_target": "target is zero",
        "too_few_facts": "too few scored calls to pay on",
        "nothing_to_measure": "nothing to measure this month",
    },
}

# Why a closed month was corrected (mart_bonus_adjustments.adjustment_cause).
CAUSES = {
    "ru": {
        "late_data": "поздние данные",
        "scheme_change": "изменение схемы премирования",
        "late_data_and_scheme_change": "поздние данные и изменение схемы премирования",
        "recalculation": "пересчёт",
        "dispute": "исправление по спору",
    },
    "en": {
        "late_data": "late data",
        "scheme_change": "a scheme change",
        "late_data_and_scheme_change": "late data and a scheme change",
        "recalculation": "a recalculation",
        "dispute": "a correction by dispute",
    },
}


# The alert marts' codes as the reader's language says them (mart_kpi_alerts).
SEVERITIES = {
    "ru": {"critical": "критично", "warning": "внимание", "info": "к сведению"},
    "en": {"critical": "critical", "warning": "warning", "info": "info"},
}
RULES = {
    "ru": {
        "critical_threshold": "критическая точка",
        "outside_bounds": "вне обычного диапазона",
        "leader_gap": "отставание от лидера",
        "missing_target": "нет цели",
    },
    "en": {
        "critical_threshold": "critical point",
        "outside_bounds": "outside the usual range",
        "leader_gap": "behind the leader",
        "missing_target": "no target",
    },
}
TYPICAL = {
    "ru": {
        "department_mean": "в среднем по отделу",
        "others_mean": "в среднем у остальных",
        "department_median": "медиана отдела",
    },
    "en": {
        "department_mean": "department average",
        "others_mean": "others' average",
        "department_median": "median",
    },
}
ALERT_UNITS = {"ru": {"minutes": "мин", "seconds": "с"}, "en": {"minutes": "min", "seconds": "s"}}


class Formatter:
    """Values as the reader's locale writes them; None as a dash.

    The locale is parsed once and each value formatted once per site build: a site of
    a thousand employees formats the same amounts hundreds of thousands of times, and
    Babel parses the locale and the pattern on every call."""

    def __init__(self, lang: str):
        self.lang, self.locale = lang, Locale.parse(LOCALES[lang])
        self.money = lru_cache(maxsize=100_000)(self._money)
        self.number = lru_cache(maxsize=100_000)(self._number)
        self.percent = lru_cache(maxsize=100_000)(self._percent)
        self.day = lru_cache(maxsize=10_000)(self._day)
        self.month = lru_cache(maxsize=1_000)(self._month)

    def note(self, text: str | None) -> str:
        return NOTES[self.lang].get(text, text) if text else ""

    def _money(self, value) -> str:
        return "—" if value is None else format_currency(Decimal(value), "RUB", locale=self.locale)

    def _number(self, value, digits: int = 0) -> str:
        if value is None:
            return "—"
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(Decimal(value), format=pattern, locale=self.locale)

    def _percent(self, value, digits: int = 0) -> str:
        if value is None:
            return "—"
        pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
        return format_percent(Decimal(value), format=pattern, locale=self.locale)

    def _day(self, value: date | None) -> str:
        return "—" if value is None else format_date(value, "medium", locale=self.locale)

    def _month(self, value: date | None) -> str:
        return "—" if value is None else format_date(value, "LLLL y", locale=self.locale).capitalize()

    def kpi_name(self, code: str | None, names: dict) -> str:
        return (names.get(code) or {}).get(self.lang) or code or ""

    def gate_reason(self, row: dict, names: dict) -> str:
        """Why a gate held the bonus back, or "" when none did."""
        code = row.get("gate_kpi_code")
        if not code:
            return ""
        name = self.kpi_name(code, names)
        achieved, minimum = (
            self.percent(row.get("gate_achievement"), 1),
            self.percent(row.get("gate_min_achievement")),
        )
        if self.lang == "ru":
            return (
                f"{name}: выполнено {achieved} — ниже порога премии {minimum}, премия за месяц не начисляется"
            )
        return f"{name}: {achieved} achieved, below the bonus gate of {minimum}: no bonus this month"

    def multiplier_reason(self, row: dict, names: dict) -> str:
        """What the multiplier was computed from, or "" without one."""
        code = row.get("multiplier_kpi_code")
        if not code:
            return ""
        name = self.kpi_name(code, names)
        factor = self.number(row.get("quality_multiplier"), 3)
        if row.get("multiplier_input") is None:
            return f"{name}: нет данных → ×{factor}" if self.lang == "ru" else f"{name}: no data → ×{factor}"
        return f"{name} {self.number(row.get('multiplier_input'), 2)} → ×{factor}"

    def adjustment_reason(self, row: dict, names: dict) -> str:
        """One correction of a closed month in words: its cause, the month, the KPIs."""
        cause = CAUSES[self.lang].get(row.get("adjustment_cause"), row.get("adjustment_cause") or "")
        month = format_date(row["for_month"], "LLLL y", locale=self.locale) if row.get("for_month") else ""
        codes = [c for c in (row.get("kpi_codes") or "").split(",") if c]
        kpis = f" ({', '.join(self.kpi_name(c, names) for c in codes)})" if codes else ""
        joiner = "за" if self.lang == "ru" else "for"
        ids = [i for i in (row.get("dispute_ids") or "").split(",") if i]
        if ids:
            cause += " " + ", ".join(("№" if self.lang == "ru" else "#") + i for i in ids)
        return f"{cause[:1].upper()}{cause[1:]} {joiner} {month}{kpis}"

    def alert_value(self, value, unit: str | None) -> str:
        """An alert's value by its unit (mart_kpi_alerts.unit)."""
        if unit == "rate":
            return self.percent(value)
        if unit in ALERT_UNITS[self.lang]:
            return f"{self.number(value)}\u00a0{ALERT_UNITS[self.lang][unit]}"
        if unit == "money":
            return self.money(value)
        return self.number(value, 1)

    def alert(self, row: dict, name: str) -> str:
        """One finding of mart_kpi_alerts as a sentence in the reader's language, from its
        parts (the mart's ``explanation`` is the English one, for exports and logs)."""
        ru, unit = self.lang == "ru", row.get("unit")
        label = row.get("metric_label_ru" if ru else "metric_label_en") or row.get("metric") or ""
        day = row.get("period_grain") == "day"
        start = row.get("period_start")
        when = self.day(start) if day else (self.month(start).lower() if ru else self.month(start))
        if row.get("rule") == "missing_target":
            why = NOTES[self.lang].get(row.get("note"), row.get("note") or "")
            if ru:
                return f"{name}: «{label}» даёт 0 за {when}: {why}; добавьте план и запустите снова."
            return f"{name}: {label} scores 0 in {when} because of {why}; add the plan and run again."
        value, bound = (
            self.alert_value(row.get("value"), unit),
            self.alert_value(row.get("bound_value"), unit),
        )
        typical = self.alert_value(row.get("typical_value"), unit)
        if ru:
            subject = f"{name}: {label} — {value} за {when}"
        else:
            subject = f"{name}: {value} {label} {'on' if day else 'in'} {when}"
        rule, kind = row.get("rule"), row.get("typical_kind")
        if rule == "critical_threshold":
            point = "критическая точка" if ru else "critical point"
            return f"{subject}; {point} {bound}, {TYPICAL[self.lang]['department_mean']} {typical}."
        if rule == "outside_bounds":
            above, usual = row.get("comparison") == "above", f"{TYPICAL[self.lang][kind]} {typical}"
            if ru:
                side = "выше" if above else "ниже"
                return f"{subject}, {side} обычного диапазона отдела (граница {bound}, {usual})."
            side = "above" if above else "below"
            return f"{subject}, {side} the department's usual range (bound {bound}, {usual})."
        if rule == "leader_gap":
            share = self.percent(row["value"] / row["typical_value"]) if row.get("typical_value") else "—"
            leader = row.get("leader_name") or ""
            if ru:
                return f"{subject}, {share} от лидера отдела {leader} ({typical})."
            return f"{subject}, {share} of the department leader {leader} ({typical})."
        return row.get("explanation") or ""

    def severity(self, code: str | None) -> str:
        return SEVERITIES[self.lang].get(code, code or "")

    def rule(self, code: str | None) -> str:
        return RULES[self.lang].get(code, code or "")

    def measure(self, value, unit: str | None) -> str:
        """A KPI value by its unit (money, share, count, score)."""
        if unit == "money":
            return self.money(value)
        if unit == "share":
            return self.percent(value, 1)
        if unit == "score":
            return self.number(value, 2)
        return self.number(value, 1 if value is not None and Decimal(value) % 1 else 0)
