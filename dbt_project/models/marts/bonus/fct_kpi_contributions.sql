-- Every fact counted in an employee-month KPI: a disputed number on a statement is the
-- sum of these rows (ratio KPIs: Σ numerator / Σ denominator).
with

contributions as (
    select * from {{ ref('int_kpi_contributions') }}
),

final as (
    select
        cast(period_month as date) as month,
        cast(employee_id as {{ dbt.type_string() }}) as employee_id,
        cast(kpi_code as {{ dbt.type_string() }}) as kpi_code,
        cast(fact_type as {{ dbt.type_string() }}) as fact_type,
        cast(fact_id as {{ dbt.type_string() }}) as fact_id,
        cast(numerator as numeric(38, 12)) as numerator,
        cast(denominator as numeric(38, 12)) as denominator
    from contributions
)

select * from final
