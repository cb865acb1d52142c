-- The business co-financing norm per regulation period and calendar year, by date: every day of
-- the year inside the period takes the most specific norm in force that day (seed
-- sub_cofinancing_norms), and the year's norm is their day-weighted mean. So 2024 is 7.5% for
-- January - August and 10% for September - December (244 and 122 of 366 days: 8.33%), not the
-- norm of the period's start for the whole year.
with

periods as (
    select * from {{ ref('regulation_periods') }}
    where region_period is not null
),

norms as (
    select * from {{ ref('sub_cofinancing_norms') }}
),

days as (
    select
        periods.regulation_period,
        cast(series.day_in_period as date) as day_in_period
    from periods
    cross join lateral generate_series(
        periods.start_date, periods.end_date, interval '1 day'
    ) as series (day_in_period)
),

in_force as (
    select
        days.regulation_period,
        days.day_in_period,
        norms.norm_id,
        norms.norm_share,
        row_number() over (
            partition by days.regulation_period, days.day_in_period
            order by norms.valid_to - norms.valid_from, norms.norm_id
        ) as specificity
    from days
    inner join norms on days.day_in_period between norms.valid_from and norms.valid_to
)

select
    regulation_period,
    cast(extract(year from day_in_period) as integer) as jaar,
    cast(avg(norm_share) as numeric(10, 6)) as norm_share,
    cast(count(*) as integer) as n_days,
    string_agg(distinct norm_id, ', ' order by norm_id) as norm_ids
from in_force
where specificity = 1
group by regulation_period, extract(year from day_in_period)
