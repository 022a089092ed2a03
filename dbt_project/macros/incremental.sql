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
{% macro config_rebuilt_by_key(unique_key, post_hook=none) -%}
    {{ config(
        materialized=incremental_where_supported(),
        unique_key=unique_key,
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
        post_hook=post_hook or [],
    ) }}
{%- endmacro %}

{#- A line corrected in a file sent again can give its leg another call id. int_call_legs
    then rebuilds the call the leg left along with the one it joined, and marks the moved
    leg with moved_from_call_id; delete+insert replaces only calls that still have legs,
    so a call left with none is dropped by these post-hooks: its old leg row here, -#}
{% macro drop_legs_left_behind() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where call_id in (
            select moved.moved_from_call_id from {{ this }} as moved
            where moved.built_at = {{ build_time() }} and moved.moved_from_call_id is not null
            except
            -- (reading only this run's rows: a filter on every built row took 0.5 s at 10 M)
            select rebuilt.call_id from {{ this }} as rebuilt
            where rebuilt.built_at = {{ build_time() }}
        )
    {%- endif -%}
{%- endmacro %}

{#- and its row in each call model below (int_calls, int_call_facts, fct_calls). A model
    calling this names int_call_legs in a `depends_on` comment if it does not ref it. -#}
{% macro drop_calls_left_without_legs() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where call_id in (
            select legs.moved_from_call_id from {{ ref('int_call_legs') }} as legs
            where legs.moved_from_call_id is not null
            except
            select legs.call_id from {{ ref('int_call_legs') }} as legs
            where legs.call_id in (
                select moved.moved_from_call_id from {{ ref('int_call_legs') }} as moved
                where moved.moved_from_call_id is not null
            )
        )
    {%- endif -%}
{%- endmacro %}
