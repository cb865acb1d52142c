-- Indicators subsidy_granted / subsidy_paid / subsidy_spent (DOMAIN §4.3) per region and
-- subsidy year, with the paid and spent shares of what was granted, and per year the national
-- row (scope national, region_id NL): the sums over the regions, the shares recomputed from the
-- sums. Nothing granted or paid is 0; a region without a report for the year has no spend
-- (0 in its row) and is counted in n_regions_missing (1 on its own row, the count on the
-- national row), so a national spend over fewer regions says so; with no region's spend known
-- the national spend is NULL, not 0. Source: fct_grant (grant
-- administrator's decisions and payments; the regions' reports).
with

grants as (
    select * from {{ ref('fct_grant') }}
    where region_key is not null
),

regional as (
    select
        'region' as scope,
        region_id,
        regulation_period,
        subsidiejaar,
        coalesce(granted_eur, 0) as granted_eur,
        coalesce(paid_eur, 0) as paid_eur,
        coalesce(spent_eur, 0) as spent_eur,
        case when spent_eur is null then 1 else 0 end as n_regions_missing
    from grants
),

-- The national spend is NULL, not 0, when no region has reported a spend for the year.
national as (
    {{ monitor_national_rows(
        'regional', group_by=['regulation_period', 'subsidiejaar'],
        measures=[
            'granted_eur', 'paid_eur',
            {'spent_eur': 'sum(spent_eur) filter (where n_regions_missing = 0)'}
        ],
        missing_when='n_regions_missing = 1'
    ) }}
),

unioned as (
    select * from regional
    union all
    select * from national
)

select
    scope,
    region_id,
    regulation_period,
    subsidiejaar,
    cast(granted_eur as numeric) as granted_eur,
    cast(paid_eur as numeric) as paid_eur,
    cast(spent_eur as numeric) as spent_eur,
    case
        when granted_eur > 0 then cast(paid_eur / granted_eur as double precision)
    end as paid_share,
    case
        when granted_eur > 0 then cast(spent_eur / granted_eur as double precision)
    end as spent_share,
    cast(n_regions_missing as integer) as n_regions_missing
from unioned
