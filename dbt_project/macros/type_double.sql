{#- An 8-byte float on every adapter. dbt.type_float() is `float`, which DuckDB takes as a
    4-byte REAL; Spark knows no `double precision`. -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'autokpi')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}
