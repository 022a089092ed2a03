{{ config(meta={'dagster': {'ref': {'name': 'kpi_scheme'}}}) }}

-- A department-scope KPI sums its members' results: only additive KPIs can do that,
-- and every role of the scheme needs a base bonus. Rows returned are problems.
select
    scheme.role,
    scheme.kpi_code,
    'department scope needs an additive KPI' as problem
from {{ ref('kpi_scheme') }} as scheme
inner join {{ ref('kpi_codes') }} as codes on scheme.kpi_code = codes.kpi_code
where scheme.scope = 'department' and not codes.is_additive
union all
select
    scheme.role,
    null as kpi_code,
    'role without a base bonus in bonus_base' as problem
from {{ ref('kpi_scheme') }} as scheme
where not exists (
    select 1
    from {{ ref('bonus_base') }} as base
    where base.role = scheme.role and base.employee_id is null
)
