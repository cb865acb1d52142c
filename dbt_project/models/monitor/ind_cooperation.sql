-- Indicators coop_vmbo_po, coop_vmbo_mbo, coop_vmbo_mbo_business, coop_vmbo_vmbo (DOMAIN §4.3)
-- per region and region period: whether the region has at least one vmbo vestiging and at least
-- one partner of each required type (po; mbo; mbo and a company), whether its vmbo schools
-- cooperate among themselves (at least two vmbo vestigingen and a reported activity within the
-- vmbo, code 'vmbo' of sub_activity_cooperation), plus the joint activities of each kind in the
-- reports of the period (current versions).
with

partners as (
    select * from {{ ref('ind_partners_by_type') }}
),

pivoted as (
    select
        region_id,
        region_period,
        sum(n_partners) filter (where participant_type = 'vmbo') as n_vmbo,
        sum(n_partners) filter (where participant_type = 'po') as n_po,
        sum(n_partners) filter (where participant_type = 'mbo') as n_mbo,
        sum(n_partners) filter (where participant_type = 'bedrijf') as n_bedrijf
    from partners
    group by region_id, region_period
),

reports as (
    select
        submissions.submission_id,
        submissions.region_id,
        deadlines.region_period
    from {{ ref('stg_sub__submissions') }} as submissions
    inner join {{ ref('sub_report_deadlines') }} as deadlines
        on
            submissions.submission_type = deadlines.submission_type
            and submissions.period = deadlines.period
    where submissions.is_current and submissions.submission_type in ('voortgang', 'eindverslag')
),

activities as (
    select
        reports.region_id,
        reports.region_period,
        count(*) filter (where activities.cooperation = 'vmbo_po') as n_activities_vmbo_po,
        count(*) filter (where activities.cooperation = 'vmbo_mbo') as n_activities_vmbo_mbo,
        count(*) filter (where activities.cooperation = 'vmbo_mbo_bedrijf')
            as n_activities_vmbo_mbo_business,
        count(*) filter (where activities.cooperation = 'vmbo') as n_activities_vmbo_vmbo
    from reports
    inner join {{ ref('stg_sub__report_activities') }} as activities
        on reports.submission_id = activities.submission_id
    group by reports.region_id, reports.region_period
)

select
    pivoted.region_id,
    pivoted.region_period,
    cast(pivoted.n_vmbo as integer) as n_vmbo,
    cast(pivoted.n_po as integer) as n_po,
    cast(pivoted.n_mbo as integer) as n_mbo,
    cast(pivoted.n_bedrijf as integer) as n_bedrijf,
    pivoted.n_vmbo > 0 and pivoted.n_po > 0 as coop_vmbo_po,
    pivoted.n_vmbo > 0 and pivoted.n_mbo > 0 as coop_vmbo_mbo,
    pivoted.n_vmbo > 0 and pivoted.n_mbo > 0 and pivoted.n_bedrijf > 0 as coop_vmbo_mbo_business,
    cast(coalesce(activities.n_activities_vmbo_po, 0) as integer) as n_activities_vmbo_po,
    cast(coalesce(activities.n_activities_vmbo_mbo, 0) as integer) as n_activities_vmbo_mbo,
    cast(coalesce(activities.n_activities_vmbo_mbo_business, 0) as integer)
        as n_activities_vmbo_mbo_business,
    coalesce(pivoted.n_vmbo >= 2 and activities.n_activities_vmbo_vmbo > 0, false)
        as coop_vmbo_vmbo,
    cast(coalesce(activities.n_activities_vmbo_vmbo, 0) as integer) as n_activities_vmbo_vmbo
from pivoted
left join activities
    on
        pivoted.region_id = activities.region_id
        and pivoted.region_period = activities.region_period
