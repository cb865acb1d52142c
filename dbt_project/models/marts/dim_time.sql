-- Canonical time keys (DESIGN §4), one row per peiljaar: the 1 October count date, the school
-- year it opens, the exams and diplomas at the end of that school year, the subsidy year it funds
-- and the regulation period that year falls in.
with

years as (
    select cast(y as integer) as peiljaar
    from generate_series(2010, 2035) as y
),

periods as (
    select * from {{ ref('regulation_periods') }}
),

settings as (
    {{ monitor_settings_select() }}
)

select
    years.peiljaar,
    make_date(years.peiljaar, 10, 1) as peildatum,
    years.peiljaar || '/' || (years.peiljaar + 1) as schooljaar,
    years.peiljaar + 1 as examenjaar,
    years.peiljaar + 1 as subsidiejaar,
    periods.regulation_period,
    periods.region_period,
    coalesce(years.peiljaar = settings.baseline_peiljaar, false) as is_baseline_year
from years
cross join settings
left join periods
    on make_date(years.peiljaar + 1, 1, 1) between periods.start_date and periods.end_date
