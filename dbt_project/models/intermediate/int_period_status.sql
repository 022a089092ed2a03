-- Whether each month is open or closed: a month is closed when its latest event in
-- the close history is a close.
with

events as (
    select * from {{ ref('stg_closing__period_events') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by period_month
            order by occurred_at desc, event_id desc
        ) as recency
    from events
),

final as (
    select
        period_month,
        case when event_action = 'close' then 'closed' else 'open' end as period_status,
        case when event_action = 'close' then event_id end as close_event_id,
        occurred_at as status_since,
        event_actor as status_by,
        event_reason as status_reason,
        scheme_version
    from ranked
    where recency = 1
)

select * from final
