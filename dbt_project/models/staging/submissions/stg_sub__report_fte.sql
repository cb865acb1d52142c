-- Voortgang / eindverslag, sheet fte: fte per year, internal or external, temporary or
-- permanent contract.
with

source as (
    select * from {{ source('submissions', 'sub_report_fte') }}
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
        {{ sub_code('herkomst') }} as fte_origin,
        {{ sub_code('contract') }} as contract_type,
        {{ sub_number('fte') }} as fte,
        is_current
    from flagged
)

select * from renamed
