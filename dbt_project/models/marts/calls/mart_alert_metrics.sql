-- The metrics the alert rules judge, one row per employee, period and metric, with the
-- working days elapsed in the period up to the data's last day (a month in progress):
--   day (working days only, up to the last day with calls): calls_total, missed_rate,
--   talk_minutes (rates only on days with var alert_min_calls_for_rates calls);
--   month: missed_rate, avg_talk_seconds, callback_rate, answered_per_day,
--   talk_minutes_per_day (per working day employed, so newcomers are not penalised),
--   priority_share (of revenue).
with

employee_days as (
    select * from {{ ref('int_employee_days') }}
),

employees as (
    select * from {{ ref('dim_employee') }}
),

daily as (
    select
        local_date,
        employee_id,
        {{ call_kpi_sums() }}
    from {{ ref('int_call_kpis_daily') }}
    where employee_id is not null
    group by local_date, employee_id
),

call_range as (
    select
        min(local_date) as first_day,
        max(local_date) as last_day
    from {{ ref('fct_calls') }}
),

monthly as (
    select * from {{ ref('mart_call_kpis') }}
    where period_grain = 'month' and level = 'employee'
),

actuals as (
    select * from {{ ref('int_kpi_actuals') }}
),

working_days as (
    select
        employee_days.*,
        coalesce(daily.calls_total, 0) as calls_total,
        coalesce(daily.calls_inbound, 0) as calls_inbound,
        coalesce(daily.calls_missed, 0) as calls_missed,
        coalesce(daily.talk_seconds, 0) as talk_seconds
    from employee_days
    cross join call_range
    left join daily
        on
            employee_days.employee_id = daily.employee_id
            and employee_days.date_day = daily.local_date
    where
        employee_days.is_working_day
        and employee_days.date_day between call_range.first_day and call_range.last_day
),

day_metrics as (
    select
        'day' as period_grain,
        date_day as period_start,
        employee_id,
        'calls_total' as metric,
        cast(calls_total as {{ type_double() }}) as metric_value
    from working_days
    union all
    select
        'day' as period_grain,
        date_day as period_start,
        employee_id,
        'missed_rate' as metric,
        cast(1.0 * calls_missed / calls_inbound as {{ type_double() }}) as metric_value
    from working_days
    where calls_inbound >= {{ var('alert_min_calls_for_rates') }}
    union all
    select
        'day' as period_grain,
        date_day as period_start,
        employee_id,
        'talk_minutes' as metric,
        cast(talk_seconds / 60.0 as {{ type_double() }}) as metric_value
    from working_days
    where calls_total >= {{ var('alert_min_calls_for_rates') }}
),

month_metrics as (
    select
        'month' as period_grain,
        period_start,
        employee_id,
        'missed_rate' as metric,
        missed_rate as metric_value
    from monthly
    where calls_inbound >= {{ var('alert_min_calls_for_rates') }}
    union all
    select
        'month' as period_grain,
        period_start,
        employee_id,
        'avg_talk_seconds' as metric,
        avg_talk_seconds as metric_value
    from monthly
    where calls_answered >= {{ var('alert_min_calls_for_rates') }}
    union all
    select
        'month' as period_grain,
        period_start,
        employee_id,
        'callback_rate' as metric,
        callback_rate as metric_value
    from monthly
    where callback_rate is not null
    union all
    select
        'month' as period_grain,
        period_start,
        employee_id,
        'answered_per_day' as metric,
        cast(1.0 * calls_answered / working_days as {{ type_double() }}) as metric_value
    from monthly
    where working_days > 0
    union all
    select
        'month' as period_grain,
        period_start,
        employee_id,
        'talk_minutes_per_day' as metric,
        cast(talk_seconds / 60.0 / working_days as {{ type_double() }}) as metric_value
    from monthly
    where working_days > 0
    union all
    select
        'month' as period_grain,
        priority.period_month as period_start,
        priority.employee_id,
        'priority_share' as metric,
        cast(1.0 * priority.actual_value / revenue.actual_value as {{ type_double() }}) as metric_value
    from actuals as priority
    inner join actuals as revenue
        on
            priority.employee_id = revenue.employee_id
            and priority.period_month = revenue.period_month
            and revenue.kpi_code = 'plan_revenue'
    where priority.kpi_code = 'priority_products' and revenue.actual_value > 0
),

all_metrics as (
    select * from day_metrics
    union all
    select * from month_metrics
),

month_progress as (
    select
        days.month_start,
        sum(case when days.is_working_day then 1 else 0 end) as elapsed_working_days
    from {{ ref('dim_date') }} as days
    cross join call_range
    where days.date_day <= call_range.last_day
    group by days.month_start
),

final as (
    select
        cast(all_metrics.period_grain as {{ dbt.type_string() }}) as period_grain,
        cast(all_metrics.period_start as date) as period_start,
        all_metrics.employee_id,
        employees.full_name,
        employees.department_id,
        employees.role,
        all_metrics.metric,
        -- exact decimals (wide: squared in mart_kpi_alerts): department sums and fences come
        -- out the same on every run
        cast(all_metrics.metric_value as numeric(38, 6)) as metric_value,
        cast(
            case
                when all_metrics.period_grain = 'day' then 1
                else coalesce(month_progress.elapsed_working_days, 0)
            end as integer
        ) as elapsed_working_days
    from all_metrics
    inner join employees on all_metrics.employee_id = employees.employee_id
    left join month_progress
        on
            all_metrics.period_grain = 'month'
            and cast(all_metrics.period_start as date) = month_progress.month_start
    where all_metrics.metric_value is not null
)

select * from final
