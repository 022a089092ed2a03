-- One row per PBX extension an employee holds, with the dates it was theirs
-- (an extension is reused after someone leaves).
with

employees as (
    select * from {{ ref('stg_directory__employees') }}
),

positions as (
    {{ list_positions(8) }}
),

split_extensions as (
    select
        employees.employee_id,
        employees.department_id,
        {{ directory_extension('employees.extensions_list', 'positions.list_position') }}
            as extension,
        coalesce(employees.hire_date, cast('1900-01-01' as date)) as valid_from,
        coalesce(employees.leave_date, cast('9999-12-31' as date)) as valid_to
    from employees
    cross join positions
),

final as (
    select
        employee_id,
        department_id,
        extension,
        valid_from,
        valid_to
    from split_extensions
    where extension != ''
)

select * from final
