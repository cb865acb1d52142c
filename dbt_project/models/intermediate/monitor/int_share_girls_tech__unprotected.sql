-- The exact sums behind ind_share_girls_tech, before the DUO threshold and small-cell protection:
-- technical pupils (vmbo BB/KB/GL) in leerjaar 3-4 and in leerjaar 3, all and girls only, per
-- definition x peiljaar x scope (national NL | region, incl. GEEN).
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
        pupils.leerjaar,
        pupils.geslacht,
        pupils.n_pupils,
        pupils.n_suppressed_cells,
        pupils.n_cells
    from pupils
    cross join definition_names
    inner join technical
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
        {{ cell_sums('n_tech_pupils_upper') }},
        {{ cell_sums('n_girls_tech_upper', "geslacht = 'vrouw'") }},
        {{ cell_sums('n_tech_pupils_lj3', 'leerjaar = 3') }},
        {{ cell_sums('n_girls_tech_lj3', "leerjaar = 3 and geslacht = 'vrouw'") }}
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
    {{ cell_sums_or_zero('n_girls_tech_upper', 'summed') }},
    {{ cell_sums_or_zero('n_tech_pupils_lj3', 'summed') }},
    {{ cell_sums_or_zero('n_girls_tech_lj3', 'summed') }}
from spine
cross join definition_names
left join summed
    on
        definition_names.definition = summed.definition
        and spine.peiljaar = summed.peiljaar
        and spine.scope = summed.scope
        and spine.region_id = summed.region_id
