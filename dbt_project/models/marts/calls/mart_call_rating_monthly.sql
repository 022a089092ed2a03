-- The monthly activity rating: one row per employee per month with calls, their call
-- KPIs, the activity score and the rank in the department (null for someone with fewer
-- than var min_working_days_for_rank working days since hire, who is shown but not ranked).
with

monthly as (
    select * from {{ ref('mart_call_kpis') }}
    where period_grain = 'month' and level = 'employee'
),

employee_days as (
    select
        employee_id,
        month_start,
        max(working_days_since_hire) as working_days_since_hire
    from {{ ref('int_employee_days') }}
    group by employee_id, month_start
),

scored as (
    select
        monthly.*,
        coalesce(employee_days.working_days_since_hire, 0)
        >= {{ var('min_working_days_for_rank') }} as is_ranked,
        {{ activity_score(
            'monthly.calls_answered',
            'max(monthly.calls_answered) over (partition by monthly.period_start, monthly.department_id)',
            'monthly.talk_seconds',
            'max(monthly.talk_seconds) over (partition by monthly.period_start, monthly.department_id)',
            'monthly.missed_rate',
            'monthly.callback_rate'
        ) }} as activity_score
    from monthly
    left join employee_days
        on
            monthly.employee_id = employee_days.employee_id
            and monthly.period_start = employee_days.month_start
),

final as (
    select
        period_start as month,
        employee_id,
        department_id,
        calls_total,
        calls_inbound,
        calls_outbound,
        calls_answered,
        calls_missed,
        talk_seconds,
        answer_rate,
        missed_rate,
        avg_talk_seconds,
        avg_ring_seconds,
        service_level,
        callback_rate,
        avg_callback_delay_seconds,
        calls_per_working_hour,
        working_days,
        activity_score,
        is_ranked,
        cast(
            case
                when is_ranked
                    then row_number() over (
                        partition by period_start, department_id, is_ranked
                        order by activity_score desc, employee_id asc
                    )
            end as integer
        ) as rank_in_department
    from scored
)

select * from final
