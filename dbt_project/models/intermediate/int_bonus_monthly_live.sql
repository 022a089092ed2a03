-- The bonus of every employee for every month as computed from today's data:
-- total score = Σ weighted scores; gate factor 0 when a gate KPI's achievement is
-- below its minimum; quality multiplier from bonus_multipliers; rounded only here.
-- Closed months are frozen in mart_bonus_monthly; this model is what they would be now.
with

employee_months as (
    select * from {{ ref('int_employee_months') }}
),

scored as (
    select * from {{ ref('int_kpi_scored') }}
),

actuals as (
    select * from {{ ref('int_kpi_actuals') }}
),

bases as (
    select * from {{ ref('bonus_base') }}
),

gates as (
    select * from {{ ref('bonus_gates') }}
),

multipliers as (
    select * from {{ ref('bonus_multipliers') }}
),

scores as (
    select
        employee_id,
        period_month,
        sum(weighted_score) as total_score
    from scored
    group by employee_id, period_month
),

gate_results as (
    select
        employee_months.employee_id,
        employee_months.period_month,
        min(case when scored.achievement < gates.min_achievement then 0 else 1 end) as gate_factor,
        min(case when scored.achievement < gates.min_achievement then gates.description end) as gate_note
    from employee_months
    inner join gates on employee_months.role = gates.role
    left join scored
        on
            employee_months.employee_id = scored.employee_id
            and employee_months.period_month = scored.period_month
            and gates.kpi_code = scored.kpi_code
    group by employee_months.employee_id, employee_months.period_month
),

multiplier_values as (
    select
        employee_months.employee_id,
        employee_months.period_month,
        case
            when actuals.actual_value is null then 1
            when actuals.actual_value <= multipliers.input_floor then multipliers.multiplier_at_floor
            when actuals.actual_value >= multipliers.input_ceiling then multipliers.multiplier_at_ceiling
            else
                multipliers.multiplier_at_floor
                + (actuals.actual_value - multipliers.input_floor)
                / (multipliers.input_ceiling - multipliers.input_floor)
                * (multipliers.multiplier_at_ceiling - multipliers.multiplier_at_floor)
        end as multiplier
    from employee_months
    inner join multipliers on employee_months.role = multipliers.role
    left join actuals
        on
            employee_months.employee_id = actuals.employee_id
            and employee_months.period_month = actuals.period_month
            and multipliers.kpi_code = actuals.kpi_code
),

-- several multipliers of a role multiply (validated positive, so exp-sum-ln is safe)
multiplier_products as (
    select
        employee_id,
        period_month,
        exp(sum(ln(multiplier))) as quality_multiplier
    from multiplier_values
    group by employee_id, period_month
),

base_bonuses as (
    select
        employee_months.employee_id,
        employee_months.period_month,
        coalesce(personal.base_bonus, by_role.base_bonus) as base_bonus
    from employee_months
    left join bases as personal on employee_months.employee_id = personal.employee_id
    left join bases as by_role
        on
            employee_months.role = by_role.role
            and by_role.employee_id is null
),

combined as (
    select
        employee_months.period_month,
        employee_months.employee_id,
        employee_months.full_name,
        employee_months.department_id,
        employee_months.role,
        cast(base_bonuses.base_bonus as numeric(18, 2)) as base_bonus,
        cast(coalesce(scores.total_score, 0) as numeric(18, 6)) as total_score,
        cast(coalesce(gate_results.gate_factor, 1) as numeric(18, 6)) as gate_factor,
        cast(round(coalesce(multiplier_products.quality_multiplier, 1), 6) as numeric(18, 6))
            as quality_multiplier,
        gate_results.gate_note
    from employee_months
    inner join base_bonuses
        on
            employee_months.employee_id = base_bonuses.employee_id
            and employee_months.period_month = base_bonuses.period_month
    left join scores
        on
            employee_months.employee_id = scores.employee_id
            and employee_months.period_month = scores.period_month
    left join gate_results
        on
            employee_months.employee_id = gate_results.employee_id
            and employee_months.period_month = gate_results.period_month
    left join multiplier_products
        on
            employee_months.employee_id = multiplier_products.employee_id
            and employee_months.period_month = multiplier_products.period_month
    where base_bonuses.base_bonus is not null
),

final as (
    select
        *,
        cast(
            {{ bonus_formula('base_bonus', 'total_score', 'gate_factor', 'quality_multiplier') }} as numeric(
                18, 2
            )
        )
            as bonus_amount
    from combined
)

select * from final
