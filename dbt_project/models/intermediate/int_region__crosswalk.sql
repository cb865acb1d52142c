-- The region crosswalk across region periods, for comparisons with the baseline year: one row
-- per (region, baseline region) with the weight of the baseline region's figures in the region's
-- baseline. The one switch point for the crosswalk (indicators never read dim_region's
-- predecessor columns themselves). A region whose registration declares predecessors
-- (dim_region.predecessor_region_ids, e.g. a 2025-2028 region continuing 2020-2024 regions) maps
-- to each of them with weight 1: its baseline is the predecessors' figures combined (a merger
-- sums them; after a split every successor compares with the whole predecessor, so compare
-- shares there, not counts). A region without declared predecessors maps to itself (the
-- 2020-2024 regions hold the baseline year themselves). NL (national) maps to itself.
with

regions as (
    select * from {{ ref('dim_region') }}
),

declared as (
    select distinct
        regions.region_id,
        trim(predecessor.region_id) as baseline_region_id
    from regions
    cross join
        lateral
        unnest(string_to_array(regions.predecessor_region_ids, ',')) as predecessor (region_id)
    where nullif(trim(predecessor.region_id), '') is not null
),

crosswalk as (
    select
        region_id,
        baseline_region_id
    from declared
    union
    select
        regions.region_id,
        regions.region_id as baseline_region_id
    from regions
    where
        not exists (
            select 1 from declared
            where declared.region_id = regions.region_id
        )
    union
    select
        'NL' as region_id,
        'NL' as baseline_region_id
)

select
    region_id,
    baseline_region_id,
    cast(1 as numeric) as weight
from crosswalk
