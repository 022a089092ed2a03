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

-- Legs are read twice, apart, and narrow: the per-leg work needs a few numbers, the
-- call's first leg its parties. A CTE read twice is kept whole in memory, and with
-- every column of 10 M legs that spilled to disk under the 2 GB limit (26 s; 11 s now).
legs as (
    select
        call_id,
        leg_order,
        started_at,
        ended_at,
        callee_employee_id,
        callee_department_id,
        is_talk_app,
        is_talk_leg,
        duration_seconds,
        billed_seconds,
        built_at
    from {{ ref('int_call_legs') }}
    where {{ rebuilt_legs_only }}
),

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

legs_with_direction as (
    select
        legs.call_id,
        legs.leg_order,
        legs.ended_at,
        legs.callee_employee_id,
        legs.callee_department_id,
        legs.is_talk_app,
        legs.duration_seconds,
        legs.billed_seconds,
        legs.built_at,
        first_legs.direction,
        {{ dbt.datediff('first_legs.call_started_at', 'legs.started_at', 'second') }}
            as offset_seconds,
        case
            when first_legs.direction = 'outbound' then legs.is_talk_leg
            else legs.is_talk_leg and legs.callee_employee_id is not null
        end as is_employee_talk_leg
    from legs
    inner join first_legs on legs.call_id = first_legs.call_id
),

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
    from legs_with_direction
    where is_employee_talk_leg and direction = 'inbound'
),

rung_employees as (
    select
        call_id,
        count(distinct callee_employee_id) as employees_rung,
        min(callee_employee_id) as any_employee_rung,
        min(callee_department_id) as any_department_rung,
        count(distinct callee_department_id) as departments_rung
    from legs_with_direction
    where callee_employee_id is not null and is_talk_app
    group by call_id
),

call_totals as (
    select
        call_id,
        count(*) as legs_count,
        max(ended_at) as call_ended_at,
        max(built_at) as built_at,
        max(case when is_employee_talk_leg then 1 else 0 end) = 1 as has_talk,
        sum(case when is_employee_talk_leg then billed_seconds else 0 end) as talk_seconds,
        -- ring time: from the call's start to the first answer by a person
        min(
            case
                when is_employee_talk_leg
                    then offset_seconds + duration_seconds - billed_seconds
            end
        ) as seconds_to_answer,
        max(case when is_talk_app then offset_seconds + duration_seconds end) as seconds_ringing_talk_apps,
        max(offset_seconds + duration_seconds) as seconds_total
    from legs_with_direction
    group by call_id
),

final as (
    select
        first_legs.call_id,
        first_legs.call_started_at as started_at,
        first_legs.call_started_at_local as started_at_local,
        first_legs.local_date,
        first_legs.direction,
        case
            when first_legs.direction != 'inbound' then first_legs.caller_employee_id
            when call_totals.has_talk then talker.callee_employee_id
            when rung_employees.employees_rung = 1 then rung_employees.any_employee_rung
        end as employee_id,
        case
            when first_legs.direction = 'inbound' and call_totals.has_talk then talker.callee_department_id
            when first_legs.direction = 'inbound' and rung_employees.departments_rung = 1
                then rung_employees.any_department_rung
        end as inbound_department_id,
        talker.callee_employee_id as answered_by_employee_id,
        call_totals.has_talk as is_answered,
        first_legs.direction = 'inbound' and not call_totals.has_talk as is_missed,
        coalesce(
            call_totals.seconds_to_answer,
            call_totals.seconds_ringing_talk_apps,
            call_totals.seconds_total
        ) as ring_seconds,
        call_totals.talk_seconds,
        case
            when first_legs.direction = 'inbound' then {{ normalize_phone('first_legs.source_number') }}
            when first_legs.direction = 'outbound' then {{ normalize_phone('first_legs.destination_number') }}
        end as client_phone_e164,
        coalesce(rung_employees.employees_rung, 0) as employees_rung,
        call_totals.legs_count,
        call_totals.call_ended_at as ended_at,
        call_totals.built_at
    from first_legs
    inner join call_totals on first_legs.call_id = call_totals.call_id
    left join ranked_talk_legs as talker
        on
            first_legs.call_id = talker.call_id
            and talker.talk_rank = 1
    left join rung_employees on first_legs.call_id = rung_employees.call_id
)

select * from final
