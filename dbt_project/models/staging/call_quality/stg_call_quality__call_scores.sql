{%- set weight_columns = [] -%}
{%- for item in var('checklist_items') -%}
    {%- do weight_columns.append(item ~ '_weight') -%}
{%- endfor -%}

with

source as (
    select *
    from {{ source_columns('call_quality', 'call_scores', [
        'call_id', 'language', 'checklist_version', 'agent_extension', 'score', 'evidence_json',
        'objections_count', 'unanswered_objections', 'transcript_load_id'
    ] + var('checklist_items') + weight_columns) }} as call_scores
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
        -- the load of the transcript scored (null in scores made before it was kept)
        source.transcript_load_id,

        -- measures
        cast(source.score as {{ type_double() }}) as score,
        {%- for item in var('checklist_items') %}
            cast(source.{{ item }} as integer) as {{ item }},
        {%- endfor %}
        {%- for item in var('checklist_items') %}
            cast(source.{{ item }}_weight as {{ type_double() }}) as {{ item }}_weight,
        {%- endfor %}
        cast(source.objections_count as integer) as objections_count,
        cast(source.unanswered_objections as integer) as unanswered_objections
    from source
)

select * from renamed
