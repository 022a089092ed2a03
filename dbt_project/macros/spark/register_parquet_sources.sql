{#- Spark recipe (make test-spark): the raw tables as Parquet files, one folder per table
    (<root>/<schema>.<table>), registered as the sources' tables in Spark's metastore.
    On a cluster the same folders would sit in object storage, written by dlt's
    filesystem destination. -#}
{% macro register_parquet_sources(root, tables) %}
    {% for table in tables %}
        {% set schema = table.split('.')[0] %}
        {% do run_query('create database if not exists ' ~ schema) %}
        {% do run_query('drop table if exists ' ~ table) %}
        {% do run_query('create table ' ~ table ~ " using parquet location '" ~ root ~ '/' ~ table ~ "'") %}
        {% do log('registered ' ~ table, info=true) %}
    {% endfor %}
{% endmacro %}
