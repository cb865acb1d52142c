-- Indicator staff_contracts (issue 12) per region and calendar year, from the report that
-- counts for the year: the programme's staff as the steering committee's letter speaks of it -
-- fte newly hired for the programme versus existing staff, temporary versus permanent, the fte
-- whose contract ends in the next year and the fte made permanent this year. Reports on the
-- template before 2026.2 carry none of the detail (has_detail false; their detail columns NULL).
-- The national row per year (scope national, region_id NL) sums the regions that reported:
-- n_regions_missing counts the registered regions without a report for the year, and
-- n_regions_without_detail the reporting regions whose report has no detail (their detail is
-- not in the national detail columns, which are NULL when no region has it).
with

report_years as (
    select * from {{ ref('int_region__report_years') }}
),

fte as (
    select * from {{ ref('stg_sub__report_fte') }}
),

expected as (
    {{ monitor_expected_region_years() }}
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
),

regional as (
    select
        region_id,
        regulation_period,
        jaar,
        coalesce(fte_total, 0) as fte_total,
        coalesce(fte_temporary, 0) as fte_temporary,
        coalesce(fte_permanent, 0) as fte_permanent,
        case when has_detail then coalesce(fte_new, 0) end as fte_new,
        case when has_detail then coalesce(fte_existing, 0) end as fte_existing,
        case when has_detail then coalesce(fte_ending_next_year, 0) end as fte_ending_next_year,
        case when has_detail then coalesce(fte_converted_permanent, 0) end
            as fte_converted_permanent,
        coalesce(has_detail, false) as has_detail
    from summed
),

national as (
    {{ monitor_national_rows(
        'regional', group_by=['regulation_period', 'jaar'],
        measures=[
            'fte_total', 'fte_temporary', 'fte_permanent', 'fte_new', 'fte_existing',
            'fte_ending_next_year', 'fte_converted_permanent',
            {
                'has_detail': 'bool_or(has_detail)',
                'n_regions_without_detail': 'count(*) filter (where not has_detail)'
            }
        ],
        expected='expected'
    ) }}
),

unioned as (
    select
        'region' as scope,
        region_id,
        regulation_period,
        jaar,
        fte_total,
        fte_temporary,
        fte_permanent,
        fte_new,
        fte_existing,
        fte_ending_next_year,
        fte_converted_permanent,
        has_detail,
        case when has_detail then 0 else 1 end as n_regions_without_detail,
        0 as n_regions_missing
    from regional
    union all
    select * from national
)

select
    scope,
    region_id,
    regulation_period,
    cast(jaar as integer) as jaar,
    cast(fte_total as numeric) as fte_total,
    cast(fte_temporary as numeric) as fte_temporary,
    cast(fte_permanent as numeric) as fte_permanent,
    cast(fte_new as numeric) as fte_new,
    cast(fte_existing as numeric) as fte_existing,
    cast(fte_ending_next_year as numeric) as fte_ending_next_year,
    cast(fte_converted_permanent as numeric) as fte_converted_permanent,
    has_detail,
    cast(n_regions_missing as integer) as n_regions_missing,
    cast(n_regions_without_detail as integer) as n_regions_without_detail
from unioned
