-- Aanvraag, sheet fte: planned fte per year.
with

source as (
    select * from {{ source('submissions', 'sub_fte_plan') }}
),

current_submissions as (
    {{ sub_current_submissions() }}
),

flagged as (
    select
        source.*,
        current_submissions._submission_id is not null as is_current
    from source
    left join current_submissions
        on source._submission_id = current_submissions._submission_id
),

renamed as (
    select
        {{ sub_lineage() }},
        {{ sub_year('jaar') }} as jaar,
        {{ sub_number('fte') }} as fte,
        is_current
    from flagged
)

select * from renamed
