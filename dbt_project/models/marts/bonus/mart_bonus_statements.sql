-- One row per employee, month and KPI: the personal bonus statement. Each KPI's actual,
-- target, coefficient and weight, what it adds to the bonus, and what is missing: how
-- much more actual reaches the threshold or the cap, and what that would add to the
-- bonus with everything else as it is. Closed months show what was frozen; nothing is
-- left to earn there.
with

kpis as (
    select * from {{ ref('mart_kpi_monthly') }}
),

bonuses as (
    select * from {{ ref('mart_bonus_monthly') }}
),

scored as (
    select * from {{ ref('int_kpi_scored') }}
),

kpi_codes as (
    select * from {{ ref('kpi_codes') }}
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
        kpis.note,
        scored.threshold_coefficient,
        scored.cap_coefficient,
        bonuses.base_bonus,
        bonuses.total_score,
        bonuses.gate_factor,
        bonuses.quality_multiplier,
        bonuses.bonus_amount,
        bonuses.adjustment_amount,
        bonuses.payout_amount,
        kpis.period_status
    from kpis
    inner join bonuses
        on
            kpis.month = bonuses.month
            and kpis.employee_id = bonuses.employee_id
    left join kpi_codes on kpis.kpi_code = kpi_codes.kpi_code
    left join scored
        on
            kpis.month = scored.period_month
            and kpis.employee_id = scored.employee_id
            and kpis.kpi_code = scored.kpi_code
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
            as numeric(38, 2)
        ) as kpi_bonus_amount,
        to_threshold,
        cast(
            case
                when period_status = 'open' and to_threshold > 0 and threshold_coefficient > coefficient
                    then
                        {{ bonus_formula(
                            'base_bonus', 'total_score + weight * (threshold_coefficient - coefficient)',
                            'gate_factor', 'quality_multiplier'
                        ) }}
                        - bonus_amount
                else 0
            end
            as numeric(38, 2)
        ) as gain_at_threshold,
        to_cap,
        cast(
            case
                when period_status = 'open' and to_cap > 0 and cap_coefficient > coefficient
                    then
                        {{ bonus_formula(
                            'base_bonus', 'total_score + weight * (cap_coefficient - coefficient)',
                            'gate_factor', 'quality_multiplier'
                        ) }}
                        - bonus_amount
                else 0
            end
            as numeric(38, 2)
        ) as gain_at_cap,
        note,
        base_bonus,
        total_score,
        gate_factor,
        quality_multiplier,
        bonus_amount,
        adjustment_amount,
        payout_amount,
        period_status
    from statement_rows
)

select * from final
