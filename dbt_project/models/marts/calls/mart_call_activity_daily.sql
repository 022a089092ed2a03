-- One row per employee per local date with any call. Customer KPIs count inbound and
-- outbound calls; internal calls are counted apart.
with

calls as (
    select * from {{ ref('fct_calls') }}
    where employee_id is not null
),

callbacks as (
    select * from {{ ref('int_missed_call_callbacks') }}
),

daily as (
    select
        calls.local_date as activity_date,
        calls.employee_id,
        min(calls.department_id) as department_id,
        sum(case when calls.direction != 'internal' then 1 else 0 end) as calls_total,
        sum(case when calls.direction = 'inbound' then 1 else 0 end) as calls_inbound,
        sum(case when calls.direction = 'outbound' then 1 else 0 end) as calls_outbound,
        sum(case when calls.direction = 'internal' then 1 else 0 end) as calls_internal,
        sum(case when calls.direction != 'internal' and calls.is_answered then 1 else 0 end)
            as calls_answered,
        sum(case when calls.is_missed then 1 else 0 end) as calls_missed,
        sum(case when calls.direction != 'internal' then calls.talk_seconds else 0 end) as talk_seconds,
        sum(case when callbacks.call_id is not null then 1 else 0 end) as missed_with_number,
        sum(case when callbacks.is_called_back then 1 else 0 end) as missed_called_back
    from calls
    left join callbacks on calls.call_id = callbacks.call_id
    group by calls.local_date, calls.employee_id
),

scored as (
    select
        *,
        case
            when calls_answered > 0 then cast(talk_seconds as double precision) / calls_answered
        end as avg_talk_seconds,
        case
            when missed_with_number > 0
                then cast(missed_called_back as double precision) / missed_with_number
        end as missed_callback_rate
    from daily
),

final as (
    select
        activity_date,
        employee_id,
        department_id,
        cast(calls_total as integer) as calls_total,
        cast(calls_inbound as integer) as calls_inbound,
        cast(calls_outbound as integer) as calls_outbound,
        cast(calls_answered as integer) as calls_answered,
        cast(calls_missed as integer) as calls_missed,
        cast(talk_seconds as bigint) as talk_seconds,
        avg_talk_seconds,
        missed_callback_rate,
        -- activity rating within the department for the day (1 = best), stable on ties
        cast(row_number() over (
            partition by activity_date, department_id
            order by calls_answered desc, talk_seconds desc, calls_missed asc, employee_id asc
        ) as integer) as rank_in_department,
        cast(calls_internal as integer) as calls_internal
    from scored
)

select * from final
