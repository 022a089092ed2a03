-- One row per employee-month with the parameters its role's KPI scheme gives the facts:
-- the markup a deal line must reach (markup KPI, default 0.3) and what call activity
-- counts (answered_calls, the default, or talk_minutes). One home for both: the calls'
-- facts (int_call_activity_contributions) and the others (int_kpi_contributions).
with

employee_months as (
    select * from {{ ref('int_employee_months') }}
),

scheme as (
    select * from {{ ref('kpi_scheme') }}
),

final as (
    select
        employee_months.employee_id,
        employee_months.period_month,
        coalesce(
            max(case when scheme.kpi_code = 'markup' then cast(scheme.parameter as numeric(9, 4)) end), 0.3
        ) as target_markup,
        coalesce(max(case when scheme.kpi_code = 'call_activity' then scheme.parameter end), 'answered_calls')
            as call_activity_measure
    from employee_months
    left join scheme on employee_months.role = scheme.role
    group by employee_months.employee_id, employee_months.period_month
)

select * from final
