-- One row per employee per month: the table finance pays from. Open months are
-- computed from today's data plus the corrections of closed months paid in them
-- (mart_bonus_adjustments); closed months are the rows frozen at close, unchanged
-- whatever arrives later. Each row carries what explains it: the gate that held the
-- bonus back and the multiplier's input.
with

status as (
    select * from {{ ref('int_period_status') }}
),

live as (
    select live_rows.*
    from {{ ref('int_bonus_monthly_live') }} as live_rows
    left join status on live_rows.period_month = status.period_month
    where coalesce(status.period_status, 'open') = 'open'
),

adjustments as (
    select
        paid_in_month,
        employee_id,
        sum(adjustment_amount) as adjustment_amount,
        {{ dbt.listagg('adjustment_reason', "'; '", "order by adjustment_reason") }} as adjustment_reason
    from {{ ref('mart_bonus_adjustments') }}
    group by paid_in_month, employee_id
),

frozen as (
    {{ rows_of_current_close('stg_closing__bonus_statements') }}
),

{%- set explained = [
    'gate_kpi_code', 'gate_min_achievement', 'gate_achievement', 'gate_note',
    'multiplier_code', 'multiplier_kpi_code', 'multiplier_input', 'scheme_fingerprint'
] %}

unioned as (
    select
        live.period_month,
        live.employee_id,
        live.full_name,
        live.department_id,
        live.role,
        live.base_bonus,
        live.total_score,
        live.gate_factor,
        live.quality_multiplier,
        live.bonus_amount,
        coalesce(adjustments.adjustment_amount, 0) as adjustment_amount,
        live.bonus_amount + coalesce(adjustments.adjustment_amount, 0) as payout_amount,
        adjustments.adjustment_reason,
        {%- for column in explained %}
            live.{{ column }},
        {%- endfor %}
        'open' as period_status,
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as computed_at
    from live
    left join adjustments
        on
            live.period_month = adjustments.paid_in_month
            and live.employee_id = adjustments.employee_id
    union all
    select
        frozen.period_month,
        frozen.employee_id,
        frozen.full_name,
        frozen.department_id,
        frozen.role,
        frozen.base_bonus,
        frozen.total_score,
        frozen.gate_factor,
        frozen.quality_multiplier,
        frozen.bonus_amount,
        frozen.adjustment_amount,
        frozen.payout_amount,
        adjustments.adjustment_reason,
        {%- for column in explained %}
            frozen.{{ column }},
        {%- endfor %}
        'closed' as period_status,
        frozen.computed_at
    from frozen
    left join adjustments
        on
            frozen.period_month = adjustments.paid_in_month
            and frozen.employee_id = adjustments.employee_id
),

final as (
    select
        cast(period_month as date) as month,
        cast(employee_id as {{ dbt.type_string() }}) as employee_id,
        cast(full_name as {{ dbt.type_string() }}) as full_name,
        cast(department_id as {{ dbt.type_string() }}) as department_id,
        cast(role as {{ dbt.type_string() }}) as role,
        cast(base_bonus as numeric(18, 2)) as base_bonus,
        cast(total_score as numeric(38, 16)) as total_score,
        cast(bonus_amount as numeric(18, 2)) as bonus_amount,
        cast(period_status as {{ dbt.type_string() }}) as period_status,
        cast(computed_at as timestamp) as computed_at,
        cast(gate_factor as numeric(38, 12)) as gate_factor,
        cast(quality_multiplier as numeric(38, 12)) as quality_multiplier,
        cast(adjustment_amount as numeric(18, 2)) as adjustment_amount,
        cast(payout_amount as numeric(18, 2)) as payout_amount,
        cast(gate_note as {{ dbt.type_string() }}) as gate_note,
        cast(adjustment_reason as {{ dbt.type_string() }}) as adjustment_reason,
        cast(gate_kpi_code as {{ dbt.type_string() }}) as gate_kpi_code,
        cast(gate_min_achievement as numeric(9, 4)) as gate_min_achievement,
        cast(gate_achievement as numeric(38, 12)) as gate_achievement,
        cast(multiplier_code as {{ dbt.type_string() }}) as multiplier_code,
        cast(multiplier_kpi_code as {{ dbt.type_string() }}) as multiplier_kpi_code,
        cast(multiplier_input as numeric(38, 12)) as multiplier_input,
        cast(scheme_fingerprint as {{ dbt.type_string() }}) as scheme_fingerprint
    from unioned
)

select * from final
