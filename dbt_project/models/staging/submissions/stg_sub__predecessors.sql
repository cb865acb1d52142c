-- The crosswalk a registration declares: the region(s) of the previous period it continues.
with

source as (
    select * from {{ source('submissions', 'sub_predecessor') }}
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
        upper({{ sub_text('voorganger_regio_id') }}) as predecessor_region_id,
        {{ sub_text('toelichting') }} as note,
        is_current
    from flagged
)

select * from renamed
