-- One row per employee per month per KPI of their scheme. Open months are computed
-- from today's data; closed months show the rows frozen when they were closed.
with

status as (
    select * from {{ ref('int_period_status') }}
),

live as (
    select scored.*
    from {{ ref('int_kpi_scored') }} as scored
    left join status on scored.period_month = status.period_month
    where coalesce(status.period_status, 'open') = 'open'
),

frozen as (
    {{ rows_of_current_close('stg_closing__kpi_statements') }}
),

{%- set kpi_columns = [
    'period_month', 'employee_id', 'department_id', 'kpi_code', 'actual_value', 'target_value',
    'achievement', 'coefficient', 'weight', 'weighted_score', 'scale_kind', 'threshold', 'cap',
    'to_threshold', 'to_cap', 'to_gate', 'target_prorate_factor', 'note'
] %}

unioned as (
    select
        {%- for column in kpi_columns %}
            {{ column }},
        {%- endfor %}
        'open' as period_status
    from live
    union all
    select
        {%- for column in kpi_columns %}
            {{ column }},
        {%- endfor %}
        'closed' as period_status
    from frozen
),

final as (
    select
        cast(period_month as date) as month,
        cast(employee_id as {{ dbt.type_string() }}) as employee_id,
        cast(department_id as {{ dbt.type_string() }}) as department_id,
        cast(kpi_code as {{ dbt.type_string() }}) as kpi_code,
        cast(actual_value as numeric(38, 12)) as actual_value,
        cast(target_value as numeric(38, 12)) as target_value,
        cast(achievement as numeric(38, 12)) as achievement,
        cast(coefficient as numeric(38, 12)) as coefficient,
        cast(weight as numeric(9, 4)) as weight,
        cast(weighted_score as numeric(38, 16)) as weighted_score,
        cast(scale_kind as {{ dbt.type_string() }}) as scale_kind,
        cast(threshold as numeric(9, 4)) as threshold,
        cast(cap as numeric(9, 4)) as cap,
        cast(to_threshold as numeric(38, 16)) as to_threshold,
        cast(to_cap as numeric(38, 16)) as to_cap,
        cast(target_prorate_factor as numeric(38, 12)) as target_prorate_factor,
        cast(note as {{ dbt.type_string() }}) as note,
        cast(period_status as {{ dbt.type_string() }}) as period_status,
        cast(to_gate as numeric(38, 16)) as to_gate
    from unioned
)

select * from final
