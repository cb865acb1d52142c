-- The exact sums behind ind_tech_share_upper, before the DUO threshold and small-cell protection:
-- pupils in leerjaar 3-4 of BB/KB/GL, all profielen and the technical ones, per definition x
-- peiljaar, nationally (NL), per region and for the no-region bucket (GEEN). The candidate gate
-- reconciles regions + GEEN with the national total on these values (before suppression).
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

flagged as (
    select
        definition_names.definition,
        pupils.peiljaar,
        pupils.region_id,
        pupils.n_pupils,
        pupils.n_suppressed_cells,
        pupils.n_cells,
        technical.profiel_code is not null as is_technical
    from pupils
    cross join definition_names
    left join technical
        on
            definition_names.definition = technical.definition
            and pupils.peiljaar = technical.peiljaar
            and pupils.profiel_code = technical.profiel_code
),

scoped as (
    select
        flagged.*,
        scopes.scope,
        scopes.scope_region_id
    from flagged
    cross join lateral (
        values ('region', flagged.region_id), ('national', 'NL')
    ) as scopes (scope, scope_region_id)
),

summed as (
    select
        definition,
        peiljaar,
        scope,
        scope_region_id as region_id,
        {{ cell_sums('n_tech_pupils_upper', 'is_technical') }},
        {{ cell_sums('n_pupils_upper') }}
    from scoped
    group by definition, peiljaar, scope, scope_region_id
),

spine as (
    {{ monitor_region_spine('pupils') }}
)

select
    definition_names.definition,
    cast(spine.peiljaar as integer) as peiljaar,
    spine.scope,
    spine.region_id,
    {{ cell_sums_or_zero('n_tech_pupils_upper', 'summed') }},
    {{ cell_sums_or_zero('n_pupils_upper', 'summed') }}
from spine
cross join definition_names
left join summed
    on
        definition_names.definition = summed.definition
        and spine.peiljaar = summed.peiljaar
        and spine.scope = summed.scope
        and spine.region_id = summed.region_id
