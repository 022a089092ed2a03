-- One row per finding of the rules in seeds/alert_rules.csv, with its parts (value,
-- bound, what is typical, unit, labels in Russian and English: the site composes the
-- reader's sentence from them) and an English sentence for exports and logs, plus a row
-- for every KPI that scores 0 for lack of a target.
--   outside_bounds: beyond the mean ± k·σ of the department's other members (sigma)
--     or beyond Tukey's fences of the department (tukey), with enough members;
--   critical_threshold: beyond the configured critical point;
--   leader_gap: below a share of the value of the department's leader (best total score
--     among people of the same role that month);
--   missing_target: a KPI without a plan or with a zero target (coefficient 0).
with

metrics as (
    select * from {{ ref('mart_alert_metrics') }}
),

rules as (
    select * from {{ ref('alert_rules') }}
),

labels as (
    select * from {{ ref('alert_metrics') }}
),

department_stats as (
    select
        period_grain,
        period_start,
        department_id,
        metric,
        count(*) as members,
        sum(metric_value) as sum_value,
        sum(metric_value * metric_value) as sum_square,
        avg(metric_value) as mean_value,
        -- in double precision on every engine (PostgreSQL has no decimal percentile_cont)
        percentile_cont(0.25) within group (
            order by cast(metric_value as {{ type_double() }})
        ) as q1,
        percentile_cont(0.5) within group (
            order by cast(metric_value as {{ type_double() }})
        ) as median_value,
        percentile_cont(0.75) within group (
            order by cast(metric_value as {{ type_double() }})
        ) as q3
    from metrics
    group by period_grain, period_start, department_id, metric
),

-- mean and σ of the *other* members: an outlier does not hide itself by widening σ
compared as (
    select
        metrics.*,
        stats.members - 1 as other_members,
        stats.mean_value as department_mean,
        stats.median_value as department_median,
        stats.q1,
        stats.q3,
        case
            when stats.members > 1 then (stats.sum_value - metrics.metric_value) / (stats.members - 1)
        end as others_mean,
        case
            when stats.members > 2
                then sqrt(greatest(
                    (
                        (stats.sum_square - metrics.metric_value * metrics.metric_value)
                        - (stats.sum_value - metrics.metric_value) * (stats.sum_value - metrics.metric_value)
                        / (stats.members - 1)
                    ) / (stats.members - 2),
                    0
                ))
        end as others_stddev
    from metrics
    inner join department_stats as stats
        on
            metrics.period_grain = stats.period_grain
            and metrics.period_start = stats.period_start
            and metrics.department_id = stats.department_id
            and metrics.metric = stats.metric
),

leaders as (
    select
        month,
        department_id,
        role,
        employee_id as leader_id,
        full_name as leader_name
    from (
        select
            month,
            department_id,
            role,
            employee_id,
            full_name,
            row_number() over (
                partition by month, department_id, role
                order by total_score desc, employee_id asc
            ) as leader_rank
        from {{ ref('mart_bonus_monthly') }}
    ) as ranked
    where leader_rank = 1
),

critical as (
    select
        compared.*,
        rules.rule,
        rules.severity,
        rules.threshold,
        rules.comparison,
        cast(rules.threshold as {{ type_double() }}) as reference_value
    from compared
    inner join rules
        on
            rules.rule = 'critical_threshold'
            and compared.metric = rules.metric
            and compared.period_grain = rules.period_grain
            -- a month in progress is judged once enough of it has passed
            and (
                rules.period_grain = 'day'
                or compared.elapsed_working_days >= coalesce(rules.min_working_days, 0)
            )
    where
        (rules.comparison = 'above' and compared.metric_value > rules.threshold)
        or (rules.comparison = 'below' and compared.metric_value < rules.threshold)
),

