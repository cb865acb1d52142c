-- PLACEHOLDER region membership until the regions' own submissions are loaded: a vestiging
-- belongs to a sample region when its COROP area is listed in the sto_region_placeholder seed.
with

versions as (
    select * from {{ ref('int_vestiging__versions') }}
),

regions as (
    select * from {{ ref('sto_region_placeholder') }}
)

select
    versions.brin6,
    versions.valid_from,
    versions.valid_to,
    regions.region_id,
    regions.region_period
from versions
inner join regions
    on versions.coropgebied_code = regions.coropgebied_code
