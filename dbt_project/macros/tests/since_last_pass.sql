{#- Tests of the big call tables read only the rows built since they last passed.

    A test configured with `where: "built_at > __last_pass_of_this_test__"` reads the rows
    of its model stamped after the start of the last dbt run in which this same test
    passed: every row on the first run, after a failure (until it passes) and whenever the
    test or the model's SQL changed; otherwise a day's calls instead of every call (at
    10 M calls, ~12 s of a day's dbt node time). Sound where (a) every row a run writes is
    stamped with that run's start (`build_time()`), or with the stamp of the upstream rows it
    was rebuilt from, which that same run wrote (so a row stamped at or before a pass was in
    the table, as it is, when the test passed), and (b) the model is rebuilt by key with
    delete+insert, so a new row can break uniqueness only among the new rows. Only tests
    of one row or of the key are scoped; a `relationships` test reads every row (its parent
    may lose a key an old row points to). `autokpi run --full-refresh` restamps every row.
    Where the table below cannot be kept (Spark without Delta) every row is tested. -#}

{% macro test_passes_relation() -%}
    {{ return(api.Relation.create(database=target.database, schema='dbt_state', identifier='test_passes')) }}
{%- endmacro %}

{#- Whether the target keeps the marks (Spark's tables here take no delete: it tests every row). -#}
{% macro keeps_test_passes() -%}
    {{ return(adapter.dispatch('keeps_test_passes', 'autokpi')()) }}
{%- endmacro %}

{% macro default__keeps_test_passes() -%}
    {{ return(true) }}
{%- endmacro %}

{% macro spark__keeps_test_passes() -%}
    {{ return(false) }}
{%- endmacro %}

{#- What a pass vouches for: the test's definition and the SQL of the model it tests. -#}
{% macro test_fingerprint(test_id) -%}
    {%- set test = graph.nodes[test_id] -%}
    {%- set tested = graph.nodes.get(test.attached_node, {}) -%}
    {{ return(local_md5(tojson(test.test_metadata) ~ '|' ~ tojson(test.config.where) ~ '|'
        ~ tested.get('checksum', {}).get('checksum', ''))) }}
{%- endmacro %}

{% macro last_pass_of_this_test() -%}
    {%- set since_ever = dbt.cast("'1900-01-01'", dbt.type_timestamp()) -%}
    {%- if not execute or not keeps_test_passes() -%}
        {{ return(since_ever) }}
    {%- endif -%}
    {%- set passes = test_passes_relation() -%}
    {%- if adapter.get_relation(passes.database, passes.schema, passes.identifier) is none -%}
        {{ return(since_ever) }}
    {%- endif -%}
    {{ return(
        "(select coalesce(max(passed_run_started_at), " ~ since_ever ~ ") from " ~ passes
        ~ " where test_id = '" ~ model.unique_id ~ "' and fingerprint = '"
        ~ test_fingerprint(model.unique_id) ~ "')"
    ) }}
{%- endmacro %}

{#- dbt's own, with the placeholder above filled in. -#}
{% macro default__get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- if '__last_pass_of_this_test__' in where -%}
            {%- set where = where | replace('__last_pass_of_this_test__', last_pass_of_this_test()) -%}
        {%- endif -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{#- on-run-end: the tests of this kind that passed in this run, with the run's start. -#}
{% macro record_test_passes(results) -%}
    {%- set passed = [] -%}
    {%- for result in results if execute and keeps_test_passes() -%}
        {%- if result.node.resource_type == 'test' and result.status == 'pass'
            and '__last_pass_of_this_test__' in (result.node.config.where or '') -%}
            {%- do passed.append(result.node.unique_id) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if passed | length == 0 -%}
        {{ return('select 1') }}
    {%- endif -%}
    {%- set passes = test_passes_relation() -%}
    create schema if not exists {{ passes.schema }};
    create table if not exists {{ passes }} (
        test_id varchar(512), fingerprint varchar(32), passed_run_started_at {{ dbt.type_timestamp() }}
    );
    delete from {{ passes }} where test_id in ({{ quoted_list(passed) }});
    insert into {{ passes }} (test_id, fingerprint, passed_run_started_at) values
    {%- for test_id in passed %}
        ('{{ test_id }}', '{{ test_fingerprint(test_id) }}', {{ build_time() }}){{ "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}