bounds as (
    select
        compared.*,
        rules.rule,
        rules.severity,
        rules.threshold,
        rules.comparison,
        rules.method,
        case
            when rules.method = 'sigma' and rules.comparison = 'above'
                then compared.others_mean + rules.threshold * compared.others_stddev
            when rules.method = 'sigma' then compared.others_mean - rules.threshold * compared.others_stddev
            when rules.comparison = 'above' then compared.q3 + rules.threshold * (compared.q3 - compared.q1)
            else compared.q1 - rules.threshold * (compared.q3 - compared.q1)
        end as fence,
        case
            when rules.method = 'sigma' then compared.others_mean else compared.department_median
        end as reference_value
    from compared
    inner join rules
        on
            rules.rule = 'outside_bounds'
            and compared.metric = rules.metric
            and compared.period_grain = rules.period_grain
            -- a month in progress is judged once enough of it has passed
            and (
                rules.period_grain = 'day'
                or compared.elapsed_working_days >= coalesce(rules.min_working_days, 0)
            )
    where compared.other_members >= rules.min_members
),

outside as (
    select * from bounds
    where
        (comparison = 'above' and metric_value > fence)
        or (comparison = 'below' and metric_value < fence)
),

gaps as (
    select
        compared.*,
        rules.rule,
        rules.severity,
        rules.threshold,
        leaders.leader_name,
        leader_metric.metric_value as reference_value
    from compared
    inner join rules
        on
            rules.rule = 'leader_gap'
            and compared.metric = rules.metric
            and compared.period_grain = rules.period_grain
            -- a month in progress is judged once enough of it has passed
            and (
                rules.period_grain = 'day'
                or compared.elapsed_working_days >= coalesce(rules.min_working_days, 0)
            )
    inner join leaders
        on
            compared.period_start = leaders.month
            and compared.department_id = leaders.department_id
            and compared.role = leaders.role
    inner join metrics as leader_metric
        on
            leaders.leader_id = leader_metric.employee_id
            and compared.period_grain = leader_metric.period_grain
            and compared.period_start = leader_metric.period_start
            and compared.metric = leader_metric.metric
    where
        compared.employee_id != leaders.leader_id
        and leader_metric.metric_value > 0
        and compared.metric_value < rules.threshold * leader_metric.metric_value
),

missing_targets as (
    select
        kpis.month as period_start,
        kpis.employee_id,
        kpis.department_id,
        kpis.kpi_code,
        codes.name_en as kpi_name_en,
        codes.name_ru as kpi_name_ru,
        employees.full_name,
        kpis.note
    from {{ ref('mart_kpi_monthly') }} as kpis
    inner join {{ ref('dim_employee') }} as employees on kpis.employee_id = employees.employee_id
    left join {{ ref('kpi_codes') }} as codes on kpis.kpi_code = codes.kpi_code
    where kpis.note in ('no_plan', 'zero_target')
),

