-- Call KPIs per employee and per department, per day, week and month (definitions and
-- formulas in _calls__docs.md). Department rows include missed ring-group calls that
-- count for no single employee. Working days are those elapsed up to the data's last day.
with

daily as (
    select
        kpis.*,
        days.week_start,
        days.month_start
    from {{ ref('int_call_kpis_daily') }} as kpis
    inner join {{ ref('dim_date') }} as days on kpis.local_date = days.date_day
),

-- working days count up to the last day with calls: a month in progress divides by the
-- days elapsed, not by the whole month (on 1 December, one day, not 22)
data_through as (
    select max(local_date) as last_day from daily
),

employee_days as (
    select employee_days.*
    from {{ ref('int_employee_days') }} as employee_days
    cross join data_through
    where employee_days.date_day <= data_through.last_day
),

{%- set grains = [
    ('day', 'local_date', 'date_day'),
    ('week', 'week_start', 'week_start'),
    ('month', 'month_start', 'month_start'),
] %}

measures as (
    {%- for grain, column, _ in grains %}
        select
            '{{ grain }}' as period_grain,
            {{ column }} as period_start,
            'employee' as level,
            employee_id,
            department_id,
            {{ call_kpi_sums() }}
        from daily
        where employee_id is not null
        group by {{ column }}, employee_id, department_id
        union all
        select
            '{{ grain }}' as period_grain,
            {{ column }} as period_start,
            'department' as level,
            null as employee_id,
            department_id,
            {{ call_kpi_sums() }}
        from daily
        where department_id is not null
        group by {{ column }}, department_id
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

working_days as (
    {%- for grain, _, column in grains %}
        select
            '{{ grain }}' as period_grain,
            {{ column }} as period_start,
            employee_id,
            department_id,
            sum(case when is_working_day then 1 else 0 end) as working_days
        from employee_days
        group by {{ column }}, employee_id, department_id
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

department_working_days as (
    select
        period_grain,
        period_start,
        department_id,
        sum(working_days) as working_days
    from working_days
    group by period_grain, period_start, department_id
),

final as (
    select
        measures.period_grain,
        cast(measures.period_start as date) as period_start,
        measures.level,
        measures.employee_id,
        measures.department_id,
        {% for m in ['calls_total', 'calls_inbound', 'calls_outbound', 'calls_internal', 'calls_answered',
                     'inbound_answered', 'calls_missed', 'missed_with_number', 'missed_called_back'] -%}
            cast(measures.{{ m }} as integer) as {{ m }},
        {% endfor -%}
        cast(measures.talk_seconds as bigint) as talk_seconds,
        {{ call_kpi_ratios('measures.') }},
        cast(coalesce(employee_wd.working_days, department_wd.working_days) as integer) as working_days,
        case
            when coalesce(employee_wd.working_days, department_wd.working_days) > 0
                then cast(
                    1.0 * measures.calls_total
                    / (
                        coalesce(employee_wd.working_days, department_wd.working_days)
                        * {{ var('working_hours_per_day') }}
                    )
                    as {{ type_double() }}
                )
        end as calls_per_working_hour
    from measures
    left join working_days as employee_wd
        on
            measures.level = 'employee'
            and measures.period_grain = employee_wd.period_grain
            and measures.period_start = employee_wd.period_start
            and measures.employee_id = employee_wd.employee_id
    left join department_working_days as department_wd
        on
            measures.level = 'department'
            and measures.period_grain = department_wd.period_grain
            and measures.period_start = department_wd.period_start
            and measures.department_id = department_wd.department_id
)

select * from final
