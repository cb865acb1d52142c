-- Voortgang / eindverslag, sheet uitgaven: realised spend per year and cost category.
with

source as (
    select * from {{ source('submissions', 'sub_report_spend') }}
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
        {{ sub_code('kostencategorie') }} as cost_category,
        {{ sub_number('bedrag') }} as amount_eur,
        is_current
    from flagged
)

select * from renamed
