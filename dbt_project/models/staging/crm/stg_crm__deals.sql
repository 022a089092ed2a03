with

source as (
    select *
    from {{ source_columns('crm', 'deals', [
        'deal_id', 'client_id', 'responsible_user_id', 'status', 'created_at', 'closed_at', 'title'
    ]) }} as deals
),

renamed as (
    select
        -- ids
        trim(source.deal_id) as deal_id,
        nullif(trim(source.client_id), '') as client_id,
        nullif(trim(source.responsible_user_id), '') as responsible_crm_user_id,

        -- attributes
        lower(trim(source.status)) as deal_status,
        source.title as deal_title,

        -- timestamps: CRM exports carry an offset; a bare date is a close date
        {{ offset_text_to_utc("nullif(trim(source.created_at), '')") }} as created_at,
        -- the day as the CRM wrote it (its own time zone): what "created in October" means
        cast(left(nullif(trim(source.created_at), ''), 10) as date) as created_date,
        cast(left(nullif(trim(source.closed_at), ''), 10) as date) as closed_date,

        -- lineage
        source._source_file as source_file,
        source._source_line as source_line
    from source
)

select * from renamed
