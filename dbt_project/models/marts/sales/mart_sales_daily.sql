-- Won revenue per department and day the deal closed: the overview's revenue trend.
with

sales_lines as (
    select * from {{ ref('fct_sales_lines') }}
),

final as (
    select
        closed_date as sales_date,
        department_id,
        cast(sum(revenue) as numeric(18, 2)) as revenue,
        cast(count(distinct deal_id) as integer) as deals_won
    from sales_lines
    where is_won and closed_date is not null
    group by closed_date, department_id
)

select * from final
