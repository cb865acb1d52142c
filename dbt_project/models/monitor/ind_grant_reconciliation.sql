-- Reconciliation per region and regulation period: the maximum (2020-2023 recomputed from
-- DUO's 2018 count, ind_max_subsidy_2020_2023; 2025-2028 from the seed
-- sub_max_subsidy_2025_2028), the 2024 top-up cap, and what was granted, paid and spent, with
-- the differences and whether the grants stay within the maxima.
with

grants as (
    select * from {{ ref('fct_grant') }}
    where region_key is not null
),

summed as (
    select
        region_id,
        regulation_period,
        sum(granted_eur) as granted_eur,
        sum(granted_topup_eur) as granted_topup_eur,
        sum(paid_eur) as paid_eur,
        sum(spent_eur) as spent_eur
    from grants
    group by region_id, regulation_period
),

computed as (
    select
        region_id,
        'sto_2020_2023' as regulation_period,
        max_subsidy_eur,
        topup_cap_2024_eur
    from {{ ref('ind_max_subsidy_2020_2023') }}
    union all
    select
        region_id,
        'sto_2025_2028' as regulation_period,
        max_subsidy as max_subsidy_eur,
        cast(null as numeric) as topup_cap_2024_eur
    from {{ ref('sub_max_subsidy_2025_2028') }}
)

select
    summed.region_id,
    summed.regulation_period,
    cast(computed.max_subsidy_eur as numeric) as max_subsidy_eur,
    cast(computed.topup_cap_2024_eur as numeric) as topup_cap_2024_eur,
    cast(coalesce(summed.granted_eur, 0) as numeric) as granted_eur,
    cast(coalesce(summed.granted_topup_eur, 0) as numeric) as granted_topup_eur,
    cast(coalesce(summed.paid_eur, 0) as numeric) as paid_eur,
    cast(coalesce(summed.spent_eur, 0) as numeric) as spent_eur,
    cast(
        coalesce(summed.granted_eur, 0) - coalesce(summed.granted_topup_eur, 0)
        - computed.max_subsidy_eur as numeric
    ) as granted_minus_max_eur,
    cast(coalesce(summed.paid_eur, 0) - coalesce(summed.granted_eur, 0) as numeric)
        as paid_minus_granted_eur,
    cast(coalesce(summed.spent_eur, 0) - coalesce(summed.paid_eur, 0) as numeric)
        as spent_minus_paid_eur,
    coalesce(
        coalesce(summed.granted_eur, 0) - coalesce(summed.granted_topup_eur, 0)
        <= computed.max_subsidy_eur + 0.5
        and coalesce(summed.granted_topup_eur, 0) <= coalesce(computed.topup_cap_2024_eur, 0) + 0.5,
        false
    ) as is_within_max
from summed
left join computed
    on
        summed.region_id = computed.region_id
        and summed.regulation_period = computed.regulation_period
