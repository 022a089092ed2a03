{#- A list of strings as SQL literals for `in (...)`: ['a', 'b'] -> 'a', 'b'. -#}
{% macro quoted_list(values) -%}
    {%- for value in values -%}'{{ value }}'{{ ", " if not loop.last }}{%- endfor -%}
{%- endmacro %}
