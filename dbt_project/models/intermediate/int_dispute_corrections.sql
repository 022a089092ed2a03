-- The months whose numbers an accepted dispute corrected, per employee it touched: the
-- disputing employee, and for a moved deal line also the employee it moved to. A
-- correction of a closed month is paid as an adjustment whose cause is the dispute
-- (int_bonus_adjustments), and the adjustment names the disputes (dispute_ids).
with

disputes as (
    select * from {{ ref('stg_disputes__disputes') }}
),

answers as (
    select * from {{ ref('stg_disputes__answers') }}
),

corrections as (
    select
        disputes.dispute_id,
        disputes.dispute_month,
        disputes.employee_id,
        answers.to_employee_id
    from answers
    inner join disputes on answers.dispute_id = disputes.dispute_id
    where
        answers.decision = 'accepted'
        and answers.correction_kind in ('move_deal_line', 'pass_quality_item')
),

touched as (
    select dispute_id, dispute_month, employee_id from corrections
    union all
    select dispute_id, dispute_month, to_employee_id as employee_id from corrections
    where to_employee_id is not null and to_employee_id != employee_id
),

final as (
    select
        dispute_month as for_month,
        employee_id,
        {{ dbt.listagg(
            "cast(dispute_id as " ~ dbt.type_string() ~ ")", "','", "order by dispute_id"
        ) }} as dispute_ids
    from touched
    group by dispute_month, employee_id
)

select * from final
