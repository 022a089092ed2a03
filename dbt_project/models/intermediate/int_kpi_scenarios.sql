-- Every KPI of every employee's scheme for every month, scored at its actual and at the
-- points a statement talks about (int_kpi_targets): its threshold, its cap and, for a KPI
-- that gates the bonus, the gate's minimum. One scale rule scores all of them, so "what
-- reaching the threshold pays" is computed exactly as the bonus itself
-- (int_bonus_scenarios). Achievement is one exact quotient (12 places); a missing or
-- zero target scores 0.
with

targets as (
    select * from {{ ref('int_kpi_targets') }}
),

corridors as (
    select * from {{ ref('kpi_corridors') }}
),

-- every branch at the points' 16 places: a union takes its column's type from the first
-- branch, and the actual's 12 would round a point just below its band (1.99 × a target of
-- 0.511363636364 read as 1.989999999999 of it, the band under the cap)
scenarios as (
    select
        targets.*,
        'actual' as scenario,
        cast(targets.actual_value as numeric(38, 16)) as scenario_actual
    from targets
    union all
    select
        targets.*,
        'threshold' as scenario,
        cast(targets.threshold_value as numeric(38, 16)) as scenario_actual
    from targets
    where targets.threshold_value is not null
    union all
    select
        targets.*,
        'cap' as scenario,
        cast(targets.cap_value as numeric(38, 16)) as scenario_actual
    from targets
    where targets.cap_value is not null
    union all
    select
        targets.*,
        'gate' as scenario,
        cast(targets.gate_value as numeric(38, 16)) as scenario_actual
    from targets
    where targets.gate_value is not null
),

achieved as (
    select
        *,
        case
            when target_value > 0 and scenario_actual is not null
                then {{ exact_divide('scenario_actual', 'target_value') }}
        end as achievement
    from scenarios
),

-- the scale rule: the one place a coefficient is computed
scored as (
    select
        achieved.*,
        case
            when achieved.achievement is null then 0
            when achieved.scale_kind = 'linear' and achieved.achievement < achieved.threshold then 0
            when achieved.scale_kind = 'linear' then least(achieved.achievement, achieved.cap)
            when achieved.scale_kind = 'base_norm' and achieved.target_value <= achieved.base_value then 0
            when achieved.scale_kind = 'base_norm'
                then greatest(
                    0,
                    least(
                        achieved.cap,
                        {{ exact_divide(
                            'achieved.scenario_actual - achieved.base_value',
                            'achieved.target_value - achieved.base_value'
                        ) }}
                    )
                )
            when achieved.scale_kind = 'corridors' then coalesce(band.coefficient, 0)
        end as coefficient
    from achieved
    left join corridors as band
        on
            achieved.scale_kind = 'corridors'
            and achieved.role = band.role
            and achieved.kpi_code = band.kpi_code
            and achieved.achievement >= band.band_from
            and (band.band_to is null or achieved.achievement < band.band_to)
),

final as (
    select
        period_month,
        employee_id,
        department_id,
        role,
        kpi_code,
        scenario,
        scope,
        scale_kind,
        target_source,
        cast(scenario_actual as numeric(38, 16)) as actual_value,
        cast(target_value as numeric(38, 12)) as target_value,
        cast(achievement as numeric(38, 12)) as achievement,
        cast(coefficient as numeric(38, 12)) as coefficient,
        weight,
        -- exact: weight has 4 places, the coefficient 12
        cast(weight * cast(coefficient as numeric(38, 12)) as numeric(38, 16)) as weighted_score,
        threshold,
        cap,
        cast(threshold_value as numeric(38, 16)) as threshold_value,
        cast(cap_value as numeric(38, 16)) as cap_value,
        cast(gate_value as numeric(38, 16)) as gate_value,
        gate_min_achievement,
        target_prorate_factor
    from scored
)

select * from final
