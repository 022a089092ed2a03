-- The bonus of every employee for every month as computed from today's data (the
-- formula is int_bonus_scenarios'; this is its "as it stands" case), with what a
-- statement needs to explain it: which gate held the bonus back and why, and what
-- drove the multiplier. Closed months are frozen in mart_bonus_monthly; this model is
-- what they would be now.
with

employee_months as (
    select * from {{ ref('int_employee_months') }}
),

bonus_cases as (
    select * from {{ ref('int_bonus_scenarios') }}
    where scenario = 'actual'
),

gates as (
    select * from {{ ref('bonus_gates') }}
),

gate_kpis as (
    select * from {{ ref('int_kpi_scored') }}
),

fingerprints as (
    select * from {{ ref('int_scheme_fingerprints') }}
),

final as (
    select
        employee_months.period_month,
        employee_months.employee_id,
        employee_months.full_name,
        employee_months.department_id,
        employee_months.role,
        bonus_cases.base_bonus,
        bonus_cases.total_score,
        bonus_cases.gate_factor,
        bonus_cases.quality_multiplier,
        bonus_cases.bonus_amount,
        -- the gate that held the bonus back: its KPI, its minimum, the achievement
        bonus_cases.gate_kpi_code,
        gates.min_achievement as gate_min_achievement,
        gate_kpis.achievement as gate_achievement,
        gates.description as gate_note,
        -- what drove the multiplier
        bonus_cases.multiplier_code,
        bonus_cases.multiplier_kpi_code,
        cast(bonus_cases.multiplier_input as numeric(38, 12)) as multiplier_input,
        -- the scheme the bonus was computed by (a close keeps it)
        fingerprints.scheme_fingerprint
    from bonus_cases
    inner join employee_months
        on
            bonus_cases.employee_id = employee_months.employee_id
            and bonus_cases.period_month = employee_months.period_month
    left join gates
        on
            employee_months.role = gates.role
            and bonus_cases.gate_kpi_code = gates.kpi_code
    left join gate_kpis
        on
            bonus_cases.employee_id = gate_kpis.employee_id
            and bonus_cases.period_month = gate_kpis.period_month
            and bonus_cases.gate_kpi_code = gate_kpis.kpi_code
    left join fingerprints
        on
            bonus_cases.employee_id = fingerprints.employee_id
            and bonus_cases.period_month = fingerprints.period_month
)

select * from final
