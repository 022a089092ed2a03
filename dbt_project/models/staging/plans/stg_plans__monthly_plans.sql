with

source as (
    select *
    from {{ source_columns('plans', 'monthly_plans', [
        'month', 'employee_id', 'revenue_plan', 'calls_plan'
    ]) }} as monthly_plans
),

renamed as (
    select
        -- ids
        cast(left(trim(source.month), 7) || '-01' as date) as plan_month,
        trim(source.employee_id) as employee_id,

        -- measures
        cast(nullif(trim(source.revenue_plan), '') as numeric(18, 2)) as revenue_plan,
        cast(nullif(trim(source.calls_plan), '') as integer) as calls_plan,

        -- lineage
        source._source_file as source_file,
        source._source_line as source_line
    from source
)

select * from renamed
