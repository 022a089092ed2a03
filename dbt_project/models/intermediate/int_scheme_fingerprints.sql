-- A fingerprint of the scheme each employee is paid by: their role's rows in every
-- scheme seed and their personal base. A close records it with the frozen rows, so an
-- adjustment for a closed month can say whether the scheme changed since (a scheme
-- change) or only the data (late data).
with

employee_months as (
    select * from {{ ref('int_employee_months') }}
),

scheme as (
    select * from {{ ref('kpi_scheme') }}
),

corridors as (
    select * from {{ ref('kpi_corridors') }}
),

gates as (
    select * from {{ ref('bonus_gates') }}
),

multipliers as (
    select * from {{ ref('bonus_multipliers') }}
),

bases as (
    select * from {{ ref('bonus_base') }}
),

{%- set text = dbt.type_string() %}

role_rows as (
    select
        role,
        'kpi_scheme:' || kpi_code || ':' || cast(weight as {{ text }}) || ':' || scale_kind
        || ':' || coalesce(cast(threshold as {{ text }}), '') || ':' || coalesce(cast(cap as {{ text }}), '')
        || ':' || target_source || ':' || coalesce(cast(target_value as {{ text }}), '')
        || ':' || coalesce(cast(base_value as {{ text }}), '') || ':' || coalesce(parameter, '')
        || ':' || scope as row_text
    from scheme
    union all
    select
        role,
        'kpi_corridors:' || kpi_code || ':' || cast(band_from as {{ text }})
        || ':' || coalesce(cast(band_to as {{ text }}), '') || ':' || cast(coefficient as {{ text }})
    from corridors
    union all
    select
        role,
        'bonus_gates:' || kpi_code || ':' || cast(min_achievement as {{ text }})
    from gates
    union all
    select
        role,
        'bonus_multipliers:' || kpi_code || ':' || cast(input_floor as {{ text }})
        || ':' || cast(input_ceiling as {{ text }}) || ':' || cast(multiplier_at_floor as {{ text }})
        || ':' || cast(multiplier_at_ceiling as {{ text }})
    from multipliers
    union all
    select
        role,
        'bonus_base:' || cast(base_bonus as {{ text }})
    from bases
    where employee_id is null
),

role_fingerprints as (
    select
        role,
        {{ dbt.listagg('row_text', "'|'", 'order by row_text') }} as scheme_text
    from role_rows
    group by role
),

final as (
    select
        employee_months.employee_id,
        employee_months.period_month,
        {{ dbt.hash(
            "coalesce(role_fingerprints.scheme_text, '') || '|personal:'"
            ~ " || coalesce(cast(personal.base_bonus as " ~ text ~ "), '')"
        ) }} as scheme_fingerprint
    from employee_months
    left join role_fingerprints on employee_months.role = role_fingerprints.role
    left join bases as personal on employee_months.employee_id = personal.employee_id
)

select * from final
