with

source as (
    select *
    from {{ source_columns('closing', 'kpi_statements', [
        'event_id', 'month', 'employee_id', 'department_id', 'kpi_code', 'actual_value',
        'target_value', 'achievement', 'coefficient', 'weight', 'weighted_score', 'scale_kind',
        'threshold', 'cap', 'to_threshold', 'to_cap', 'target_prorate_factor', 'note'
    ]) }} as kpi_statements
),

renamed as (
    select
        -- ids
        source.event_id,
        cast(source.month as date) as period_month,
        source.employee_id,
        source.department_id,
        source.kpi_code,

        -- attributes
        source.scale_kind,
        source.note,

        -- measures, as frozen
        cast(source.actual_value as numeric(18, 4)) as actual_value,
        cast(source.target_value as numeric(18, 4)) as target_value,
        cast(source.achievement as numeric(18, 6)) as achievement,
        cast(source.coefficient as numeric(18, 6)) as coefficient,
        cast(source.weight as numeric(9, 4)) as weight,
        cast(source.weighted_score as numeric(18, 6)) as weighted_score,
        cast(source.threshold as numeric(9, 4)) as threshold,
        cast(source.cap as numeric(9, 4)) as cap,
        cast(source.to_threshold as numeric(18, 4)) as to_threshold,
        cast(source.to_cap as numeric(18, 4)) as to_cap,
        cast(source.target_prorate_factor as numeric(18, 6)) as target_prorate_factor
    from source
)

select * from renamed
