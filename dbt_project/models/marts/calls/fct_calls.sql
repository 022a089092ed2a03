-- One row per customer call attributed to one employee (int_call_facts, where the attribution is).
with

final as (
    select * from {{ ref('int_call_facts') }}
)

select * from final
