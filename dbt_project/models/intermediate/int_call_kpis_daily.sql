-- Additive call measures per local date, employee and department (employee null for
-- missed ring-group calls that count for the department only). Every ratio in the call
-- marts is built from these sums, so days, weeks, months and departments add up.
with

calls as (
    select * from {{ ref('int_call_facts') }}
),

callbacks as (
    select * from {{ ref('int_missed_call_callbacks') }}
),

final as (
    select
        calls.local_date,
        calls.employee_id,
        calls.department_id,
        sum(case when calls.direction != 'internal' then 1 else 0 end) as calls_total,
        sum(case when calls.direction = 'inbound' then 1 else 0 end) as calls_inbound,
        sum(case when calls.direction = 'outbound' then 1 else 0 end) as calls_outbound,
        sum(case when calls.direction = 'internal' then 1 else 0 end) as calls_internal,
        sum(case when calls.direction != 'internal' and calls.is_answered then 1 else 0 end)
            as calls_answered,
        sum(case when calls.direction = 'inbound' and calls.is_answered then 1 else 0 end)
            as inbound_answered,
        sum(case when calls.is_missed then 1 else 0 end) as calls_missed,
        sum(case when calls.direction != 'internal' then calls.talk_seconds else 0 end) as talk_seconds,
        sum(case when calls.direction = 'inbound' and calls.is_answered then calls.ring_seconds else 0 end)
            as ring_seconds_before_answer,
        sum(
            case
                when
                    calls.direction = 'inbound' and calls.is_answered
                    and calls.ring_seconds <= {{ var('service_level_seconds') }}
                    then 1
                else 0
            end
        ) as inbound_answered_within_service_level,
        sum(case when callbacks.call_id is not null then 1 else 0 end) as missed_with_number,
        sum(case when callbacks.is_called_back then 1 else 0 end) as missed_called_back,
        sum(coalesce(callbacks.callback_delay_seconds, 0)) as callback_delay_seconds
    from calls
    left join callbacks on calls.call_id = callbacks.call_id
    group by calls.local_date, calls.employee_id, calls.department_id
)

select * from final
