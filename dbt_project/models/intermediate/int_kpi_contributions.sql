-- Every fact that counts toward an employee-month KPI, with what it adds: the
-- traceability of each number on a bonus statement. Ratio KPIs carry a numerator and
-- a denominator (markup: revenue at target markup / revenue; client_coverage:
-- contacted / assigned clients; call_quality: Σ call scores / scored calls); the others
-- add their numerator. Every branch is cast to one exact type before the union: DuckDB
-- would otherwise unite decimals with the scorer's doubles as doubles.
--
-- A view: its millions of rows are the calls' (int_call_activity_contributions, built by
-- call), and a table of them all was written again on every run, growing with the history.
{{ config(materialized='view') }}

with

employee_months as (
    select * from {{ ref('int_employee_months') }}
),

won_lines as (
    select * from {{ ref('int_sales_lines') }}
    where is_won and closed_month is not null and employee_id is not null
),

answered_calls as (
    select * from {{ ref('int_call_facts') }}
    where employee_id is not null and direction != 'internal' and is_answered
),

clients as (
    select * from {{ ref('stg_crm__clients') }}
),

deals as (
    select * from {{ ref('stg_crm__deals') }}
),

call_activity as (
    select * from {{ ref('int_call_activity_contributions') }}
),

scored_calls as (
    select * from {{ ref('int_call_scores') }}
    where employee_id is not null
),

role_parameters as (
    select * from {{ ref('int_employee_month_parameters') }}
),

lines as (
    select
        won_lines.*,
        role_parameters.target_markup
    from won_lines
    inner join role_parameters
        on
            won_lines.employee_id = role_parameters.employee_id
            and won_lines.closed_month = role_parameters.period_month
),

line_facts as (
    select
        employee_id,
        closed_month as period_month,
        'plan_revenue' as kpi_code,
        'deal_line' as fact_type,
        deal_line_id as fact_id,
        cast(revenue as numeric(38, 12)) as numerator,
        cast(null as numeric(38, 12)) as denominator
    from lines
    union all
    select
        employee_id,
        closed_month as period_month,
        'markup' as kpi_code,
        'deal_line' as fact_type,
        deal_line_id as fact_id,
        -- exact: price at or above cost × (1 + target markup); markup_ratio is for display
        cast(
            case when unit_cost > 0 and unit_price >= unit_cost * (1 + target_markup) then revenue else 0 end
            as numeric(38, 12)
        ) as numerator,
        cast(revenue as numeric(38, 12)) as denominator
    from lines
    union all
    select
        employee_id,
        closed_month as period_month,
        'priority_products' as kpi_code,
        'deal_line' as fact_type,
        deal_line_id as fact_id,
        cast(revenue as numeric(38, 12)) as numerator,
        cast(null as numeric(38, 12)) as denominator
    from lines
    where is_priority_product
    union all
    select
        employee_id,
        closed_month as period_month,
        'promo_seasonal' as kpi_code,
        'deal_line' as fact_type,
        deal_line_id as fact_id,
        cast(revenue as numeric(38, 12)) as numerator,
        cast(null as numeric(38, 12)) as denominator
    from lines
    where is_promo_product or is_in_season
    union all
    select distinct
        employee_id,
        closed_month as period_month,
        'assortment' as kpi_code,
        'product_category' as fact_type,
        product_category as fact_id,
        cast(1 as numeric(38, 12)) as numerator,
        cast(null as numeric(38, 12)) as denominator
    from lines
),

call_facts as (
    select
        employee_id,
        period_month,
        'call_activity' as kpi_code,
        'call' as fact_type,
        call_id as fact_id,
        numerator,
        cast(null as numeric(38, 12)) as denominator
    from call_activity
    where is_counted
),

contacts as (
    select
        employee_id,
        cast({{ dbt.date_trunc('month', 'local_date') }} as date) as period_month,
        client_id
    from answered_calls
    where client_id is not null
    union
    select
        employee_months.employee_id,
        employee_months.period_month,
        deals.client_id
    from deals
    inner join employee_months
        on
            deals.responsible_crm_user_id = employee_months.crm_user_id
            and (
                cast({{ dbt.date_trunc('month', 'deals.created_date') }} as date)
                = employee_months.period_month
                or cast({{ dbt.date_trunc('month', 'deals.closed_date') }} as date)
                = employee_months.period_month
            )
),

coverage_facts as (
    select
        employee_months.employee_id,
        employee_months.period_month,
        'client_coverage' as kpi_code,
        'client' as fact_type,
        clients.client_id as fact_id,
        cast(case when contacts.client_id is not null then 1 else 0 end as numeric(38, 12)) as numerator,
        cast(1 as numeric(38, 12)) as denominator
    from employee_months
    inner join clients on employee_months.crm_user_id = clients.responsible_crm_user_id
    left join contacts
        on
            employee_months.employee_id = contacts.employee_id
            and employee_months.period_month = contacts.period_month
            and clients.client_id = contacts.client_id
),

quality_facts as (
    select
        employee_id,
        cast({{ dbt.date_trunc('month', 'local_date') }} as date) as period_month,
        'call_quality' as kpi_code,
        'scored_call' as fact_type,
        call_id as fact_id,
        -- the scorer's score has 4 places: exact as a decimal
        cast(score as numeric(38, 12)) as numerator,
        cast(1 as numeric(38, 12)) as denominator
    from scored_calls
),

all_facts as (
    select * from line_facts
    union all
    select * from quality_facts
    union all
    select * from call_facts
    union all
    select * from coverage_facts
),

final as (
    select
        employee_id,
        period_month,
        kpi_code,
        fact_type,
        fact_id,
        cast(numerator as numeric(38, 12)) as numerator,
        cast(denominator as numeric(38, 12)) as denominator
    from all_facts
)

select * from final
