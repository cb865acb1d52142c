-- Every loaded version of every progress and final report (history: a resubmission adds a
-- version, is_current marks the latest submitted-at), with its deadline, timeliness (Dutch end
-- of day) and totals: spend, co-financing, fte by origin and contract, activities. Keys come
-- from the file's sha256, not from audit ids: rejected files use those up too, and a published
-- table must not depend on what else arrived (tests/reliability). source_load_id is lineage,
-- volatile like that of every fact (a reload gives new load ids).
with

reports as (
    select * from {{ ref('stg_sub__submissions') }}
    where submission_type in ('voortgang', 'eindverslag')
),

deadlines as (
    select * from {{ ref('sub_report_deadlines') }}
),

spend as (
    select
        submission_id,
        sum(amount_eur) as total_spend_eur
    from {{ ref('stg_sub__report_spend') }}
    group by submission_id
),

cofinancing as (
    select
        submission_id,
        sum(amount_eur) filter (where cofinancing_kind = 'cash') as cofinancing_cash_eur,
        sum(amount_eur) filter (where cofinancing_kind = 'in_natura') as cofinancing_in_kind_eur
    from {{ ref('stg_sub__cofinancing') }}
    where not is_planned
    group by submission_id
),

fte as (
    select
        submission_id,
        sum(fte) filter (where fte_origin = 'intern') as fte_internal,
        sum(fte) filter (where fte_origin = 'extern') as fte_external,
        sum(fte) filter (where contract_type = 'tijdelijk') as fte_temporary,
        sum(fte) filter (where contract_type = 'vast') as fte_permanent
    from {{ ref('stg_sub__report_fte') }}
    group by submission_id
),

activities as (
    select
        submission_id,
        count(*) as n_activities,
        count(*) filter (where activity_result >= activity_target) as n_activities_target_met
    from {{ ref('stg_sub__report_activities') }}
    group by submission_id
),

regions as (
    select * from {{ ref('dim_region') }}
)

select
    {{ surrogate_key(['reports.file_sha256']) }} as report_key,
    reports.file_sha256 as source_file_sha256,
    regions.region_key,
    reports.region_id,
    reports.submission_type,
    reports.period,
    deadlines.regulation_period,
    reports.report_start,
    reports.report_end,
    reports.submitted_at,
    reports.received_at,
    deadlines.deadline,
    reports.submitted_at
    < cast(deadlines.deadline + 1 as timestamp) at time zone 'Europe/Amsterdam' as met_deadline,
    cast(reports.version_number as integer) as version_number,
    cast(reports.n_versions as integer) as n_versions,
    reports.is_current,
    spend.total_spend_eur,
    cofinancing.cofinancing_cash_eur,
    cofinancing.cofinancing_in_kind_eur,
    fte.fte_internal,
    fte.fte_external,
    fte.fte_temporary,
    fte.fte_permanent,
    cast(coalesce(activities.n_activities, 0) as integer) as n_activities,
    cast(coalesce(activities.n_activities_target_met, 0) as integer) as n_activities_target_met,
    reports.load_id as source_load_id
from reports
left join deadlines
    on
        reports.submission_type = deadlines.submission_type
        and reports.period = deadlines.period
left join regions
    on reports.region_id = regions.region_id and deadlines.region_period = regions.region_period
left join spend on reports.submission_id = spend.submission_id
left join cofinancing on reports.submission_id = cofinancing.submission_id
left join fte on reports.submission_id = fte.submission_id
left join activities on reports.submission_id = activities.submission_id
