-- One row per call of int_call_facts with what it adds to its employee's call_activity KPI
-- in the month of its local date: 1 (answered calls) or its talk minutes, by the role's
-- scheme. Only answered, non-internal calls of an employee employed that month count
-- (is_counted); the others are kept too, so that a call rebuilt into one that no longer
-- counts replaces its row instead of leaving the old one behind.
--
-- Incremental: rebuilds the calls int_call_facts rebuilt since this model's last build,
-- and the calls of each employee-month whose measure changed (a role, the scheme, an
-- employee-month that came or went): every row keeps the measure it was built by. A table
-- of every call's fact rebuilt each run grew with the history (3.6 s of thread time at
-- 10 M calls); one fingerprint of all the measures, tried first, rebuilt every call each
-- new month.
-- depends_on: {{ ref('int_call_legs') }}, {{ ref('stg_pbx__cdr_legs') }}
{{ config_rebuilt_by_key('call_id', post_hook="{{ drop_calls_left_without_legs() }}") }}

with

measures as (
    select
        employee_id,
        period_month,
        call_activity_measure
    from {{ ref('int_employee_month_parameters') }}
),

{%- set rebuilding_some_calls = is_incremental_with(['built_at', 'call_activity_measure']) %}

{% if rebuilding_some_calls %}

last_build as (
    select max(built_at) as built_at from {{ this }}
),

built_measures as (
    select distinct
        employee_id,
        period_month,
        call_activity_measure
    from {{ this }}
    where employee_id is not null
),

changed_employee_months as (
    select
        built_measures.employee_id,
        built_measures.period_month
    from built_measures
    left join measures
        on
            built_measures.employee_id = measures.employee_id
            and built_measures.period_month = measures.period_month
    where coalesce(built_measures.call_activity_measure, '') != coalesce(measures.call_activity_measure, '')
),

calls as (
    select int_call_facts.*
    from {{ ref('int_call_facts') }} as int_call_facts
    cross join last_build
    left join changed_employee_months
        on
            int_call_facts.employee_id = changed_employee_months.employee_id
            and cast({{ dbt.date_trunc('month', 'int_call_facts.local_date') }} as date)
            = changed_employee_months.period_month
    where
        int_call_facts.built_at > last_build.built_at
        or last_build.built_at is null
        or changed_employee_months.employee_id is not null
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
        measures.call_activity_measure,
        {{ build_time() }} as built_at
    from calls
    left join measures
        on
            calls.employee_id = measures.employee_id
            and cast({{ dbt.date_trunc('month', 'calls.local_date') }} as date) = measures.period_month
)

select * from final
