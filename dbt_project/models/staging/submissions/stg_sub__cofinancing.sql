-- Sheet cofinanciering: planned (submission_type aanvraag) or realised (voortgang,
-- eindverslag) business co-financing per year, cash or in kind.
with

source as (
    select * from {{ source('submissions', 'sub_cofinancing') }}
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
        {{ sub_code('soort') }} as cofinancing_kind,
        {{ sub_number('bedrag') }} as amount_eur,
        _submission_type = 'aanvraag' as is_planned,
        is_current
    from flagged
)

select * from renamed
