{{ config(meta={'dagster': {'ref': {'name': 'kpi_corridors'}}}) }}

-- Corridors start at 0, each band starts where the previous ended, only the last is
-- open-ended, and every corridors KPI of the scheme has bands. Rows returned are problems.
with

bands as (
    select
        role,
        kpi_code,
        band_from,
        band_to,
        lag(band_to) over (partition by role, kpi_code order by band_from) as previous_band_to,
        row_number() over (partition by role, kpi_code order by band_from) as band_number,
        count(*) over (partition by role, kpi_code) as bands_count
    from {{ ref('kpi_corridors') }}
),

problems as (
    select
        role,
        kpi_code,
        band_from,
        'first band must start at 0' as problem
    from bands
    where band_number = 1 and band_from != 0
    union all
    select
        role,
        kpi_code,
        band_from,
        'gap or overlap with the previous band' as problem
    from bands
    where band_number > 1 and band_from != previous_band_to
    union all
    select
        role,
        kpi_code,
        band_from,
        'band_to must be above band_from, empty only on the last band' as problem
    from bands
    where
        (band_to is null and band_number < bands_count)
        or band_to <= band_from
    union all
    select
        scheme.role,
        scheme.kpi_code,
        null as band_from,
        'corridors KPI without bands' as problem
    from {{ ref('kpi_scheme') }} as scheme
    where
        scheme.scale_kind = 'corridors'
        and not exists (
            select 1
            from bands
            where bands.role = scheme.role and bands.kpi_code = scheme.kpi_code
        )
)

select * from problems
