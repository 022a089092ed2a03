-- One row per calendar day of every month from the first call or deal to the last
-- (whole months, so working days per month are right at the edges of the data).
with recursive

bounds as (
    select
        cast({{ dbt.date_trunc('month', 'min(first_day)') }} as date) as first_day,
        cast(
            {{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, dbt.date_trunc('month', 'max(last_day)'))) }}
            as date
        ) as last_day
    from (
        select
            min(local_date) as first_day,
            max(local_date) as last_day
        from {{ ref('stg_pbx__cdr_legs') }}
        where {{ not_withdrawn() }}
        union all
        select
            min(closed_date) as first_day,
            max(closed_date) as last_day
        from {{ ref('stg_crm__deals') }}
    ) as activity
),

days as (
    select first_day as date_day
    from bounds
    where first_day is not null
    union all
    select cast({{ dbt.dateadd('day', 1, 'days.date_day') }} as date) as date_day
    from days
    cross join bounds
    where days.date_day < bounds.last_day
),

holidays as (
    select * from {{ ref('calendar_holidays') }}
),

final as (
    select
        days.date_day,
        cast({{ dbt.date_trunc('month', 'days.date_day') }} as date) as month_start,
        cast({{ dbt.date_trunc('week', 'days.date_day') }} as date) as week_start,
        cast(extract(year from days.date_day) as integer) as year_number,
        cast(extract(month from days.date_day) as integer) as month_number,
        cast({{ iso_day_of_week('days.date_day') }} as integer) as iso_day_of_week,
        {{ iso_day_of_week('days.date_day') }} in (6, 7) as is_weekend,
        holidays.holiday_date is not null as is_holiday,
        holidays.holiday_name,
        {{ iso_day_of_week('days.date_day') }} not in (6, 7)
        and holidays.holiday_date is null as is_working_day
    from days
    left join holidays on days.date_day = holidays.holiday_date
)

select * from final
