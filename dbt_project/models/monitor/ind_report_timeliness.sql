-- Indicator report_timeliness (DOMAIN §4.3): per registered region and every submission due
-- for its region period (seed sub_report_deadlines) whose deadline has passed on the as-of date
-- (STO_AS_OF, else today): whether the FIRST loaded version was submitted by the end of the
-- deadline day in the Netherlands (Europe/Amsterdam, DST included) - a later correction does not
-- make a report late - or it is missing.
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
)

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
