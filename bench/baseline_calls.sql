-- The fair baseline: what an analyst would write in plain DuckDB instead of autokpi for
-- the call side, doing the same work as autokpi's call marts. bench/pipeline.py runs it
-- (the paths filled in) and checks its table `daily` equals marts.mart_call_activity_daily.
--
--   read the Master.csv files -> group legs into calls by linkedid (else uniqueid) ->
--   direction from the first leg -> attribute each call to an employee through the
--   directory's extensions (valid from hire to leave) -> daily per-employee call KPIs.
--
-- The rules are autokpi's (int_call_legs, int_calls, int_call_kpis_daily); what it leaves
-- out is what the bench data never has: overlapping files, files without ids, late legs,
-- quarantine, checks, scoring, history.

create or replace table cdr as
select
    filename as source_file,
    row_number() over (partition by filename) as source_line,
    coalesce(nullif(trim(column19), ''), nullif(trim(column16), '')) as call_id,
    trim(column01) as src,
    trim(column02) as dst,
    nullif(split_part(split_part(split_part(split_part(trim(column05), '/', 2), '-', 1), '@', 1), ';', 1), '')
        as channel_ext,
    nullif(split_part(split_part(split_part(split_part(trim(column06), '/', 2), '-', 1), '@', 1), ';', 1), '')
        as dstchannel_ext,
    lower(trim(column07)) as app,
    cast(trim(column09) as timestamp) as started,
    cast(trim(column12) as integer) as duration,
    cast(trim(column13) as integer) as billsec,
    upper(trim(column14)) as disposition
from read_csv('{cdr_glob}', header = false, all_varchar = true, filename = true);

create or replace table extensions as
select
    employee_id,
    department_id,
    trim(unnest(string_split(replace(coalesce(extensions, ''), ',', ';'), ';'))) as extension,
    coalesce(try_cast(hire_date as date), date '1900-01-01') as valid_from,
    coalesce(try_cast(leave_date as date), date '9999-12-31') as valid_to
from read_csv('{employees_csv}', header = true, all_varchar = true);

create or replace table legs as
with resolved as (
    select
        cdr.*,
        cast(cdr.started as date) as local_date,
        coalesce(by_channel.employee_id, by_src.employee_id) as caller,
        coalesce(by_dstchannel.employee_id, by_dst.employee_id) as callee,
        coalesce(by_dstchannel.department_id, by_dst.department_id) as callee_department,
        cdr.app in ('dial', 'queue', 'followme') as is_talk_app
    from cdr
    left join extensions as by_channel
        on cdr.channel_ext = by_channel.extension
        and cast(cdr.started as date) between by_channel.valid_from and by_channel.valid_to
    left join extensions as by_src
        on cdr.src = by_src.extension
        and cast(cdr.started as date) between by_src.valid_from and by_src.valid_to
    left join extensions as by_dstchannel
        on cdr.dstchannel_ext = by_dstchannel.extension
        and cast(cdr.started as date) between by_dstchannel.valid_from and by_dstchannel.valid_to
    left join extensions as by_dst
        on cdr.dst = by_dst.extension
        and cast(cdr.started as date) between by_dst.valid_from and by_dst.valid_to
)
select
    *,
    disposition = 'ANSWERED' and billsec > 0 and is_talk_app as is_talk_leg,
    row_number() over (partition by call_id order by started, source_file, source_line) as leg_order
from resolved;

create or replace table calls as
with first_legs as (
    select
        call_id,
        started as call_started,
        local_date,
        caller,
        case
            when caller is not null and (callee is not null or length(dst) <= 5) then 'internal'
            when caller is not null then 'outbound'
            else 'inbound'
        end as direction
    from legs
    where leg_order = 1
),

with_direction as (
    select
        legs.*,
        first_legs.direction,
        date_diff('second', first_legs.call_started, legs.started) as offset_seconds,
        case
            when first_legs.direction = 'outbound' then legs.is_talk_leg
            else legs.is_talk_leg and legs.callee is not null
        end as is_employee_talk
    from legs
    inner join first_legs using (call_id)
),

per_call as (
    select
        call_id,
        bool_or(is_employee_talk) as has_talk,
        sum(case when is_employee_talk then billsec else 0 end) as talk_seconds,
        arg_min(callee, (-billsec, started, source_file, source_line))
            filter (where is_employee_talk and direction = 'inbound') as talker,
        arg_min(callee_department, (-billsec, started, source_file, source_line))
            filter (where is_employee_talk and direction = 'inbound') as talker_department,
        count(distinct callee) filter (where is_talk_app) as employees_rung,
        min(callee) filter (where is_talk_app) as any_rung,
        min(offset_seconds + duration - billsec) filter (where is_employee_talk) as to_answer,
        max(offset_seconds + duration) filter (where is_talk_app) as ringing_talk_apps,
        max(offset_seconds + duration) as total
    from with_direction
    group by call_id
)

select
    first_legs.call_id,
    first_legs.local_date,
    first_legs.direction,
    case
        when first_legs.direction != 'inbound' then first_legs.caller
        when per_call.has_talk then per_call.talker
        when per_call.employees_rung = 1 then per_call.any_rung
    end as employee_id,
    per_call.has_talk as is_answered,
    first_legs.direction = 'inbound' and not per_call.has_talk as is_missed,
    coalesce(per_call.to_answer, per_call.ringing_talk_apps, per_call.total) as ring_seconds,
    per_call.talk_seconds
from first_legs
inner join per_call using (call_id);

create or replace table daily as
select
    local_date as activity_date,
    employee_id,
    count(*) filter (where direction != 'internal') as calls_total,
    count(*) filter (where direction = 'inbound') as calls_inbound,
    count(*) filter (where direction = 'outbound') as calls_outbound,
    count(*) filter (where direction != 'internal' and is_answered) as calls_answered,
    count(*) filter (where is_missed) as calls_missed,
    coalesce(sum(talk_seconds) filter (where direction != 'internal'), 0) as talk_seconds,
    count(*) filter (where direction = 'internal') as calls_internal,
    sum(ring_seconds) filter (where direction = 'inbound' and is_answered)
    / count(*) filter (where direction = 'inbound' and is_answered) as avg_ring_seconds
from calls
where employee_id is not null
group by local_date, employee_id;
