with

source as (
    select *
    from {{ source_columns('call_quality', 'call_objections', [
        'call_id', 'objection_index', 'objection_class', 'quote', 'at_seconds', 'answered'
    ]) }} as call_objections
),

renamed as (
    select
        -- ids
        source.call_id,
        cast(source.objection_index as integer) as objection_index,

        -- attributes
        source.objection_class,
        source.quote as objection_quote,
        lower(source.answered) in ('true', 't', '1') as is_answered,

        -- measures
        cast(source.at_seconds as {{ type_double() }}) as at_seconds
    from source
)

select * from renamed
