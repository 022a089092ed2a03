{#- Rows 1..n, to split a delimited list into rows with list_item on any adapter. -#}
{% macro list_positions(n) -%}
    {%- for i in range(1, n + 1) %}
    select {{ i }} as list_position{% if not loop.last %} union all{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- The item at a (1-based) position held in a column. dbt.split_part takes only a
    literal position on PostgreSQL (it branches on its sign at compile time), while
    split_part itself has the same name and meaning in DuckDB, PostgreSQL and Spark. -#}
{% macro list_item(list_expression, delimiter, position_expression) -%}
    split_part({{ list_expression }}, {{ delimiter }}, {{ position_expression }})
{%- endmacro %}
