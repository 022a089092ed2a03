-- One row per deal line, with the deal, the responsible employee and the product's flags.
-- The employee is the deal's responsible CRM user's, unless an accepted dispute moved the
-- line to someone else (int_deal_line_moves).
with

deal_lines as (
    select * from {{ ref('stg_crm__deal_lines') }}
),

deals as (
    select * from {{ ref('stg_crm__deals') }}
),

products as (
    select * from {{ ref('stg_crm__products') }}
),

employees as (
    select * from {{ ref('stg_directory__employees') }}
),

moves as (
    select * from {{ ref('int_deal_line_moves') }}
),

final as (
    select
        deal_lines.deal_line_id,
        deal_lines.deal_id,
        deals.client_id,
        coalesce(moved_to.employee_id, employees.employee_id) as employee_id,
        coalesce(moved_to.department_id, employees.department_id) as department_id,
        deals.responsible_crm_user_id,
        deal_lines.product_id,
        products.category as product_category,
        deals.deal_status,
        deals.created_at as deal_created_at,
        deals.closed_date,
        cast({{ dbt.date_trunc('month', 'deals.closed_date') }} as date) as closed_month,
        deal_lines.quantity,
        deal_lines.unit_price,
        coalesce(deal_lines.unit_cost, products.unit_cost) as unit_cost,
        -- exact and wide: DuckDB keeps decimal(18) × decimal(18) in 18 digits (10^13 overflows)
        -- and one scale everywhere (PostgreSQL's numeric × numeric has none of its own)
        cast(
            cast(deal_lines.quantity as numeric(38, 3))
            * cast(deal_lines.unit_price as numeric(38, 2))
            as numeric(38, 5)
        ) as revenue,
        cast(
            cast(deal_lines.quantity as numeric(38, 3))
            * cast(coalesce(deal_lines.unit_cost, products.unit_cost) as numeric(38, 2))
            as numeric(38, 5)
        ) as cost_amount,
        -- a double on every engine: decimal ÷ decimal is a double in DuckDB but an exact
        -- numeric in PostgreSQL, which would round 0.6551875 the other way
        case
            when coalesce(deal_lines.unit_cost, products.unit_cost) > 0
                then
                    cast(deal_lines.unit_price as {{ type_double() }})
                    / cast(coalesce(deal_lines.unit_cost, products.unit_cost) as {{ type_double() }}) - 1
        end as markup_ratio,
        coalesce(products.is_priority, false) as is_priority_product,
        coalesce(products.is_promo, false) as is_promo_product,
        products.season_start is not null as is_seasonal_product,
        coalesce(
            products.season_start is not null
            and deals.closed_date between products.season_start and products.season_end,
            false
        ) as is_in_season,
        deals.deal_status = 'won' as is_won
    from deal_lines
    left join deals on deal_lines.deal_id = deals.deal_id
    left join products on deal_lines.product_id = products.product_id
    left join employees on deals.responsible_crm_user_id = employees.crm_user_id
    left join moves on deal_lines.deal_line_id = moves.deal_line_id
    left join employees as moved_to on moves.to_employee_id = moved_to.employee_id
)

select * from final
