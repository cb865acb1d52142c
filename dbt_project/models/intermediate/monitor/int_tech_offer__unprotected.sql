-- The exact figures behind ind_tech_offer, before the DUO threshold and small-cell protection,
-- per definition x peiljaar x scope (national NL | region, incl. GEEN): vestigingen with vmbo
-- beroepsgericht pupils in leerjaar 3-4, those offering at least one technical profiel, the
-- (vestiging, technical profiel) offers, the technical profielen offered out of those in the
-- definition, and the technical pupils in leerjaar 3-4. A vestiging offers a profiel in a
-- peiljaar when DUO counts at least one pupil in it in leerjaar 3-4 of BB/KB/GL (a '<5' cell
-- counts: 1-4 pupils).
with

pupils as (
    select * from {{ ref('int_vo_enrollment__upper_by_region') }}
),

definitions as (
    select * from {{ ref('technical_profile_definitions') }}
),

definition_names as (
    select distinct definition from definitions
),

technical as (
    {{ technical_flags('pupils') }}
),

-- vmbo-beroepsgericht vestigingen of a peiljaar: DUO counts pupils in leerjaar 3-4 of BB/KB/GL
-- there that year (the monitor's "vestigingen met beroepsgericht onderwijs"; the address list's
-- ONDERWIJSSTRUCTUUR also says VBO for mavo-only locations of a VBO/MAVO school).
vbo_vestigingen as (
    select distinct
        peiljaar,
        brin6,
        region_id
    from pupils
    where n_pupils > 0 or n_suppressed_cells > 0
),

offers as (
    select distinct
        peiljaar,
        brin6,
        region_id,
        profiel_code
    from pupils
    where profiel_code <> 'GEEN' and (n_pupils > 0 or n_suppressed_cells > 0)
),

tech_offers as (
    select
        definition_names.definition,
        offers.*
    from offers
    cross join definition_names
    inner join technical
        on
            definition_names.definition = technical.definition
            and offers.peiljaar = technical.peiljaar
            and offers.profiel_code = technical.profiel_code
),

tech_pupils as (
    select
        definition_names.definition,
        pupils.*
    from pupils
    cross join definition_names
    inner join technical
        on
            definition_names.definition = technical.definition
            and pupils.peiljaar = technical.peiljaar
            and pupils.profiel_code = technical.profiel_code
),

vbo_counts as (
    select
        vbo_vestigingen.peiljaar,
        scopes.scope,
        scopes.scope_region_id as region_id,
        count(distinct vbo_vestigingen.brin6) as n_vestigingen_vbo
    from vbo_vestigingen
    cross join
        lateral (
            values ('region', vbo_vestigingen.region_id), ('national', 'NL')
        ) as scopes (scope, scope_region_id)
    group by vbo_vestigingen.peiljaar, scopes.scope, scopes.scope_region_id
),

offer_counts as (
    select
        tech_offers.definition,
        tech_offers.peiljaar,
        scopes.scope,
        scopes.scope_region_id as region_id,
        count(distinct tech_offers.brin6) as n_vestigingen_with_tech,
        count(*) as n_tech_profile_offers,
        count(distinct tech_offers.profiel_code) as n_tech_profiles_offered
    from tech_offers
    cross join
        lateral (
            values ('region', tech_offers.region_id), ('national', 'NL')
        ) as scopes (scope, scope_region_id)
    group by tech_offers.definition, tech_offers.peiljaar, scopes.scope, scopes.scope_region_id
),

pupil_counts as (
    select
        tech_pupils.definition,
        tech_pupils.peiljaar,
        scopes.scope,
        scopes.scope_region_id as region_id,
        {{ cell_sums('n_tech_pupils_upper') }}
    from tech_pupils
    cross join
        lateral (
            values ('region', tech_pupils.region_id), ('national', 'NL')
        ) as scopes (scope, scope_region_id)
    group by tech_pupils.definition, tech_pupils.peiljaar, scopes.scope, scopes.scope_region_id
),

years as (
    select distinct peiljaar from pupils
),

defined as (
    select
        definition_names.definition,
        years.peiljaar,
        count(distinct definitions.profiel_code) as n_tech_profiles_defined
    from definition_names
    cross join years
    inner join definitions
        on
            definition_names.definition = definitions.definition
            and make_date(years.peiljaar, 10, 1)
            between definitions.valid_from and definitions.valid_to
    group by definition_names.definition, years.peiljaar
),

spine as (
    {{ monitor_region_spine('pupils') }}
)

select
    definition_names.definition,
    cast(spine.peiljaar as integer) as peiljaar,
    spine.scope,
    spine.region_id,
    cast(coalesce(vbo_counts.n_vestigingen_vbo, 0) as integer) as n_vestigingen_vbo,
    cast(coalesce(offer_counts.n_vestigingen_with_tech, 0) as integer) as n_vestigingen_with_tech,
    cast(coalesce(offer_counts.n_tech_profile_offers, 0) as integer) as n_tech_profile_offers,
    cast(coalesce(offer_counts.n_tech_profiles_offered, 0) as integer) as n_tech_profiles_offered,
    cast(coalesce(defined.n_tech_profiles_defined, 0) as integer) as n_tech_profiles_defined,
    {{ cell_sums_or_zero('n_tech_pupils_upper', 'pupil_counts') }}
from spine
cross join definition_names
left join vbo_counts
    on
        spine.peiljaar = vbo_counts.peiljaar
        and spine.scope = vbo_counts.scope
        and spine.region_id = vbo_counts.region_id
left join offer_counts
    on
        definition_names.definition = offer_counts.definition
        and spine.peiljaar = offer_counts.peiljaar
        and spine.scope = offer_counts.scope
        and spine.region_id = offer_counts.region_id
left join pupil_counts
    on
        definition_names.definition = pupil_counts.definition
        and spine.peiljaar = pupil_counts.peiljaar
        and spine.scope = pupil_counts.scope
        and spine.region_id = pupil_counts.region_id
left join defined
    on
        definition_names.definition = defined.definition
        and spine.peiljaar = defined.peiljaar
