with

source as (
    select *
    from {{ source_columns('disputes', 'disputes', [
        'dispute_id', 'opened_at', 'opened_by', 'employee_id', 'month', 'kpi_code', 'fact_id', 'comment'
    ]) }} as disputes
),

renamed as (
    select
        -- ids
        cast(source.dispute_id as integer) as dispute_id,
        trim(source.employee_id) as employee_id,
        cast(left(trim(source.month), 7) || '-01' as date) as dispute_month,
        trim(source.kpi_code) as kpi_code,
        nullif(trim(source.fact_id), '') as fact_id,

        -- who and when
        trim(source.opened_by) as opened_by,
        cast(source.opened_at as timestamp) as opened_at,

        -- text
        source.comment as dispute_comment
    from source
)

select * from renamed
