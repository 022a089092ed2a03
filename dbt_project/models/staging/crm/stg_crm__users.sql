with

source as (
    select *
    from {{ source_columns('crm', 'users', ['user_id', 'full_name', 'email', 'is_active']) }} as users
),

renamed as (
    select
        -- ids
        trim(source.user_id) as crm_user_id,

        -- attributes
        trim(source.full_name) as full_name,
        nullif(trim(source.email), '') as email,
        coalesce(source.is_active is null or {{ parse_bool('source.is_active') }}, true) as is_active,

        -- lineage
        source._source_file as source_file,
        source._source_line as source_line
    from source
)

select * from renamed
