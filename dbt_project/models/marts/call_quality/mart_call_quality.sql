-- One row per transcribed call with its checklist verdicts and evidence (int_call_scores).
with

final as (
    select * from {{ ref('int_call_scores') }}
)

select * from final
