-- Call legs, once each (a record in two overlapping files is one leg, written alike or
-- not: later_copies), with the employees
-- on either end resolved from their extensions
-- (by channel name first, then by number), valid on the day of the call.
--
-- Incremental: a daily run rebuilds only the calls that have a leg staged since the
-- last build (a new day, a late leg of an old call, a line corrected in a file sent
-- again, a row fetched again from an API: each is in a dlt load not staged before), or
-- everything when the extension directory changed (it re-attributes history). All legs
-- of such a call are rebuilt together, so leg order stays right; delete+insert on
-- call_id replaces them. (A three-day look-back, from before legs carried staged_at,
-- rebuilt recent calls too: four times a day's calls, for nothing staged_at misses.)
-- A line corrected in a file sent again can move its leg to another call, or be wrong now
-- and withdraw its leg (stg_pbx__cdr_legs.is_withdrawn): the call it left is rebuilt
-- without it, and when no leg is left the call is dropped here and in the call models
-- below (moved_from_call_id, macros/incremental.sql).
{{ config_rebuilt_by_key('call_id', post_hook="{{ drop_legs_left_behind() }}") }}

with

-- a leg withdrawn from the raw table (stg_pbx__cdr_legs) is left out; it is still read
-- below as staged again, so that the call it was in is rebuilt without it
staged_legs as (
    select * from {{ ref('stg_pbx__cdr_legs') }}
    where {{ not_withdrawn() }}
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

{#- the rules that tell a leg's copies apart: raised when a change of them has to reach the legs
    built before (2: records two files write differently matched). A warehouse whose legs were
    built by other rules is rebuilt whole, once; one built before the column is too. -#}
{%- set leg_rules_version = 2 %}
{%- set rebuilding_some_calls = is_incremental_with(['built_at', 'directory_version', 'leg_rules_version']) %}

{% if rebuilding_some_calls %}

-- read apart from staged_legs: a CTE read twice is materialised whole by DuckDB, and the
-- joins below then ran on every leg instead of the few rebuilt (bench/README.md, "Speed")
staged_leg_dates as (
    select
        call_id,
        staged_at
    from {{ ref('stg_pbx__cdr_legs') }}
),

last_build as (
    select
        max(built_at) as last_built_at,
        max(directory_version) as directory_version,
        max(leg_rules_version) as leg_rules_version
    from {{ this }}
),

-- legs staged again since the last build (a line corrected in a file sent again), and the
-- call each belonged to: a changed linked id moves the leg, and the call it left is
-- rebuilt too. Read apart and narrowed to the files sent again, so that only their row
-- groups of the built legs are read.
restaged_leg_keys as (
    select
        staged.leg_id,
        staged.source_file
    from {{ ref('stg_pbx__cdr_legs') }} as staged
    cross join last_build
    where staged.staged_at > last_build.last_built_at
),

restaged_legs as (
    select
        built.leg_id,
        built.call_id as previous_call_id
    from {{ this }} as built
    where
        built.source_file in (select restaged_leg_keys.source_file from restaged_leg_keys)
        and built.leg_id in (select restaged_leg_keys.leg_id from restaged_leg_keys)
),

-- a record staged now that a call built before holds already: the same line in two files
-- (a Master.csv and the Master.csv.1 logrotate set it aside as) whose legs have no unique or
-- linked id, so that each file's copy is a call of its own (call_id falls back to the file).
-- That call is rebuilt too, and the record counts once, as in a full build; where the new
-- file's copy is the one kept (its name sorts first), the call built before is left behind
-- and dropped (moved_from_call_id). Legs with an id share their call across files, so only
-- id-less legs are looked up.
new_idless_records as (
    select staged.record_key
    from {{ ref('stg_pbx__cdr_legs') }} as staged
    cross join last_build
    where
        staged.staged_at > last_build.last_built_at
        and staged.unique_id is null
        and staged.linked_id is null
        and staged.record_key is not null
),

calls_holding_a_new_record as (
    select
        built.call_id,
        built.record_key
    from {{ this }} as built
    where built.record_key in (select new_idless_records.record_key from new_idless_records)
),

calls_with_changed_legs as (
    select staged_leg_dates.call_id
    from staged_leg_dates
    cross join last_build
    cross join directory
    where
        staged_leg_dates.staged_at > last_build.last_built_at
        or last_build.last_built_at is null
        or last_build.directory_version is null
        or last_build.directory_version != directory.directory_version
        or last_build.leg_rules_version != {{ leg_rules_version }}
    union
    select restaged_legs.previous_call_id from restaged_legs
    union
    select calls_holding_a_new_record.call_id from calls_holding_a_new_record
),

-- a record two files write differently can sit in two calls (a CDR export carries the linked
-- id an 18-column Master.csv of the same calls has not; later_copies below): the calls
-- holding the unique ids of the legs rebuilt are rebuilt with them, so that the copies are
-- told apart as in a full build
unique_ids_rebuilt as (
    select staged.unique_id
    from {{ ref('stg_pbx__cdr_legs') }} as staged
    where
        staged.unique_id is not null
        and staged.call_id in (select calls_with_changed_legs.call_id from calls_with_changed_legs)
),

calls_to_rebuild as (
    select calls_with_changed_legs.call_id from calls_with_changed_legs
    union
    select staged.call_id
    from {{ ref('stg_pbx__cdr_legs') }} as staged
    where staged.unique_id in (select unique_ids_rebuilt.unique_id from unique_ids_rebuilt)
),

-- worked out first (materialized_cte): the few legs rebuilt, read pruned to their calls
legs as {{ materialized_cte() }} (
    select staged_legs.*
    from staged_legs
    where staged_legs.call_id in (select calls_to_rebuild.call_id from calls_to_rebuild)
),

{% else %}

    legs as (
        select * from staged_legs
    ),

{% endif %}

{%- set in_calls_rebuilt = '1 = 1' %}
{%- if rebuilding_some_calls %}
    {%- set in_calls_rebuilt = 'call_id in (select call_id from calls_to_rebuild)' %}
{%- endif %}

-- the same legs, narrow. A full build reads them from the table itself: reading `legs`
-- twice would have DuckDB materialise every column of every leg first. A daily run reads
-- the few legs rebuilt, worked out already: read from the table, DuckDB hashed every staged
-- leg to pick them (2 of the model's 2.5 s on a day at 10 M legs; bench/README.md)
leg_keys as (
    select
        leg_id,
        call_id,
        record_key,
        started_at,
        source_file,
        source_line
    {%- if rebuilding_some_calls %}
        from legs
    {%- else %}
        from {{ ref('stg_pbx__cdr_legs') }}
        where {{ not_withdrawn() }}
    {%- endif %}
),

-- The unique ids more than one file holds: the few legs among which a record two files
-- write differently is looked for (later_copies)
unique_ids_in_several_files as (
    select unique_id
    from {{ ref('stg_pbx__cdr_legs') }}
    where {{ not_withdrawn() }} and unique_id is not null and {{ in_calls_rebuilt }}
    group by unique_id
    having min(source_file) != max(source_file)
),

legs_sharing_a_unique_id as (
    select
        staged.leg_id,
        staged.call_id,
        staged.unique_id,
        staged.started_at,
        staged.channel,
        staged.destination_channel,
        staged.source_number,
        staged.destination_number,
        staged.disposition,
        staged.billed_seconds,
        staged.duration_seconds,
        staged.source_file
    from {{ ref('stg_pbx__cdr_legs') }} as staged
    where
        {{ not_withdrawn('staged') }}
        and staged.unique_id in (
            select unique_ids_in_several_files.unique_id from unique_ids_in_several_files
        )
),

-- A record a file holds that a file before it (by name) holds too, written differently: a
-- CDR export beside the Master.csv of the same calls works its answer and end out (a second
-- off where the PBX rounded) and may carry a linked id the Master.csv has not, so the two
-- copies have different record keys, and may sit in different calls. Matched on what both
-- write alike; the first file's copy is kept, as for copies written alike (leg_ranks).
later_copies as (
    select
        later.leg_id,
        later.call_id,
        earlier.leg_id as earlier_leg_id,
        earlier.call_id as earlier_call_id
    from legs_sharing_a_unique_id as later
    inner join legs_sharing_a_unique_id as earlier
        on
            later.unique_id = earlier.unique_id
            and later.started_at = earlier.started_at
            and coalesce(later.channel, '') = coalesce(earlier.channel, '')
            and coalesce(later.destination_channel, '') = coalesce(earlier.destination_channel, '')
            and coalesce(later.source_number, '') = coalesce(earlier.source_number, '')
            and coalesce(later.destination_number, '') = coalesce(earlier.destination_number, '')
            and later.disposition = earlier.disposition
            and later.billed_seconds = earlier.billed_seconds
            and later.duration_seconds = earlier.duration_seconds
            and later.source_file > earlier.source_file
),

-- A record held by more than one leg: the same record in two overlapping files. Only these
-- legs are ranked to find the record's first copy; a record held once is its own first
-- copy. Ranking every leg by its record (a window over 10 M legs) took 4-5 s of the
-- model's 24 s full build (bench/README.md, "Speed").
repeated_records as (
    select coalesce(record_key, leg_id) as record_key
    from {{ ref('stg_pbx__cdr_legs') }}
    where
        {{ not_withdrawn() }}
        and {{ in_calls_rebuilt }}
    group by coalesce(record_key, leg_id)
    having count(*) > 1
),

-- The same record in two overlapping files counts once: the first file's copy (rows
-- staged before record keys were kept are their own records). The legs of records held
-- once by an anti-join, not `not in`: PostgreSQL checks `not in` row by row against a
-- large list (a month's file sent again corrected, under another name)
first_copies as (
    select
        leg_keys.leg_id,
        leg_keys.call_id,
        leg_keys.started_at,
        leg_keys.source_file,
        leg_keys.source_line
    from leg_keys
    left join repeated_records
        on coalesce(leg_keys.record_key, leg_keys.leg_id) = repeated_records.record_key
    where repeated_records.record_key is null

    union all

    select
        copies.leg_id,
        copies.call_id,
        copies.started_at,
        copies.source_file,
        copies.source_line
    from (
        select
            staged.leg_id,
            staged.call_id,
            staged.started_at,
            staged.source_file,
            staged.source_line,
            row_number() over (
                partition by coalesce(staged.record_key, staged.leg_id)
                order by staged.source_file, staged.source_line
            ) as record_copy
        from {{ ref('stg_pbx__cdr_legs') }} as staged
        where
            {{ not_withdrawn('staged') }}
            and {{ in_calls_rebuilt }}
            and coalesce(staged.record_key, staged.leg_id) in (
                select repeated_records.record_key from repeated_records
            )
    ) as copies
    where copies.record_copy = 1
),

-- The copies left are put in order within their call, on the legs' keys alone, joined
-- back below: a window over every column of 10 M legs took 51 s, over the keys 28 s
-- (bench/README.md, "Speed")
leg_ranks as (
    select
        first_copies.leg_id,
        row_number() over (
            partition by first_copies.call_id
            order by first_copies.started_at asc, first_copies.source_file asc, first_copies.source_line asc
        ) as leg_order
    from first_copies
    where
        not exists (
            select 1 from later_copies
            where later_copies.leg_id = first_copies.leg_id
        )
),

unique_legs as (
    select
        legs.*,
        leg_ranks.leg_order
    from legs
    inner join leg_ranks on legs.leg_id = leg_ranks.leg_id
),

resolved as (
    select
        legs.*,
        coalesce(by_channel.employee_id, by_source.employee_id) as caller_employee_id,
        coalesce(by_destination_channel.employee_id, by_destination.employee_id) as callee_employee_id,
        coalesce(by_destination_channel.department_id, by_destination.department_id) as callee_department_id,
        coalesce(by_destination_channel.extension, by_destination.extension) as callee_extension
    from unique_legs as legs
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

-- a kept leg whose later copy sat in another call: that call, if built before, is left
-- behind, and dropped where no leg of its own is left (moved_from_call_id; also when a
-- warehouse built by other rules is rebuilt whole)
copies_left_in_other_calls as (
    select
        later_copies.earlier_leg_id as kept_leg_id,
        min(later_copies.call_id) as call_id
    from later_copies
    where later_copies.call_id != later_copies.earlier_call_id
    group by later_copies.earlier_leg_id
),

talk_flags as (
    select
        *,
        -- a person talks only on these applications; IVR, Playback, VoiceMail, Hangup do not
        last_app in ({{ quoted_list(var('talk_apps')) }}) as is_talk_app
    from resolved
),

-- the leg's keys, what the call models read, and its file and line (a failed test names
-- them); the staged leg's other columns (caller id, channels, dial data, ids) stay in
-- stg_pbx__cdr_legs: copying them made this a build's widest table (writing 10 M legs took
-- 22 s of the model's 40, narrow 11 s). A warehouse built before keeps those columns, empty
-- on legs built since; nothing reads them.
final as (
    select
        talk_flags.leg_id,
        talk_flags.call_id,
        -- kept for a leg with neither a unique nor a linked id, the only kind a daily run looks
        -- up among the legs built (calls_holding_a_new_record): every leg's key, 32 random hex
        -- characters that compress poorly, was 1.8 s of the model's full build at 10 M legs
        case
            when talk_flags.unique_id is null and talk_flags.linked_id is null then talk_flags.record_key
        end as record_key,
        talk_flags.source_number,
        talk_flags.destination_number,
        talk_flags.started_at,
        talk_flags.ended_at,
        talk_flags.started_at_local,
        talk_flags.local_date,
        talk_flags.duration_seconds,
        talk_flags.billed_seconds,
        talk_flags.source_file,
        talk_flags.source_line,
        talk_flags.leg_order,
        talk_flags.caller_employee_id,
        talk_flags.callee_employee_id,
        talk_flags.callee_department_id,
        talk_flags.is_talk_app,
        talk_flags.disposition = 'ANSWERED' and talk_flags.billed_seconds > 0 and talk_flags.is_talk_app
            as is_talk_leg,
        {% if rebuilding_some_calls -%}
            case
                when restaged_legs.previous_call_id != talk_flags.call_id then restaged_legs.previous_call_id
                when copied_from.call_id != talk_flags.call_id then copied_from.call_id
                else copy_left_elsewhere.call_id
            end
        {%- else -%}
            copy_left_elsewhere.call_id
        {%- endif %} as moved_from_call_id,
        directory.directory_version,
        {{ leg_rules_version }} as leg_rules_version,
        {{ build_time() }} as built_at
    from talk_flags
    cross join directory
    {% if rebuilding_some_calls -%}
        left join restaged_legs on talk_flags.leg_id = restaged_legs.leg_id
        left join calls_holding_a_new_record as copied_from on talk_flags.record_key = copied_from.record_key
    {%- endif %}
    left join copies_left_in_other_calls as copy_left_elsewhere
        on talk_flags.leg_id = copy_left_elsewhere.kept_leg_id
)

select * from final
