-- One row per employee per calendar day they were employed, flagged working or not
-- (weekends and seeds/calendar_holidays.csv are days off): the spine that lets a
-- working day without calls show up, and a holiday never count as inactivity.
with

employees as (
    select * from {{ ref('int_employees') }}
),

days as (
    select * from {{ ref('int_calendar') }}
),

final as (
    select
        employees.employee_id,
        employees.department_id,
        days.date_day,
        days.week_start,
        days.month_start,
        days.is_working_day,
        -- working days since hire, counting this one: newcomers are not ranked at first
        sum(case when days.is_working_day then 1 else 0 end) over (
            partition by employees.employee_id
            order by days.date_day
            rows between unbounded preceding and current row
        ) as working_days_since_hire
    from employees
    inner join days
        on
            days.date_day between coalesce(employees.hire_date, cast('1900-01-01' as date))
            and coalesce(employees.leave_date, cast('9999-12-31' as date))
)

select * from final
