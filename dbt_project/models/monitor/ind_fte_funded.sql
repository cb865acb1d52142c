-- Indicator fte_funded (DOMAIN §4.3) per region and calendar year: the fte the report that
-- counts for the year says were hired (internal + external), and the share of them on a
-- permanent contract; and per year the national row (scope national, region_id NL): the sums
-- over the regions that reported, the share recomputed from those sums, and the registered
-- regions without a report for the year in n_regions_missing (a national total over fewer
-- regions says so).
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

regional as (
    select
        report_years.region_id,
        report_years.regulation_period,
        report_years.jaar,
        coalesce(sum(fte.fte), 0) as fte_total,
        coalesce(sum(fte.fte) filter (where fte.fte_origin = 'intern'), 0) as fte_internal,
        coalesce(sum(fte.fte) filter (where fte.fte_origin = 'extern'), 0) as fte_external,
        coalesce(sum(fte.fte) filter (where fte.contract_type = 'vast'), 0) as fte_permanent,
        coalesce(sum(fte.fte) filter (where fte.contract_type = 'tijdelijk'), 0) as fte_temporary
    from report_years
    left join fte
        on report_years.submission_id = fte.submission_id and report_years.jaar = fte.jaar
    group by report_years.region_id, report_years.regulation_period, report_years.jaar
),

national as (
    {{ monitor_national_rows(
        'regional', group_by=['regulation_period', 'jaar'],
        measures=['fte_total', 'fte_internal', 'fte_external', 'fte_permanent', 'fte_temporary'],
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
        fte_internal,
        fte_external,
        fte_permanent,
        fte_temporary,
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
    cast(fte_internal as numeric) as fte_internal,
    cast(fte_external as numeric) as fte_external,
    cast(fte_permanent as numeric) as fte_permanent,
    cast(fte_temporary as numeric) as fte_temporary,
    case
        when fte_total > 0 then cast(fte_permanent / fte_total as double precision)
    end as share_permanent,
    cast(n_regions_missing as integer) as n_regions_missing
from unioned
