-- One row per customer call attributed to one employee (int_call_facts, where the attribution is).
--
-- Incremental: takes the calls int_call_facts rebuilt since this table's last build
-- (all of them after a change of what calls are joined to), so a day's run copies a
-- day's calls instead of every call ever made.
-- depends_on: {{ ref('int_call_legs') }}, {{ ref('stg_pbx__cdr_legs') }}
{{ config_rebuilt_by_key('call_id', post_hook="{{ drop_calls_left_without_legs() }}") }}

with

call_facts as (
    select * from {{ ref('int_call_facts') }}
    {% if is_incremental_with(['built_at']) -%}
        where built_at > (
            select coalesce(max(built_at), {{ dbt.cast("'1900-01-01'", dbt.type_timestamp()) }})
            from {{ this }}
        )
    {%- endif %}
),

final as (
    select
        call_id,
        started_at,
        local_date,
        employee_id,
        department_id,
        direction,
        is_answered,
        is_missed,
        ring_seconds,
        talk_seconds,
        client_phone_masked,
        client_id,
        ended_at,
        legs_count,
        employees_rung,
        missed_excluded_by_dispute,
        built_at
    from call_facts
)

select * from final
