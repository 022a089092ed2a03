-- One row per employee per local date with any call: the head of sales' morning table.
-- Customer KPIs count inbound and outbound calls; internal calls are counted apart.
with

daily as (
    select
        local_date,
        employee_id,
        min(department_id) as department_id,
        {{ call_kpi_sums() }}
    from {{ ref('int_call_kpis_daily') }}
    where employee_id is not null
    group by local_date, employee_id
),

employee_days as (
    select * from {{ ref('int_employee_days') }}
),

with_ratios as (
    select
        daily.*,
        {{ call_kpi_ratios('daily.') }},
        coalesce(employee_days.working_days_since_hire, 0)
        >= {{ var('min_working_days_for_rank') }} as is_ranked
    from daily
    left join employee_days
        on
            daily.employee_id = employee_days.employee_id
            and daily.local_date = employee_days.date_day
),

scored as (
    select
        *,
        {{ activity_score(
            'calls_answered',
            'max(calls_answered) over (partition by local_date, department_id)',
            'talk_seconds',
            'max(talk_seconds) over (partition by local_date, department_id)',
            'missed_rate',
            'callback_rate'
        ) }} as activity_score
    from with_ratios
),

ranked as (
    select
        *,
        case
            when is_ranked
                then row_number() over (
                    partition by local_date, department_id, is_ranked
                    order by activity_score desc, employee_id asc
                )
        end as rank_in_department
    from scored
),

final as (
    select
        local_date as activity_date,
        employee_id,
        department_id,
        cast(calls_total as integer) as calls_total,
        cast(calls_inbound as integer) as calls_inbound,
        cast(calls_outbound as integer) as calls_outbound,
        cast(calls_answered as integer) as calls_answered,
        cast(calls_missed as integer) as calls_missed,
        cast(talk_seconds as bigint) as talk_seconds,
        avg_talk_seconds,
        callback_rate as missed_callback_rate,
        cast(rank_in_department as integer) as rank_in_department,
        cast(calls_internal as integer) as calls_internal,
        answer_rate,
        missed_rate,
        avg_ring_seconds,
        service_level,
        avg_callback_delay_seconds,
        activity_score,
        is_ranked
    from ranked
)

select * from final
