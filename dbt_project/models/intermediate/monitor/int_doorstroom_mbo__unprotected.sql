-- The exact sums behind ind_doorstroom_mbo, before the DUO threshold and small-cell protection:
-- vmbo graduates of a diplomajaar and where they were on 1 October of that year (mbo, technical
-- mbo), all profielen and those of the technical profielen, per definition x peiljaar (=
-- diplomajaar - 1, the diploma's school year) x scope (national NL | region of the origin
-- vestiging, incl. GEEN) x leerweg (BB, KB, GL, TL and ALL). Technical mbo = the destination
-- crebo's sectorkamer is technical (seed mbo_sectorkamers); an mbo destination without a known
-- sectorkamer is counted apart (n_to_mbo_sector_unknown), never as non-technical.
with

vmbo_leerwegen as (
    select distinct leerweg from {{ ref('vo_onderwijstype_map') }}
    where is_vmbo
),

flows as (
    select * from {{ ref('fct_vo_mbo_flow') }}
    where leerweg in (select vmbo_leerwegen.leerweg from vmbo_leerwegen)
),

definitions as (
    select * from {{ ref('technical_profile_definitions') }}
),

definition_names as (
    select distinct definition from definitions
),

technical as (
    {{ technical_flags('flows') }}
),

leerwegen as (
    select distinct leerweg from flows
    union
    select 'ALL' as leerweg
),

flagged as (
    select
        definition_names.definition,
        flows.peiljaar,
        flows.region_id,
        flows.leerweg,
        flows.is_destination_mbo,
        flows.is_destination_technical_mbo,
        flows.is_destination_sector_unknown,
        flows.n_graduates,
        flows.n_suppressed_cells,
        flows.n_source_rows,
        technical.profiel_code is not null as is_technical
    from flows
    cross join definition_names
    left join technical
        on
            definition_names.definition = technical.definition
            and flows.peiljaar = technical.peiljaar
            and flows.profiel_code = technical.profiel_code
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
        {{ cell_sums('n_graduates', 'true',
            'n_graduates', 'n_suppressed_cells', 'n_source_rows') }},
        {{ cell_sums('n_to_mbo', 'is_destination_mbo',
            'n_graduates', 'n_suppressed_cells', 'n_source_rows') }},
        {{ cell_sums('n_to_tech_mbo', 'is_destination_technical_mbo',
            'n_graduates', 'n_suppressed_cells', 'n_source_rows') }},
        {{ cell_sums('n_to_mbo_sector_unknown', 'is_destination_sector_unknown',
            'n_graduates', 'n_suppressed_cells', 'n_source_rows') }},
        {{ cell_sums('n_graduates_tech', 'is_technical',
            'n_graduates', 'n_suppressed_cells', 'n_source_rows') }},
        {{ cell_sums('n_tech_to_mbo', 'is_technical and is_destination_mbo',
            'n_graduates', 'n_suppressed_cells', 'n_source_rows') }},
        {{ cell_sums('n_tech_to_tech_mbo', 'is_technical and is_destination_technical_mbo',
            'n_graduates', 'n_suppressed_cells', 'n_source_rows') }}
    from scoped
    group by definition, peiljaar, scope, scope_region_id, scope_leerweg
),

spine as (
    {{ monitor_region_spine('flows') }}
)

select
    definition_names.definition,
    cast(spine.peiljaar as integer) as peiljaar,
    cast(spine.peiljaar + 1 as integer) as diplomajaar,
    spine.scope,
    spine.region_id,
    leerwegen.leerweg,
    {{ cell_sums_or_zero('n_graduates', 'summed') }},
    {{ cell_sums_or_zero('n_to_mbo', 'summed') }},
    {{ cell_sums_or_zero('n_to_tech_mbo', 'summed') }},
    {{ cell_sums_or_zero('n_to_mbo_sector_unknown', 'summed') }},
    {{ cell_sums_or_zero('n_graduates_tech', 'summed') }},
    {{ cell_sums_or_zero('n_tech_to_mbo', 'summed') }},
    {{ cell_sums_or_zero('n_tech_to_tech_mbo', 'summed') }}
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
