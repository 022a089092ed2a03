-- Plan progress per month for each employee with a plan and for each department: revenue
-- won against the plan and against the plan prorated to date (by working days up to the
-- last day the data reaches), so a head of sales sees in the morning who is behind.
with

plans as (
    select * from {{ ref('stg_plans__monthly_plans') }}
),

employees as (
    select * from {{ ref('dim_employee') }}
),

sales_lines as (
    select * from {{ ref('fct_sales_lines') }}
),

calls as (
    select * from {{ ref('fct_calls') }}
),

dates as (
    select * from {{ ref('dim_date') }}
),

-- "to date": the last day with a call or a closed deal
last_days as (
    select max(local_date) as last_day from calls
    union all
    select max(closed_date) as last_day
    from sales_lines
    where is_won
),

data_through as (
    select max(last_day) as last_day from last_days
),

month_days as (
    select
        dates.month_start as month,
        sum(case when dates.is_working_day then 1 else 0 end) as working_days_total,
        sum(
            case when dates.is_working_day and dates.date_day <= data_through.last_day then 1 else 0 end
        ) as working_days_elapsed
    from dates
    cross join data_through
    group by dates.month_start
),

revenue as (
    select
        closed_month as month,
        employee_id,
        sum(revenue) as revenue_actual
    from sales_lines
    where is_won
    group by closed_month, employee_id
),

employee_rows as (
    select
        plans.plan_month as month,
        'employee' as level,
        plans.employee_id,
        employees.department_id,
        plans.revenue_plan,
        coalesce(revenue.revenue_actual, 0) as revenue_actual
    from plans
    left join employees on plans.employee_id = employees.employee_id
    left join revenue
        on
            plans.plan_month = revenue.month
            and plans.employee_id = revenue.employee_id
),

department_rows as (
    select
        month,
        'department' as level,
        cast(null as {{ dbt.type_string() }}) as employee_id,
        department_id,
        sum(revenue_plan) as revenue_plan,
        sum(revenue_actual) as revenue_actual
    from employee_rows
    group by month, department_id
),

all_rows as (
    select * from employee_rows
    union all
    select * from department_rows
),

final as (
    select
        all_rows.month,
        cast(all_rows.level as {{ dbt.type_string() }}) as level,
        all_rows.employee_id,
        all_rows.department_id,
        cast(all_rows.revenue_plan as numeric(18, 2)) as revenue_plan,
        cast(all_rows.revenue_actual as numeric(18, 2)) as revenue_actual,
        cast(
            all_rows.revenue_plan * month_days.working_days_elapsed
            / nullif(month_days.working_days_total, 0) as numeric(18, 2)
        ) as prorated_plan_to_date,
        cast(
            all_rows.revenue_actual / nullif(all_rows.revenue_plan, 0) as numeric(18, 6)
        ) as plan_achievement,
        cast(month_days.working_days_elapsed as integer) as working_days_elapsed,
        cast(month_days.working_days_total as integer) as working_days_total,
        data_through.last_day as data_through
    from all_rows
    left join month_days on all_rows.month = month_days.month
    cross join data_through
)

select * from final
