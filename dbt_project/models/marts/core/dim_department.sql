with

departments as (
    select * from {{ ref('stg_directory__departments') }}
),

employees as (
    select * from {{ ref('stg_directory__employees') }}
),

-- departments named only on employees still get a row
all_department_ids as (
    select department_id from departments
    union
    select department_id from employees
    where department_id is not null
),

final as (
    select
        all_department_ids.department_id,
        coalesce(departments.department_name, all_department_ids.department_id) as department_name,
        departments.ring_group_number
    from all_department_ids
    left join departments on all_department_ids.department_id = departments.department_id
)

select * from final