findings as (
    select
        critical.period_start,
        critical.period_grain,
        critical.employee_id,
        critical.department_id,
        critical.metric,
        critical.metric_value as value,
        critical.reference_value,
        critical.rule,
        critical.severity,
        labels.unit,
        labels.label_en as metric_label_en,
        labels.label_ru as metric_label_ru,
        critical.comparison,
        critical.threshold as bound_value,
        critical.department_mean as typical_value,
        'department_mean' as typical_kind,
        null as leader_name,
        null as note,
        {{ alert_subject('critical') }}
        || '; critical point ' || {{ format_metric_value('critical.threshold', 'labels.unit') }}
        || ', department average ' || {{ format_metric_value('critical.department_mean', 'labels.unit') }}
        || '.' as explanation
    from critical
    inner join labels on critical.metric = labels.metric
    union all
    select
        outside.period_start,
        outside.period_grain,
        outside.employee_id,
        outside.department_id,
        outside.metric,
        outside.metric_value as value,
        outside.reference_value,
        outside.rule,
        outside.severity,
        labels.unit,
        labels.label_en as metric_label_en,
        labels.label_ru as metric_label_ru,
        outside.comparison,
        outside.fence as bound_value,
        outside.reference_value as typical_value,
        case when outside.method = 'sigma' then 'others_mean' else 'department_median' end as typical_kind,
        null as leader_name,
        null as note,
        {{ alert_subject('outside') }}
        || case when outside.comparison = 'above' then ', above ' else ', below ' end
        || 'the department''s usual range (bound '
        || {{ format_metric_value('outside.fence', 'labels.unit') }}
        || case when outside.method = 'sigma' then ', others'' average ' else ', median ' end
        || {{ format_metric_value('outside.reference_value', 'labels.unit') }} || ').' as explanation
    from outside
    inner join labels on outside.metric = labels.metric
    union all
    select
        gaps.period_start,
        gaps.period_grain,
        gaps.employee_id,
        gaps.department_id,
        gaps.metric,
        gaps.metric_value as value,
        gaps.reference_value,
        gaps.rule,
        gaps.severity,
        labels.unit,
        labels.label_en as metric_label_en,
        labels.label_ru as metric_label_ru,
        'below' as comparison,
        gaps.threshold * gaps.reference_value as bound_value,
        gaps.reference_value as typical_value,
        'leader' as typical_kind,
        gaps.leader_name,
        null as note,
        {{ alert_subject('gaps') }}
        || ', ' || cast(
            cast(round(cast(100 * gaps.metric_value / gaps.reference_value as numeric(18, 4)), 0) as integer)
            as {{ dbt.type_string() }}
        )
        || ' % of the department leader ' || gaps.leader_name
        || ' (' || {{ format_metric_value('gaps.reference_value', 'labels.unit') }} || ').' as explanation
    from gaps
    inner join labels on gaps.metric = labels.metric
    union all
    select
        period_start,
        'month' as period_grain,
        employee_id,
        department_id,
        kpi_code as metric,
        null as value,
        null as reference_value,
        'missing_target' as rule,
        'warning' as severity,
        null as unit,
        kpi_name_en as metric_label_en,
        kpi_name_ru as metric_label_ru,
        null as comparison,
        null as bound_value,
        null as typical_value,
        null as typical_kind,
        null as leader_name,
        note,
        full_name
        || ': '
        || kpi_code
        || ' scores 0 in '
        || left(cast(period_start as {{ dbt.type_string() }}), 7)
        || ' because of '
        || case when note = 'zero_target' then 'a zero target' else 'no plan for the month' end
        || '; add the plan and run again.' as explanation
    from missing_targets
),

final as (
    select
        cast(period_start as date) as period_start,
        cast(period_grain as {{ dbt.type_string() }}) as period_grain,
        cast(employee_id as {{ dbt.type_string() }}) as employee_id,
        cast(department_id as {{ dbt.type_string() }}) as department_id,
        cast(metric as {{ dbt.type_string() }}) as metric,
        cast(value as {{ type_double() }}) as value,
        cast(reference_value as {{ type_double() }}) as reference_value,
        cast(rule as {{ dbt.type_string() }}) as rule,
        cast(severity as {{ dbt.type_string() }}) as severity,
        cast(explanation as {{ dbt.type_string() }}) as explanation,
        cast(unit as {{ dbt.type_string() }}) as unit,
        cast(metric_label_en as {{ dbt.type_string() }}) as metric_label_en,
        cast(metric_label_ru as {{ dbt.type_string() }}) as metric_label_ru,
        cast(comparison as {{ dbt.type_string() }}) as comparison,
        cast(bound_value as {{ type_double() }}) as bound_value,
        cast(typical_value as {{ type_double() }}) as typical_value,
        cast(typical_kind as {{ dbt.type_string() }}) as typical_kind,
        cast(leader_name as {{ dbt.type_string() }}) as leader_name,
        cast(note as {{ dbt.type_string() }}) as note
    from findings
)

select * from final
