{#- Rows where an arithmetic or logical invariant does not hold fail the test, and so
    do rows where it cannot be judged (NULL): an invariant over missing values is not
    shown to hold. (dbt_utils.expression_is_true lets NULL pass; dbt packages cannot be
    downloaded here.) -#}
{% test expression_is_true(model, expression, where=none) %}
    select *
    from {{ model }}
    where not coalesce(({{ expression }}), false){% if where %} and ({{ where }}){% endif %}
{% endtest %}
