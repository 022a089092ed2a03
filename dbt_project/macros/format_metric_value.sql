{#- A metric value as a person reads it in an alert: 43 %, 61 min, 20 s, 12.5, 48000. -#}
{% macro format_metric_value(value, unit) -%}
    case {{ unit }}
        when 'rate' then cast(cast(round(cast({{ value }} * 100 as numeric(18, 4)), 0) as integer) as {{ dbt.type_string() }}) || ' %'
        when 'minutes' then cast(cast(round(cast({{ value }} as numeric(18, 4)), 0) as integer) as {{ dbt.type_string() }}) || ' min'
        when 'seconds' then cast(cast(round(cast({{ value }} as numeric(18, 4)), 0) as integer) as {{ dbt.type_string() }}) || ' s'
        when 'money' then cast(cast(round(cast({{ value }} as numeric(18, 4)), 0) as bigint) as {{ dbt.type_string() }})
        else cast(cast(round(cast({{ value }} as numeric(18, 4)), 1) as numeric(18, 1)) as {{ dbt.type_string() }})
    end
{%- endmacro %}

{#- The start of every alert sentence: "<name>: <value> <label> on <day>" (or "in <month>"). -#}
{% macro alert_subject(alias) -%}
    {{ alias }}.full_name || ': ' || {{ format_metric_value(alias ~ '.metric_value', 'labels.unit') }}
    || ' ' || labels.label_en
    || case when {{ alias }}.period_grain = 'day' then ' on ' else ' in ' end
    || left(
        cast({{ alias }}.period_start as {{ dbt.type_string() }}),
        case when {{ alias }}.period_grain = 'day' then 10 else 7 end
    )
{%- endmacro %}
