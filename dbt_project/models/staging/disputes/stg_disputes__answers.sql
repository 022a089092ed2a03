with

source as (
    select *
    from {{ source_columns('disputes', 'dispute_answers', [
        'dispute_id', 'answered_at', 'answered_by', 'decision', 'correction_kind', 'to_employee_id', 'quality_item', 'reason'
    ]) }} as dispute_answers
),

renamed as (
    select
        -- ids
        cast(source.dispute_id as integer) as dispute_id,
        nullif(trim(source.to_employee_id), '') as to_employee_id,

        -- the answer
        trim(source.decision) as decision,
        nullif(trim(source.correction_kind), '') as correction_kind,
        nullif(trim(source.quality_item), '') as quality_item,
        source.reason as answer_reason,

        -- who and when
        trim(source.answered_by) as answered_by,
        cast(source.answered_at as timestamp) as answered_at
    from source
)

select * from renamed
