{#- The accepted answers of the portal's disputes that correct data, with their dispute:
    one select shared by every model that applies a correction (int_deal_line_moves,
    int_call_quality_passes, int_dispute_corrections). -#}
{% macro accepted_corrections(correction_kinds) -%}
    select
        disputes.dispute_id,
        disputes.dispute_month,
        disputes.employee_id,
        disputes.fact_id,
        answers.correction_kind,
        answers.to_employee_id,
        answers.quality_item,
        answers.answered_at
    from {{ ref('stg_disputes__answers') }} as answers
    inner join {{ ref('stg_disputes__disputes') }} as disputes on answers.dispute_id = disputes.dispute_id
    where
        answers.decision = 'accepted'
        and answers.correction_kind in ({{ quoted_list(correction_kinds) }})
{%- endmacro %}
