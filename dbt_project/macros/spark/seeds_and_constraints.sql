{#- Spark session mode: two overrides of dbt-spark, found by `make test-spark`.

    Seeds: dbt-spark binds seed values with `%s` and its session cursor pastes them in
    as Python text, so an empty cell became the string 'None' and an apostrophe broke
    the statement. Here every value is written as a literal: null, or a quoted string
    with backslashes and quotes escaped (Spark's string syntax). -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {% set column_override = model['config'].get('column_types', {}) %}
    {% set statements = [] %}
    {% for chunk in agate_table.rows | batch(get_batch_size()) %}
        {% set sql %}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for col_name in agate_table.column_names -%}
                    {%- set type = column_override.get(col_name, adapter.convert_type(agate_table, loop.index0)) -%}
                    {%- set value = row[loop.index0] -%}
                    {%- if value is none -%}
                        cast(null as {{ type }})
                    {%- else -%}
                        cast('{{ (value | string).replace("\\", "\\\\").replace("'", "\\'") }}' as {{ type }})
                    {%- endif -%}
                    {%- if not loop.last %},{% endif -%}
                {%- endfor -%})
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        {% endset %}
        {% do adapter.add_query(sql, abridge_sql_log=True) %}
        {% if loop.index0 == 0 %}
            {% do statements.append(sql) %}
        {% endif %}
    {% endfor %}
    {{ return(statements[0] if statements else '') }}
{% endmacro %}

{#- Constraints: a Parquet table cannot hold NOT NULL (only Delta can); the contracts'
    not_null columns are still checked by their data tests. -#}
{% macro spark__persist_constraints(relation, model) %}
    {% do log('Spark without Delta keeps no constraints on ' ~ relation ~ ': its data tests check them', info=false) %}
{% endmacro %}
