-- The months whose numbers an accepted dispute corrected, per employee it touched: the
-- disputing employee, and for a moved deal line also the employee it moved to. A
-- correction of a closed month is paid as an adjustment whose cause is the dispute
-- (int_bonus_adjustments), and the adjustment names the disputes (dispute_ids).
with

corrections as (
    {{ accepted_corrections(['move_deal_line', 'pass_quality_item']) }}
),

touched as (
    select
        corrections.dispute_id,
        corrections.dispute_month,
        corrections.employee_id
    from corrections
    union all
    select
        corrections.dispute_id,
        corrections.dispute_month,
        corrections.to_employee_id as employee_id
    from corrections
    where
        corrections.to_employee_id is not null
        and corrections.to_employee_id != corrections.employee_id
),

final as (
    select
        touched.dispute_month as for_month,
        touched.employee_id,
        {{ dbt.listagg(
            "cast(touched.dispute_id as " ~ dbt.type_string() ~ ")", "','", "order by touched.dispute_id"
        ) }} as dispute_ids
    from touched
    group by touched.dispute_month, touched.employee_id
)

select * from final
