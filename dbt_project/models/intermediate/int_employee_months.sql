-- One row per employee per month in which they worked at least one working day, with
-- the working days their additive targets cover and the factor that makes (working days
-- employed / working days of the month, exact to 12 places; 1 when var
-- prorate_targets_by_working_days is off).
with

employees as (
    select * from {{ ref('int_employees') }}
),

days as (
    select * from {{ ref('int_calendar') }}
),

month_days as (
    select
        month_start,
        sum(case when is_working_day then 1 else 0 end) as month_working_days
    from days
    group by month_start
),

employee_days as (
    select
        employees.employee_id,
        days.month_start,
        sum(case when days.is_working_day then 1 else 0 end) as employee_working_days
    from employees
    inner join days
        on
            days.date_day between coalesce(employees.hire_date, cast('1900-01-01' as date))
            and coalesce(employees.leave_date, cast('9999-12-31' as date))
    group by employees.employee_id, days.month_start
),

final as (
    select
        employee_days.employee_id,
        employee_days.month_start as period_month,
        employees.full_name,
        employees.role,
        employees.department_id,
        employees.crm_user_id,
        month_days.month_working_days,
        employee_days.employee_working_days,
        -- the working days an additive target covers: all of the month's when prorating is off
        {% if var('prorate_targets_by_working_days') %}
            employee_days.employee_working_days
        {% else %}
            month_days.month_working_days
        {% endif %} as prorated_working_days,
        {% if var('prorate_targets_by_working_days') %}
            {{ exact_divide('employee_days.employee_working_days', 'month_days.month_working_days') }}
        {% else %}
            cast(1 as numeric(38, 12))
        {% endif %} as target_prorate_factor
    from employee_days
    inner join employees on employee_days.employee_id = employees.employee_id
    inner join month_days on employee_days.month_start = month_days.month_start
    where employee_days.employee_working_days > 0
)

select * from final
