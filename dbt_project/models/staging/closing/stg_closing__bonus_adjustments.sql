with

source as (
    select *
    from {{ source_columns('closing', 'bonus_adjustments', [
        'event_id', 'paid_in_month', 'for_month', 'employee_id', 'amount', 'reason', 'cause', 'kpi_codes'
    ]) }} as bonus_adjustments
),

renamed as (
    select
        -- ids
        source.event_id,
        cast(source.paid_in_month as date) as paid_in_month,
        cast(source.for_month as date) as for_month,
        source.employee_id,

        -- attributes: months closed before causes were kept say it in `reason`
        coalesce(
            source.cause,
            case when source.reason like 'late data%' then 'late_data' else 'recalculation' end
        ) as adjustment_cause,
        source.kpi_codes,

        -- measures
        cast(source.amount as numeric(18, 2)) as adjustment_amount
    from source
)

select * from renamed
