-- One row per transcribed call: the checklist items (0/1), the score and the evidence
-- (item -> quoted phrase, redacted, and its time in the call), attributed to the
-- employee of the call (or, for a transcript without a known call, its agent's extension).
with

scores as (
    select * from {{ ref('stg_call_quality__call_scores') }}
),

calls as (
    select * from {{ ref('int_call_facts') }}
),

transcripts as (
    select * from {{ ref('stg_pbx__transcripts') }}
),

extensions as (
    select * from {{ ref('int_employee_extensions') }}
),

final as (
    select
        scores.call_id,
        coalesce(calls.employee_id, by_extension.employee_id) as employee_id,
        coalesce(calls.local_date, cast(transcripts.started_at as date)) as local_date,
        scores.score,
        {%- for item in var('checklist_items') %}
            scores.{{ item }},
        {%- endfor %}
        scores.evidence_json as evidence,
        scores.language_code,
        scores.checklist_version,
        scores.objections_count,
        scores.unanswered_objections
    from scores
    left join calls on scores.call_id = calls.call_id
    left join transcripts on scores.call_id = transcripts.call_id
    left join extensions as by_extension
        on
            scores.agent_extension = by_extension.extension
            and cast(transcripts.started_at as date) between by_extension.valid_from and by_extension.valid_to
)

select * from final
