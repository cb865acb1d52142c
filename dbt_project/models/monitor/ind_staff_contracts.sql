-- Indicator staff_contracts (issue 12) per region and calendar year, from the report that
-- counts for the year: the programme's staff as the steering committee's letter speaks of it -
-- fte newly hired for the programme versus existing staff, temporary versus permanent, the fte
-- whose contract ends in the next year and the fte made permanent this year. Reports on the
-- template before 2026.2 carry none of the detail (has_detail false; their detail columns NULL).
with

report_years as (
    select * from {{ ref('int_region__report_years') }}
),

fte as (
    select * from {{ ref('stg_sub__report_fte') }}
),

summed as (
    select
        report_years.region_id,
        report_years.regulation_period,
        report_years.jaar,
        sum(fte.fte) as fte_total,
        sum(fte.fte) filter (where fte.contract_type = 'tijdelijk') as fte_temporary,
        sum(fte.fte) filter (where fte.contract_type = 'vast') as fte_permanent,
        sum(fte.fte) filter (where fte.staff_kind = 'nieuw') as fte_new,
        sum(fte.fte) filter (where fte.staff_kind = 'bestaand') as fte_existing,
        sum(fte.fte_ending_next_year) as fte_ending_next_year,
        sum(fte.fte_converted_permanent) as fte_converted_permanent,
        count(fte.staff_kind) > 0
        or count(fte.fte_ending_next_year) > 0
        or count(fte.fte_converted_permanent) > 0 as has_detail
    from report_years
    left join fte
        on report_years.submission_id = fte.submission_id and report_years.jaar = fte.jaar
    group by report_years.region_id, report_years.regulation_period, report_years.jaar
)

select
    region_id,
    regulation_period,
    cast(jaar as integer) as jaar,
    cast(coalesce(fte_total, 0) as numeric) as fte_total,
    cast(coalesce(fte_temporary, 0) as numeric) as fte_temporary,
    cast(coalesce(fte_permanent, 0) as numeric) as fte_permanent,
    cast(case when has_detail then coalesce(fte_new, 0) end as numeric) as fte_new,
    cast(case when has_detail then coalesce(fte_existing, 0) end as numeric) as fte_existing,
    cast(case when has_detail then coalesce(fte_ending_next_year, 0) end as numeric)
        as fte_ending_next_year,
    cast(case when has_detail then coalesce(fte_converted_permanent, 0) end as numeric)
        as fte_converted_permanent,
    coalesce(has_detail, false) as has_detail
from summed
