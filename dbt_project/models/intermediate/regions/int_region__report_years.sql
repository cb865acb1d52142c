-- For every region and calendar year: the one report (current version) whose figures for that
-- year count - the final report before progress reports, then the report that ends latest
-- (a later report restates the years an earlier one covered).
with

reports as (
    select * from {{ ref('stg_sub__submissions') }}
    where is_current and submission_type in ('voortgang', 'eindverslag')
),

years as (
    select distinct
        submission_id,
        jaar
    from {{ ref('stg_sub__report_spend') }}
    where is_current
),

deadlines as (
    select * from {{ ref('sub_report_deadlines') }}
),

ranked as (
    select
        reports.region_id,
        years.jaar,
        reports.submission_id,
        reports.submission_type,
        reports.period,
        deadlines.regulation_period,
        reports.report_end,
        row_number() over (
            partition by reports.region_id, years.jaar
            order by
                reports.submission_type = 'eindverslag' desc,
                reports.report_end desc,
                reports.submitted_at desc
        ) as report_rank
    from reports
    inner join years
        on reports.submission_id = years.submission_id
    left join deadlines
        on
            reports.submission_type = deadlines.submission_type
            and reports.period = deadlines.period
)

select
    region_id,
    jaar,
    submission_id,
    submission_type,
    period,
    regulation_period,
    report_end
from ranked
where report_rank = 1
