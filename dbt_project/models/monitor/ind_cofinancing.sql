-- Indicator cofinancing_pct (DOMAIN §4.3) per region and regulation period: business
-- co-financing (cash + in kind) over the budget (planned, current application) and over the
-- spend (realised, the reports that count), against the norm of the period (seed
-- sub_cofinancing_norms: the most specific norm in force at the period's start - 7.5% for
-- January 2020 - August 2024, 10% for 2025-2028, else 10%).
with

grants as (
    select * from {{ ref('fct_grant') }}
    where region_key is not null
),

periods as (
    select * from {{ ref('regulation_periods') }}
    where region_period is not null
),

norms as (
    select
        periods.regulation_period,
        norms.norm_share,
        norms.norm_id,
        row_number() over (
            partition by periods.regulation_period
            order by norms.valid_to - norms.valid_from
        ) as specificity
    from periods
    inner join {{ ref('sub_cofinancing_norms') }} as norms
        on periods.start_date between norms.valid_from and norms.valid_to
),

summed as (
    select
        region_id,
        regulation_period,
        sum(requested_eur) as budget_eur,
        sum(cofinancing_planned_eur) as cofinancing_planned_eur,
        sum(spent_eur) as spent_eur,
        sum(cofinancing_realised_eur) as cofinancing_realised_eur
    from grants
    group by region_id, regulation_period
)

select
    summed.region_id,
    summed.regulation_period,
    cast(summed.budget_eur as numeric) as budget_eur,
    cast(summed.cofinancing_planned_eur as numeric) as cofinancing_planned_eur,
    case
        when summed.budget_eur > 0
            then cast(summed.cofinancing_planned_eur / summed.budget_eur as double precision)
    end as cofinancing_planned_pct,
    cast(summed.spent_eur as numeric) as spent_eur,
    cast(summed.cofinancing_realised_eur as numeric) as cofinancing_realised_eur,
    case
        when summed.spent_eur > 0
            then cast(summed.cofinancing_realised_eur / summed.spent_eur as double precision)
    end as cofinancing_realised_pct,
    norms.norm_id,
    cast(norms.norm_share as double precision) as norm_share,
    coalesce(
        summed.budget_eur > 0
        and summed.cofinancing_planned_eur >= norms.norm_share * summed.budget_eur,
        false
    ) as meets_norm_planned,
    coalesce(
        summed.spent_eur > 0
        and summed.cofinancing_realised_eur >= norms.norm_share * summed.spent_eur,
        false
    ) as meets_norm_realised
from summed
left join norms
    on summed.regulation_period = norms.regulation_period and norms.specificity = 1
