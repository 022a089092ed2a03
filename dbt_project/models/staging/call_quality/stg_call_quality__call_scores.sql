with

source as (
    select *
    from {{ source_columns('call_quality', 'call_scores', [
        'call_id', 'language', 'checklist_version', 'agent_extension', 'score', 'greeting',
        'introduction', 'needs_discovery', 'offer_assortment', 'objection_handling', 'closing',
        'politeness', 'literacy', 'evidence_json', 'objections_count', 'unanswered_objections'
    ]) }} as call_scores
),

renamed as (
    select
        -- ids
        source.call_id,
        source.agent_extension,

        -- attributes
        source.language as language_code,
        source.checklist_version,
        source.evidence_json,

        -- measures
        cast(source.score as {{ type_double() }}) as score,
        cast(source.greeting as integer) as greeting,
        cast(source.introduction as integer) as introduction,
        cast(source.needs_discovery as integer) as needs_discovery,
        cast(source.offer_assortment as integer) as offer_assortment,
        cast(source.objection_handling as integer) as objection_handling,
        cast(source.closing as integer) as closing,
        cast(source.politeness as integer) as politeness,
        cast(source.literacy as integer) as literacy,
        cast(source.objections_count as integer) as objections_count,
        cast(source.unanswered_objections as integer) as unanswered_objections
    from source
)

select * from renamed
