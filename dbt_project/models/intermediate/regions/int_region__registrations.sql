-- The current registration of every region per region period, with its declared predecessors
-- (the crosswalk 2020-2024 -> 2025-2028) as a sorted comma-separated list.
with

registrations as (
    select * from {{ ref('stg_sub__registrations') }}
    where is_current
),

predecessors as (
    select
        region_id,
        region_period,
        string_agg(predecessor_region_id, ',' order by predecessor_region_id)
            as predecessor_region_ids
    from {{ ref('stg_sub__predecessors') }}
    where is_current
    group by region_id, region_period
)

select
    registrations.region_id,
    registrations.region_period,
    registrations.region_name,
    registrations.region_type,
    registrations.penvoerder_bevoegd_gezag_nummer,
    registrations.penvoerder_naam,
    predecessors.predecessor_region_ids,
    registrations.submission_id,
    registrations.file_sha256,
    registrations.submitted_at
from registrations
left join predecessors
    on
        registrations.region_id = predecessors.region_id
        and registrations.region_period = predecessors.region_period
