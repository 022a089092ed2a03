-- The employees as the directory has them now (int_employees).
with

final as (
    select * from {{ ref('int_employees') }}
)

select * from final
