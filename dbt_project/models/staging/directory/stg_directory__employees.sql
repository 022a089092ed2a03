with

source as (
    select *
    from {{ source_columns('directory', 'employees', [
        'employee_id', 'full_name', 'department_id', 'role', 'extensions', 'crm_user_id',
        'hire_date', 'leave_date'
    ]) }} as employees
),

renamed as (
    select
        -- ids
        trim(source.employee_id) as employee_id,
        nullif(trim(source.department_id), '') as department_id,
        nullif(trim(source.crm_user_id), '') as crm_user_id,

        -- attributes
        trim(source.full_name) as full_name,
        lower(trim(source.role)) as role,
        -- PBX extensions as listed by HR, "101; 5101" or "101, 5101", separated by ';'
        -- (split in int_employee_extensions)
        {{ directory_extension_list('source.extensions') }} as extensions_list,

        -- dates
        cast(nullif(trim(source.hire_date), '') as date) as hire_date,
        cast(nullif(trim(source.leave_date), '') as date) as leave_date,

        -- lineage
        source._source_file as source_file,
        source._source_line as source_line
    from source
)

select * from renamed
