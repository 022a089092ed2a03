{#- Exact money arithmetic, the same on every target (README, "The bonus"):
    - a quotient is rounded half away from zero to 12 decimal places (`exact_divide`);
    - sums and products are exact (weighted scores carry 16 places, as weight has 4);
    - a paid amount is rounded half up to 0.01, only where it is paid (`bonus_formula`).
    tests/oracle/ checks the whole chain against an independent Decimal implementation. -#}

{% macro exact_divide(numerator, denominator) -%}
    {{ return(adapter.dispatch('exact_divide', 'autokpi')(numerator, denominator)) }}
{%- endmacro %}

{#- PostgreSQL: div() is the exact integer quotient; one digit more decides the rounding. -#}
{% macro default__exact_divide(numerator, denominator) -%}
    cast(
        round(
            div(
                cast({{ numerator }} as numeric) * 10000000000000,
                nullif(cast({{ denominator }} as numeric), 0)
            ) / 10,
            0
        ) / 1000000000000
        as numeric(38, 12)
    )
{%- endmacro %}

{#- DuckDB divides DECIMALs in double precision: exact_divide is a function that
    core/exact_decimal.py registers on every connection dbt opens. -#}
{% macro duckdb__exact_divide(numerator, denominator) -%}
    exact_divide(cast({{ numerator }} as decimal(38, 18)), cast({{ denominator }} as decimal(38, 18)))
{%- endmacro %}

{#- Spark narrows a quotient whose declared precision passes 38 to the places its integer
    digits leave, rounding half up (away from zero): decimal(32, 18) / decimal(26, 12) has
    14 + 12 = 26 integer digits and so exactly the 12 places asked for. (Both operands as
    decimal(32, 18) left 6 places: a prorated target of 100,000 × 10 / 21 came out as
    4761.904762, not 4761.904761904762.) -#}
{% macro spark__exact_divide(numerator, denominator) -%}
    cast(
        cast({{ numerator }} as decimal(32, 18)) / nullif(cast({{ denominator }} as decimal(26, 12)), 0)
        as decimal(38, 12)
    )
{%- endmacro %}

{#- base × score × gate × multiplier, rounded to kopecks only here. Every factor is cast
    so that no digit of the product is lost: 2 + 16 + 12 = 30 places, which leaves 8
    integer digits (bonuses below 100 million roubles; `autokpi check-scheme` keeps the
    scheme inside that). Used by the models and by their invariant tests. -#}
{% macro bonus_formula(base_bonus, total_score, gate_factor, quality_multiplier) -%}
    {{ return(adapter.dispatch('bonus_formula', 'autokpi')(base_bonus, total_score, gate_factor, quality_multiplier)) }}
{%- endmacro %}

{% macro default__bonus_formula(base_bonus, total_score, gate_factor, quality_multiplier) -%}
    round(
        cast({{ base_bonus }} as numeric(38, 2))
        * cast({{ total_score }} as numeric(38, 16))
        * cast({{ gate_factor }} as numeric(38, 0))
        * cast({{ quality_multiplier }} as numeric(38, 12)),
        2
    )
{%- endmacro %}

{#- Spark narrows a product's scale to 6 places when the declared precisions add up to
    more than 38: the factors are declared just wide enough. -#}
{% macro spark__bonus_formula(base_bonus, total_score, gate_factor, quality_multiplier) -%}
    round(
        cast({{ base_bonus }} as decimal(12, 2))
        * cast({{ total_score }} as decimal(20, 16))
        * cast({{ gate_factor }} as decimal(1, 0))
        * cast({{ quality_multiplier }} as decimal(14, 12)),
        2
    )
{%- endmacro %}

{#- A point of the scale: a factor of 4 places (threshold, cap, a corridor's bound, a gate's
    minimum: numeric(9, 4)) times an amount of 12 (a target): exact, 16 places. -#}
{% macro scale_point(factor, amount) -%}
    {{ return(adapter.dispatch('scale_point', 'autokpi')(factor, amount)) }}
{%- endmacro %}

{% macro default__scale_point(factor, amount) -%}
    {{ factor }} * {{ amount }}
{%- endmacro %}

{#- Spark keeps a product's places only while the declared precisions add up to 38 at
    most: 8 + 29 + 1 = 38 (4 integer digits for the factor, 17 for the amount). -#}
{% macro spark__scale_point(factor, amount) -%}
    cast({{ factor }} as decimal(8, 4)) * cast({{ amount }} as decimal(29, 12))
{%- endmacro %}
