-- Missed calls taken off an employee by an accepted dispute (the portal's "exclude the
-- call from my missed calls" correction: a client who hung up at the first ring, a call
-- that rang after the shift): one row per call and the employee who disputed it.
-- int_call_facts then attributes the call to nobody, so it stays in the department's
-- missed calls and leaves the employee's, their rating and their alerts.
with

accepted_exclusions as (
    select
        exclusions.fact_id as call_id,
        exclusions.employee_id,
        exclusions.dispute_id,
        exclusions.answered_at,
        row_number() over (
            partition by exclusions.fact_id, exclusions.employee_id
            order by exclusions.answered_at asc, exclusions.dispute_id asc
        ) as exclusion_rank
    from ({{ accepted_corrections(['exclude_missed_call']) }}) as exclusions
    where exclusions.fact_id is not null
),

final as (
    select
        call_id,
        employee_id,
        dispute_id,
        answered_at
    from accepted_exclusions
    where exclusion_rank = 1
)

select * from final
