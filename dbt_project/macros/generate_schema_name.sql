{#- Layers get plain schema names (staging, intermediate, marts), not <target>_<layer>,
    so BI tools read marts.fct_calls whatever the target. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
