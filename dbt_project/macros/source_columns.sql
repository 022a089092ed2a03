{#- A source table as a subquery with exactly `columns`, all text.

    Raw tables come from whatever files a company exports: a table whose files never
    arrived does not exist yet, and reads as no rows, so the models build on an inbox
    holding only a directory and a Master.csv and fill in as more exports arrive. Of a
    table that exists, a column the model wants must be there, unless the source's yml
    declares it optional (`meta: {optional_columns: [...]}`; `optional_columns: all` for
    tables autokpi writes itself): a misspelt or renamed column stops the build naming the
    table and the column, instead of reading as null and quietly changing every number
    built on it. An optional column that is absent reads as null. `_source_file` and
    `_source_line` are always included, null for rows no file brought (API sources). A table kept as snapshots of its exports (dlt's
    scd2: `_dlt_valid_to`) gives its current rows only. -#}
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
            {%- set node = graph.sources.get('source.' ~ project_name ~ '.' ~ source_name ~ '.' ~ table_name) -%}
            {%- set optional = (node.meta.get('optional_columns', []) if node else []) -%}
            {%- if optional != 'all' -%}
                {%- set missing = [] -%}
                {%- for col in columns if col not in existing and col not in optional -%}
                    {%- do missing.append(col) -%}
                {%- endfor -%}
                {%- if missing -%}
                    {{ exceptions.raise_compiler_error(
                        "the raw table " ~ src.schema ~ "." ~ src.identifier ~ " has no column "
                        ~ missing | join(", ") ~ ", which " ~ model.name ~ " reads: a column renamed or misspelt "
                        ~ "in the export? Name it as before in the file, or declare it optional in the source's yml"
                    ) }}
                {%- endif -%}
            {%- endif -%}
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
        {%- if '_dlt_valid_to' in existing %}
        where {{ adapter.quote('_dlt_valid_to') }} is null
        {%- endif -%}
        {%- else -%}
        where 1 = 0
        {%- endif %}
    )
{%- endmacro %}
