with

source as (
    select *
    from {{ source_columns('crm', 'clients', [
        'client_id', 'client_name', 'phones', 'responsible_user_id'
    ]) }} as clients
),

renamed as (
    select
        -- ids
        trim(source.client_id) as client_id,
        nullif(trim(source.responsible_user_id), '') as responsible_crm_user_id,

        -- attributes
        trim(source.client_name) as client_name,
        -- numbers as typed into the CRM, several separated by ";" (or ","):
        -- normalised to E.164 in int_client_phones
        replace(coalesce(source.phones, ''), ',', ';') as phones_list,

        -- lineage
        source._source_file as source_file,
        source._source_line as source_line
    from source
)

select * from renamed
