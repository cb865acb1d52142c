-- Reconciliation per region and regulation period: the maximum that applies to the region's
-- type (seed sub_region_caps: per pupil for a 2020-2023 techniekregio, ind_max_subsidy_2020_2023;
-- none per region for a techniekarme regio, funded from its own ranked budget; the bijlage 3
-- list for a 2025-2028 techniekregio, sub_max_subsidy_2025_2028; EUR 4m for a techniekluwe regio),
-- the 2024 top-up cap (a share of what the region was actually granted for 2020-2023, seed
-- sub_topup_caps), and what was granted, paid and spent, with the differences and whether the
-- grants stay within both. is_synthetic marks a maximum taken from a synthetic seed. Per period
-- the national row (scope national, region_id NL) sums the regions; n_regions_missing counts
-- the regions without a per-region maximum, and any such region makes the national maximum
-- (and granted_minus_max) NULL rather than a sum over fewer regions than the grants.
with

grants as (
    select * from {{ ref('fct_grant') }}
    where region_key is not null
),

topup_caps as (
    select * from {{ ref('sub_topup_caps') }}
),

summed as (
    select
        grants.region_id,
        grants.regulation_period,
        sum(grants.granted_eur) as granted_eur,
        sum(grants.granted_topup_eur) as granted_topup_eur,
        sum(grants.paid_eur) as paid_eur,
        sum(grants.spent_eur) as spent_eur,
        sum(coalesce(grants.granted_eur, 0) - coalesce(grants.granted_topup_eur, 0)) filter (
            where grants.subsidiejaar < topup_caps.topup_year
        ) as granted_before_topup_eur
    from grants
    left join topup_caps on grants.regulation_period = topup_caps.regulation_period
    group by grants.region_id, grants.regulation_period
),

regions as (
    select
        dim_region.region_id,
        periods.regulation_period,
        dim_region.region_type
    from {{ ref('dim_region') }} as dim_region
    inner join {{ ref('regulation_periods') }} as periods
        on dim_region.region_period = periods.region_period
),

caps as (
    select * from {{ ref('sub_region_caps') }}
),

per_pupil as (
    select
        region_id,
        max_subsidy_eur
    from {{ ref('ind_max_subsidy_2020_2023') }}
    where scope = 'region'
),

region_list as (
    select
        region_id,
        max_subsidy,
        is_synthetic
    from {{ ref('sub_max_subsidy_2025_2028') }}
),

maxima as (
    select
        summed.region_id,
        summed.regulation_period,
        regions.region_type,
        caps.cap_rule,
        caps.is_verified as cap_is_verified,
        case caps.cap_rule
            when 'per_pupil' then per_pupil.max_subsidy_eur
            when 'per_region_list' then region_list.max_subsidy
            when 'fixed_cap' then caps.cap_eur
        end as max_subsidy_eur,
        coalesce(caps.cap_rule = 'per_region_list' and region_list.is_synthetic, false)
            as is_synthetic
    from summed
    left join regions
        on
            summed.region_id = regions.region_id
            and summed.regulation_period = regions.regulation_period
    left join caps
        on
            summed.regulation_period = caps.regulation_period
            and regions.region_type = caps.region_type
    left join per_pupil on summed.region_id = per_pupil.region_id
    left join region_list on summed.region_id = region_list.region_id
),

joined as (
    select
        summed.*,
        maxima.region_type,
        maxima.cap_rule,
        maxima.cap_is_verified,
        maxima.max_subsidy_eur,
        maxima.is_synthetic,
        topup_caps.cap_share as topup_cap_share,
        round(coalesce(summed.granted_before_topup_eur, 0) * topup_caps.cap_share, 2)
            as topup_cap_2024_eur,
        coalesce(summed.granted_eur, 0) - coalesce(summed.granted_topup_eur, 0)
            as granted_without_topup_eur
    from summed
    inner join maxima
        on
            summed.region_id = maxima.region_id
            and summed.regulation_period = maxima.regulation_period
    left join topup_caps on summed.regulation_period = topup_caps.regulation_period
),

regional as (
    select
        region_id,
        regulation_period,
        region_type,
        cap_rule,
        cast(max_subsidy_eur as numeric) as max_subsidy_eur,
        cast(topup_cap_share as numeric) as topup_cap_share,
        cast(granted_before_topup_eur as numeric) as granted_before_topup_eur,
        cast(topup_cap_2024_eur as numeric) as topup_cap_2024_eur,
        cast(coalesce(granted_eur, 0) as numeric) as granted_eur,
        cast(coalesce(granted_topup_eur, 0) as numeric) as granted_topup_eur,
        cast(coalesce(paid_eur, 0) as numeric) as paid_eur,
        cast(coalesce(spent_eur, 0) as numeric) as spent_eur,
        cast(granted_without_topup_eur - max_subsidy_eur as numeric) as granted_minus_max_eur,
        cast(coalesce(paid_eur, 0) - coalesce(granted_eur, 0) as numeric) as paid_minus_granted_eur,
        cast(coalesce(spent_eur, 0) - coalesce(paid_eur, 0) as numeric) as spent_minus_paid_eur,
        coalesce(
            (
                granted_without_topup_eur <= max_subsidy_eur + 0.5
                or (max_subsidy_eur is null and cap_rule = 'ranked_budget')
            )
            and coalesce(granted_topup_eur, 0) <= coalesce(topup_cap_2024_eur, 0) + 0.5,
            false
        ) as is_within_max,
        is_synthetic,
        coalesce(cap_is_verified, false) as cap_is_verified
    from joined
),

-- A region without a per-region maximum (a ranked budget) leaves the national maximum unknown:
-- a sum over the others would be compared with everyone's grants (complete_sum). The top-up cap
-- is the rule applied to the national total, so it is share x granted on every row.
national as (
    {{ monitor_national_rows(
        'regional', group_by=['regulation_period'],
        measures=[
            {
                'max_subsidy_eur': 'complete_sum',
                'topup_cap_share': 'max(topup_cap_share)'
            },
            'granted_before_topup_eur',
            {
                'topup_cap_2024_eur':
                'round(sum(granted_before_topup_eur) * max(topup_cap_share), 2)'
            },
            'granted_eur', 'granted_topup_eur', 'paid_eur', 'spent_eur',
            {'granted_minus_max_eur': 'complete_sum'},
            'paid_minus_granted_eur', 'spent_minus_paid_eur',
            {
                'is_within_max': 'bool_and(is_within_max)',
                'is_synthetic': 'bool_or(is_synthetic)',
                'cap_is_verified': 'bool_and(cap_is_verified)'
            }
        ],
        missing_when='max_subsidy_eur is null'
    ) }}
)

select
    'region' as scope,
    regional.*,
    cast(case when regional.max_subsidy_eur is null then 1 else 0 end as integer)
        as n_regions_missing
from regional
union all
select
    scope,
    region_id,
    regulation_period,
    null as region_type,
    null as cap_rule,
    max_subsidy_eur,
    topup_cap_share,
    granted_before_topup_eur,
    topup_cap_2024_eur,
    granted_eur,
    granted_topup_eur,
    paid_eur,
    spent_eur,
    granted_minus_max_eur,
    paid_minus_granted_eur,
    spent_minus_paid_eur,
    is_within_max,
    is_synthetic,
    cap_is_verified,
    cast(n_regions_missing as integer) as n_regions_missing
from national
