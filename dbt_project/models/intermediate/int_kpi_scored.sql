-- Every KPI of every employee's scheme for every month: actual, target, achievement
-- and the coefficient by the KPI's scale, with how far the threshold and the cap are.
-- A missing or zero target gives coefficient 0 and a note, never a division error.
with

employee_months as (
    select * from {{ ref('int_employee_months') }}
),

scheme as (
    select * from {{ ref('kpi_scheme') }}
),

kpi_codes as (
    select * from {{ ref('kpi_codes') }}
),

corridors as (
    select * from {{ ref('kpi_corridors') }}
),

actuals as (
    select * from {{ ref('int_kpi_actuals') }}
),

plans as (
    select * from {{ ref('stg_plans__monthly_plans') }}
),

member_plans as (
    select
        employee_months.employee_id,
        employee_months.department_id,
        employee_months.period_month,
        plans.revenue_plan,
        plans.calls_plan,
        plans.revenue_plan * employee_months.target_prorate_factor as revenue_plan_prorated,
        plans.calls_plan * employee_months.target_prorate_factor as calls_plan_prorated
    from employee_months
    left join plans
        on
            employee_months.employee_id = plans.employee_id
            and employee_months.period_month = plans.plan_month
),

department_plans as (
    select
        department_id,
        period_month,
        sum(revenue_plan_prorated) as revenue_plan_prorated,
        sum(calls_plan_prorated) as calls_plan_prorated
    from member_plans
    group by department_id, period_month
),

department_actuals as (
    select
        employee_months.department_id,
        actuals.period_month,
        actuals.kpi_code,
        sum(actuals.actual_value) as actual_value
    from actuals
    inner join employee_months
        on
            actuals.employee_id = employee_months.employee_id
            and actuals.period_month = employee_months.period_month
    group by employee_months.department_id, actuals.period_month, actuals.kpi_code
),

-- corridor bands where the coefficient turns positive and where it peaks
corridor_marks as (
    select
        role,
        kpi_code,
        min(case when coefficient > 0 then band_from end) as first_paying_from,
        min(case when coefficient > 0 then coefficient end) as first_paying_coefficient,
        max(coefficient) as top_coefficient
    from corridors
    group by role, kpi_code
),

corridor_top as (
    select
        corridors.role,
        corridors.kpi_code,
        min(corridors.band_from) as top_band_from
    from corridors
    inner join corridor_marks
        on
            corridors.role = corridor_marks.role
            and corridors.kpi_code = corridor_marks.kpi_code
            and corridors.coefficient = corridor_marks.top_coefficient
    group by corridors.role, corridors.kpi_code
),

targets as (
    select
        employee_months.employee_id,
        employee_months.period_month,
        employee_months.department_id,
        employee_months.target_prorate_factor,
        scheme.role,
        scheme.kpi_code,
        scheme.weight,
        scheme.scale_kind,
        scheme.threshold,
        scheme.cap,
        scheme.base_value,
        scheme.scope,
        scheme.target_source,
        kpi_codes.is_additive,
        case
            when scheme.scope = 'department' then department_actuals.actual_value
            else actuals.actual_value
        end as actual_value,
        case
            when scheme.target_source = 'fixed' and kpi_codes.is_additive
                then scheme.target_value * employee_months.target_prorate_factor
            when scheme.target_source = 'fixed' then scheme.target_value
            when scheme.scope = 'department' and scheme.target_source = 'plan_revenue'
                then department_plans.revenue_plan_prorated * scheme.target_value
            when scheme.scope = 'department' and scheme.target_source = 'plan_calls'
                then department_plans.calls_plan_prorated * scheme.target_value
            when scheme.target_source = 'plan_revenue' and kpi_codes.is_additive
                then member_plans.revenue_plan_prorated * scheme.target_value
            when scheme.target_source = 'plan_revenue' then member_plans.revenue_plan * scheme.target_value
            when scheme.target_source = 'plan_calls' and kpi_codes.is_additive
                then member_plans.calls_plan_prorated * scheme.target_value
            when scheme.target_source = 'plan_calls' then member_plans.calls_plan * scheme.target_value
        end as target_value
    from employee_months
    inner join scheme on employee_months.role = scheme.role
    inner join kpi_codes on scheme.kpi_code = kpi_codes.kpi_code
    left join actuals
        on
            employee_months.employee_id = actuals.employee_id
            and employee_months.period_month = actuals.period_month
            and scheme.kpi_code = actuals.kpi_code
    left join department_actuals
        on
            employee_months.department_id = department_actuals.department_id
            and employee_months.period_month = department_actuals.period_month
            and scheme.kpi_code = department_actuals.kpi_code
    left join member_plans
        on
            employee_months.employee_id = member_plans.employee_id
            and employee_months.period_month = member_plans.period_month
    left join department_plans
        on
            employee_months.department_id = department_plans.department_id
            and employee_months.period_month = department_plans.period_month
),

