{#- BI readers see the marts and nothing else. On PostgreSQL, after every dbt run, the role
    named by var('bi_reader_role') (when the server has it: the private server makes
    autokpi_reader) may use the marts schema and read its tables, including those this run
    replaced; the raw schemas, with personal data, stay out of its reach. A DuckDB file has
    no roles: whoever can read the file reads it all (README, "Personal data"). -#}
{% macro grant_bi_readers() -%}
    {{ return(adapter.dispatch('grant_bi_readers', 'autokpi')()) }}
{%- endmacro %}

{% macro default__grant_bi_readers() -%}
    select 1
{%- endmacro %}

{% macro postgres__grant_bi_readers() -%}
    {%- set role = var('bi_reader_role') -%}
    {%- if not execute or not role -%}
        {{ return('select 1') }}
    {%- endif -%}
    {%- set found = run_query("select 1 from pg_roles where rolname = " ~ dbt.string_literal(role)) -%}
    {%- set marts = run_query("select 1 from information_schema.schemata where schema_name = 'marts'") -%}
    {%- if found.rows | length == 0 or marts.rows | length == 0 -%}
        {{ return('select 1') }}
    {%- endif -%}
    grant usage on schema marts to {{ adapter.quote(role) }};
    grant select on all tables in schema marts to {{ adapter.quote(role) }}
{%- endmacro %}
