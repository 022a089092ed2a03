with

source as (
    select *
    from {{ source_columns('closing', 'kpi_statements', [
        'event_id', 'month', 'employee_id', 'department_id', 'kpi_code', 'actual_value',
        'target_value', 'achievement', 'coefficient', 'weight', 'weighted_score', 'scale_kind',
        'threshold', 'cap', 'to_threshold', 'to_cap', 'to_gate', 'target_prorate_factor', 'note'
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
        -- months closed before notes were codes kept the English words
        case source.note
            when 'no plan for the month' then 'no_plan'
            when 'target is zero' then 'zero_target'
            when 'nothing to measure this month' then 'nothing_to_measure'
            when 'below threshold' then 'below_threshold'
            else source.note
        end as note,

        -- measures, as frozen
        cast(source.actual_value as numeric(38, 12)) as actual_value,
        cast(source.target_value as numeric(38, 12)) as target_value,
        cast(source.achievement as numeric(38, 12)) as achievement,
        cast(source.coefficient as numeric(38, 12)) as coefficient,
        cast(source.weight as numeric(9, 4)) as weight,
        cast(source.weighted_score as numeric(38, 16)) as weighted_score,
        cast(source.threshold as numeric(9, 4)) as threshold,
        cast(source.cap as numeric(9, 4)) as cap,
        cast(source.to_threshold as numeric(38, 16)) as to_threshold,
        cast(source.to_cap as numeric(38, 16)) as to_cap,
        cast(source.to_gate as numeric(38, 16)) as to_gate,
        cast(source.target_prorate_factor as numeric(38, 12)) as target_prorate_factor
    from source
)

select * from renamed
