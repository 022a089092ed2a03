-- One row per call with what the marts show of it: the employee (none for a missed call
-- an accepted dispute excluded), the department, the client found by the number, and the
-- number masked.
--
-- Incremental: rebuilds the calls int_calls rebuilt since this model's last build, or
-- every call when what a call is joined to changed (the employees' departments, the
-- clients' numbers, the accepted exclusions): its fingerprint is kept on every row, as
-- int_call_legs keeps the directory's.
-- depends_on: {{ ref('int_call_legs') }}, {{ ref('stg_pbx__cdr_legs') }}
{{ config_rebuilt_by_key('call_id', post_hook="{{ drop_calls_left_without_legs() }}") }}

with

employees as (
    select * from {{ ref('stg_directory__employees') }}
),

clients as (
    select * from {{ ref('int_client_by_phone') }}
),

missed_call_exclusions as (
    select * from {{ ref('int_missed_call_exclusions') }}
),

attribution_rows as (
    select
        {{ dbt.concat(["'e|'", "employee_id", "'|'", "coalesce(department_id, '')"]) }} as attribution_row
    from employees
    union all
    select {{ dbt.concat(["'c|'", "phone_e164", "'|'", "coalesce(client_id, '')"]) }}
    from clients
    union all
    select
        {{ dbt.concat([
            "'x|'", "call_id", "'|'", "coalesce(employee_id, '')", "'|'",
            dbt.cast('dispute_id', dbt.type_string()),
        ]) }}
    from missed_call_exclusions
),

attribution as (
    select
        {{ dbt.hash(dbt.listagg('attribution_row', "';'", 'order by attribution_row')) }}
            as attribution_version
    from attribution_rows
),

{%- set rebuilding_some_calls = is_incremental_with(['built_at', 'attribution_version']) %}

{% if rebuilding_some_calls %}

last_build as (
    select
        max(built_at) as built_at,
        max(attribution_version) as attribution_version
    from {{ this }}
),

calls as (
    select int_calls.*
    from {{ ref('int_calls') }} as int_calls
    cross join last_build
    cross join attribution
    where
        int_calls.built_at > last_build.built_at
        or last_build.built_at is null
        or last_build.attribution_version is null
        or last_build.attribution_version != attribution.attribution_version
),

{% else %}

    calls as (
        select * from {{ ref('int_calls') }}
    ),

{% endif %}

final as (
    select
        calls.call_id,
        calls.started_at,
        calls.local_date,
        -- a missed call excluded by a dispute is nobody's: still the department's
        case when missed_call_exclusions.dispute_id is null then calls.employee_id end as employee_id,
        coalesce(employees.department_id, calls.inbound_department_id) as department_id,
        calls.direction,
        calls.is_answered,
        calls.is_missed,
        cast(calls.ring_seconds as integer) as ring_seconds,
        cast(calls.talk_seconds as integer) as talk_seconds,
        {{ mask_phone('calls.client_phone_e164') }} as client_phone_masked,
        clients.client_id,
        calls.ended_at,
        cast(calls.legs_count as bigint) as legs_count,
        cast(calls.employees_rung as bigint) as employees_rung,
        cast(missed_call_exclusions.dispute_id as integer) as missed_excluded_by_dispute,
        attribution.attribution_version,
        {{ build_time() }} as built_at
    from calls
    cross join attribution
    left join employees on calls.employee_id = employees.employee_id
    left join clients on calls.client_phone_e164 = clients.phone_e164
    left join missed_call_exclusions
        on
            calls.call_id = missed_call_exclusions.call_id
            and calls.employee_id = missed_call_exclusions.employee_id
            and calls.is_missed
)

select * from final
