-- The bonus formula, once, for the bonus as it stands and for every point a statement
-- names: one KPI at its threshold, its cap or a gate's minimum, everything else as it
-- is. Each case goes through the whole formula — total score, gates, the multiplier —
-- so "what reaching the threshold adds" is what the bonus would really become (a gated
-- employee whose plan reaches the gate gets the gate lifted; call quality at its cap
-- also moves the quality multiplier).
--   total_score   = Σ weight × coefficient (exact)
--   gate_factor   = 0 when a gate KPI's achievement is below its minimum, else 1
--   multiplier    = floor multiplier + (ceiling − floor multiplier) × (x − floor) /
--                   (ceiling − floor), flat outside, 1 without x; 12 places
--   bonus_amount  = round(base_bonus × total_score × gate_factor × multiplier, 2)
with

employee_months as (
    select * from {{ ref('int_employee_months') }}
),

kpi_scenarios as (
    select * from {{ ref('int_kpi_scenarios') }}
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

current_kpis as (
    select * from kpi_scenarios
    where scenario = 'actual'
),

current_totals as (
    select
        employee_id,
        period_month,
        sum(weighted_score) as total_score
    from current_kpis
    group by employee_id, period_month
),

-- what is imagined: nothing (the bonus as it stands), or one KPI at one point
cases as (
    select
        employee_id,
        period_month,
        cast(null as {{ dbt.type_string() }}) as kpi_code,
        'actual' as scenario,
        cast(null as {{ dbt.type_string() }}) as scope,
        cast(null as numeric(38, 16)) as actual_value,
        cast(null as numeric(38, 12)) as achievement,
        cast(null as numeric(38, 16)) as weighted_score
    from employee_months
    union all
    select
        employee_id,
        period_month,
        kpi_code,
        scenario,
        scope,
        actual_value,
        achievement,
        weighted_score
    from kpi_scenarios
    where scenario != 'actual'
),

case_scores as (
    select
        cases.employee_id,
        cases.period_month,
        cases.kpi_code,
        cases.scenario,
        coalesce(current_totals.total_score, 0)
        - coalesce(imagined_kpi.weighted_score, 0)
        + coalesce(cases.weighted_score, 0) as total_score
    from cases
    left join current_totals
        on
            cases.employee_id = current_totals.employee_id
            and cases.period_month = current_totals.period_month
    left join current_kpis as imagined_kpi
        on
            cases.employee_id = imagined_kpi.employee_id
            and cases.period_month = imagined_kpi.period_month
            and cases.kpi_code = imagined_kpi.kpi_code
),

-- a gate with no achievement to judge (no plan) is not applied
case_gates as (
    select
        cases.employee_id,
        cases.period_month,
        cases.kpi_code,
        cases.scenario,
        min(
            case
                when coalesce(
                    case when gates.kpi_code = cases.kpi_code then cases.achievement end,
                    gate_kpi.achievement
                ) < gates.min_achievement then 0
                else 1
            end
        ) as gate_factor,
        min(
            case
                when coalesce(
                    case when gates.kpi_code = cases.kpi_code then cases.achievement end,
                    gate_kpi.achievement
                ) < gates.min_achievement then gates.kpi_code
            end
        ) as gate_kpi_code
    from cases
    inner join employee_months
        on
            cases.employee_id = employee_months.employee_id
            and cases.period_month = employee_months.period_month
    inner join gates on employee_months.role = gates.role
    left join current_kpis as gate_kpi
        on
            cases.employee_id = gate_kpi.employee_id
            and cases.period_month = gate_kpi.period_month
            and gates.kpi_code = gate_kpi.kpi_code
    group by cases.employee_id, cases.period_month, cases.kpi_code, cases.scenario
),

-- one multiplier per role (autokpi check-scheme); its input is the employee's own actual
case_multipliers as (
    select
        cases.employee_id,
        cases.period_month,
        cases.kpi_code,
        cases.scenario,
        multipliers.multiplier_code,
        multipliers.kpi_code as multiplier_kpi_code,
        case
            when multipliers.kpi_code = cases.kpi_code and cases.scope = 'employee' then cases.actual_value
            else input_actual.actual_value
        end as multiplier_input,
        multipliers.input_floor,
        multipliers.input_ceiling,
        multipliers.multiplier_at_floor,
        multipliers.multiplier_at_ceiling
    from cases
    inner join employee_months
        on
            cases.employee_id = employee_months.employee_id
            and cases.period_month = employee_months.period_month
    inner join multipliers on employee_months.role = multipliers.role
    left join actuals as input_actual
        on
            cases.employee_id = input_actual.employee_id
            and cases.period_month = input_actual.period_month
            and multipliers.kpi_code = input_actual.kpi_code
),

case_multiplier_values as (
    select
        employee_id,
        period_month,
        kpi_code,
        scenario,
        multiplier_code,
        multiplier_kpi_code,
        multiplier_input,
        cast(
            case
                when multiplier_input is null then 1
                when multiplier_input <= input_floor then multiplier_at_floor
                when multiplier_input >= input_ceiling then multiplier_at_ceiling
                else
                    multiplier_at_floor
                    + (multiplier_at_ceiling - multiplier_at_floor)
                    * {{ exact_divide('multiplier_input - input_floor', 'input_ceiling - input_floor') }}
            end
            as numeric(38, 12)
        ) as quality_multiplier
    from case_multipliers
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
        case_scores.employee_id,
        case_scores.period_month,
        case_scores.kpi_code,
        case_scores.scenario,
        cast(base_bonuses.base_bonus as numeric(18, 2)) as base_bonus,
        cast(case_scores.total_score as numeric(38, 16)) as total_score,
        cast(coalesce(case_gates.gate_factor, 1) as numeric(38, 12)) as gate_factor,
        case_gates.gate_kpi_code,
        cast(coalesce(case_multiplier_values.quality_multiplier, 1) as numeric(38, 12)) as quality_multiplier,
        case_multiplier_values.multiplier_code,
        case_multiplier_values.multiplier_kpi_code,
        case_multiplier_values.multiplier_input
    from case_scores
    inner join base_bonuses
        on
            case_scores.employee_id = base_bonuses.employee_id
            and case_scores.period_month = base_bonuses.period_month
    left join case_gates
        on
            case_scores.employee_id = case_gates.employee_id
            and case_scores.period_month = case_gates.period_month
            and case_scores.scenario = case_gates.scenario
            and coalesce(case_scores.kpi_code, '') = coalesce(case_gates.kpi_code, '')
    left join case_multiplier_values
        on
            case_scores.employee_id = case_multiplier_values.employee_id
            and case_scores.period_month = case_multiplier_values.period_month
            and case_scores.scenario = case_multiplier_values.scenario
            and coalesce(case_scores.kpi_code, '') = coalesce(case_multiplier_values.kpi_code, '')
    where base_bonuses.base_bonus is not null
),

final as (
    select
        *,
        cast(
            {{ bonus_formula('base_bonus', 'total_score', 'gate_factor', 'quality_multiplier') }}
            as numeric(18, 2)
        ) as bonus_amount
    from combined
)

select * from final
