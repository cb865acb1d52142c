-- Money per region, regulation period and subsidy year: requested (current application),
-- granted and determined (the grant administrator's decisions), paid (its payments), spent and
-- co-financed (the report that counts for the year, int_region__report_years), planned and
-- realised fte. Amounts in euro; NULL where nothing was submitted.
with

periods as (
    select * from {{ ref('regulation_periods') }}
    where region_period is not null
),

requested as (
    select
        region_id,
        jaar,
        sum(amount_eur) as requested_eur
    from {{ ref('stg_sub__budget') }}
    where is_current
    group by region_id, jaar
),

planned_cofinancing as (
    select
        region_id,
        jaar,
        sum(amount_eur) as cofinancing_planned_eur
    from {{ ref('stg_sub__cofinancing') }}
    where is_current and is_planned
    group by region_id, jaar
),

planned_fte as (
    select
        region_id,
        jaar,
        sum(fte) as fte_planned
    from {{ ref('stg_sub__fte_plan') }}
    where is_current
    group by region_id, jaar
),

decisions as (
    select
        grant_region_id as region_id,
        subsidiejaar as jaar,
        sum(amount_eur) filter (where decision_kind in ('verlening', 'ophoging')) as granted_eur,
        sum(amount_eur) filter (where decision_kind = 'ophoging') as granted_topup_eur,
        sum(amount_eur) filter (where decision_kind = 'vaststelling') as determined_eur
    from {{ ref('stg_sub__grant_decisions') }}
    where is_current
    group by grant_region_id, subsidiejaar
),

payments as (
    select
        grant_region_id as region_id,
        subsidiejaar as jaar,
        sum(amount_eur) as paid_eur
    from {{ ref('stg_sub__grant_payments') }}
    where is_current
    group by grant_region_id, subsidiejaar
),

report_years as (
    select * from {{ ref('int_region__report_years') }}
),

spent as (
    select
        report_years.region_id,
        report_years.jaar,
        sum(spend.amount_eur) as spent_eur
    from report_years
    inner join {{ ref('stg_sub__report_spend') }} as spend
        on
            report_years.submission_id = spend.submission_id
            and report_years.jaar = spend.jaar
    group by report_years.region_id, report_years.jaar
),

realised_cofinancing as (
    select
        report_years.region_id,
        report_years.jaar,
        sum(cofinancing.amount_eur) as cofinancing_realised_eur
    from report_years
    inner join {{ ref('stg_sub__cofinancing') }} as cofinancing
        on
            report_years.submission_id = cofinancing.submission_id
            and report_years.jaar = cofinancing.jaar
    group by report_years.region_id, report_years.jaar
),

realised_fte as (
    select
        report_years.region_id,
        report_years.jaar,
        sum(fte.fte) as fte_realised
    from report_years
    inner join {{ ref('stg_sub__report_fte') }} as fte
        on
            report_years.submission_id = fte.submission_id
            and report_years.jaar = fte.jaar
    group by report_years.region_id, report_years.jaar
),

spine as (
    select
        region_id,
        jaar
    from requested
    union
    select
        region_id,
        jaar
    from decisions
    union
    select
        region_id,
        jaar
    from payments
    union
    select
        region_id,
        jaar
    from spent
),

regions as (
    select * from {{ ref('dim_region') }}
)

select
    {{ surrogate_key(['spine.region_id', 'spine.jaar']) }} as grant_key,
    regions.region_key,
    spine.region_id,
    periods.regulation_period,
    periods.region_period,
    cast(spine.jaar as integer) as subsidiejaar,
    requested.requested_eur,
    decisions.granted_eur,
    decisions.granted_topup_eur,
    decisions.determined_eur,
    payments.paid_eur,
    spent.spent_eur,
    planned_cofinancing.cofinancing_planned_eur,
    realised_cofinancing.cofinancing_realised_eur,
    planned_fte.fte_planned,
    realised_fte.fte_realised
from spine
left join periods
    on make_date(spine.jaar, 7, 1) between periods.start_date and periods.end_date
left join regions
    on spine.region_id = regions.region_id and periods.region_period = regions.region_period
left join requested on spine.region_id = requested.region_id and spine.jaar = requested.jaar
left join decisions on spine.region_id = decisions.region_id and spine.jaar = decisions.jaar
left join payments on spine.region_id = payments.region_id and spine.jaar = payments.jaar
left join spent on spine.region_id = spent.region_id and spine.jaar = spent.jaar
left join planned_cofinancing
    on spine.region_id = planned_cofinancing.region_id and spine.jaar = planned_cofinancing.jaar
left join realised_cofinancing
    on
        spine.region_id = realised_cofinancing.region_id
        and spine.jaar = realised_cofinancing.jaar
left join planned_fte on spine.region_id = planned_fte.region_id and spine.jaar = planned_fte.jaar
left join realised_fte
    on spine.region_id = realised_fte.region_id and spine.jaar = realised_fte.jaar
