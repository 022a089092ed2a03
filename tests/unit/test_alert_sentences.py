"""Alerts are composed in the reader's language from the parts mart_kpi_alerts carries;
hand-written expectations, one per rule and language."""

from datetime import date

import pytest

from dashboards.i18n import Formatter

CRITICAL = {
    "rule": "critical_threshold", "period_grain": "month", "period_start": date(2026, 10, 1),
    "metric": "missed_rate", "unit": "rate", "value": 0.42, "bound_value": 0.15, "typical_value": 0.09,
    "typical_kind": "department_mean", "comparison": "above",
    "metric_label_en": "of inbound calls missed", "metric_label_ru": "пропущенные входящие звонки",
}  # fmt: skip
OUTSIDE = {
    "rule": "outside_bounds", "period_grain": "day", "period_start": date(2026, 11, 6),
    "metric": "avg_talk_seconds", "unit": "seconds", "value": 85.85, "bound_value": 85.857,
    "typical_value": 100, "typical_kind": "others_mean", "comparison": "below",
    "metric_label_en": "average talk", "metric_label_ru": "средняя длительность разговора",
}  # fmt: skip
LEADER = {
    "rule": "leader_gap", "period_grain": "month", "period_start": date(2026, 10, 1),
    "metric": "calls_total", "unit": "count", "value": 19.99, "bound_value": 20, "typical_value": 50,
    "typical_kind": "leader", "comparison": "below", "leader_name": "Орлова Анна",
    "metric_label_en": "customer calls", "metric_label_ru": "звонки клиентам",
}  # fmt: skip
MISSING = {
    "rule": "missing_target", "period_grain": "month", "period_start": date(2026, 10, 1),
    "metric": "plan_revenue", "note": "no_plan", "metric_label_en": "Sales plan",
    "metric_label_ru": "Выполнение плана продаж",
}  # fmt: skip


@pytest.mark.parametrize(
    ("row", "lang", "sentence"),
    [
        (CRITICAL, "en", "Ivanov: 42% of inbound calls missed in October 2026; critical point 15%, "
                         "department average 9%."),
        (CRITICAL, "ru", "Ivanov: пропущенные входящие звонки — 42% за октябрь 2026; "
                         "критическая точка 15%, в среднем по отделу 9%."),
        (OUTSIDE, "en", "Ivanov: 86\u00a0s average talk on Nov 6, 2026, below the department's usual "
                        "range (bound 86\u00a0s, others' average 100\u00a0s)."),
        (OUTSIDE, "ru", "Ivanov: средняя длительность разговора — 86\u00a0с за 6 нояб. 2026\u202fг., ниже "
                        "обычного диапазона отдела (граница 86\u00a0с, в среднем у остальных 100\u00a0с)."),
        (LEADER, "en", "Ivanov: 20.0 customer calls in October 2026, 40% of the department leader "
                       "Орлова Анна (50.0)."),
        (LEADER, "ru", "Ivanov: звонки клиентам — 20,0 за октябрь 2026, 40% от лидера отдела "
                       "Орлова Анна (50,0)."),
        (MISSING, "en", "Ivanov: Sales plan scores 0 in October 2026 because of no plan for the month; "
                        "add the plan and run again."),
        (MISSING, "ru", "Ivanov: «Выполнение плана продаж» даёт 0 за октябрь 2026: нет плана на месяц; "
                        "добавьте план и запустите снова."),
    ],
)  # fmt: skip
def test_an_alert_reads_in_the_readers_language(row, lang, sentence):
    assert Formatter(lang).alert(row, "Ivanov") == sentence


def test_rule_and_severity_codes_are_words_in_russian():
    fmt = Formatter("ru")
    assert (fmt.rule("leader_gap"), fmt.severity("critical")) == ("отставание от лидера", "критично")
