-- Corrections of closed months: what a closed month's bonus would be now, less what was
-- frozen and what was already paid for it, to be paid in the employee's next open
-- month, with its cause:
--   late_data      an actual (or the multiplier's input, or a plan) changed since the close
--   scheme_change  the employee's scheme (weights, scales, gates, multiplier, base) changed
--   dispute        an accepted dispute corrected the month's data (dispute_ids names it)
-- both data and scheme when both changed, and recalculation when nothing did (a changed
-- rule of the models).
-- kpi_codes lists the KPIs whose actual or target changed.
with

status as (
    select * from {{ ref('int_period_status') }}
),

live as (
    select * from {{ ref('int_bonus_monthly_live') }}
),

live_kpis as (
    select * from {{ ref('int_kpi_scored') }}
),

frozen as (
    {{ rows_of_current_close('stg_closing__bonus_statements') }}
),

frozen_kpis as (
    {{ rows_of_current_close('stg_closing__kpi_statements') }}
),

disputed as (
    select * from {{ ref('int_dispute_corrections') }}
),

paid as (
    select
        adjustments.for_month,
        adjustments.employee_id,
        sum(adjustments.adjustment_amount) as paid_amount
    from ({{ rows_of_current_close('stg_closing__bonus_adjustments') }}) as adjustments
    group by adjustments.for_month, adjustments.employee_id
),

closed_months as (
    select period_month from status
    where period_status = 'closed'
),

closed_live as (
    select live.*
    from live
    inner join closed_months on live.period_month = closed_months.period_month
),

-- per KPI of a closed month: did its data or its scheme change since the close?
kpi_changes as (
    select
        coalesce(live_kpis.period_month, frozen_kpis.period_month) as period_month,
        coalesce(live_kpis.employee_id, frozen_kpis.employee_id) as employee_id,
        max(
            case
                when live_kpis.kpi_code is null or frozen_kpis.kpi_code is null then 1
                when live_kpis.weight != frozen_kpis.weight then 1
                when live_kpis.scale_kind != frozen_kpis.scale_kind then 1
                when coalesce(live_kpis.threshold, -1) != coalesce(frozen_kpis.threshold, -1) then 1
                when coalesce(live_kpis.cap, -1) != coalesce(frozen_kpis.cap, -1) then 1
                else 0
            end
        ) as is_scheme_param_changed,
        max(
            case
                when coalesce(live_kpis.actual_value, -1) != coalesce(frozen_kpis.actual_value, -1) then 1
                else 0
            end
        ) as is_actual_changed,
        {{ dbt.listagg(
            "case when coalesce(live_kpis.actual_value, -1) != coalesce(frozen_kpis.actual_value, -1)"
            ~ " or coalesce(live_kpis.target_value, -1) != coalesce(frozen_kpis.target_value, -1)"
            ~ " then live_kpis.kpi_code end",
            "','",
            "order by live_kpis.kpi_code"
        ) }} as kpi_codes
    from live_kpis
    inner join closed_months on live_kpis.period_month = closed_months.period_month
    full outer join frozen_kpis
        on
            live_kpis.period_month = frozen_kpis.period_month
            and live_kpis.employee_id = frozen_kpis.employee_id
            and live_kpis.kpi_code = frozen_kpis.kpi_code
    group by
        coalesce(live_kpis.period_month, frozen_kpis.period_month),
        coalesce(live_kpis.employee_id, frozen_kpis.employee_id)
),

differences as (
    select
        coalesce(closed_live.period_month, frozen.period_month) as for_month,
        coalesce(closed_live.employee_id, frozen.employee_id) as employee_id,
        coalesce(closed_live.bonus_amount, 0)
        - coalesce(frozen.bonus_amount, 0)
        - coalesce(paid.paid_amount, 0) as adjustment_amount,
        closed_live.employee_id is not null and frozen.employee_id is not null
        and (
            -- a close from before fingerprints were kept (null) is compared by its columns
            closed_live.scheme_fingerprint != frozen.scheme_fingerprint
            or closed_live.base_bonus != frozen.base_bonus
            or coalesce(kpi_changes.is_scheme_param_changed, 0) = 1
        ) as is_scheme_changed,
        closed_live.employee_id is null
        or frozen.employee_id is null
        or coalesce(kpi_changes.is_actual_changed, 0) = 1
        or (
            -- the multiplier's input is kept since fingerprints are
            frozen.scheme_fingerprint is not null
            and coalesce(closed_live.multiplier_input, -1) != coalesce(frozen.multiplier_input, -1)
        ) as is_data_changed,
        kpi_changes.kpi_codes
    from closed_live
    full outer join frozen
        on
            closed_live.period_month = frozen.period_month
            and closed_live.employee_id = frozen.employee_id
    left join paid
        on
            coalesce(closed_live.period_month, frozen.period_month) = paid.for_month
            and coalesce(closed_live.employee_id, frozen.employee_id) = paid.employee_id
    left join kpi_changes
        on
            coalesce(closed_live.period_month, frozen.period_month) = kpi_changes.period_month
            and coalesce(closed_live.employee_id, frozen.employee_id) = kpi_changes.employee_id
),

open_months as (
    select
        live.employee_id,
        live.period_month
    from live
    left join status on live.period_month = status.period_month
    where coalesce(status.period_status, 'open') = 'open'
),

pay_months as (
    select
        differences.for_month,
        differences.employee_id,
        min(open_months.period_month) as paid_in_month
    from differences
    inner join open_months
        on
            differences.employee_id = open_months.employee_id
            and differences.for_month < open_months.period_month
    group by differences.for_month, differences.employee_id
),

-- a target that moved while the scheme did not is a plan that arrived late: data
causes as (
    select
        *,
        is_data_changed or (kpi_codes is not null and not is_scheme_changed) as is_late_data
    from differences
),

final as (
    select
        causes.for_month,
        causes.employee_id,
        pay_months.paid_in_month,
        cast(causes.adjustment_amount as numeric(18, 2)) as adjustment_amount,
        case
            when causes.is_late_data and causes.is_scheme_changed then 'late_data_and_scheme_change'
            when causes.is_scheme_changed then 'scheme_change'
            when disputed.dispute_ids is not null then 'dispute'
            when causes.is_late_data then 'late_data'
            else 'recalculation'
        end as adjustment_cause,
        causes.kpi_codes,
        case when not causes.is_scheme_changed then disputed.dispute_ids end as dispute_ids
    from causes
    left join disputed
        on
            causes.for_month = disputed.for_month
            and causes.employee_id = disputed.employee_id
    left join pay_months
        on
            causes.for_month = pay_months.for_month
            and causes.employee_id = pay_months.employee_id
    where causes.adjustment_amount != 0
)

select * from final
