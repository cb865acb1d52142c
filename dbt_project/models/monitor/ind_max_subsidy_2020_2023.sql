-- Indicator max_subsidy_2020_23 (DOMAIN §0.4, §4.3): per 2020-2024 region, the maximum
-- subsidy recomputed from DUO's 1 October 2018 count: leerjaar 3-4 pupils of BB and KB at
-- EUR 15,895 and of GL at EUR 7,947.50 (four years), in the profielen of the sto_2020
-- definition (PIE, BWI, M&T, MaT, MVI). Rates, the peildatum and the definition are seeds
-- (sub_subsidy_rates); which region types the formula applies to, and the 2024 top-up cap, are
-- ind_grant_reconciliation's (seeds sub_region_caps, sub_topup_caps). The national row (scope
-- national, region_id NL) is the sum over the regions; a region without a maximum (NULL) makes
-- the national counts and maximum NULL (a sum over the others would give its count away) and is
-- counted in n_regions_missing.
with

rates as (
    select * from {{ ref('sub_subsidy_rates') }}
),

rate_period as (
    select distinct
        rates.regulation_period,
        rates.peildatum,
        rates.definition,
        periods.region_period
    from rates
    inner join {{ ref('regulation_periods') }} as periods
        on rates.regulation_period = periods.regulation_period
),

definitions as (
    select * from {{ ref('technical_profile_definitions') }}
),

enrollment as (
    select * from {{ ref('fct_vo_enrollment') }}
    where leerjaar in (3, 4)
),

membership as (
    select * from {{ ref('int_vestiging__region') }}
),

counted as (
    select
        membership.region_id,
        enrollment.leerweg,
        sum(enrollment.n_pupils) as n_pupils,
        sum(enrollment.n_suppressed_cells) as n_suppressed_cells
    from enrollment
    inner join rate_period
        on enrollment.peiljaar = cast(extract(year from rate_period.peildatum) as integer)
    inner join definitions
        on
            rate_period.definition = definitions.definition
            and enrollment.profiel_code = definitions.profiel_code
            and rate_period.peildatum between definitions.valid_from and definitions.valid_to
    inner join membership
        on
            enrollment.brin6 = membership.brin6
            and rate_period.region_period = membership.region_period
            and rate_period.peildatum >= membership.valid_from
            and rate_period.peildatum < membership.valid_to
    group by membership.region_id, enrollment.leerweg
),

regions as (
    select dim_region.*
    from {{ ref('dim_region') }} as dim_region
    inner join rate_period on dim_region.region_period = rate_period.region_period
),

national_rates as (
    select
        max(rate_eur) filter (where leerweg = 'BB') as rate_bbkb_eur,
        max(rate_eur) filter (where leerweg = 'GL') as rate_gl_eur
    from rates
),

per_region as (
    select
        regions.region_id,
        max(regions.region_name) as region_name,
        max(rate_period.peildatum) as peildatum,
        coalesce(sum(counted.n_pupils) filter (where counted.leerweg in ('BB', 'KB')), 0)
            as n_pupils_bbkb,
        coalesce(sum(counted.n_pupils) filter (where counted.leerweg = 'GL'), 0) as n_pupils_gl,
        coalesce(sum(counted.n_suppressed_cells), 0) as n_suppressed_cells,
        coalesce(sum(counted.n_pupils * rates.rate_eur), 0) as max_subsidy_eur,
        max(rates.rate_eur) filter (where rates.leerweg = 'BB') as rate_bbkb_eur,
        max(rates.rate_eur) filter (where rates.leerweg = 'GL') as rate_gl_eur
    from regions
    cross join rate_period
    left join counted on regions.region_id = counted.region_id
    left join rates
        on
            counted.leerweg = rates.leerweg
            and rate_period.regulation_period = rates.regulation_period
    group by regions.region_id
),

regional as (
    select
        'region' as scope,
        per_region.region_id,
        per_region.region_name,
        per_region.peildatum,
        cast(per_region.n_pupils_bbkb as bigint) as n_pupils_bbkb,
        cast(per_region.n_pupils_gl as bigint) as n_pupils_gl,
        cast(per_region.n_suppressed_cells as integer) as n_suppressed_cells,
        cast(coalesce(per_region.rate_bbkb_eur, national_rates.rate_bbkb_eur) as numeric)
            as rate_bbkb_eur,
        cast(coalesce(per_region.rate_gl_eur, national_rates.rate_gl_eur) as numeric)
            as rate_gl_eur,
        cast(per_region.max_subsidy_eur as numeric) as max_subsidy_eur
    from per_region
    cross join national_rates
)

select
    scope,
    region_id,
    region_name,
    peildatum,
    n_pupils_bbkb,
    n_pupils_gl,
    n_suppressed_cells,
    rate_bbkb_eur,
    rate_gl_eur,
    max_subsidy_eur,
    case when max_subsidy_eur is null then 1 else 0 end as n_regions_missing
from regional
union all
select
    'national' as scope,
    'NL' as region_id,
    'Nederland' as region_name,
    max(peildatum) as peildatum,
    cast(case when count(max_subsidy_eur) = count(*) then sum(n_pupils_bbkb) end as bigint)
        as n_pupils_bbkb,
    cast(case when count(max_subsidy_eur) = count(*) then sum(n_pupils_gl) end as bigint)
        as n_pupils_gl,
    cast(sum(n_suppressed_cells) as integer) as n_suppressed_cells,
    max(rate_bbkb_eur) as rate_bbkb_eur,
    max(rate_gl_eur) as rate_gl_eur,
    case when count(max_subsidy_eur) = count(*) then sum(max_subsidy_eur) end as max_subsidy_eur,
    cast(count(*) filter (where max_subsidy_eur is null) as integer) as n_regions_missing
from regional
having count(*) > 0
