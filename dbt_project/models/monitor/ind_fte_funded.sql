-- Indicator fte_funded (DOMAIN §4.3) per region and calendar year: the fte the report that
-- counts for the year says were hired (internal + external), and the share of them on a
-- permanent contract.
with

report_years as (
    select * from {{ ref('int_region__report_years') }}
),

fte as (
    select * from {{ ref('stg_sub__report_fte') }}
)

select
    report_years.region_id,
    report_years.regulation_period,
    cast(report_years.jaar as integer) as jaar,
    cast(coalesce(sum(fte.fte), 0) as numeric) as fte_total,
    cast(coalesce(sum(fte.fte) filter (where fte.fte_origin = 'intern'), 0) as numeric)
        as fte_internal,
    cast(coalesce(sum(fte.fte) filter (where fte.fte_origin = 'extern'), 0) as numeric)
        as fte_external,
    cast(coalesce(sum(fte.fte) filter (where fte.contract_type = 'vast'), 0) as numeric)
        as fte_permanent,
    cast(coalesce(sum(fte.fte) filter (where fte.contract_type = 'tijdelijk'), 0) as numeric)
        as fte_temporary,
    case
        when sum(fte.fte) > 0
            then cast(
                coalesce(sum(fte.fte) filter (where fte.contract_type = 'vast'), 0) / sum(fte.fte)
                as double precision
            )
    end as share_permanent
from report_years
left join fte
    on report_years.submission_id = fte.submission_id and report_years.jaar = fte.jaar
group by report_years.region_id, report_years.regulation_period, report_years.jaar
