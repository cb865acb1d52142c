-- Indicator max_subsidy_2020_23 (DOMAIN §0.4, §4.3): per 2020-2024 region, the maximum
-- subsidy recomputed from DUO's 1 October 2018 count: leerjaar 3-4 pupils of BB and KB at
-- EUR 15,895 and of GL at EUR 7,947.50 (four years), in the profielen of the sto_2020
-- definition (PIE, BWI, M&T, MaT, MVI). Rates, the peildatum and the definition are seeds
-- (sub_subsidy_rates); which region types the formula applies to, and the 2024 top-up cap, are
-- ind_grant_reconciliation's (seeds sub_region_caps, sub_topup_caps).
-- The counts are the region's published cells of ind_tech_pupils (that definition, peiljaar and
-- leerweg): the same people, so taking them anywhere else would let (BB + KB) - KB give away a
-- cell the release-wide protection withheld there. A region with a cell not published there
-- (withheld, or NULL above the DUO threshold) gets no count and no maximum here.
-- The national row (scope national, region_id NL) is the sum over the regions; a region without
-- a maximum (NULL) makes the national counts and maximum NULL (a sum over the others would give
-- its count away) and is counted in n_regions_missing.
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

regions as (
    select dim_region.*
    from {{ ref('dim_region') }} as dim_region
    inner join rate_period on dim_region.region_period = rate_period.region_period
),

-- One row per region x rated leerweg: its published technical pupils (leerjaar 3-4).
cells as (
    select
        regions.region_id,
        rates.leerweg,
        rates.rate_eur,
        pupils.n_tech_pupils_upper
    from regions
    cross join rate_period
    inner join rates on rate_period.regulation_period = rates.regulation_period
    left join {{ ref('ind_tech_pupils') }} as pupils
        on
            regions.region_id = pupils.region_id
            and pupils.scope = 'region'
            and rates.leerweg = pupils.leerweg
            and rate_period.definition = pupils.definition
            and cast(extract(year from rate_period.peildatum) as integer) = pupils.peiljaar
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
        count(*) filter (where cells.n_tech_pupils_upper is null) as n_cells_not_published,
        coalesce(sum(cells.n_tech_pupils_upper) filter (where cells.leerweg in ('BB', 'KB')), 0)
            as n_pupils_bbkb,
        coalesce(sum(cells.n_tech_pupils_upper) filter (where cells.leerweg = 'GL'), 0)
            as n_pupils_gl,
        coalesce(sum(cells.n_tech_pupils_upper * cells.rate_eur), 0) as max_subsidy_eur
    from regions
    cross join rate_period
    left join cells on regions.region_id = cells.region_id
    group by regions.region_id
),

regional as (
    select
        'region' as scope,
        per_region.region_id,
        per_region.region_name,
        per_region.peildatum,
        cast(
            case when per_region.n_cells_not_published = 0 then per_region.n_pupils_bbkb end
            as bigint
        ) as n_pupils_bbkb,
        cast(
            case when per_region.n_cells_not_published = 0 then per_region.n_pupils_gl end
            as bigint
        ) as n_pupils_gl,
        cast(per_region.n_cells_not_published as integer) as n_cells_not_published,
        cast(national_rates.rate_bbkb_eur as numeric) as rate_bbkb_eur,
        cast(national_rates.rate_gl_eur as numeric) as rate_gl_eur,
        cast(
            case
                when per_region.n_cells_not_published = 0 then per_region.max_subsidy_eur
            end as numeric
        ) as max_subsidy_eur
    from per_region
    cross join national_rates
),

national as (
    {{ monitor_national_rows(
        'regional', group_by=[],
        measures=[
            {
                'region_name': "'Nederland'",
                'peildatum': 'max(peildatum)',
                'n_pupils_bbkb': 'complete_sum',
                'n_pupils_gl': 'complete_sum'
            },
            'n_cells_not_published',
            {
                'rate_bbkb_eur': 'max(rate_bbkb_eur)',
                'rate_gl_eur': 'max(rate_gl_eur)',
                'max_subsidy_eur': 'complete_sum'
            }
        ],
        missing_when='max_subsidy_eur is null'
    ) }}
)

select
    scope,
    region_id,
    region_name,
    peildatum,
    n_pupils_bbkb,
    n_pupils_gl,
    n_cells_not_published,
    rate_bbkb_eur,
    rate_gl_eur,
    max_subsidy_eur,
    case when max_subsidy_eur is null then 1 else 0 end as n_regions_missing
from regional
union all
select
    scope,
    region_id,
    region_name,
    peildatum,
    cast(n_pupils_bbkb as bigint) as n_pupils_bbkb,
    cast(n_pupils_gl as bigint) as n_pupils_gl,
    cast(n_cells_not_published as integer) as n_cells_not_published,
    rate_bbkb_eur,
    rate_gl_eur,
    max_subsidy_eur,
    cast(n_regions_missing as integer) as n_regions_missing
from national
