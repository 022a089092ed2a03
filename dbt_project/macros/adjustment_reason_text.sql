{#- An adjustment's cause in English words for BI readers ("late data for 2026-10
    (markup, plan_revenue)"); the site and the exports word it in Russian and English
    from the same parts (dashboards/i18n.py). -#}
{% macro adjustment_reason_text(cause, for_month, kpi_codes, dispute_ids="null") -%}
    case {{ cause }}
        when 'dispute' then 'dispute' || coalesce(' #' || replace({{ dispute_ids }}, ',', ', #'), '')
        when 'late_data' then 'late data'
        when 'scheme_change' then 'scheme change'
        when 'late_data_and_scheme_change' then 'late data and a scheme change'
        else 'recalculation'
    end
    || ' for ' || left(cast({{ for_month }} as {{ dbt.type_string() }}), 7)
    || coalesce(' (' || replace({{ kpi_codes }}, ',', ', ') || ')', '')
{%- endmacro %}
