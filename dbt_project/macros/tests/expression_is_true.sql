{#- Rows where an arithmetic or logical invariant does not hold fail the test
    (as dbt_utils.expression_is_true; dbt packages cannot be downloaded here). -#}
{% test expression_is_true(model, expression, where=none) %}
    select *
    from {{ model }}
    where not ({{ expression }}){% if where %} and ({{ where }}){% endif %}
{% endtest %}
