{#- The activity rating score, weights from var activity_score_weights: answered calls
    and talk time relative to the department's best in the period, (1 − missed rate),
    and callback rate (a missing rate — nothing missed — counts as perfect). -#}
{% macro activity_score(answered, best_answered, talk, best_talk, missed_rate, callback_rate) -%}
    {%- set w = var('activity_score_weights') -%}
    cast(
        {{ w['answered_calls'] }} * coalesce(1.0 * {{ answered }} / nullif({{ best_answered }}, 0), 0)
        + {{ w['talk_time'] }} * coalesce(1.0 * {{ talk }} / nullif({{ best_talk }}, 0), 0)
        + {{ w['missed_rate'] }} * (1 - coalesce({{ missed_rate }}, 0))
        + {{ w['callback_rate'] }} * coalesce({{ callback_rate }}, 1)
        as {{ type_double() }}
    )
{%- endmacro %}
