-- One row per transcribed call with its checklist verdicts and evidence (int_call_scores),
-- without the columns that model keeps to know what to rebuild, but when the row was built.
with

final as (
    select
        call_id,
        employee_id,
        local_date,
        score,
        greeting,
        introduction,
        needs_discovery,
        offer_assortment,
        objection_handling,
        closing,
        politeness,
        literacy,
        items_passed_by_dispute,
        evidence,
        language_code,
        checklist_version,
        objections_count,
        unanswered_objections,
        built_at
    from {{ ref('int_call_scores') }}
)

select * from final
