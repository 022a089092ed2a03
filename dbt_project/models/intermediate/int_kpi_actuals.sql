-- The actual value of every KPI for every employee and month, whatever the scheme (so
-- a multiplier or a proposed scheme can use any of them), aggregated from
-- int_kpi_contributions so that every number is the sum of the facts listed there.
-- Additive KPIs without facts are 0; a ratio without a denominator is null; a ratio is
-- one exact quotient (12 places) of its sums. A KPI with a minimum number of facts
-- (var kpi_min_facts) measured on fewer has no actual: it is not paid on.
with

employee_months as (
    select * from {{ ref('int_employee_months') }}
),

kpi_codes as (
    select * from {{ ref('kpi_codes') }}
),

contributions as (
    select * from {{ ref('int_kpi_contributions') }}
),

aggregated as (
    select
        employee_id,
        period_month,
        kpi_code,
        sum(numerator) as numerator,
        sum(denominator) as denominator,
        count(*) as fact_count,
        count(denominator) as facts_with_denominator
    from contributions
    group by employee_id, period_month, kpi_code
),

final as (
    select
        employee_months.employee_id,
        employee_months.period_month,
        kpi_codes.kpi_code,
        coalesce(aggregated.fact_count, 0) as fact_count,
        case
            {%- for code, minimum in var('kpi_min_facts').items() %}
                when kpi_codes.kpi_code = '{{ code }}'
                    then coalesce(aggregated.fact_count, 0) < {{ minimum | int }}
            {%- endfor %}
            else false
        end as is_below_min_facts,
        cast(
            case
                {%- for code, minimum in var('kpi_min_facts').items() %}
                    when
                        kpi_codes.kpi_code = '{{ code }}'
                        and coalesce(aggregated.fact_count, 0) < {{ minimum | int }}
                        then null
                {%- endfor %}
                when aggregated.facts_with_denominator > 0
                    then {{ exact_divide('aggregated.numerator', 'nullif(aggregated.denominator, 0)') }}
                when kpi_codes.unit in ('money', 'count') then coalesce(aggregated.numerator, 0)
            end
            as numeric(38, 12)
        ) as actual_value
    from employee_months
    cross join kpi_codes
    left join aggregated
        on
            employee_months.employee_id = aggregated.employee_id
            and employee_months.period_month = aggregated.period_month
            and kpi_codes.kpi_code = aggregated.kpi_code
)

select * from final
