-- One row per client phone number, normalised to E.164 (a client can have several).
with

clients as (
    select * from {{ ref('stg_crm__clients') }}
),

positions as (
    {{ list_positions(8) }}
),

split_phones as (
    select
        clients.client_id,
        positions.list_position,
        trim({{ list_item('clients.phones_list', "';'", 'positions.list_position') }}) as phone_as_typed
    from clients
    cross join positions
),

final as (
    select
        client_id,
        list_position,
        phone_as_typed,
        {{ normalize_phone('phone_as_typed') }} as phone_e164
    from split_phones
    where phone_as_typed != ''
)

select * from final
