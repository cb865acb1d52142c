-- The exact sums behind ind_exam_tech, before the DUO threshold and small-cell protection: exam
-- candidates and passes of vmbo BB/KB/GL, all profielen and the technical ones, per definition x
-- schooljaar (peiljaar = examenjaar - 1) x scope (national NL | region, incl. GEEN) x leerweg
-- (BB, KB, GL and ALL). A '<5' count is a suppressed cell: not summed, counted.
with

exams as (
    select * from {{ ref('fct_vo_exam') }}
    where is_vmbo_beroepsgericht
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
        exams.n_candidates,
        exams.n_passed,
        case when exams.n_candidates is null and exams.is_suppressed then 1 else 0 end
            as is_candidates_suppressed,
        case when exams.n_passed is null and exams.is_suppressed then 1 else 0 end
            as is_passed_suppressed,
        technical.profiel_code is not null as is_technical
    from exams
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
            'n_candidates', 'is_candidates_suppressed', '1') }},
        {{ cell_sums('n_passed_tech', 'is_technical',
            'n_passed', 'is_passed_suppressed', '1') }},
        {{ cell_sums('n_candidates', 'true', 'n_candidates', 'is_candidates_suppressed', '1') }},
        {{ cell_sums('n_passed', 'true', 'n_passed', 'is_passed_suppressed', '1') }}
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
