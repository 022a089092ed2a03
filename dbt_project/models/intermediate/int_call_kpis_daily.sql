-- Additive call measures per local date, employee and department (employee null for
-- missed ring-group calls that count for the department only). Every ratio in the call
-- marts is built from these sums, so days, weeks, months and departments add up.
-- A missed inbound call from a known number counts as called back when the number was
-- answered within var callback_window_hours after it: an answered outbound call to it, or
-- the client calling again and being answered.
--
-- Incremental by day: a run rebuilds the days whose calls changed since this model's last
-- build (int_call_facts rebuilt a call of the day, or the day holds fewer calls than it
-- did: a call withdrawn or moved to another day) and the days before each within the
-- callback window (a call answered today can return a missed call of yesterday); a day
-- left with no call goes (post-hook). Each row keeps its day's call count for that
-- comparison, and the settings it was counted by (day_rules): a change of the callback
-- window or the service level rebuilds every day. Built from every call, this model and
-- the callbacks it read were 4 s of a day's dbt at 10 M calls, on the longest path of its
-- build.
-- depends_on: {{ ref('int_call_facts') }}
{{ config_rebuilt_by_key('local_date', post_hook="{{ drop_days_left_without_calls() }}") }}

{#- the days before a changed day whose missed calls it can return: the window in whole
    days, and one more for the hour a local date and the UTC times it holds are apart -#}
{%- set callback_days = ((var('callback_window_hours') | float / 24) | round(0, 'ceil') | int) + 1 %}
{%- set day_rules = var('callback_window_hours') ~ 'h|' ~ var('service_level_seconds') ~ 's' %}
{%- set building_some_days = is_incremental_with(['built_at', 'day_calls', 'day_rules']) %}

with

{%- if building_some_days %}

last_build as (
    select
        max(built_at) as built_at,
        max(day_rules) as day_rules
    from {{ this }}
),

built_days as (
    select
        local_date,
        max(day_calls) as day_calls
    from {{ this }}
    group by local_date
),

call_days as (
    select
        local_date,
        count(*) as day_calls,
        max(built_at) as newest_built_at
    from {{ ref('int_call_facts') }}
    group by local_date
),

changed_days as (
    select call_days.local_date
    from call_days
    cross join last_build
    left join built_days on call_days.local_date = built_days.local_date
    where
        call_days.newest_built_at > last_build.built_at
        or last_build.built_at is null
        or last_build.day_rules is null
        or last_build.day_rules != '{{ day_rules }}'
        or built_days.day_calls is null
        or built_days.day_calls != call_days.day_calls
    union
    -- a day with no call left: the missed calls before it may have lost their callback
    select built_days.local_date
    from built_days
    left join call_days on built_days.local_date = call_days.local_date
    where call_days.local_date is null
),

days_to_build as (
    select distinct call_days.local_date
    from call_days
    inner join changed_days
        on
            call_days.local_date <= changed_days.local_date
            and call_days.local_date
            >= cast({{ dbt.dateadd('day', -callback_days, 'changed_days.local_date') }} as date)
),

{%- endif %}

calls as (
    select int_call_facts.*
    from {{ ref('int_call_facts') }} as int_call_facts
    {%- if building_some_days %}
        inner join days_to_build on int_call_facts.local_date = days_to_build.local_date
    {%- endif %}
),

-- the missed calls and the answered ones are read apart, each narrowed to its rows: a CTE
-- read twice is kept whole in memory by DuckDB (10 M calls: the callbacks 1.06 → 0.67 s)
missed as (
    select
        int_calls.call_id,
        int_calls.client_phone_e164,
        int_calls.started_at
    from {{ ref('int_calls') }} as int_calls
    {%- if building_some_days %}
        inner join days_to_build on int_calls.local_date = days_to_build.local_date
    {%- endif %}
    where int_calls.is_missed and int_calls.client_phone_e164 is not null
),

missed_span as (
    select
        min(started_at) as first_started_at,
        max(started_at) as last_started_at
    from missed
),

answered_contacts as (
    select
        int_calls.client_phone_e164,
        int_calls.started_at
    from {{ ref('int_calls') }} as int_calls
    cross join missed_span
    where
        int_calls.is_answered
        and int_calls.client_phone_e164 is not null
        and int_calls.started_at > missed_span.first_started_at
        and int_calls.started_at
        <= {{ dbt.dateadd('hour', var('callback_window_hours'), 'missed_span.last_started_at') }}
),

later_answered_contacts as (
    select
        missed.call_id,
        min({{ dbt.datediff('missed.started_at', 'contact.started_at', 'second') }}) as callback_delay_seconds
    from missed
    inner join answered_contacts as contact
        on
            missed.client_phone_e164 = contact.client_phone_e164
            and missed.started_at < contact.started_at
            and contact.started_at
            <= {{ dbt.dateadd('hour', var('callback_window_hours'), 'missed.started_at') }}
    group by missed.call_id
),

callbacks as (
    select
        missed.call_id,
        later_answered_contacts.callback_delay_seconds is not null as is_called_back,
        later_answered_contacts.callback_delay_seconds
    from missed
    left join later_answered_contacts on missed.call_id = later_answered_contacts.call_id
),

sums as (
    select
        calls.local_date,
        calls.employee_id,
        calls.department_id,
        sum(case when calls.direction != 'internal' then 1 else 0 end) as calls_total,
        sum(case when calls.direction = 'inbound' then 1 else 0 end) as calls_inbound,
        sum(case when calls.direction = 'outbound' then 1 else 0 end) as calls_outbound,
        sum(case when calls.direction = 'internal' then 1 else 0 end) as calls_internal,
        sum(case when calls.direction != 'internal' and calls.is_answered then 1 else 0 end)
            as calls_answered,
        sum(case when calls.direction = 'inbound' and calls.is_answered then 1 else 0 end)
            as inbound_answered,
        sum(case when calls.is_missed then 1 else 0 end) as calls_missed,
        sum(case when calls.direction != 'internal' then calls.talk_seconds else 0 end) as talk_seconds,
        sum(case when calls.direction = 'inbound' and calls.is_answered then calls.ring_seconds else 0 end)
            as ring_seconds_before_answer,
        sum(
            case
                when
                    calls.direction = 'inbound' and calls.is_answered
                    and calls.ring_seconds <= {{ var('service_level_seconds') }}
                    then 1
                else 0
            end
        ) as inbound_answered_within_service_level,
        sum(case when callbacks.call_id is not null then 1 else 0 end) as missed_with_number,
        sum(case when callbacks.is_called_back then 1 else 0 end) as missed_called_back,
        sum(coalesce(callbacks.callback_delay_seconds, 0)) as callback_delay_seconds,
        count(*) as group_calls
    from calls
    left join callbacks on calls.call_id = callbacks.call_id
    group by calls.local_date, calls.employee_id, calls.department_id
),

final as (
    select
        local_date,
        employee_id,
        department_id,
        calls_total,
        calls_inbound,
        calls_outbound,
        calls_internal,
        calls_answered,
        inbound_answered,
        calls_missed,
        talk_seconds,
        ring_seconds_before_answer,
        inbound_answered_within_service_level,
        missed_with_number,
        missed_called_back,
        callback_delay_seconds,
        -- (summed over the day's groups: the calls are read once)
        cast(sum(group_calls) over (partition by local_date) as {{ dbt.type_bigint() }}) as day_calls,
        cast('{{ day_rules }}' as {{ dbt.type_string() }}) as day_rules,
        {{ build_time() }} as built_at
    from sums
)

select * from final
