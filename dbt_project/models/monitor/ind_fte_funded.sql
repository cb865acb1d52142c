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
    select
        regional.regulation_period,
        regional.jaar,
        sum(regional.fte_total) as fte_total,
        sum(regional.fte_internal) as fte_internal,
        sum(regional.fte_external) as fte_external,
        sum(regional.fte_permanent) as fte_permanent,
        sum(regional.fte_temporary) as fte_temporary,
        count(distinct regional.region_id) as n_regions
    from regional
    group by regional.regulation_period, regional.jaar
),

missing as (
    select
        expected.regulation_period,
        expected.jaar,
        count(*) as n_regions_missing
    from expected
    left join regional
        on expected.region_id = regional.region_id and expected.jaar = regional.jaar
    where regional.region_id is null
    group by expected.regulation_period, expected.jaar
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
    select
        'national' as scope,
        'NL' as region_id,
        national.regulation_period,
        national.jaar,
        national.fte_total,
        national.fte_internal,
        national.fte_external,
        national.fte_permanent,
        national.fte_temporary,
        coalesce(missing.n_regions_missing, 0) as n_regions_missing
    from national
    left join missing
        on national.regulation_period = missing.regulation_period and national.jaar = missing.jaar
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
