-- The one staging model stored as a table, and incrementally: parsing every CDR line
-- of a long history (times, zones, channel names) on every run dominated it. A run
-- parses only the rows of dlt loads not staged yet (new lines, a corrected file sent
-- again); rows loaded before rows carried a load id are found by file and line.
-- A line a corrected file sent again holds wrong now leaves the raw table for the
-- quarantine; its leg stays here marked is_withdrawn, so that int_call_legs rebuilds (or
-- drops) the call it was in. Every reader of this model leaves such legs out.
-- Rebuilt by file and leg id: a leg id is its file and line, so the key is the same, and the
-- file lets the database skip the row groups of other files when it deletes the legs staged
-- again (DuckDB read every staged leg id for it: 0.16-0.8 s of a day at 10 M legs, 0.02 s so)
{{ config_rebuilt_by_key(['source_file', 'leg_id'], post_hook="{{ mark_withdrawn_legs() }}") }}
{#- `end` is a keyword: quoted as the adapter quotes (backticks on Spark) -#}
{%- set end_column = 'source.' ~ adapter.quote('end') %}
{%- set raw_columns = [
    'src', 'dst', 'channel', 'dstchannel', 'lastapp', 'start', 'answer', 'end', 'duration',
    'billsec', 'disposition', 'uniqueid', 'linkedid', 'sequence', 'time_zone', '_dlt_load_id'
] %}
{%- set started_local = 'cast(trim(source.start) as timestamp)' %}
{%- set ended_local = 'cast(trim(' ~ end_column ~ ') as timestamp)' %}

with

{%- if is_incremental_with(['load_id', 'staged_at']) %}

-- the dlt loads not staged yet: a handful of ids, read from one column. Joining the raw
-- rows to them (not filtering every raw row by "not in") lets the database skip the row
-- groups of older loads, which are written in load order, instead of reading every
-- column of the whole history on every run (bench/README.md, "Speed")
-- (read through source_columns like every read of the raw table: a warehouse with no call
-- records loaded yet, such as `make test-fast`'s scratch one, has no raw table at all)
new_loads as (
    select distinct asterisk_cdr._dlt_load_id as load_id
    from {{ source_columns('pbx', 'asterisk_cdr', ['_dlt_load_id']) }} as asterisk_cdr
    where
        asterisk_cdr._dlt_load_id not in (
            select distinct staged.load_id from {{ this }} as staged where staged.load_id is not null
        )
),

source as (
    select asterisk_cdr.*
    from {{ source_columns('pbx', 'asterisk_cdr', raw_columns) }} as asterisk_cdr
    inner join new_loads on asterisk_cdr._dlt_load_id = new_loads.load_id

    union all

    -- rows loaded before rows carried a load id: found by file and line, among the legs
    -- staged from such rows (no load id either): DuckDB hashed every staged leg for the
    -- lookup even when no raw row lacked a load id, 0.4-0.7 s a run at 10 M
    select asterisk_cdr.*
    from {{ source_columns('pbx', 'asterisk_cdr', raw_columns) }} as asterisk_cdr
    where
        asterisk_cdr._dlt_load_id is null
        and not exists (
            select 1 from {{ this }} as staged
            where
                staged.load_id is null
                and staged.source_file = asterisk_cdr._source_file
                and staged.source_line = asterisk_cdr._source_line
        )
),

{%- else %}

    source as (
        select *
        from {{ source_columns('pbx', 'asterisk_cdr', raw_columns) }} as asterisk_cdr
    ),

{%- endif %}

-- what the call models read of a leg, and its lineage. The record's other fields (the
-- caller id's name, the dial string, account, AMA flags, user field, context, sequence,
-- answer time) are read by no model and stay in the raw table: parsing and writing them
-- was 5 s of this model's 36 at 10 M legs (raw_pbx.asterisk_cdr keeps every field as sent).
renamed as (
    select
        -- ids
        source._source_file || ':' || cast(source._source_line as {{ dbt.type_string() }}) as leg_id,
        -- legs of one call share the linked id (Asterisk 12+) or else the unique id;
        -- files with neither group legs by file, caller and start second
        coalesce(
            nullif(trim(source.linkedid), ''),
            nullif(trim(source.uniqueid), ''),
            source._source_file || ':' || trim(source.src) || ':' || trim(source.start)
        ) as call_id,
        -- the record itself: the same leg in two files (overlapping exports) has one key
        {{ dbt.hash(joined_text([
            "coalesce(trim(source.uniqueid), '')", "'|'", "coalesce(trim(source.linkedid), '')", "'|'",
            "coalesce(trim(source.sequence), '')", "'|'", "trim(source.start)", "'|'",
            "coalesce(trim(source.answer), '')", "'|'", "trim(" ~ end_column ~ ")", "'|'",
            "coalesce(trim(source.channel), '')", "'|'", "coalesce(trim(source.dstchannel), '')", "'|'",
            "coalesce(trim(source.src), '')", "'|'", "coalesce(trim(source.dst), '')", "'|'",
            "upper(trim(source.disposition))", "'|'", "trim(source.billsec)", "'|'", "trim(source.duration)",
        ])) }} as record_key,
        nullif(trim(source.uniqueid), '') as unique_id,
        nullif(trim(source.linkedid), '') as linked_id,

        -- parties
        trim(source.src) as source_number,
        trim(source.dst) as destination_number,
        trim(source.channel) as channel,
        trim(source.dstchannel) as destination_channel,
        {{ channel_extension('trim(source.channel)') }} as channel_extension,
        {{ channel_extension('trim(source.dstchannel)') }} as destination_channel_extension,
        lower(trim(source.lastapp)) as last_app,

        -- timestamps: the PBX writes local time; stored as UTC with the local date kept. A
        -- record an API brought is in the zone of its load (time_zone), so a later change of
        -- pbx_timezone, which rebuilds the history, moves the files' calls only
        {{ pbx_time_to_utc(started_local, 'source.time_zone') }} as started_at,
        {{ pbx_time_to_utc(ended_local, 'source.time_zone') }} as ended_at,
        cast(trim(source.start) as timestamp) as started_at_local,
        cast(cast(trim(source.start) as timestamp) as date) as local_date,

        -- measures
        cast(trim(source.duration) as integer) as duration_seconds,
        cast(trim(source.billsec) as integer) as billed_seconds,
        upper(trim(source.disposition)) as disposition,

        -- lineage
        source._source_file as source_file,
        source._source_line as source_line,
        source._dlt_load_id as load_id,
        {{ build_time() }} as staged_at,
        false as is_withdrawn
    from source
)

select * from renamed
