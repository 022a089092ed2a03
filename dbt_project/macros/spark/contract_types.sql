{#- Spark checks a contract by casting nulls to the declared types; it knows neither
    varchar without a length nor double precision. The contracts name the types the
    marts have on DuckDB and PostgreSQL; on Spark they mean string and double.
    (dbt_project.yml lets this project's macros answer dbt's dispatch first.) -#}
{% macro spark__get_empty_schema_sql(columns) %}
    {%- set spark_names = {'varchar': 'string', 'double precision': 'double'} -%}
    {%- set translated = {} -%}
    {%- for name in columns -%}
        {%- set column = columns[name].copy() if columns[name] is mapping else columns[name] -%}
        {%- set declared = (column['data_type'] or '') | lower | trim -%}
        {%- if declared in spark_names -%}
            {%- do column.update({'data_type': spark_names[declared]}) -%}
        {%- endif -%}
        {%- do translated.update({name: column}) -%}
    {%- endfor -%}
    {{ return(dbt.default__get_empty_schema_sql(translated)) }}
{% endmacro %}
