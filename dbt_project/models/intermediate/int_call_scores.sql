-- One row per transcribed call: the checklist items (0/1), the score and the evidence
-- (item -> quoted phrase, redacted, and its time in the call), attributed to the
-- employee of the call (or, for a transcript without a known call, its agent's extension).
-- An item passed by an accepted dispute (int_call_quality_passes) counts as 1, and the
-- score is then weighed again from the items and their checklist weights.
with

scores as (
    select * from {{ ref('stg_call_quality__call_scores') }}
),

calls as (
    select * from {{ ref('int_call_facts') }}
),

transcripts as (
    select * from {{ ref('stg_pbx__transcripts') }}
),

extensions as (
    select * from {{ ref('int_employee_extensions') }}
),

passes as (
    select * from {{ ref('int_call_quality_passes') }}
),

passes_by_call as (
    select
        call_id,
        {%- for item in var('checklist_items') %}
            max(case when quality_item = '{{ item }}' then 1 else 0 end) as {{ item }}_passed,
        {%- endfor %}
        count(*) as items_passed_by_dispute
    from passes
    group by call_id
),

scores_after_disputes as (
    select
        scores.*,
        coalesce(passes_by_call.items_passed_by_dispute, 0) as items_passed_by_dispute,
        {%- for item in var('checklist_items') %}
            greatest(scores.{{ item }}, coalesce(passes_by_call.{{ item }}_passed, 0)) as {{ item }}_after,
        {%- endfor %}
        (
            {%- for item in var('checklist_items') %}
                {{ '+ ' if not loop.first }}scores.{{ item }}_weight
            {%- endfor %}
        ) as weight_total
    from scores
    left join passes_by_call on scores.call_id = passes_by_call.call_id
),

rescored as (
    select
        scores_after_disputes.*,
        case
            when
                scores_after_disputes.items_passed_by_dispute = 0
                or scores_after_disputes.weight_total is null
                or scores_after_disputes.weight_total = 0
                then scores_after_disputes.score
            else round(
                cast((
                    {%- for item in var('checklist_items') %}
                        {{ '+ ' if not loop.first }}scores_after_disputes.{{ item }}_weight
                        * scores_after_disputes.{{ item }}_after
                    {%- endfor %}
                ) / scores_after_disputes.weight_total as {{ dbt.type_numeric() }}),
                4
            )
        end as score_after
    from scores_after_disputes
),

final as (
    select
        scores.call_id,
        coalesce(calls.employee_id, by_extension.employee_id) as employee_id,
        coalesce(calls.local_date, cast(transcripts.started_at as date)) as local_date,
        cast(scores.score_after as {{ type_double() }}) as score,
        {%- for item in var('checklist_items') %}
            scores.{{ item }}_after as {{ item }},
        {%- endfor %}
        cast(scores.items_passed_by_dispute as integer) as items_passed_by_dispute,
        scores.evidence_json as evidence,
        scores.language_code,
        scores.checklist_version,
        scores.objections_count,
        scores.unanswered_objections
    from rescored as scores
    left join calls on scores.call_id = calls.call_id
    left join transcripts on scores.call_id = transcripts.call_id
    left join extensions as by_extension
        on
            scores.agent_extension = by_extension.extension
            and cast(transcripts.started_at as date) between by_extension.valid_from and by_extension.valid_to
)

select * from final
