{#- A timestamp written in local time of time zone `tz`, as a UTC timestamp without zone.
    `(ts at time zone tz) at time zone 'UTC'` means the same in DuckDB and PostgreSQL. -#}
{% macro local_to_utc(timestamp_expression, tz) -%}
    (({{ timestamp_expression }}) at time zone '{{ tz }}') at time zone 'UTC'
{%- endmacro %}
