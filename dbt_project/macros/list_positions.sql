{#- Rows 1..n, to split a delimited list into rows with dbt.split_part on any adapter. -#}
{% macro list_positions(n) -%}
    {%- for i in range(1, n + 1) %}
    select {{ i }} as list_position{% if not loop.last %} union all{% endif %}
    {%- endfor %}
{%- endmacro %}
