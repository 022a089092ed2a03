{#- Materialization of the big call models: incremental (delete+insert on call_id) where
    the adapter has that strategy; rebuilt whole where it does not (Spark without Delta). -#}
{% macro incremental_where_supported() -%}
    {{ return(adapter.dispatch('incremental_where_supported', 'autokpi')()) }}
{%- endmacro %}

{% macro default__incremental_where_supported() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__incremental_where_supported() -%}
    {{ return('table') }}
{%- endmacro %}

{#- When this dbt invocation started, as a timestamp column: rows an incremental model
    rebuilt carry it, so the next model down rebuilds exactly those. -#}
{% macro build_time() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#- is_incremental(), and the built table already has these columns: a warehouse built
    by an older autokpi (before they existed) is rebuilt whole once instead of failing. -#}
{% macro is_incremental_with(columns) -%}
    {#- unit tests have no built table (`this` is none): they override this macro -#}
    {%- if this is none or not is_incremental() -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set built = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
    {%- for column in columns -%}
        {%- if column not in built -%}
            {{ return(false) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(true) }}
{%- endmacro %}

{#- The big call models are rebuilt by key: a run deletes the rows of the keys it rebuilt
    and inserts them anew (`delete+insert`), a column added to the model is added to the
    built table. One place for the five of them (stg_pbx__cdr_legs to fct_calls), called where a model would call config. -#}
{% macro config_rebuilt_by_key(unique_key) -%}
    {{ config(
        materialized=incremental_where_supported(),
        unique_key=unique_key,
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
    ) }}
{%- endmacro %}
