with

source as (
    select *
    from {{ source_columns('closing', 'period_events', [
        'event_id', 'month', 'action', 'reason', 'actor', 'occurred_at', 'scheme_version'
    ]) }} as period_events
),

renamed as (
    select
        -- ids
        source.event_id,
        cast(source.month as date) as period_month,

        -- attributes
        source.action as event_action,
        source.reason as event_reason,
        source.actor as event_actor,
        source.scheme_version,

        -- timestamps
        cast(source.occurred_at as timestamp) as occurred_at
    from source
)

select * from renamed
