{#- PBX extensions, read as core/extensions.py reads them (a test runs the same cases
    through both). Built from split_part and replace so they run on every adapter. -#}

{#- The extension in an Asterisk channel name: SIP/101-0000abcd, PJSIP/101-00000001,
    Local/101@from-queue-0000;1 and SIP/101;2 all give 101 (a trunk gives its name, which
    matches no employee; Python gives nothing there). -#}
{% macro channel_extension(channel) -%}
    nullif(
        {{ dbt.split_part(dbt.split_part(dbt.split_part(dbt.split_part(
            channel, "'/'", 2), "'-'", 1), "'@'", 1), "';'", 1) }},
        ''
    )
{%- endmacro %}

{#- An employee's extensions as HR lists them ("101;5101", "101, 5101") with one
    separator, ';' (dim_employee.extensions_list). -#}
{% macro directory_extension_list(text) -%}
    replace(coalesce({{ text }}, ''), ',', ';')
{%- endmacro %}

{#- The extension at a (1-based) position of such a list; '' past its end. -#}
{% macro directory_extension(list_expression, position_expression) -%}
    trim({{ list_item(list_expression, "';'", position_expression) }})
{%- endmacro %}
