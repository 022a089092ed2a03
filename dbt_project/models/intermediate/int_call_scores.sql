-- One row per transcribed call: the checklist items (0/1), the score and the evidence
-- (item -> quoted phrase, redacted, and its time in the call), attributed to the
-- employee of the call (or, for a transcript without a known call, its agent's extension).
-- An item passed by an accepted dispute (int_call_quality_passes) counts as 1, and the
-- score is then weighed again from the items and their checklist weights.
--
-- Incremental: rebuilds the calls scored anew since this model's last build (a new call, a
-- new checklist version, a transcript loaded again), the calls int_call_facts rebuilt since
-- then (their employee or day may have moved), the calls left without legs, and those
-- whose passes by dispute changed; every call when the extensions (which place a call
-- with no call facts) changed. A score taken back is dropped by the post-hook. Every scored
-- call's row and evidence written again each run took 3.6 s of a day at 10 M calls.
-- depends_on: {{ ref('int_call_legs') }}, {{ ref('stg_pbx__cdr_legs') }}
{{ config_rebuilt_by_key('call_id', post_hook="{{ drop_scores_taken_back() }}") }}

with

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
        count(*) as items_passed_by_dispute,
        {{ dbt.listagg(
            dbt.concat(["quality_item", "':'", dbt.cast("dispute_id", dbt.type_string())]),
            "','",
            "order by quality_item",
        ) }} as dispute_passes
    from passes
    group by call_id
),

extensions_fingerprint as (
    select
        {{ dbt.hash(dbt.listagg('extension_row', "';'", 'order by extension_row')) }} as extensions_version
    from (
        select
            {{ dbt.concat([
                "coalesce(extension, '')", "'|'", "coalesce(employee_id, '')", "'|'",
                dbt.cast('valid_from', dbt.type_string()), "'|'", dbt.cast('valid_to', dbt.type_string()),
            ]) }} as extension_row
        from extensions
    ) as extension_rows
),

{%- set rebuilding_some_calls = is_incremental_with(
    ['built_at', 'transcript_load_id', 'dispute_passes', 'extensions_version']
) %}

{% if rebuilding_some_calls %}

last_build as (
    select
        max(built_at) as built_at,
        max(extensions_version) as extensions_version
    from {{ this }}
),

built_scores as (
    select
        call_id,
        checklist_version,
        transcript_load_id,
        dispute_passes
    from {{ this }}
),

-- the scores' and the call facts' columns read by name, not through a shared CTE: DuckDB
-- would first copy every scored call's evidence and every call fact (0.5 s at 10 M calls)
calls_to_build as (
    -- scored anew: a new call, another checklist version, a transcript loaded again
    select scored.call_id
    from {{ ref('stg_call_quality__call_scores') }} as scored
    left join built_scores on scored.call_id = built_scores.call_id
    where
        built_scores.call_id is null
        or coalesce(scored.checklist_version, '') != coalesce(built_scores.checklist_version, '')
        or coalesce(scored.transcript_load_id, '') != coalesce(built_scores.transcript_load_id, '')
    union
    -- their call facts rebuilt since
    select facts.call_id
    from {{ ref('int_call_facts') }} as facts
    cross join last_build
    where facts.built_at > last_build.built_at or last_build.built_at is null
    union
    -- that lost legs (their call facts rebuilt, or dropped with none left)
    {{ calls_that_lost_legs() }}
    union
    -- passed by a dispute, or no longer
    select coalesce(built_passes.call_id, passes_by_call.call_id)
    from (
        select
            built_scores.call_id,
            built_scores.dispute_passes
        from built_scores
        where built_scores.dispute_passes is not null
    ) as built_passes
    full outer join passes_by_call on built_passes.call_id = passes_by_call.call_id
    where coalesce(built_passes.dispute_passes, '') != coalesce(passes_by_call.dispute_passes, '')
    union
    -- every call, when the extensions changed
    select scored.call_id
    from {{ ref('stg_call_quality__call_scores') }} as scored
    cross join last_build
    cross join extensions_fingerprint
    where coalesce(last_build.extensions_version, '') != coalesce(extensions_fingerprint.extensions_version, '')
),

scores as (
    select *
    from {{ ref('stg_call_quality__call_scores') }}
    where call_id in (select calls_to_build.call_id from calls_to_build)
),

calls as (
    select *
    from {{ ref('int_call_facts') }}
    where call_id in (select scores.call_id from scores)
),

transcripts as (
    select *
    from {{ ref('stg_pbx__transcripts') }}
    where call_id in (select scores.call_id from scores)
),

{% else %}

    scores as (
        select * from {{ ref('stg_call_quality__call_scores') }}
    ),

    calls as (
        select * from {{ ref('int_call_facts') }}
    ),

    transcripts as (
        select * from {{ ref('stg_pbx__transcripts') }}
    ),

{% endif %}

scores_after_disputes as (
    select
        scores.*,
        coalesce(passes_by_call.items_passed_by_dispute, 0) as items_passed_by_dispute,
        passes_by_call.dispute_passes,
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
        scores.unanswered_objections,
        scores.transcript_load_id,
        scores.dispute_passes,
        extensions_fingerprint.extensions_version,
        {{ build_time() }} as built_at
    from rescored as scores
    cross join extensions_fingerprint
    left join calls on scores.call_id = calls.call_id
    left join transcripts on scores.call_id = transcripts.call_id
    left join extensions as by_extension
        on
            scores.agent_extension = by_extension.extension
            and cast(transcripts.started_at as date) between by_extension.valid_from and by_extension.valid_to
)

select * from final
