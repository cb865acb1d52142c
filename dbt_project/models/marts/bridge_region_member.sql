-- Who takes part in which region, per region period (current membership submissions): vmbo,
-- vso and pro vestigingen and po schools by BRIN6, mbo instellingen by instellingscode,
-- companies by a KvK pseudonym (no name: docs/privacy.md), governments and others by name.
with

members as (
    select * from {{ ref('int_region__members') }}
),

regions as (
    select * from {{ ref('dim_region') }}
)

select
    {{ surrogate_key(['members.region_id', 'members.region_period', 'members.participant_type',
        'coalesce(members.participant_code, members.participant_name)', 'members.valid_from']) }}
        as member_key,
    regions.region_key,
    members.region_id,
    members.region_period,
    members.participant_type,
    members.participant_code,
    members.participant_name,
    coalesce(members.is_vo_vestiging, false) as is_vo_vestiging,
    members.valid_from,
    members.valid_to_inclusive,
    members.file_sha256 as source_file_sha256
from members
left join regions
    on
        members.region_id = regions.region_id
        and members.region_period = regions.region_period
