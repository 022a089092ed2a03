-- Late data for closed months: the difference between what a closed month's bonus
-- would be now and what was frozen (less adjustments already paid), to be paid in the
-- employee's next open month, with the KPIs whose actuals changed as the reason.
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

differences as (
    select
        coalesce(live.period_month, frozen.period_month) as for_month,
        coalesce(live.employee_id, frozen.employee_id) as employee_id,
        coalesce(live.bonus_amount, 0) - coalesce(frozen.bonus_amount, 0) - coalesce(paid.paid_amount, 0)
            as adjustment_amount
    from live
    inner join closed_months on live.period_month = closed_months.period_month
    full outer join frozen
        on
            live.period_month = frozen.period_month
            and live.employee_id = frozen.employee_id
    left join paid
        on
            coalesce(live.period_month, frozen.period_month) = paid.for_month
            and coalesce(live.employee_id, frozen.employee_id) = paid.employee_id
),

changed_kpis as (
    select
        live_kpis.period_month,
        live_kpis.employee_id,
        {{ dbt.listagg('live_kpis.kpi_code', "', '", "order by live_kpis.kpi_code") }} as kpi_codes
    from live_kpis
    inner join frozen_kpis
        on
            live_kpis.period_month = frozen_kpis.period_month
            and live_kpis.employee_id = frozen_kpis.employee_id
            and live_kpis.kpi_code = frozen_kpis.kpi_code
    where coalesce(live_kpis.actual_value, -1) != coalesce(frozen_kpis.actual_value, -1)
    group by live_kpis.period_month, live_kpis.employee_id
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

final as (
    select
        differences.for_month,
        differences.employee_id,
        pay_months.paid_in_month,
        cast(differences.adjustment_amount as numeric(18, 2)) as adjustment_amount,
        'late data for ' || left(cast(differences.for_month as {{ dbt.type_string() }}), 7)
        || coalesce(' (' || changed_kpis.kpi_codes || ')', '') as adjustment_reason
    from differences
    left join pay_months
        on
            differences.for_month = pay_months.for_month
            and differences.employee_id = pay_months.employee_id
    left join changed_kpis
        on
            differences.for_month = changed_kpis.period_month
            and differences.employee_id = changed_kpis.employee_id
    where differences.adjustment_amount != 0
)

select * from final
