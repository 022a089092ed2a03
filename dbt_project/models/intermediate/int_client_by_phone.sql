-- The client a phone number belongs to; a number shared by several clients goes to the
-- lowest client id, so a call never links to two clients.
with

client_phones as (
    select * from {{ ref('int_client_phones') }}
),

final as (
    select
        phone_e164,
        min(client_id) as client_id,
        count(distinct client_id) as clients_with_number
    from client_phones
    where phone_e164 is not null
    group by phone_e164
)

select * from final
