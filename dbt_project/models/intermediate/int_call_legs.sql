-- Call legs with the employees on either end resolved from their extensions
-- (by channel name first, then by number), valid on the day of the call.
with

legs as (
    select * from {{ ref('stg_pbx__cdr_legs') }}
),

extensions as (
    select * from {{ ref('int_employee_extensions') }}
),

resolved as (
    select
        legs.*,
        coalesce(by_channel.employee_id, by_source.employee_id) as caller_employee_id,
        coalesce(by_destination_channel.employee_id, by_destination.employee_id) as callee_employee_id,
        coalesce(by_destination_channel.department_id, by_destination.department_id) as callee_department_id,
        coalesce(by_destination_channel.extension, by_destination.extension) as callee_extension
    from legs
    left join extensions as by_channel
        on
            legs.channel_extension = by_channel.extension
            and legs.local_date between by_channel.valid_from and by_channel.valid_to
    left join extensions as by_source
        on
            legs.source_number = by_source.extension
            and legs.local_date between by_source.valid_from and by_source.valid_to
    left join extensions as by_destination_channel
        on
            legs.destination_channel_extension = by_destination_channel.extension
            and legs.local_date between by_destination_channel.valid_from and by_destination_channel.valid_to
    left join extensions as by_destination
        on
            legs.destination_number = by_destination.extension
            and legs.local_date between by_destination.valid_from and by_destination.valid_to
),

talk_flags as (
    select
        *,
        -- a person talks only on these applications; IVR, Playback, VoiceMail, Hangup do not
        last_app in ({{ quoted_list(var('talk_apps')) }}) as is_talk_app
    from resolved
),

final as (
    select
        *,
        disposition = 'ANSWERED' and billed_seconds > 0 and is_talk_app as is_talk_leg,
        row_number() over (
            partition by call_id
            order by started_at asc, source_file asc, source_line asc
        ) as leg_order
    from talk_flags
)

select * from final
