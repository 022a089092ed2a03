with

source as (
    select *
    from {{ source_columns('crm', 'products', [
        'product_id', 'product_name', 'category', 'cost', 'list_price', 'is_priority',
        'is_promo', 'season_start', 'season_end'
    ]) }} as products
),

renamed as (
    select
        -- ids
        trim(source.product_id) as product_id,

        -- attributes
        trim(source.product_name) as product_name,
        coalesce(nullif(trim(source.category), ''), 'uncategorised') as category,
        {{ parse_bool('source.is_priority') }} as is_priority,
        {{ parse_bool('source.is_promo') }} as is_promo,

        -- measures
        cast(nullif(trim(source.cost), '') as numeric(18, 2)) as unit_cost,
        cast(nullif(trim(source.list_price), '') as numeric(18, 2)) as list_price,

        -- dates: the season window of seasonal products (both empty: sold all year)
        cast(nullif(trim(source.season_start), '') as date) as season_start,
        cast(nullif(trim(source.season_end), '') as date) as season_end,

        -- lineage
        source._source_file as source_file,
        source._source_line as source_line
    from source
)

select * from renamed
