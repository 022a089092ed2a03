with

employees as (
    select * from {{ ref('stg_directory__employees') }}
),

extensions as (
    select
        employee_id,
        count(*) as extensions_count
    from {{ ref('int_employee_extensions') }}
    group by employee_id
),

final as (
    select
        employees.employee_id,
        employees.full_name,
        employees.department_id,
        employees.role,
        employees.crm_user_id,
        employees.extensions_list,
        coalesce(extensions.extensions_count, 0) as extensions_count,
        employees.hire_date,
        employees.leave_date,
        employees.leave_date is null as is_active
    from employees
    left join extensions on employees.employee_id = extensions.employee_id
)

select * from final
