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
    built table. One place for all of them (stg_pbx__cdr_legs to fct_calls, the call
    contributions and scores, and int_call_kpis_daily by day), called where a model would
    call config. -#}
{% macro config_rebuilt_by_key(unique_key, post_hook=none) -%}
    {{ config(
        materialized=incremental_where_supported(),
        unique_key=unique_key,
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
        post_hook=post_hook or [],
    ) }}
{%- endmacro %}

{#- A line a corrected file sent again holds wrong now is deleted from the raw table (its
    record goes to the quarantine: raw = clean + quarantined). Its staged leg is kept,
    marked withdrawn and staged again, so that int_call_legs rebuilds the call it was in.
    Only these files are compared with the raw table: those with a line staged now, and
    those read whole with every line quarantined (a file sent again with every line wrong
    now stages none: a few files, compared again each run to the same end). -#}
{% macro mark_withdrawn_legs() -%}
    {%- if is_incremental() -%}
        {%- set log_columns = ['target_table', 'source_file', 'first_line', 'rows_clean', 'rows_quarantined'] -%}
        {%- set files_to_compare -%}
            select staged.source_file from {{ this }} as staged where staged.staged_at = {{ build_time() }}
            union
            select load_log.source_file
            from {{ source_columns('pbx', 'load_log', log_columns) }} as load_log
            where
                load_log.target_table = 'asterisk_cdr'
                and cast(load_log.first_line as {{ dbt.type_bigint() }}) = 1
                and cast(load_log.rows_clean as {{ dbt.type_bigint() }}) = 0
                and cast(load_log.rows_quarantined as {{ dbt.type_bigint() }}) > 0
        {%- endset -%}
        update {{ this }}
        set is_withdrawn = true, staged_at = {{ build_time() }}
        where
            {{ not_withdrawn() }}
            and source_file in ({{ files_to_compare }})
            and leg_id not in (
                select asterisk_cdr._source_file || ':' || cast(asterisk_cdr._source_line as {{ dbt.type_string() }})
                from {{ source_columns('pbx', 'asterisk_cdr', []) }} as asterisk_cdr
                where asterisk_cdr._source_file in ({{ files_to_compare }})
            )
    {%- endif -%}
{%- endmacro %}

{#- The calls of withdrawn legs (a few ids): the post-hooks below drop those left with no leg. -#}
{% macro withdrawn_call_ids() -%}
    select withdrawn.call_id from {{ ref('stg_pbx__cdr_legs') }} as withdrawn where withdrawn.is_withdrawn
{%- endmacro %}

{#- The staged legs every reader of stg_pbx__cdr_legs takes: those still in the raw table
    (null in rows staged before the column existed). A comparison, not `not coalesce(…)`:
    DuckDB read every staged leg for the negation, 1.2 s of int_call_legs at 10 M, and
    0.15 s for this. -#}
{% macro not_withdrawn(alias=none) -%}
    coalesce({{ alias ~ '.' if alias }}is_withdrawn, false) = false
{%- endmacro %}

{#- A line corrected in a file sent again can give its leg another call id, and a line it
    holds wrong now withdraws its leg (above). int_call_legs then rebuilds the call the leg
    left along with the one it joined, and marks a moved leg with moved_from_call_id;
    delete+insert replaces only calls that still have legs, so a call left with none is
    dropped by these post-hooks: its old leg rows here, -#}
{% macro drop_legs_left_behind() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where call_id in (
            (
                select moved.moved_from_call_id from {{ this }} as moved
                where moved.built_at = {{ build_time() }} and moved.moved_from_call_id is not null
                except
                -- (reading only this run's rows: a filter on every built row took 0.5 s at 10 M)
                select rebuilt.call_id from {{ this }} as rebuilt
                where rebuilt.built_at = {{ build_time() }}
            )
            union
            (
                -- by call, not by leg: a few call ids are found without reading every leg id
                {{ withdrawn_call_ids() }}
                except
                select staged.call_id from {{ ref('stg_pbx__cdr_legs') }} as staged
                where {{ not_withdrawn('staged') }} and staged.call_id in ({{ withdrawn_call_ids() }})
            )
        )
    {%- endif -%}
{%- endmacro %}

{#- and its row in each call model below (int_calls, int_call_facts, fct_calls). A model
    calling this names int_call_legs and stg_pbx__cdr_legs in a `depends_on` comment if it
    does not ref them. -#}
{% macro drop_calls_left_without_legs() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where call_id in (
            with calls_left as (
                {{ calls_that_lost_legs() }}
            )

            select calls_left.call_id from calls_left
            except
            select legs.call_id from {{ ref('int_call_legs') }} as legs
            where legs.call_id in (select calls_left.call_id from calls_left)
        )
    {%- endif -%}
{%- endmacro %}

{#- `as materialized` for a CTE the planner must work out first: in a daily run int_call_legs'
    few rebuilt legs, whose pruned read the planner otherwise moved above a join and read
    every leg of the history instead (10 M legs: 0.5 → 1.7 s). DuckDB and PostgreSQL (12+)
    take the keyword; elsewhere it is left out. -#}
{% macro materialized_cte() -%}
    {{ return(adapter.dispatch('materialized_cte', 'autokpi')()) }}
{%- endmacro %}

{% macro default__materialized_cte() -%}
    {{ return('') }}
{%- endmacro %}

{% macro duckdb__materialized_cte() -%}
    {{ return('materialized') }}
{%- endmacro %}

{% macro postgres__materialized_cte() -%}
    {{ return('materialized') }}
{%- endmacro %}

{#- int_call_kpis_daily rebuilds its changed days by key; a day with no call left has no
    rows to replace its old ones, so they are deleted here (the days read from one column). -#}
{% macro drop_days_left_without_calls() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where local_date not in (
            select distinct facts.local_date from {{ ref('int_call_facts') }} as facts
            where facts.local_date is not null
        )
    {%- endif -%}
{%- endmacro %}

{#- The calls a leg moved from or was withdrawn from (a few ids): some are left without legs,
    and the models that read the calls rebuild or drop them (above; int_call_scores). -#}
{% macro calls_that_lost_legs() -%}
    select legs.moved_from_call_id as call_id from {{ ref('int_call_legs') }} as legs
    where legs.moved_from_call_id is not null
    union
    {{ withdrawn_call_ids() }}
{%- endmacro %}

{#- int_call_scores rebuilds its calls by key; a score taken back (its transcript withdrawn
    by a corrected file, or left in a language no checklist reads) has no row to replace
    its old one, so that is deleted here. -#}
{% macro drop_scores_taken_back() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where call_id not in (
            select scores.call_id from {{ ref('stg_call_quality__call_scores') }} as scores
        )
    {%- endif -%}
{%- endmacro %}
