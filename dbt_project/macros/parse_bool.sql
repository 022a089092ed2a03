{#- Yes/no flags as exports write them: true/false, 1/0, yes/no, да/нет. Empty is false. -#}
{% macro parse_bool(expression) -%}
    coalesce(lower(trim({{ expression }})) in ('true', 't', '1', 'yes', 'y', 'да'), false)
{%- endmacro %}
