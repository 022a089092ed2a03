-- One row per call of int_call_facts with what it adds to its employee's call_activity KPI
-- in the month of its local date: 1 (answered calls) or its talk minutes, by the role's
-- scheme. Only answered, non-internal calls of an employee employed that month count
-- (is_counted); the others are kept too, so that a call rebuilt into one that no longer
-- counts replaces its row instead of leaving the old one behind.
--
-- Incremental: rebuilds the calls int_call_facts rebuilt since this model's last build, or
-- every call when an employee-month's measure changed (a role, the scheme, a new month):
-- its fingerprint is kept on every row, as int_call_facts keeps its own. A table of every
-- call's fact rebuilt each run grew with the history (3.6 s of thread time at 10 M calls).
-- depends_on: {{ ref('int_call_legs') }}, {{ ref('stg_pbx__cdr_legs') }}
{{ config_rebuilt_by_key('call_id', post_hook="{{ drop_calls_left_without_legs() }}") }}

with

employee_months as (
    select * from {{ ref('int_employee_months') }}
),

scheme as (
    select * from {{ ref('kpi_scheme') }}
),

measures as (
    select
        employee_months.employee_id,
        employee_months.period_month,
        coalesce(max(case when scheme.kpi_code = 'call_activity' then scheme.parameter end), 'answered_calls')
            as call_activity_measure
    from employee_months
    left join scheme on employee_months.role = scheme.role
    group by employee_months.employee_id, employee_months.period_month
),

measure_rows as (
    select
        {{ dbt.concat([
            "employee_id", "'|'", dbt.cast('period_month', dbt.type_string()), "'|'", "call_activity_measure",
        ]) }} as measure_row
    from measures
),

measures_fingerprint as (
    select
        {{ dbt.hash("coalesce(" ~ dbt.listagg('measure_row', "';'", 'order by measure_row') ~ ", '')") }}
            as measures_version
    from measure_rows
),

{%- set rebuilding_some_calls = is_incremental_with(['built_at', 'measures_version']) %}

{% if rebuilding_some_calls %}

last_build as (
    select
        max(built_at) as built_at,
        max(measures_version) as measures_version
    from {{ this }}
),

calls as (
    select int_call_facts.*
    from {{ ref('int_call_facts') }} as int_call_facts
    cross join last_build
    cross join measures_fingerprint
    where
        int_call_facts.built_at > last_build.built_at
        or last_build.built_at is null
        or last_build.measures_version is null
        or last_build.measures_version != measures_fingerprint.measures_version
),

{% else %}

    calls as (
        select * from {{ ref('int_call_facts') }}
    ),

{% endif %}

final as (
    select
        calls.call_id,
        calls.employee_id,
        cast({{ dbt.date_trunc('month', 'calls.local_date') }} as date) as period_month,
        coalesce(
            calls.employee_id is not null
            and calls.direction != 'internal'
            and calls.is_answered
            and measures.employee_id is not null,
            false
        ) as is_counted,
        cast(
            case
                when measures.call_activity_measure = 'talk_minutes'
                    then {{ exact_divide('calls.talk_seconds', '60') }}
                else 1
            end
            as numeric(38, 12)
        ) as numerator,
        measures_fingerprint.measures_version,
        {{ build_time() }} as built_at
    from calls
    cross join measures_fingerprint
    left join measures
        on
            calls.employee_id = measures.employee_id
            and cast({{ dbt.date_trunc('month', 'calls.local_date') }} as date) = measures.period_month
)

select * from final
