{#- The rows a closing-history model holds for each closed month's current close (a
    reopened month's old close no longer counts): the one rule every model that shows
    or compares frozen statements uses. -#}
{% macro rows_of_current_close(closing_model) -%}
    select frozen_rows.*
    from {{ ref(closing_model) }} as frozen_rows
    inner join {{ ref('int_period_status') }} as current_close
        on frozen_rows.event_id = current_close.close_event_id
{%- endmacro %}
