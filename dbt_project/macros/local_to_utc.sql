{#- A timestamp written in local time of time zone `tz`, as a UTC timestamp without zone.
    `(ts at time zone tz) at time zone 'UTC'` means the same in DuckDB and PostgreSQL;
    Spark has no AT TIME ZONE but to_utc_timestamp says exactly this. -#}
{% macro local_to_utc(timestamp_expression, tz) -%}
    {#- the zone goes into the SQL as a literal: only a zone name's characters may -#}
    {%- if not modules.re.match('^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$', tz) -%}
        {{ exceptions.raise_compiler_error(
            "the time zone " ~ tz ~ " (AUTOKPI_PBX_TIMEZONE) is not a zone name: use an IANA name such as Europe/Moscow"
        ) }}
    {%- endif -%}
    {{ return(adapter.dispatch('local_to_utc', 'autokpi')(timestamp_expression, tz)) }}
{%- endmacro %}

{% macro default__local_to_utc(timestamp_expression, tz) -%}
    (({{ timestamp_expression }}) at time zone '{{ tz }}') at time zone 'UTC'
{%- endmacro %}

{% macro spark__local_to_utc(timestamp_expression, tz) -%}
    to_utc_timestamp({{ timestamp_expression }}, '{{ tz }}')
{%- endmacro %}

{#- The same, for a timestamp whose zone is held row by row in `zone_column` (text holding
    an IANA name): the call records an API brought, written in the zone of their load. -#}
{% macro local_to_utc_in(timestamp_expression, zone_column) -%}
    {{ return(adapter.dispatch('local_to_utc_in', 'autokpi')(timestamp_expression, zone_column)) }}
{%- endmacro %}

{% macro default__local_to_utc_in(timestamp_expression, zone_column) -%}
    (({{ timestamp_expression }}) at time zone {{ zone_column }}) at time zone 'UTC'
{%- endmacro %}

{% macro spark__local_to_utc_in(timestamp_expression, zone_column) -%}
    to_utc_timestamp({{ timestamp_expression }}, {{ zone_column }})
{%- endmacro %}

{#- A time the PBX wrote in local time, as UTC: in the zone its row keeps (`zone_column`, the
    call records an API brought), else in the PBX's zone set now (`pbx_timezone`). -#}
{% macro pbx_time_to_utc(timestamp_expression, zone_column) -%}
    case
        when {{ zone_column }} is null then {{ local_to_utc(timestamp_expression, var('pbx_timezone')) }}
        else {{ local_to_utc_in(timestamp_expression, zone_column) }}
    end
{%- endmacro %}

{#- Text holding a timestamp with its UTC offset (2026-10-01T09:00:00+03:00), as a UTC
    timestamp without zone. Spark parses the offset itself into the session's zone
    (UTC: profiles.yml). -#}
{% macro offset_text_to_utc(text_expression) -%}
    {{ return(adapter.dispatch('offset_text_to_utc', 'autokpi')(text_expression)) }}
{%- endmacro %}

{% macro default__offset_text_to_utc(text_expression) -%}
    cast(cast({{ text_expression }} as timestamp with time zone) at time zone 'UTC' as timestamp)
{%- endmacro %}

{% macro spark__offset_text_to_utc(text_expression) -%}
    cast({{ text_expression }} as timestamp)
{%- endmacro %}
