{#- The extension in an Asterisk channel name: SIP/101-0000abcd, PJSIP/101-00000001 and
    Local/101@from-queue-0000;1 all give 101 (a trunk gives its name, which matches no
    employee). Built from split_part so it runs on every adapter. -#}
{% macro channel_extension(channel) -%}
    nullif(
        {{ dbt.split_part(dbt.split_part(dbt.split_part(channel, "'/'", 2), "'-'", 1), "'@'", 1) }},
        ''
    )
{%- endmacro %}
