-- Indicator cofinancing_pct (DOMAIN §4.3) per region and regulation period: business
-- co-financing (cash + in kind) over the budget (planned, current application) and over the
-- spend (realised, the reports that count), against the norm by date: each subsidy year takes
-- its day-weighted norm (int_grant__cofinancing_norm_by_year: 7.5% for January 2020 - August
-- 2024, 10% after), so what is required is the sum over the years of norm x that year's budget
-- (or spend), and a year straddling the change is not judged by the period's start. Per period
-- the national row (scope national, region_id NL) sums the regions' euros and recomputes the
-- shares and the norm from those sums; n_regions_missing counts the regions without a budget or
-- without a reported spend (their planned or realised co-financing is not in the national sums).
with

grants as (
    select * from {{ ref('fct_grant') }}
    where region_key is not null
),

norms as (
    select * from {{ ref('int_grant__cofinancing_norm_by_year') }}
),

norm_names as (
    select
        regulation_period,
        string_agg(distinct norm_id, ', ' order by norm_id) as norm_id,
        avg(norm_share) as mean_norm_share
    from norms
    cross join lateral unnest(string_to_array(norm_ids, ', ')) as ids (norm_id)
    group by regulation_period
),

summed as (
    select
        grants.region_id,
        grants.regulation_period,
        sum(grants.requested_eur) as budget_eur,
        sum(grants.cofinancing_planned_eur) as cofinancing_planned_eur,
        sum(grants.spent_eur) as spent_eur,
        sum(grants.cofinancing_realised_eur) as cofinancing_realised_eur,
        sum(grants.requested_eur * norms.norm_share) as required_planned_eur,
        sum(grants.spent_eur * norms.norm_share) as required_realised_eur
    from grants
    left join norms
        on
            grants.regulation_period = norms.regulation_period
            and grants.subsidiejaar = norms.jaar
    group by grants.region_id, grants.regulation_period
),

national as (
    {{ monitor_national_rows(
        'summed', group_by=['regulation_period'],
        measures=[
            'budget_eur', 'cofinancing_planned_eur', 'spent_eur', 'cofinancing_realised_eur',
            'required_planned_eur', 'required_realised_eur'
        ],
        missing_when='budget_eur is null or spent_eur is null'
    ) }}
),

scoped as (
    select
        'region' as scope,
        summed.*,
        case when summed.budget_eur is null or summed.spent_eur is null then 1 else 0 end
            as n_regions_missing
    from summed
    union all
    select * from national
)

select
    scoped.scope,
    scoped.region_id,
    scoped.regulation_period,
    cast(scoped.budget_eur as numeric) as budget_eur,
    cast(scoped.cofinancing_planned_eur as numeric) as cofinancing_planned_eur,
    case
        when scoped.budget_eur > 0
            then cast(scoped.cofinancing_planned_eur / scoped.budget_eur as double precision)
    end as cofinancing_planned_pct,
    cast(scoped.spent_eur as numeric) as spent_eur,
    cast(scoped.cofinancing_realised_eur as numeric) as cofinancing_realised_eur,
    case
        when scoped.spent_eur > 0
            then cast(scoped.cofinancing_realised_eur / scoped.spent_eur as double precision)
    end as cofinancing_realised_pct,
    norm_names.norm_id,
    cast(
        case
            when scoped.budget_eur > 0 then scoped.required_planned_eur / scoped.budget_eur
            else norm_names.mean_norm_share
        end as double precision
    ) as norm_share,
    cast(round(scoped.required_planned_eur, 2) as numeric) as cofinancing_required_planned_eur,
    cast(round(scoped.required_realised_eur, 2) as numeric) as cofinancing_required_realised_eur,
    coalesce(
        scoped.budget_eur > 0
        and scoped.cofinancing_planned_eur >= round(scoped.required_planned_eur, 2),
        false
    ) as meets_norm_planned,
    coalesce(
        scoped.spent_eur > 0
        and scoped.cofinancing_realised_eur >= round(scoped.required_realised_eur, 2),
        false
    ) as meets_norm_realised,
    cast(scoped.n_regions_missing as integer) as n_regions_missing
from scoped
left join norm_names on scoped.regulation_period = norm_names.regulation_period
