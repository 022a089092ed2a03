-- Call legs with the employees on either end resolved from their extensions
-- (by channel name first, then by number), valid on the day of the call.
--
-- Incremental: a daily run rebuilds only the calls that have a leg not built yet (a
-- new day, or a late leg of an old call), a leg dated within the look-back window
-- (re-fetched from an API, corrected), or everything when the extension directory
-- changed (it re-attributes history). All legs of such a call are rebuilt together,
-- so leg order stays right; delete+insert on call_id replaces them.
{{
    config(
        materialized=incremental_where_supported(),
        unique_key='call_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
    )
}}

with

staged_legs as (
    select * from {{ ref('stg_pbx__cdr_legs') }}
),

extensions as (
    select * from {{ ref('int_employee_extensions') }}
),

directory as (
    select
        {{ dbt.hash(dbt.listagg(
            dbt.concat([
                "coalesce(employee_id, '')", "'|'", "coalesce(department_id, '')", "'|'", 'extension',
                "'|'", dbt.cast('valid_from', dbt.type_string()), "'|'", dbt.cast('valid_to', dbt.type_string()),
            ]),
            "';'",
            'order by employee_id, extension, valid_from',
        )) }} as directory_version
    from extensions
),

{% if is_incremental_with(['built_at', 'directory_version']) %}

built_legs as (
    select
        leg_id,
        local_date,
        directory_version
    from {{ this }}
),

look_back as (
    select
        {{ dbt.dateadd('day', -var('call_lookback_days'), 'max(local_date)') }} as first_day,
        max(directory_version) as directory_version
    from built_legs
),

calls_to_rebuild as (
    select distinct staged_legs.call_id
    from staged_legs
    cross join look_back
    cross join directory
    left join built_legs on staged_legs.leg_id = built_legs.leg_id
    where
        built_legs.leg_id is null
        or staged_legs.local_date >= look_back.first_day
        or look_back.directory_version is null
        or look_back.directory_version != directory.directory_version
),

legs as (
    select staged_legs.*
    from staged_legs
    inner join calls_to_rebuild on staged_legs.call_id = calls_to_rebuild.call_id
),

{% else %}

    legs as (
        select * from staged_legs
    ),

{% endif %}

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
        talk_flags.*,
        talk_flags.disposition = 'ANSWERED' and talk_flags.billed_seconds > 0 and talk_flags.is_talk_app
            as is_talk_leg,
        row_number() over (
            partition by talk_flags.call_id
            order by talk_flags.started_at asc, talk_flags.source_file asc, talk_flags.source_line asc
        ) as leg_order,
        directory.directory_version,
        {{ build_time() }} as built_at
    from talk_flags
    cross join directory
)

select * from final
