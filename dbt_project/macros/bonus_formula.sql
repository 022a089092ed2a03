{#- The bonus formula, exact: every factor as a wide decimal so the product keeps all
    its digits (DuckDB's DECIMAL(18) would overflow), rounded to cents only here. Used by
    the model and by its invariant test, so both say the same thing. -#}
{% macro bonus_formula(base_bonus, total_score, gate_factor, quality_multiplier) -%}
    round(
        cast({{ base_bonus }} as numeric(38, 2))
        * cast({{ total_score }} as numeric(38, 6))
        * cast({{ gate_factor }} as numeric(38, 6))
        * cast({{ quality_multiplier }} as numeric(38, 6)),
        2
    )
{%- endmacro %}
