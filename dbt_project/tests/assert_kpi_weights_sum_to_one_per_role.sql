{{ config(meta={'dagster': {'ref': {'name': 'kpi_scheme'}}}) }}

-- The KPI weights of a role must sum to 1: each row returned is a role whose do not.
select
    role,
    sum(weight) as weights_sum
from {{ ref('kpi_scheme') }}
group by role
having abs(sum(weight) - 1) > 0.0001
