-- STO regions per region period, from the regions' registrations (current versions): name,
-- type, penvoerder and the predecessor crosswalk; plus the explicit "no region" member GEEN for
-- vestigingen in no region. A registered region is a region of the monitor once its membership
-- (with at least one vo vestiging) is loaded: without members it has no pupils, and one region's
-- rejected membership must not hold up the publication for all (ind_report_timeliness still
-- lists it, from the registrations). FALLBACK: only when no registration has been loaded at all,
-- the PLACEHOLDER seed sto_region_placeholder (is_placeholder = true), matching the fallback of
-- int_vestiging__region, so a warehouse without submissions still builds.
with

registrations as (
    select registrations.*
    from {{ ref('int_region__registrations') }} as registrations
    where exists (
        select 1
        from {{ ref('int_region__members') }} as members
        where
            members.region_id = registrations.region_id
            and members.region_period = registrations.region_period
            and members.is_vo_vestiging
    )
),

placeholder as (
    select distinct
        region_id,
        region_name,
        region_type,
        region_period
    from {{ ref('sto_region_placeholder') }}
    where not exists (select 1 from registrations)
),

regions as (
    select
        region_id,
        region_name,
        region_type,
        region_period,
        false as is_placeholder,
        penvoerder_bevoegd_gezag_nummer,
        penvoerder_naam,
        predecessor_region_ids,
        submitted_at as registered_at,
        file_sha256 as source_file_sha256
    from registrations
    union all
    select
        region_id,
        region_name,
        region_type,
        region_period,
        true as is_placeholder,
        cast(null as text) as penvoerder_bevoegd_gezag_nummer,
        cast(null as text) as penvoerder_naam,
        cast(null as text) as predecessor_region_ids,
        cast(null as timestamptz) as registered_at,
        cast(null as text) as source_file_sha256
    from placeholder
    union all
    select
        'GEEN' as region_id,
        'Geen STO-regio' as region_name,
        'geen' as region_type,
        cast(null as text) as region_period,
        false as is_placeholder,
        cast(null as text) as penvoerder_bevoegd_gezag_nummer,
        cast(null as text) as penvoerder_naam,
        cast(null as text) as predecessor_region_ids,
        cast(null as timestamptz) as registered_at,
        cast(null as text) as source_file_sha256
)

select
    {{ surrogate_key(['region_id', 'region_period']) }} as region_key,
    region_id,
    region_name,
    region_type,
    region_period,
    is_placeholder,
    penvoerder_bevoegd_gezag_nummer,
    penvoerder_naam,
    predecessor_region_ids,
    registered_at,
    source_file_sha256
from regions
