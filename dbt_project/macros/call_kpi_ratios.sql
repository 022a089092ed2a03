{#- The call KPI ratios from the additive sums of int_call_kpis_daily, one definition
    for every mart (documented in models/marts/calls/_calls__docs.md). Null when the
    denominator is zero. -#}
{% macro call_kpi_ratios(prefix='') -%}
    case
        when {{ prefix }}calls_inbound > 0
            then cast(1.0 * {{ prefix }}inbound_answered / {{ prefix }}calls_inbound as {{ type_double() }})
    end as answer_rate,
    case
        when {{ prefix }}calls_inbound > 0
            then cast(1.0 * {{ prefix }}calls_missed / {{ prefix }}calls_inbound as {{ type_double() }})
    end as missed_rate,
    case
        when {{ prefix }}calls_answered > 0
            then cast(1.0 * {{ prefix }}talk_seconds / {{ prefix }}calls_answered as {{ type_double() }})
    end as avg_talk_seconds,
    case
        when {{ prefix }}inbound_answered > 0
            then cast(1.0 * {{ prefix }}ring_seconds_before_answer / {{ prefix }}inbound_answered as {{ type_double() }})
    end as avg_ring_seconds,
    case
        when {{ prefix }}calls_inbound > 0
            then cast(
                1.0 * {{ prefix }}inbound_answered_within_service_level / {{ prefix }}calls_inbound
                as {{ type_double() }}
            )
    end as service_level,
    case
        when {{ prefix }}missed_with_number > 0
            then cast(1.0 * {{ prefix }}missed_called_back / {{ prefix }}missed_with_number as {{ type_double() }})
    end as callback_rate,
    case
        when {{ prefix }}missed_called_back > 0
            then cast(1.0 * {{ prefix }}callback_delay_seconds / {{ prefix }}missed_called_back as {{ type_double() }})
    end as avg_callback_delay_seconds
{%- endmacro %}

{#- The additive measures, summed. -#}
{% macro call_kpi_sums(prefix='') -%}
    {%- set measures = [
        'calls_total', 'calls_inbound', 'calls_outbound', 'calls_internal', 'calls_answered',
        'inbound_answered', 'calls_missed', 'talk_seconds', 'ring_seconds_before_answer',
        'inbound_answered_within_service_level', 'missed_with_number', 'missed_called_back',
        'callback_delay_seconds'
    ] -%}
    {%- for m in measures %}
    sum({{ prefix }}{{ m }}) as {{ m }}{{ "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}
