with

source as (
    select *
    from {{ source_columns('crm', 'deal_lines', [
        'deal_line_id', 'deal_id', 'product_id', 'quantity', 'price', 'cost'
    ]) }} as deal_lines
),

renamed as (
    select
        -- ids
        trim(source.deal_line_id) as deal_line_id,
        trim(source.deal_id) as deal_id,
        trim(source.product_id) as product_id,

        -- measures
        cast(trim(source.quantity) as numeric(18, 3)) as quantity,
        cast(trim(source.price) as numeric(18, 2)) as unit_price,
        cast(nullif(trim(source.cost), '') as numeric(18, 2)) as unit_cost,

        -- lineage
        source._source_file as source_file,
        source._source_line as source_line
    from source
)

select * from renamed
