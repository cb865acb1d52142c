-- Indicator n_partners_by_type (DOMAIN §4.3) per region, region period and participant type
-- (every type of the seed sub_participant_types, 0 when absent): distinct participants in the
-- current membership submission.
with

members as (
    select * from {{ ref('bridge_region_member') }}
),

regions as (
    select * from {{ ref('dim_region') }}
    where region_id <> 'GEEN' and not is_placeholder
),

participant_types as (
    select * from {{ ref('sub_participant_types') }}
),

counted as (
    select
        region_id,
        region_period,
        participant_type,
        count(distinct coalesce(participant_code, participant_name)) as n_partners
    from members
    group by region_id, region_period, participant_type
)

select
    regions.region_id,
    regions.region_period,
    participant_types.participant_type,
    cast(coalesce(counted.n_partners, 0) as integer) as n_partners
from regions
cross join participant_types
left join counted
    on
        regions.region_id = counted.region_id
        and regions.region_period = counted.region_period
        and participant_types.participant_type = counted.participant_type
