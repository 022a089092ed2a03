-- One row per deal line with its deal, employee and product flags (int_sales_lines).
with

final as (
    select * from {{ ref('int_sales_lines') }}
)

select * from final
