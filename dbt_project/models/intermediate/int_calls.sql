-- One row per customer call (or internal call): legs grouped by call id, the direction
-- read from the first leg, and the call attributed to the employee who talked.
--   inbound:  the answering employee with the longest talk (a transfer goes to whoever
--             talked most); a missed call goes to the one employee it rang, or, when a
--             ring group rang several, to no employee but to the department.
--   outbound and internal: the employee who dialled.
-- Talk time counts only legs answered on a talk application by an employee (inbound)
-- or by the called party (outbound): IVR, voicemail and zero-second Hangup rows do not.
--
-- Incremental: rebuilds the calls whose legs int_call_legs rebuilt since this model's
-- last build (it rebuilds all legs of a call together).
-- depends_on: {{ ref('stg_pbx__cdr_legs') }}
{{ config_rebuilt_by_key('call_id', post_hook="{{ drop_calls_left_without_legs() }}") }}

with

{%- set rebuilt_legs_only -%}
    {%- if is_incremental_with(['built_at']) -%}
        built_at > (select coalesce(max(built_at), {{ dbt.cast("'1900-01-01'", dbt.type_timestamp()) }}) from {{ this }})
    {%- else -%}
        1 = 1
    {%- endif -%}
{%- endset %}

-- The legs are read apart for each part of the work, narrow, and never joined to their
-- call's direction first: a CTE read more than once is kept whole in memory (with every
-- column of 10 M legs that spilled under the 2 GB limit, 26 s), and the legs joined to the
-- first leg's direction and kept for three readers took 13 s of the model's 20 at 10 M legs.
-- The per-leg work is done for both readings of a talk leg; calls_by_direction picks one.

{%- set seconds_since_anchor = dbt.datediff(
    dbt.cast("'2000-01-01 00:00:00'", dbt.type_timestamp()), 'started_at', 'second'
) %}

first_legs as (
    select
        call_id,
        started_at as call_started_at,
        started_at_local as call_started_at_local,
        local_date,
        source_number,
        destination_number,
        caller_employee_id,
        callee_employee_id,
        {{ seconds_since_anchor }} as call_start_seconds,
        case
            when
                caller_employee_id is not null
                and (
                    callee_employee_id is not null
                    or length(destination_number) <= {{ var('internal_number_max_length') }}
                )
                then 'internal'
            when caller_employee_id is not null then 'outbound'
            else 'inbound'
        end as direction
    from {{ ref('int_call_legs') }}
    where leg_order = 1 and {{ rebuilt_legs_only }}
),

-- a leg's start in seconds since a fixed instant; calls_by_direction counts the call's
-- times from its start (its first leg's, the earliest)
timed_legs as (
    select
        call_id,
        ended_at,
        built_at,
        is_talk_leg,
        is_talk_app,
        callee_employee_id is not null and is_talk_leg as is_employee_talk_leg,
        billed_seconds,
        duration_seconds,
        {{ seconds_since_anchor }} as started_seconds
    from {{ ref('int_call_legs') }}
    where {{ rebuilt_legs_only }}
),

-- talk: a leg answered with talk time on a talk application, and on an inbound or internal
-- call by an employee (an outbound call's talk is the called party's): both are summed
call_totals as (
    select
        call_id,
        count(*) as legs_count,
        max(ended_at) as call_ended_at,
        max(built_at) as built_at,
        max(case when is_talk_leg then 1 else 0 end) = 1 as has_any_talk,
        max(case when is_employee_talk_leg then 1 else 0 end) = 1 as has_employee_talk,
        sum(case when is_talk_leg then billed_seconds else 0 end) as any_talk_seconds,
        sum(case when is_employee_talk_leg then billed_seconds else 0 end) as employee_talk_seconds,
        -- ring time: from the call's start to the first answer by a person
        min(case when is_talk_leg then started_seconds + duration_seconds - billed_seconds end)
            as any_answered_at_seconds,
        min(case when is_employee_talk_leg then started_seconds + duration_seconds - billed_seconds end)
            as employee_answered_at_seconds,
        max(case when is_talk_app then started_seconds + duration_seconds end)
            as talk_apps_rang_until_seconds,
        max(started_seconds + duration_seconds) as ended_seconds
    from timed_legs
    group by call_id
),

-- who talked longest on an inbound call (a transfer goes to whoever talked most)
ranked_talk_legs as (
    select
        call_id,
        callee_employee_id,
        callee_department_id,
        row_number() over (
            partition by call_id
            -- leg_order is the legs' order by start, file and line
            order by billed_seconds desc, leg_order asc
        ) as talk_rank
    from {{ ref('int_call_legs') }}
    where is_talk_leg and callee_employee_id is not null and {{ rebuilt_legs_only }}
),

rung_employees as (
    select
        call_id,
        count(distinct callee_employee_id) as employees_rung,
        min(callee_employee_id) as any_employee_rung,
        min(callee_department_id) as any_department_rung,
        count(distinct callee_department_id) as departments_rung
    from {{ ref('int_call_legs') }}
    where callee_employee_id is not null and is_talk_app and {{ rebuilt_legs_only }}
    group by call_id
),

calls_by_direction as (
    select
        first_legs.*,
        call_totals.legs_count,
        call_totals.call_ended_at,
        call_totals.built_at,
        case
            when first_legs.direction = 'outbound' then call_totals.has_any_talk
            else call_totals.has_employee_talk
        end as has_talk,
        case
            when first_legs.direction = 'outbound' then call_totals.any_talk_seconds
            else call_totals.employee_talk_seconds
        end as talk_seconds,
        case
            when first_legs.direction = 'outbound' then call_totals.any_answered_at_seconds
            else call_totals.employee_answered_at_seconds
        end - first_legs.call_start_seconds as seconds_to_answer,
        call_totals.talk_apps_rang_until_seconds - first_legs.call_start_seconds as seconds_ringing_talk_apps,
        call_totals.ended_seconds - first_legs.call_start_seconds as seconds_total
    from first_legs
    inner join call_totals on first_legs.call_id = call_totals.call_id
),

final as (
    select
        calls.call_id,
        calls.call_started_at as started_at,
        calls.call_started_at_local as started_at_local,
        calls.local_date,
        calls.direction,
        case
            when calls.direction != 'inbound' then calls.caller_employee_id
            when calls.has_talk then talker.callee_employee_id
            when rung_employees.employees_rung = 1 then rung_employees.any_employee_rung
        end as employee_id,
        case
            when calls.direction = 'inbound' and calls.has_talk then talker.callee_department_id
            when calls.direction = 'inbound' and rung_employees.departments_rung = 1
                then rung_employees.any_department_rung
        end as inbound_department_id,
        case when calls.direction = 'inbound' then talker.callee_employee_id end as answered_by_employee_id,
        calls.has_talk as is_answered,
        calls.direction = 'inbound' and not calls.has_talk as is_missed,
        coalesce(
            calls.seconds_to_answer,
            calls.seconds_ringing_talk_apps,
            calls.seconds_total
        ) as ring_seconds,
        calls.talk_seconds,
        case
            when calls.direction = 'inbound' then {{ normalize_phone('calls.source_number') }}
            when calls.direction = 'outbound' then {{ normalize_phone('calls.destination_number') }}
        end as client_phone_e164,
        coalesce(rung_employees.employees_rung, 0) as employees_rung,
        calls.legs_count,
        calls.call_ended_at as ended_at,
        calls.built_at
    from calls_by_direction as calls
    left join ranked_talk_legs as talker
        on
            calls.call_id = talker.call_id
            and talker.talk_rank = 1
    left join rung_employees on calls.call_id = rung_employees.call_id
)

select * from final
