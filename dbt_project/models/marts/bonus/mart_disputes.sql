-- The disputes of statement numbers, for heads and finance: the queue (open ones and how
-- long they have waited), and the outcomes (accepted with what correction, or rejected
-- and why). One row per dispute opened in the portal.
with

disputes as (
    select * from {{ ref('stg_disputes__disputes') }}
),

answers as (
    select * from {{ ref('stg_disputes__answers') }}
),

employees as (
    select * from {{ ref('int_employees') }}
),

final as (
    select
        disputes.dispute_id,
        disputes.employee_id,
        employees.department_id,
        disputes.dispute_month,
        disputes.kpi_code,
        disputes.fact_id,
        disputes.dispute_comment,
        disputes.opened_by,
        disputes.opened_at,
        coalesce(answers.decision, 'open') as dispute_status,
        answers.correction_kind,
        answers.to_employee_id,
        answers.quality_item,
        answers.answer_reason,
        answers.answered_by,
        answers.answered_at,
        cast(
            {{ dbt.datediff(
                'disputes.opened_at',
                'coalesce(answers.answered_at, cast(' ~ dbt.current_timestamp() ~ ' as timestamp))',
                'day'
            ) }} as integer
        ) as age_days
    from disputes
    left join answers on disputes.dispute_id = answers.dispute_id
    left join employees on disputes.employee_id = employees.employee_id
)

select * from final
