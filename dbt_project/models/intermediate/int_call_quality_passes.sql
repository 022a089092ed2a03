-- Checklist items of graded calls passed by an accepted dispute (the portal's "pass the
-- checklist item" correction): one row per call and item, the latest accepted answer
-- first. int_call_scores sets the item to 1 and re-weighs the call's score, so the
-- call_quality KPI, the quality multiplier and the bonus recompute.
with

accepted_passes as (
    select
        passes.fact_id as call_id,
        passes.quality_item,
        passes.dispute_id,
        passes.answered_at,
        row_number() over (
            partition by passes.fact_id, passes.quality_item
            order by passes.answered_at desc, passes.dispute_id desc
        ) as pass_rank
    from ({{ accepted_corrections(['pass_quality_item']) }}) as passes
    where passes.fact_id is not null and passes.quality_item is not null
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
