-- One row per correction of a closed month, paid in a later month: how much, for which
-- month, and why (adjustment_cause; kpi_codes names the KPIs whose numbers changed,
-- dispute_ids the accepted disputes that corrected them).
-- Corrections paid in an open month are computed from today's data; those paid in a
-- closed month are the ones frozen with it.
with

status as (
    select * from {{ ref('int_period_status') }}
),

live as (
    select adjustments.*
    from {{ ref('int_bonus_adjustments') }} as adjustments
    left join status on adjustments.paid_in_month = status.period_month
    where
        adjustments.paid_in_month is not null
        and coalesce(status.period_status, 'open') = 'open'
),

frozen as (
    {{ rows_of_current_close('stg_closing__bonus_adjustments') }}
),

disputed as (
    select * from {{ ref('int_dispute_corrections') }}
),

unioned as (
    select
        paid_in_month,
        for_month,
        employee_id,
        adjustment_amount,
        adjustment_cause,
        kpi_codes,
        dispute_ids,
        'open' as period_status
    from live
    union all
    select
        paid_in_month,
        for_month,
        employee_id,
        adjustment_amount,
        adjustment_cause,
        kpi_codes,
        -- the closing tables keep no ids: disputes are append-only, so they are found again
        (
            select disputed.dispute_ids from disputed
            where
                disputed.for_month = frozen.for_month
                and disputed.employee_id = frozen.employee_id
                and frozen.adjustment_cause = 'dispute'
        ) as dispute_ids,
        'closed' as period_status
    from frozen
),

final as (
    select
        cast(paid_in_month as date) as paid_in_month,
        cast(for_month as date) as for_month,
        cast(employee_id as {{ dbt.type_string() }}) as employee_id,
        cast(adjustment_amount as numeric(18, 2)) as adjustment_amount,
        cast(adjustment_cause as {{ dbt.type_string() }}) as adjustment_cause,
        cast(kpi_codes as {{ dbt.type_string() }}) as kpi_codes,
        cast(dispute_ids as {{ dbt.type_string() }}) as dispute_ids,
        cast(
            {{ adjustment_reason_text('adjustment_cause', 'for_month', 'kpi_codes', 'dispute_ids') }}
            as {{ dbt.type_string() }}
        ) as adjustment_reason,
        cast(period_status as {{ dbt.type_string() }}) as period_status
    from unioned
)

select * from final
