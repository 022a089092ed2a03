-- Client objections per employee, product category, month and class: what clients
-- actually said, and how many objections each manager left unanswered. A call's
-- category is the main category (by revenue) of the client's deal created nearest to
-- the call, within objection_deal_window_days either side.
with

objections as (
    select * from {{ ref('stg_call_quality__call_objections') }}
),

quality as (
    select * from {{ ref('mart_call_quality') }}
),

calls as (
    select * from {{ ref('fct_calls') }}
),

sales_lines as (
    select * from {{ ref('fct_sales_lines') }}
),

deal_categories as (
    select
        deal_id,
        client_id,
        cast(deal_created_at as date) as deal_date,
        product_category,
        sum(revenue) as revenue
    from sales_lines
    where client_id is not null and product_category is not null
    group by deal_id, client_id, cast(deal_created_at as date), product_category
),

deal_main_category as (
    select
        deal_id,
        client_id,
        deal_date,
        product_category,
        row_number() over (partition by deal_id order by revenue desc, product_category asc) as category_rank
    from deal_categories
),

call_deals as (
    select
        quality.call_id,
        deal_main_category.product_category,
        row_number() over (
            partition by quality.call_id
            order by
                abs({{ dbt.datediff('deal_main_category.deal_date', 'quality.local_date', 'day') }}),
                deal_main_category.deal_id
        ) as nearness_rank
    from quality
    inner join calls on quality.call_id = calls.call_id
    inner join deal_main_category
        on
            calls.client_id = deal_main_category.client_id
            and deal_main_category.category_rank = 1
            and abs({{ dbt.datediff('deal_main_category.deal_date', 'quality.local_date', 'day') }})
            <= {{ var('objection_deal_window_days') }}
),

call_categories as (
    select
        call_id,
        product_category
    from call_deals
    where nearness_rank = 1
),

final as (
    select
        cast({{ dbt.date_trunc('month', 'quality.local_date') }} as date) as month,
        quality.employee_id,
        coalesce(call_categories.product_category, 'unknown') as product_category,
        objections.objection_class,
        cast(count(*) as integer) as objections,
        cast(sum(case when objections.is_answered then 0 else 1 end) as integer) as unanswered,
        cast(count(distinct objections.call_id) as integer) as calls_with_objection
    from objections
    inner join quality on objections.call_id = quality.call_id
    left join call_categories on objections.call_id = call_categories.call_id
    group by
        cast({{ dbt.date_trunc('month', 'quality.local_date') }} as date),
        quality.employee_id,
        coalesce(call_categories.product_category, 'unknown'),
        objections.objection_class
)

select * from final
