-- The exact figures behind ind_tech_offer_by_profiel, before the DUO threshold and small-cell
-- protection, per peiljaar x scope (national NL | region, incl. GEEN) x vmbo profiel (the ten
-- profielen, every one, offered or not): the vestigingen offering it (DUO counts at least one
-- pupil in it in leerjaar 3-4 of BB/KB/GL; a '<5' cell counts) and its pupils in leerjaar 3-4
-- and in leerjaar 3.
with

pupils as (
    select * from {{ ref('int_vo_enrollment__upper_by_region') }}
),

profielen as (
    select * from {{ ref('dim_vmbo_profiel') }}
    where profiel_code <> 'GEEN'
),

scoped as (
    select
        pupils.*,
        scopes.scope,
        scopes.scope_region_id
    from pupils
    cross join
        lateral (
            values ('region', pupils.region_id), ('national', 'NL')
        ) as scopes (scope, scope_region_id)
    where pupils.profiel_code <> 'GEEN'
),

summed as (
    select
        peiljaar,
        scope,
        scope_region_id as region_id,
        profiel_code,
        count(distinct brin6) filter (where n_pupils > 0 or n_suppressed_cells > 0)
            as n_vestigingen_offering,
        {{ cell_sums('n_pupils_upper') }},
        {{ cell_sums('n_pupils_lj3', 'leerjaar = 3') }}
    from scoped
    group by peiljaar, scope, scope_region_id, profiel_code
),

spine as (
    {{ monitor_region_spine('pupils') }}
)

select
    cast(spine.peiljaar as integer) as peiljaar,
    spine.scope,
    spine.region_id,
    profielen.profiel_code,
    profielen.profiel_naam,
    profielen.sort_order,
    profielen.is_technical_hard_techniek,
    profielen.is_technical_sto_2020,
    profielen.is_technical_sto_2025,
    cast(coalesce(summed.n_vestigingen_offering, 0) as integer) as n_vestigingen_offering,
    {{ cell_sums_or_zero('n_pupils_upper', 'summed') }},
    {{ cell_sums_or_zero('n_pupils_lj3', 'summed') }}
from spine
cross join profielen
left join summed
    on
        spine.peiljaar = summed.peiljaar
        and spine.scope = summed.scope
        and spine.region_id = summed.region_id
        and profielen.profiel_code = summed.profiel_code
