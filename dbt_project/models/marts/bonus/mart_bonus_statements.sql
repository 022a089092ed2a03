-- One row per employee, month and KPI: the personal bonus statement. Each KPI's actual,
-- target, coefficient and weight, what it adds to the bonus, and what is missing: how
-- much more actual reaches the threshold, the cap or the gate's minimum, and what the
-- bonus would then be — computed through the whole formula (int_bonus_scenarios), so
-- a gated employee sees that reaching the gate pays, and the quality multiplier moves
-- with call quality. Closed months show what was frozen; nothing is left to earn there.
with

kpis as (
    select * from {{ ref('mart_kpi_monthly') }}
),

bonuses as (
    select * from {{ ref('mart_bonus_monthly') }}
),

bonus_cases as (
    select * from {{ ref('int_bonus_scenarios') }}
    where scenario != 'actual'
),

kpi_codes as (
    select * from {{ ref('kpi_codes') }}
),

gains as (
    select
        bonus_cases.period_month,
        bonus_cases.employee_id,
        bonus_cases.kpi_code,
        max(case when bonus_cases.scenario = 'threshold' then bonus_cases.bonus_amount end)
            as bonus_at_threshold,
        max(case when bonus_cases.scenario = 'cap' then bonus_cases.bonus_amount end) as bonus_at_cap,
        max(case when bonus_cases.scenario = 'gate' then bonus_cases.bonus_amount end) as bonus_at_gate
    from bonus_cases
    group by bonus_cases.period_month, bonus_cases.employee_id, bonus_cases.kpi_code
),

statement_rows as (
    select
        kpis.month,
        kpis.employee_id,
        bonuses.full_name,
        kpis.department_id,
        bonuses.role,
        kpis.kpi_code,
        kpi_codes.name_ru as kpi_name_ru,
        kpi_codes.name_en as kpi_name_en,
        kpi_codes.unit,
        kpis.actual_value,
        kpis.target_value,
        kpis.achievement,
        kpis.coefficient,
        kpis.weight,
        kpis.weighted_score,
        kpis.to_threshold,
        kpis.to_cap,
        kpis.to_gate,
        kpis.note,
        gains.bonus_at_threshold,
        gains.bonus_at_cap,
        gains.bonus_at_gate,
        bonuses.base_bonus,
        bonuses.total_score,
        bonuses.gate_factor,
        bonuses.quality_multiplier,
        bonuses.bonus_amount,
        bonuses.adjustment_amount,
        bonuses.payout_amount,
        bonuses.gate_kpi_code,
        kpis.period_status
    from kpis
    inner join bonuses
        on
            kpis.month = bonuses.month
            and kpis.employee_id = bonuses.employee_id
    left join kpi_codes on kpis.kpi_code = kpi_codes.kpi_code
    left join gains
        on
            kpis.month = gains.period_month
            and kpis.employee_id = gains.employee_id
            and kpis.kpi_code = gains.kpi_code
),

final as (
    select
        month,
        employee_id,
        full_name,
        department_id,
        role,
        kpi_code,
        kpi_name_ru,
        kpi_name_en,
        unit,
        actual_value,
        target_value,
        achievement,
        coefficient,
        weight,
        weighted_score,
        -- every amount cast to its contract type: PostgreSQL would drop the scale otherwise
        cast(
            {{ bonus_formula('base_bonus', 'weighted_score', 'gate_factor', 'quality_multiplier') }}
            as numeric(18, 2)
        ) as kpi_bonus_amount,
        to_threshold,
        cast(
            case
                when period_status = 'open' and to_threshold > 0
                    then coalesce(bonus_at_threshold, bonus_amount) - bonus_amount
                else 0
            end
            as numeric(18, 2)
        ) as gain_at_threshold,
        to_cap,
        cast(
            case
                when period_status = 'open' and to_cap > 0
                    then coalesce(bonus_at_cap, bonus_amount) - bonus_amount
                else 0
            end
            as numeric(18, 2)
        ) as gain_at_cap,
        note,
        base_bonus,
        total_score,
        gate_factor,
        quality_multiplier,
        bonus_amount,
        adjustment_amount,
        payout_amount,
        period_status,
        -- only on the KPI whose gate held the bonus back: how much more lifts it, and the bonus then
        cast(
            case when period_status = 'open' and gate_kpi_code = kpi_code then to_gate end as numeric(38, 16)
        ) as to_gate,
        cast(
            case
                when period_status = 'open' and gate_kpi_code = kpi_code
                    then coalesce(bonus_at_gate, bonus_amount) - bonus_amount
            end
            as numeric(18, 2)
        ) as gain_at_gate
    from statement_rows
)

select * from final
