-- Deal lines moved to another employee by an accepted dispute (the portal's "move the
-- deal line" correction): the latest accepted move of a line wins. int_sales_lines
-- attributes each moved line to its new employee, so every KPI and the bonus recompute;
-- a move into a closed month becomes an adjustment in the next open month.
with

disputes as (
    select * from {{ ref('stg_disputes__disputes') }}
),

answers as (
    select * from {{ ref('stg_disputes__answers') }}
),

accepted_moves as (
    select
        disputes.fact_id as deal_line_id,
        answers.to_employee_id,
        disputes.dispute_id,
        answers.answered_at,
        row_number() over (
            partition by disputes.fact_id
            order by answers.answered_at desc, disputes.dispute_id desc
        ) as move_rank
    from answers
    inner join disputes on answers.dispute_id = disputes.dispute_id
    where
        answers.decision = 'accepted'
        and answers.correction_kind = 'move_deal_line'
        and disputes.fact_id is not null
        and answers.to_employee_id is not null
),

final as (
    select
        deal_line_id,
        to_employee_id,
        dispute_id,
        answered_at
    from accepted_moves
    where move_rank = 1
)

select * from final
