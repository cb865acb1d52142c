-- The exact sums behind ind_tech_pupils, before the DUO threshold and small-cell protection:
-- pupils of vmbo BB/KB/GL in leerjaar 3-4 and in leerjaar 3 (the intake), all profielen and the
-- technical ones, per definition x peiljaar x scope (national NL | region, incl. GEEN) x leerweg
-- (BB, KB, GL and ALL = their sum).
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

leerwegen as (
    select distinct leerweg from {{ ref('vo_onderwijstype_map') }}
    where is_vmbo_beroepsgericht_upper
    union
    select 'ALL' as leerweg
),

flagged as (
    select
        definition_names.definition,
        pupils.peiljaar,
        pupils.region_id,
        pupils.leerweg,
        pupils.leerjaar,
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
        scopes.scope_region_id,
        scopes.scope_leerweg
    from flagged
    cross join lateral (
        values
        ('region', flagged.region_id, flagged.leerweg),
        ('region', flagged.region_id, 'ALL'),
        ('national', 'NL', flagged.leerweg),
        ('national', 'NL', 'ALL')
    ) as scopes (scope, scope_region_id, scope_leerweg)
),

summed as (
    select
        definition,
        peiljaar,
        scope,
        scope_region_id as region_id,
        scope_leerweg as leerweg,
        {{ cell_sums('n_tech_pupils_upper', 'is_technical') }},
        {{ cell_sums('n_pupils_upper') }},
        {{ cell_sums('n_tech_pupils_lj3', 'is_technical and leerjaar = 3') }},
        {{ cell_sums('n_pupils_lj3', 'leerjaar = 3') }}
    from scoped
    group by definition, peiljaar, scope, scope_region_id, scope_leerweg
),

spine as (
    {{ monitor_region_spine('pupils') }}
)

select
    definition_names.definition,
    cast(spine.peiljaar as integer) as peiljaar,
    spine.scope,
    spine.region_id,
    leerwegen.leerweg,
    {{ cell_sums_or_zero('n_tech_pupils_upper', 'summed') }},
    {{ cell_sums_or_zero('n_pupils_upper', 'summed') }},
    {{ cell_sums_or_zero('n_tech_pupils_lj3', 'summed') }},
    {{ cell_sums_or_zero('n_pupils_lj3', 'summed') }}
from spine
cross join definition_names
cross join leerwegen
left join summed
    on
        definition_names.definition = summed.definition
        and spine.peiljaar = summed.peiljaar
        and spine.scope = summed.scope
        and spine.region_id = summed.region_id
        and leerwegen.leerweg = summed.leerweg
