with

source as (
    select *
    from {{ source_columns('closing', 'bonus_statements', [
        'event_id', 'month', 'employee_id', 'full_name', 'department_id', 'role', 'base_bonus',
        'total_score', 'gate_factor', 'quality_multiplier', 'bonus_amount', 'adjustment_amount',
        'payout_amount', 'computed_at', 'gate_kpi_code', 'gate_min_achievement', 'gate_achievement',
        'gate_note', 'multiplier_code', 'multiplier_kpi_code', 'multiplier_input', 'scheme_fingerprint'
    ]) }} as bonus_statements
),

renamed as (
    select
        -- ids
        source.event_id,
        cast(source.month as date) as period_month,
        source.employee_id,
        source.department_id,

        -- attributes
        source.full_name,
        source.role,
        source.gate_kpi_code,
        source.gate_note,
        source.multiplier_code,
        source.multiplier_kpi_code,
        -- null for months closed before autokpi kept it
        source.scheme_fingerprint,

        -- measures, as frozen
        cast(source.base_bonus as numeric(18, 2)) as base_bonus,
        cast(source.total_score as numeric(38, 16)) as total_score,
        cast(source.gate_factor as numeric(38, 12)) as gate_factor,
        cast(source.gate_min_achievement as numeric(9, 4)) as gate_min_achievement,
        cast(source.gate_achievement as numeric(38, 12)) as gate_achievement,
        cast(source.quality_multiplier as numeric(38, 12)) as quality_multiplier,
        cast(source.multiplier_input as numeric(38, 12)) as multiplier_input,
        cast(source.bonus_amount as numeric(18, 2)) as bonus_amount,
        cast(source.adjustment_amount as numeric(18, 2)) as adjustment_amount,
        cast(source.payout_amount as numeric(18, 2)) as payout_amount,

        -- timestamps
        cast(source.computed_at as timestamp) as computed_at
    from source
)

select * from renamed
