-- Registrations (sheet regio): a region's name, type and penvoerder for a region period.
with

source as (
    select * from {{ source('submissions', 'sub_registration') }}
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
        _period as region_period,
        {{ sub_text('regio_naam') }} as region_name,
        {{ sub_code('regio_type') }} as region_type,
        {{ sub_text('penvoerder_bevoegd_gezag') }} as penvoerder_bevoegd_gezag_nummer,
        {{ sub_text('penvoerder_naam') }} as penvoerder_naam,
        is_current
    from flagged
)

select * from renamed
