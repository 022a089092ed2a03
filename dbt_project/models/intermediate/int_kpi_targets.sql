-- Every KPI of every employee's scheme for every month: its actual, its target, and the
-- actual that reaches each point a statement talks about (the threshold, the cap and,
-- for a KPI that gates the bonus, the gate's minimum). Targets are one exact quotient
-- (macro exact_divide, 12 places): share × plan × working days employed / working days
-- of the month for additive KPIs.
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

gates as (
    select * from {{ ref('bonus_gates') }}
),

actuals as (
    select * from {{ ref('int_kpi_actuals') }}
),

plans as (
    select * from {{ ref('stg_plans__monthly_plans') }}
),

-- plans × the working days they cover: prorating divides by the month's working days
-- once, at the target, so a prorated target is one exact quotient
member_plans as (
    select
        employee_months.employee_id,
        employee_months.department_id,
        employee_months.period_month,
        employee_months.month_working_days,
        employee_months.prorated_working_days,
        plans.revenue_plan,
        plans.calls_plan,
        plans.revenue_plan * employee_months.prorated_working_days as revenue_plan_days,
        plans.calls_plan * employee_months.prorated_working_days as calls_plan_days
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
        sum(revenue_plan_days) as revenue_plan_days,
        sum(calls_plan_days) as calls_plan_days
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

kpi_rows as (
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
        -- a base_norm base is an amount like the target: prorated as it is for additive KPIs
        case
            when kpi_codes.is_additive
                then {{ exact_divide(
                    'scheme.base_value * employee_months.prorated_working_days',
                    'employee_months.month_working_days'
                ) }}
            else scheme.base_value
        end as base_value,
        scheme.scope,
        scheme.target_source,
        case
            when scheme.scope = 'department' then department_actuals.actual_value
            else actuals.actual_value
        end as actual_value,
        -- target = share × plan (× working days employed / working days of the month,
        -- for additive KPIs): one quotient, exact to 12 places. Every branch has 12 places:
        -- Spark gives a case the widest integer part of its branches and keeps only the
        -- places left within 38 digits (the share × plan product alone left 7)
        case
            when scheme.target_source = 'fixed' and kpi_codes.is_additive
                then {{ exact_divide(
                    'scheme.target_value * employee_months.prorated_working_days',
                    'employee_months.month_working_days'
                ) }}
            when scheme.target_source = 'fixed' then scheme.target_value
            when scheme.scope = 'department' and scheme.target_source = 'plan_revenue'
                then {{ exact_divide(
                    'scheme.target_value * department_plans.revenue_plan_days',
                    'member_plans.month_working_days'
                ) }}
            when scheme.scope = 'department' and scheme.target_source = 'plan_calls'
                then {{ exact_divide(
                    'scheme.target_value * department_plans.calls_plan_days',
                    'member_plans.month_working_days'
                ) }}
            when scheme.target_source = 'plan_revenue' and kpi_codes.is_additive
                then {{ exact_divide(
                    'scheme.target_value * member_plans.revenue_plan_days',
                    'member_plans.month_working_days'
                ) }}
            when scheme.target_source = 'plan_revenue'
                then cast(scheme.target_value * member_plans.revenue_plan as numeric(38, 12))
            when scheme.target_source = 'plan_calls' and kpi_codes.is_additive
                then {{ exact_divide(
                    'scheme.target_value * member_plans.calls_plan_days',
                    'member_plans.month_working_days'
                ) }}
            when scheme.target_source = 'plan_calls'
                then cast(scheme.target_value * member_plans.calls_plan as numeric(38, 12))
        end as target_value,
        gates.min_achievement as gate_min_achievement
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
    left join gates
        on
            scheme.role = gates.role
            and scheme.kpi_code = gates.kpi_code
),

-- the actual that reaches each point of the scale (null without a positive target), to 16
-- places on every target (scale_point; Spark narrows a case to its widest branch)
marked as (
    select
        kpi_rows.*,
        case
            when kpi_rows.target_value is null or kpi_rows.target_value <= 0 then null
            when kpi_rows.scale_kind = 'linear'
                then {{ scale_point('kpi_rows.threshold', 'kpi_rows.target_value') }}
            -- a base at or above the target (a small plan) leaves nothing to reach
            when kpi_rows.scale_kind = 'base_norm' and kpi_rows.target_value <= kpi_rows.base_value then null
            when kpi_rows.scale_kind = 'base_norm' then kpi_rows.base_value
            when kpi_rows.scale_kind = 'corridors'
                then {{ scale_point('corridor_marks.first_paying_from', 'kpi_rows.target_value') }}
        end as threshold_value,
        case
            when kpi_rows.target_value is null or kpi_rows.target_value <= 0 then null
            when kpi_rows.scale_kind = 'linear'
                then {{ scale_point('kpi_rows.cap', 'kpi_rows.target_value') }}
            when kpi_rows.scale_kind = 'base_norm' and kpi_rows.target_value <= kpi_rows.base_value then null
            when kpi_rows.scale_kind = 'base_norm'
                then cast(
                    kpi_rows.base_value
                    + {{ scale_point('kpi_rows.cap', '(kpi_rows.target_value - kpi_rows.base_value)') }}
                    as numeric(38, 16)
                )
            when kpi_rows.scale_kind = 'corridors'
                then {{ scale_point('corridor_top.top_band_from', 'kpi_rows.target_value') }}
        end as cap_value,
        case
            when kpi_rows.target_value > 0
                then {{ scale_point('kpi_rows.gate_min_achievement', 'kpi_rows.target_value') }}
        end as gate_value
    from kpi_rows
    left join corridor_marks
        on
            kpi_rows.role = corridor_marks.role
            and kpi_rows.kpi_code = corridor_marks.kpi_code
    left join corridor_top
        on
            kpi_rows.role = corridor_top.role
            and kpi_rows.kpi_code = corridor_top.kpi_code
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
        target_source,
        weight,
        threshold,
        cap,
        cast(base_value as numeric(38, 12)) as base_value,
        gate_min_achievement,
        target_prorate_factor,
        cast(actual_value as numeric(38, 12)) as actual_value,
        cast(target_value as numeric(38, 12)) as target_value,
        cast(threshold_value as numeric(38, 16)) as threshold_value,
        cast(cap_value as numeric(38, 16)) as cap_value,
        cast(gate_value as numeric(38, 16)) as gate_value
    from marked
)

select * from final
