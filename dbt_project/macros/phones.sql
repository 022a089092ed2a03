{#- Phone numbers to E.164, as PRODUCT.md describes:
    +... kept; 810 + international number; Russian 8XXXXXXXXXX / 7XXXXXXXXXX / +7 (XXX) ...;
    a bare 10-digit Russian number gets +7; then 00 + international number, and 11 to 15
    digits as an international number a trunk wrote without its '+' (375291234567).
    Anything else (extensions, anonymous) is null. The same rules as core/phones.py.
    Numbers arrive pseudonymised (core/phones.py: '+*******4567#<keyed hash>', normalised
    before it was hashed): a token stands for its number as it is. -#}
{% macro normalize_phone(raw) -%}
    {%- set digits = digits_only(raw) -%}
    case
        when {{ raw }} like '+%#%' then {{ raw }}
        when trim({{ raw }}) like '+%' and length({{ digits }}) between 11 and 15
            then '+' || {{ digits }}
        when {{ digits }} like '810%' and length({{ digits }}) between 13 and 18
            then '+' || substr({{ digits }}, 4)
        when length({{ digits }}) = 11 and left({{ digits }}, 1) in ('7', '8')
            then '+7' || substr({{ digits }}, 2)
        when length({{ digits }}) = 10
            then '+7' || {{ digits }}
        when {{ digits }} like '00%' and length({{ digits }}) between 13 and 17
            then '+' || substr({{ digits }}, 3)
        when length({{ digits }}) between 11 and 15 and left({{ digits }}, 1) != '0'
            then '+' || {{ digits }}
    end
{%- endmacro %}

{#- Personal data leaves the warehouse masked: '+' and the last four digits (a token's
    first part, which is exactly that). -#}
{% macro mask_phone(e164) -%}
    case
        when {{ e164 }} like '+%#%' then {{ dbt.split_part(e164, "'#'", 1) }}
        when {{ e164 }} is not null
            then '+' || repeat('*', length({{ e164 }}) - 5) || right({{ e164 }}, 4)
    end
{%- endmacro %}

{#- Only the digits of a text. DuckDB and PostgreSQL replace the first match unless told
    'g'; Spark replaces every match and reads a fourth argument as a position. -#}
{% macro digits_only(text_expression) -%}
    {{ return(adapter.dispatch('digits_only', 'autokpi')(text_expression)) }}
{%- endmacro %}

{% macro default__digits_only(text_expression) -%}
    regexp_replace({{ text_expression }}, '[^0-9]', '', 'g')
{%- endmacro %}

{% macro spark__digits_only(text_expression) -%}
    regexp_replace({{ text_expression }}, '[^0-9]', '')
{%- endmacro %}
