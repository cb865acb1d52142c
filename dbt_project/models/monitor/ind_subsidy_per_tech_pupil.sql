-- Indicator subsidy_per_tech_pupil (DOMAIN §4.3): subsidy granted for a year divided by the
-- technical upper-year pupils counted on the 1 October before it (peiljaar = year - 1), per
-- region, subsidy year and technical-profile definition. Denominator: ind_tech_share_upper.
-- The national row (scope national, region_id NL) divides the regions' total grant by the
-- regions' total pupils (of the same regions, not the national pupil count, which includes
-- vestigingen outside every region); a region whose pupil count is withheld makes the national
-- pupils and ratio NULL (a sum over the others would let a reader recover the withheld count)
-- and is counted in n_regions_missing.
with

granted as (
    select
        region_id,
        subsidiejaar,
        sum(granted_eur) as granted_eur
    from {{ ref('fct_grant') }}
    where granted_eur is not null
    group by region_id, subsidiejaar
),

pupils as (
    select * from {{ ref('ind_tech_share_upper') }}
    where scope = 'region'
),

regional as (
    select
        granted.region_id,
        granted.subsidiejaar,
        pupils.definition,
        pupils.peiljaar,
        granted.granted_eur,
        pupils.n_tech_pupils_upper
    from granted
    inner join pupils
        on
            granted.region_id = pupils.region_id
            and pupils.peiljaar = granted.subsidiejaar - 1
),

national as (
    {{ monitor_national_rows(
        'regional', group_by=['subsidiejaar', 'definition', 'peiljaar'],
        measures=['granted_eur', {'n_tech_pupils_upper': 'complete_sum'}],
        missing_when='n_tech_pupils_upper is null'
    ) }}
),

unioned as (
    select
        'region' as scope,
        region_id,
        subsidiejaar,
        definition,
        peiljaar,
        granted_eur,
        n_tech_pupils_upper,
        case when n_tech_pupils_upper is null then 1 else 0 end as n_regions_missing
    from regional
    union all
    select * from national
)

select
    scope,
    region_id,
    subsidiejaar,
    definition,
    peiljaar,
    cast(granted_eur as numeric) as granted_eur,
    cast(n_tech_pupils_upper as bigint) as n_tech_pupils_upper,
    case
        when n_tech_pupils_upper > 0
            then cast(granted_eur / n_tech_pupils_upper as double precision)
    end as subsidy_per_tech_pupil_eur,
    cast(n_regions_missing as integer) as n_regions_missing
from unioned
