-- Indicator programme_budget (issue 12) per subsidy year, nationally: in all (region_type ALL)
-- and per region type (every row is a national figure, so scope is 'national' throughout): the
-- budget the regulations set (seed sub_programme_budgets; a multi-year budget spread evenly over
-- its years) against what was granted, paid and spent (fct_grant), the share of the budget and
-- of the nominal EUR 100m a year (monitor_settings) granted, whether a ranked budget was
-- exceeded, and how many regions of the scope have no report for the year (n_regions_missing):
-- a national total over fewer regions must say so.
with

budget_rows as (
    select
        budgets.*,
        years.jaar,
        budgets.year_to > budgets.year_from as budget_is_spread,
        budgets.budget_eur / (budgets.year_to - budgets.year_from + 1) as budget_of_year
    from {{ ref('sub_programme_budgets') }} as budgets
    cross join lateral generate_series(budgets.year_from, budgets.year_to) as years (jaar)
),

nominal as (
    select cast(value as numeric) as nominal_eur
    from {{ ref('monitor_settings') }}
    where setting = 'programme_nominal_budget_per_year'
),

periods as (
    select * from {{ ref('regulation_periods') }}
    where region_period is not null
),

regions as (
    select
        dim_region.region_id,
        dim_region.region_type,
        periods.regulation_period,
        years.jaar
    from {{ ref('dim_region') }} as dim_region
    inner join periods on dim_region.region_period = periods.region_period
    cross join
        lateral generate_series(
            cast(extract(year from periods.start_date) as integer),
            cast(extract(year from periods.end_date) as integer)
        ) as years (jaar)
    where not dim_region.is_placeholder and dim_region.region_id <> 'GEEN'
),

grants as (
    select * from {{ ref('fct_grant') }}
    where region_key is not null
),

per_region as (
    select
        regions.region_id,
        regions.region_type,
        regions.regulation_period,
        regions.jaar,
        grants.granted_eur,
        grants.paid_eur,
        grants.spent_eur
    from regions
    left join grants
        on
            regions.region_id = grants.region_id
            and regions.jaar = grants.subsidiejaar
            and regions.regulation_period = grants.regulation_period
),

scoped as (
    select
        per_region.*,
        scopes.scope,
        scopes.scope_region_type
    from per_region
    cross join lateral (
        values
        ('national', per_region.region_type),
        ('national', 'ALL')
    ) as scopes (scope, scope_region_type)
),

money as (
    select
        scope,
        scope_region_type as region_type,
        regulation_period,
        jaar,
        sum(granted_eur) as granted_eur,
        sum(paid_eur) as paid_eur,
        sum(spent_eur) as spent_eur,
        count(*) as n_regions,
        count(*) filter (where granted_eur > 0) as n_regions_granted,
        count(*) filter (where spent_eur is null) as n_regions_missing
    from scoped
    group by scope, scope_region_type, regulation_period, jaar
),

budget as (
    select
        'national' as scope,
        region_type,
        regulation_period,
        jaar,
        sum(budget_of_year) as budget_eur,
        bool_or(budget_is_spread) as budget_is_spread,
        bool_and(is_verified) as budget_is_verified,
        bool_or(is_ranked) as is_ranked
    from budget_rows
    where region_type <> 'alle'
    group by region_type, regulation_period, jaar
    union all
    select
        'national' as scope,
        'ALL' as region_type,
        regulation_period,
        jaar,
        sum(budget_of_year) as budget_eur,
        bool_or(budget_is_spread) as budget_is_spread,
        bool_and(is_verified) as budget_is_verified,
        false as is_ranked
    from budget_rows
    group by regulation_period, jaar
),

spine as (
    select
        scope,
        region_type,
        regulation_period,
        jaar
    from money
    union
    select
        scope,
        region_type,
        regulation_period,
        jaar
    from budget
)

select
    cast(spine.jaar as integer) as jaar,
    spine.regulation_period,
    spine.scope,
    spine.region_type,
    cast(round(budget.budget_eur, 2) as numeric) as budget_eur,
    coalesce(budget.budget_is_spread, false) as budget_is_spread,
    coalesce(budget.budget_is_verified, false) as budget_is_verified,
    cast(coalesce(money.granted_eur, 0) as numeric) as granted_eur,
    cast(coalesce(money.paid_eur, 0) as numeric) as paid_eur,
    cast(money.spent_eur as numeric) as spent_eur,
    case
        when budget.budget_eur > 0
            then cast(coalesce(money.granted_eur, 0) / budget.budget_eur as double precision)
    end as granted_share_of_budget,
    case
        when spine.region_type = 'ALL'
            then cast(coalesce(money.granted_eur, 0) / nominal.nominal_eur as double precision)
    end as granted_share_of_nominal,
    coalesce(budget.is_ranked and money.granted_eur > budget.budget_eur + 0.5, false)
        as is_over_ranked_budget,
    cast(coalesce(money.n_regions, 0) as integer) as n_regions,
    cast(coalesce(money.n_regions_granted, 0) as integer) as n_regions_granted,
    cast(coalesce(money.n_regions_missing, 0) as integer) as n_regions_missing
from spine
cross join nominal
left join money
    on
        spine.scope = money.scope
        and spine.region_type = money.region_type
        and spine.regulation_period = money.regulation_period
        and spine.jaar = money.jaar
left join budget
    on
        spine.scope = budget.scope
        and spine.region_type = budget.region_type
        and spine.regulation_period = budget.regulation_period
        and spine.jaar = budget.jaar
