with

calls as (
    select * from {{ ref('int_calls') }}
),

employees as (
    select * from {{ ref('stg_directory__employees') }}
),

clients as (
    select * from {{ ref('int_client_by_phone') }}
),

missed_call_exclusions as (
    select * from {{ ref('int_missed_call_exclusions') }}
),

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
        cast(missed_call_exclusions.dispute_id as integer) as missed_excluded_by_dispute
    from calls
    left join employees on calls.employee_id = employees.employee_id
    left join clients on calls.client_phone_e164 = clients.phone_e164
    left join missed_call_exclusions
        on
            calls.call_id = missed_call_exclusions.call_id
            and calls.employee_id = missed_call_exclusions.employee_id
            and calls.is_missed
)

select * from final
