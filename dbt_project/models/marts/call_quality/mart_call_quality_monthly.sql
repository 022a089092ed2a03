-- Checklist pass rates per employee and month: the share of scored calls passing each
-- item, and the mean score (the call_quality KPI's actual). The quality page reads it.
with

quality as (
    select * from {{ ref('mart_call_quality') }}
),

final as (
    select
        cast({{ dbt.date_trunc('month', 'local_date') }} as date) as month,
        employee_id,
        cast(count(*) as integer) as calls_scored,
        -- exact, as the call_quality KPI's actual: the scores are doubles, and their
        -- average as doubles moved with the order they were summed in (a mean at a half
        -- of the fourth place came out either way on the same data)
        cast(
            {{ exact_divide('sum(cast(score as numeric(38, 12)))', 'count(*)') }} as numeric(18, 4)
        ) as mean_score,
        {%- for item in var('checklist_items') %}
            cast(avg(1.0 * {{ item }}) as numeric(18, 4)) as {{ item }}_rate,
        {%- endfor %}
        cast(sum(objections_count) as integer) as objections,
        cast(sum(unanswered_objections) as integer) as unanswered_objections
    from quality
    where employee_id is not null
    group by cast({{ dbt.date_trunc('month', 'local_date') }} as date), employee_id
)

select * from final
