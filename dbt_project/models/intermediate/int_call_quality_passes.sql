-- Checklist items of graded calls passed by an accepted dispute (the portal's "pass the
-- checklist item" correction): one row per call and item, the latest accepted answer
-- first. int_call_scores sets the item to 1 and re-weighs the call's score, so the
-- call_quality KPI, the quality multiplier and the bonus recompute.
with

disputes as (
    select * from {{ ref('stg_disputes__disputes') }}
),

answers as (
    select * from {{ ref('stg_disputes__answers') }}
),

accepted_passes as (
    select
        disputes.fact_id as call_id,
        answers.quality_item,
        disputes.dispute_id,
        answers.answered_at,
        row_number() over (
            partition by disputes.fact_id, answers.quality_item
            order by answers.answered_at desc, disputes.dispute_id desc
        ) as pass_rank
    from answers
    inner join disputes on answers.dispute_id = disputes.dispute_id
    where
        answers.decision = 'accepted'
        and answers.correction_kind = 'pass_quality_item'
        and disputes.fact_id is not null
        and answers.quality_item is not null
),

final as (
    select
        call_id,
        quality_item,
        dispute_id,
        answered_at
    from accepted_passes
    where pass_rank = 1
)

select * from final
