-- Deal lines moved to another employee by an accepted dispute (the portal's "move the
-- deal line" correction): the latest accepted move of a line wins. int_sales_lines
-- attributes each moved line to its new employee, so every KPI and the bonus recompute;
-- a move into a closed month becomes an adjustment in the next open month.
with

accepted_moves as (
    select
        moves.fact_id as deal_line_id,
        moves.to_employee_id,
        moves.dispute_id,
        moves.answered_at,
        row_number() over (
            partition by moves.fact_id
            order by moves.answered_at desc, moves.dispute_id desc
        ) as move_rank
    from ({{ accepted_corrections(['move_deal_line']) }}) as moves
    where moves.fact_id is not null and moves.to_employee_id is not null
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
