with

source as (
    select *
    from {{ source_columns('pbx', 'transcripts', [
        'call_id', 'language', 'agent_extension', 'started_at', 'segment_count', 'segments_json'
    ]) }} as transcripts
),

renamed as (
    select
        -- ids
        source.call_id,
        nullif(trim(source.agent_extension), '') as agent_extension,

        -- attributes
        lower(coalesce(nullif(trim(source.language), ''), 'ru')) as language_code,
        cast(source.segment_count as integer) as segment_count,
        source.segments_json,

        -- timestamps
        {{ local_to_utc("cast(nullif(trim(source.started_at), '') as timestamp)", var('pbx_timezone')) }}
            as started_at,

        -- lineage
        source._source_file as source_file,
        source._source_line as source_line
    from source
)

select * from renamed
