-- Indicator subsidy_per_tech_pupil (DOMAIN §4.3): subsidy granted for a year divided by the
-- technical upper-year pupils counted on the 1 October before it (peiljaar = year - 1), per
-- region, subsidy year and technical-profile definition. Denominator: ind_tech_share_upper.
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
)

select
    granted.region_id,
    granted.subsidiejaar,
    pupils.definition,
    pupils.peiljaar,
    cast(granted.granted_eur as numeric) as granted_eur,
    cast(pupils.n_tech_pupils_upper as bigint) as n_tech_pupils_upper,
    case
        when pupils.n_tech_pupils_upper > 0
            then cast(granted.granted_eur / pupils.n_tech_pupils_upper as double precision)
    end as subsidy_per_tech_pupil_eur
from granted
inner join pupils
    on
        granted.region_id = pupils.region_id
        and pupils.peiljaar = granted.subsidiejaar - 1
