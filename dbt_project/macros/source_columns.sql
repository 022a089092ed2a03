{#- A source table as a subquery with exactly `columns`, all text.

    Raw tables come from whatever files a company exports: a table whose files never
    arrived does not exist yet, and an optional column (leave_date, linkedid…) may be
    absent. Both read as nulls here, so the models build on an inbox holding only a
    directory and a Master.csv, and fill in as more exports arrive. `_source_file` and
    `_source_line` are always included. -#}
{% macro source_columns(source_name, table_name, columns) -%}
    {%- set src = source(source_name, table_name) -%}
    {%- set wanted = columns + ['_source_file', '_source_line'] -%}
    {%- set existing = [] -%}
    {%- if execute -%}
        {%- set relation = adapter.get_relation(database=src.database, schema=src.schema, identifier=src.identifier) -%}
        {%- if relation is not none -%}
            {%- for col in adapter.get_columns_in_relation(relation) -%}
                {%- do existing.append(col.name | lower) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}
    (
        select
        {%- for col in wanted %}
            {% if col in existing -%}
                {%- if col == '_source_line' -%}{{ adapter.quote(col) }}
                {%- else -%}cast({{ adapter.quote(col) }} as {{ dbt.type_string() }})
                {%- endif -%}
            {%- elif col == '_source_line' -%}cast(null as {{ dbt.type_bigint() }})
            {%- else -%}cast(null as {{ dbt.type_string() }})
            {%- endif %} as {{ adapter.quote(col) }}{{ "," if not loop.last }}
        {%- endfor %}
        {% if existing -%}
        from {{ src }}
        {%- else -%}
        where 1 = 0
        {%- endif %}
    )
{%- endmacro %}
