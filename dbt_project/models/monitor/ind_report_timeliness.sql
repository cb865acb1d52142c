-- Indicator report_timeliness (DOMAIN §4.3): per registered region and every submission due
-- for its region period (seed sub_report_deadlines) whose deadline has passed on the as-of date
-- (STO_AS_OF, else today): whether the FIRST loaded version was submitted by the end of the
-- deadline day in the Netherlands (Europe/Amsterdam, DST included) - a later correction does not
-- make a report late - or it is missing. Per submission type and period the national row (scope
-- national, region_id NL) gives share_on_time, the share of the due regions on time (a missing
-- submission counts as not on time; on a region's row 1 or 0), and the versions summed; its
-- per-submission columns are NULL. Every due region has a row, so n_regions_missing is 0 by
-- construction and says so.
with

regions as (
    select * from {{ ref('int_region__registrations') }}
),

deadlines as (
    select * from {{ ref('sub_report_deadlines') }}
    where deadline < coalesce(cast(nullif('{{ var("as_of") }}', '') as date), current_date)
),

versions as (
    select
        region_id,
        submission_type,
        period,
        min(submitted_at) as first_submitted_at,
        max(submitted_at) filter (where is_current) as current_submitted_at,
        count(*) as n_versions
    from {{ ref('stg_sub__submissions') }}
    group by region_id, submission_type, period
),

due as (
    select
        regions.region_id,
        deadlines.submission_type,
        deadlines.period,
        deadlines.deadline,
        cast(deadlines.deadline + 1 as timestamp) at time zone 'Europe/Amsterdam' as deadline_end
    from regions
    inner join deadlines on regions.region_period = deadlines.region_period
),

regional as (
    select
        due.region_id,
        due.submission_type,
        due.period,
        due.deadline,
        versions.first_submitted_at,
        versions.current_submitted_at,
        cast(coalesce(versions.n_versions, 0) as integer) as n_versions,
        case
            when versions.first_submitted_at is null then 'ontbreekt'
            when versions.first_submitted_at < due.deadline_end then 'op tijd'
            else 'te laat'
        end as status,
        coalesce(versions.first_submitted_at < due.deadline_end, false) as is_on_time,
        case
            when versions.first_submitted_at >= due.deadline_end
                then cast(
                    cast(versions.first_submitted_at at time zone 'Europe/Amsterdam' as date)
                    - due.deadline as integer
                )
        end as days_late
    from due
    left join versions
        on
            due.region_id = versions.region_id
            and due.submission_type = versions.submission_type
            and due.period = versions.period
),

national as (
    {{ monitor_national_rows(
        'regional', group_by=['submission_type', 'period'],
        measures=[
            {'deadline': 'max(deadline)'},
            'n_versions',
            {'share_on_time': 'avg(case when is_on_time then 1.0 else 0.0 end)'}
        ],
        missing_when='is_on_time is null'
    ) }}
)

select
    'region' as scope,
    regional.*,
    cast(case when regional.is_on_time then 1 else 0 end as double precision) as share_on_time,
    0 as n_regions_missing
from regional
union all
select
    scope,
    region_id,
    submission_type,
    period,
    deadline,
    null as first_submitted_at,
    null as current_submitted_at,
    cast(n_versions as integer) as n_versions,
    null as status,
    null as is_on_time,
    null as days_late,
    cast(share_on_time as double precision) as share_on_time,
    cast(n_regions_missing as integer) as n_regions_missing
from national
