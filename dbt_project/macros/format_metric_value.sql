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
