-- Client objections per employee, month and class: what clients actually said, and how
-- many objections each manager left unanswered.
with

objections as (
    select * from {{ ref('stg_quality__call_objections') }}
),

quality as (
    select * from {{ ref('mart_call_quality') }}
),

final as (
    select
        cast({{ dbt.date_trunc('month', 'quality.local_date') }} as date) as month,
        quality.employee_id,
        objections.objection_class,
        cast(count(*) as integer) as objections,
        cast(sum(case when objections.is_answered then 0 else 1 end) as integer) as unanswered,
        cast(count(distinct objections.call_id) as integer) as calls_with_objection
    from objections
    inner join quality on objections.call_id = quality.call_id
    group by
        cast({{ dbt.date_trunc('month', 'quality.local_date') }} as date),
        quality.employee_id,
        objections.objection_class
)

select * from final
