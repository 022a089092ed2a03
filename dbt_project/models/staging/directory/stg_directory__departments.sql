with

source as (
    select *
    from {{ source_columns('directory', 'departments', [
        'department_id', 'department_name', 'ring_group'
    ]) }} as departments
),

renamed as (
    select
        -- ids
        trim(source.department_id) as department_id,

        -- attributes
        trim(source.department_name) as department_name,
        nullif(trim(source.ring_group), '') as ring_group_number,

        -- lineage
        source._source_file as source_file,
        source._source_line as source_line
    from source
)

select * from renamed
