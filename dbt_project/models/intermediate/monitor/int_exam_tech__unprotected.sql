-- The exact sums behind ind_exam_tech, before the DUO threshold and small-cell protection: exam
-- candidates and passes of vmbo BB/KB/GL, all profielen and the technical ones, per definition x
-- schooljaar (peiljaar = examenjaar - 1) x scope (national NL | region, incl. GEEN) x leerweg
-- (BB, KB, GL and ALL). A withheld count of the fact is read from its bounds as a known floor
-- plus suppressed cells of 1-4 (withheld_as_cells): a '<5' is floor 0 + one cell, a passed count
-- withheld beside a '<5' failed is candidates - 5 + one cell; cells are counted, never summed.
with

exams as (
    select * from {{ ref('fct_vo_exam') }}
    where is_vmbo_beroepsgericht
),

settings as (
    {{ monitor_settings_select() }}
),

definitions as (
    select * from {{ ref('technical_profile_definitions') }}
),

definition_names as (
    select distinct definition from definitions
),

technical as (
    {{ technical_flags('exams') }}
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
        exams.peiljaar,
        exams.region_id,
        exams.leerweg,
        {{ withheld_as_cells('exams.n_candidates', 'settings') }} as n_candidates_floor,
        {{ withheld_cells('exams.n_candidates', 'settings') }} as n_candidates_cells,
        {{ withheld_as_cells('exams.n_passed', 'settings') }} as n_passed_floor,
        {{ withheld_cells('exams.n_passed', 'settings') }} as n_passed_cells,
        technical.profiel_code is not null as is_technical
    from exams
    cross join settings
    cross join definition_names
    left join technical
        on
            definition_names.definition = technical.definition
            and exams.peiljaar = technical.peiljaar
            and exams.profiel_code = technical.profiel_code
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
        {{ cell_sums('n_candidates_tech', 'is_technical',
            'n_candidates_floor', 'n_candidates_cells', 'greatest(n_candidates_cells, 1)') }},
        {{ cell_sums('n_passed_tech', 'is_technical',
            'n_passed_floor', 'n_passed_cells', 'greatest(n_passed_cells, 1)') }},
        {{ cell_sums('n_candidates', 'true',
            'n_candidates_floor', 'n_candidates_cells', 'greatest(n_candidates_cells, 1)') }},
        {{ cell_sums('n_passed', 'true',
            'n_passed_floor', 'n_passed_cells', 'greatest(n_passed_cells, 1)') }}
    from scoped
    group by definition, peiljaar, scope, scope_region_id, scope_leerweg
),

spine as (
    {{ monitor_region_spine('exams') }}
)

select
    definition_names.definition,
    cast(spine.peiljaar as integer) as peiljaar,
    {{ duo_schooljaar('spine.peiljaar') }} as schooljaar,
    cast(spine.peiljaar + 1 as integer) as examenjaar,
    spine.scope,
    spine.region_id,
    leerwegen.leerweg,
    {{ cell_sums_or_zero('n_candidates_tech', 'summed') }},
    {{ cell_sums_or_zero('n_passed_tech', 'summed') }},
    {{ cell_sums_or_zero('n_candidates', 'summed') }},
    {{ cell_sums_or_zero('n_passed', 'summed') }}
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
