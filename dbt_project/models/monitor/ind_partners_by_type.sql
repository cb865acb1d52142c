-- Indicator n_partners_by_type (DOMAIN §4.3) per region, region period and participant type
-- (every type of the seed sub_participant_types, 0 when absent): distinct participants in the
-- current membership submission. The national row (scope national, region_id NL) counts the
-- distinct participants over all regions (a school or company in two regions counts once, so it
-- is not the sum of the regions); n_regions_missing counts the registered regions without any
-- participant (no membership loaded: their partners are unknown, not 0).
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

registered_members as (
    select members.*
    from members
    inner join regions
        on
            members.region_id = regions.region_id
            and members.region_period = regions.region_period
),

counted as (
    select
        region_id,
        region_period,
        participant_type,
        count(distinct coalesce(participant_code, participant_name)) as n_partners
    from registered_members
    group by region_id, region_period, participant_type
),

counted_nationally as (
    select
        region_period,
        participant_type,
        count(distinct coalesce(participant_code, participant_name)) as n_partners
    from registered_members
    group by region_period, participant_type
),

without_members as (
    select
        regions.region_id,
        regions.region_period
    from regions
    where not exists (
        select 1 from registered_members
        where
            registered_members.region_id = regions.region_id
            and registered_members.region_period = regions.region_period
    )
),

regional as (
    select
        'region' as scope,
        regions.region_id,
        regions.region_period,
        participant_types.participant_type,
        coalesce(counted.n_partners, 0) as n_partners,
        case when without_members.region_id is null then 0 else 1 end as n_regions_missing
    from regions
    cross join participant_types
    left join counted
        on
            regions.region_id = counted.region_id
            and regions.region_period = counted.region_period
            and participant_types.participant_type = counted.participant_type
    left join without_members
        on
            regions.region_id = without_members.region_id
            and regions.region_period = without_members.region_period
),

-- n_partners is not summed over the regions: counted_nationally counts each participant once.
national_rows as (
    {{ monitor_national_rows(
        'regional', group_by=['region_period', 'participant_type'],
        missing_when='n_regions_missing = 1'
    ) }}
),

national as (
    select
        national_rows.scope,
        national_rows.region_id,
        national_rows.region_period,
        national_rows.participant_type,
        coalesce(counted_nationally.n_partners, 0) as n_partners,
        national_rows.n_regions_missing
    from national_rows
    left join counted_nationally
        on
            national_rows.region_period = counted_nationally.region_period
            and national_rows.participant_type = counted_nationally.participant_type
)

select
    scope,
    region_id,
    region_period,
    participant_type,
    cast(n_partners as integer) as n_partners,
    cast(n_regions_missing as integer) as n_regions_missing
from (
    select * from regional
    union all
    select * from national
) as unioned
