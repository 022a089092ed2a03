-- The calendar the marts count days by (int_calendar): every day of every month from the
-- first call or closed deal to the last, working days and holidays.
with

final as (
    select * from {{ ref('int_calendar') }}
)

select * from final
