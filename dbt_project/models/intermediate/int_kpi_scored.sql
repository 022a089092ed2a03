-- Every KPI of every employee's scheme for every month, as it stands: actual, target,
-- achievement, coefficient and weighted score (int_kpi_scenarios' actual scenario), how
-- much more actual reaches the threshold, the cap and a gate's minimum, and a note code
-- saying why the coefficient is what it is (the site words it in the reader's language).
with

scenarios as (
    select * from {{ ref('int_kpi_scenarios') }}
),

current_values as (
    select * from scenarios
    where scenario = 'actual'
),

actuals as (
    select * from {{ ref('int_kpi_actuals') }}
),

-- the coefficient each point of the scale would give (its scenario's)
points as (
    select
        employee_id,
        period_month,
        kpi_code,
        -- typed here: PostgreSQL's numeric carries whatever scale its arithmetic gave
        cast(
            max(case when scenario = 'threshold' then coefficient end) as numeric(38, 12)
        ) as threshold_coefficient,
        cast(max(case when scenario = 'cap' then coefficient end) as numeric(38, 12)) as cap_coefficient,
        cast(max(case when scenario = 'gate' then coefficient end) as numeric(38, 12)) as gate_coefficient
    from scenarios
    where scenario != 'actual'
    group by employee_id, period_month, kpi_code
),

final as (
    select
        current_values.period_month,
        current_values.employee_id,
        current_values.department_id,
        current_values.role,
        current_values.kpi_code,
        current_values.scope,
        current_values.scale_kind,
        current_values.actual_value,
        current_values.target_value,
        current_values.achievement,
        current_values.coefficient,
        current_values.weight,
        current_values.weighted_score,
        current_values.threshold,
        current_values.cap,
        points.threshold_coefficient,
        points.cap_coefficient,
        points.gate_coefficient,
        current_values.gate_min_achievement,
        current_values.target_prorate_factor,
        -- greatest() skips nulls: without a target there is no distance to state; the cast
        -- outside the case, where PostgreSQL keeps its scale (unit tests compare as text)
        {% for point in ['threshold', 'cap', 'gate'] %}
            cast(
                case
                    when current_values.{{ point }}_value is not null
                        then greatest(
                            current_values.{{ point }}_value - coalesce(current_values.actual_value, 0), 0
                        )
                end as numeric(38, 16)
            ) as to_{{ point }},
        {% endfor %}
        case
            when current_values.target_value is null and current_values.target_source != 'fixed'
                then 'no_plan'
            when current_values.target_value <= 0 then 'zero_target'
            when current_values.actual_value is null and actuals.is_below_min_facts and actuals.fact_count > 0
                then 'too_few_facts'
            when current_values.actual_value is null then 'nothing_to_measure'
            when current_values.coefficient = 0 then 'below_threshold'
            when current_values.coefficient >= points.cap_coefficient then 'capped'
        end as note
    from current_values
    left join actuals
        on
            current_values.employee_id = actuals.employee_id
            and current_values.period_month = actuals.period_month
            and current_values.kpi_code = actuals.kpi_code
    left join points
        on
            current_values.employee_id = points.employee_id
            and current_values.period_month = points.period_month
            and current_values.kpi_code = points.kpi_code
)

select * from final