achieved as (
    select
        *,
        -- cast outside the case: PostgreSQL drops a type's scale from a case's result
        cast(
            case
                when target_value > 0 and actual_value is not null
                    then 1.0 * actual_value / target_value
            end as numeric(18, 6)
        ) as achievement
    from targets
),

scored as (
    select
        achieved.*,
        case
            when achieved.target_value is null or achieved.target_value <= 0 or achieved.actual_value is null
                then 0
            when achieved.scale_kind = 'linear' and achieved.achievement < achieved.threshold then 0
            when achieved.scale_kind = 'linear' then least(achieved.achievement, achieved.cap)
            when achieved.scale_kind = 'base_norm'
                then greatest(
                    0,
                    least(
                        achieved.cap,
                        1.0 * (achieved.actual_value - achieved.base_value)
                        / (achieved.target_value - achieved.base_value)
                    )
                )
            when achieved.scale_kind = 'corridors' then coalesce(band.coefficient, 0)
        end as raw_coefficient,
        case
            when achieved.target_value is null or achieved.target_value <= 0 then null
            when achieved.scale_kind = 'linear' then achieved.threshold * achieved.target_value
            when achieved.scale_kind = 'base_norm' then achieved.base_value
            when
                achieved.scale_kind = 'corridors'
                then corridor_marks.first_paying_from * achieved.target_value
        end as threshold_value,
        case
            when achieved.target_value is null or achieved.target_value <= 0 then null
            when achieved.scale_kind = 'linear' then achieved.cap * achieved.target_value
            when achieved.scale_kind = 'base_norm'
                then achieved.base_value + achieved.cap * (achieved.target_value - achieved.base_value)
            when achieved.scale_kind = 'corridors' then corridor_top.top_band_from * achieved.target_value
        end as cap_value,
        -- the coefficient earned on reaching the threshold, and at the cap
        case
            when achieved.scale_kind = 'linear' then achieved.threshold
            when achieved.scale_kind = 'base_norm' then 0
            when achieved.scale_kind = 'corridors' then corridor_marks.first_paying_coefficient
        end as threshold_coefficient,
        case
            when achieved.scale_kind = 'corridors' then corridor_marks.top_coefficient
            else achieved.cap
        end as cap_coefficient
    from achieved
    left join corridors as band
        on
            achieved.scale_kind = 'corridors'
            and achieved.role = band.role
            and achieved.kpi_code = band.kpi_code
            and achieved.achievement >= band.band_from
            and (band.band_to is null or achieved.achievement < band.band_to)
    left join corridor_marks
        on
            achieved.role = corridor_marks.role
            and achieved.kpi_code = corridor_marks.kpi_code
    left join corridor_top
        on
            achieved.role = corridor_top.role
            and achieved.kpi_code = corridor_top.kpi_code
),

final as (
    select
        period_month,
        employee_id,
        department_id,
        role,
        kpi_code,
        scope,
        scale_kind,
        cast(actual_value as numeric(18, 4)) as actual_value,
        cast(target_value as numeric(18, 4)) as target_value,
        achievement,
        cast(raw_coefficient as numeric(18, 6)) as coefficient,
        weight,
        cast(weight * cast(raw_coefficient as numeric(18, 6)) as numeric(18, 6)) as weighted_score,
        threshold,
        cap,
        threshold_coefficient,
        cap_coefficient,
        target_prorate_factor,
        -- greatest() skips nulls: without a target there is no distance to state
        cast(
            case
                when threshold_value is not null
                    then greatest(threshold_value - coalesce(actual_value, 0), 0)
            end as numeric(18, 4)
        ) as to_threshold,
        cast(
            case
                when cap_value is not null
                    then greatest(cap_value - coalesce(actual_value, 0), 0)
            end as numeric(18, 4)
        ) as to_cap,
        case
            when target_value is null and target_source != 'fixed' then 'no plan for the month'
            when target_value <= 0 then 'target is zero'
            when actual_value is null then 'nothing to measure this month'
            when raw_coefficient = 0 then 'below threshold'
            when raw_coefficient >= cap then 'capped'
        end as note
    from scored
)

select * from final
