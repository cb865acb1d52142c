-- STO regions per regulation period, plus the explicit "no region" bucket for vestigingen that
-- belong to no region. Source: PLACEHOLDER seed until the regions' registrations are loaded.
with

regions as (
    select distinct
        region_id,
        region_name,
        region_type,
        region_period
    from {{ ref('sto_region_placeholder') }}
),

no_region as (
    select
        'GEEN' as region_id,
        'Geen STO-regio' as region_name,
        'geen' as region_type,
        cast(null as text) as region_period
)

select
    {{ surrogate_key(['region_id', 'region_period']) }} as region_key,
    region_id,
    region_name,
    region_type,
    region_period,
    true as is_placeholder
from regions
union all
select
    {{ surrogate_key(['region_id', 'region_period']) }} as region_key,
    region_id,
    region_name,
    region_type,
    region_period,
    false as is_placeholder
from no_region
