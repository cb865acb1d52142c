-- Indicators coop_vmbo_po, coop_vmbo_mbo, coop_vmbo_mbo_business, coop_vmbo_vmbo (DOMAIN §4.3)
-- per region and region period: whether the region has at least one vmbo vestiging and at least
-- one partner of each required type (po; mbo; mbo and a company), whether its vmbo schools
-- cooperate among themselves (at least two vmbo vestigingen and a reported activity within the
-- vmbo, code 'vmbo' of sub_activity_cooperation), plus the joint activities of each kind in the
-- reports of the period (current versions). Per region period the national row (scope national,
-- region_id NL) gives the share of regions for which each holds (share_coop_*; on a region's
-- row 1 or 0), the distinct partners over all regions (ind_partners_by_type's national row) and
-- the summed activities; its flags are NULL (a share is not a yes or no). n_regions_missing
-- counts the regions without a membership submission (ind_partners_by_type): their flags are
-- false and count as such in the shares, and the column says how many there are.
with

partners as (
    select * from {{ ref('ind_partners_by_type') }}
    where scope = 'region'
),

pivoted as (
    select
        region_id,
        region_period,
        sum(n_partners) filter (where participant_type = 'vmbo') as n_vmbo,
        sum(n_partners) filter (where participant_type = 'po') as n_po,
        sum(n_partners) filter (where participant_type = 'mbo') as n_mbo,
        sum(n_partners) filter (where participant_type = 'bedrijf') as n_bedrijf,
        max(n_regions_missing) as n_regions_missing
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
),

regional as (
    select
        pivoted.region_id,
        pivoted.region_period,
        cast(pivoted.n_vmbo as integer) as n_vmbo,
        cast(pivoted.n_po as integer) as n_po,
        cast(pivoted.n_mbo as integer) as n_mbo,
        cast(pivoted.n_bedrijf as integer) as n_bedrijf,
        pivoted.n_vmbo > 0 and pivoted.n_po > 0 as coop_vmbo_po,
        pivoted.n_vmbo > 0 and pivoted.n_mbo > 0 as coop_vmbo_mbo,
        pivoted.n_vmbo > 0 and pivoted.n_mbo > 0 and pivoted.n_bedrijf > 0
            as coop_vmbo_mbo_business,
        cast(coalesce(activities.n_activities_vmbo_po, 0) as integer) as n_activities_vmbo_po,
        cast(coalesce(activities.n_activities_vmbo_mbo, 0) as integer) as n_activities_vmbo_mbo,
        cast(coalesce(activities.n_activities_vmbo_mbo_business, 0) as integer)
            as n_activities_vmbo_mbo_business,
        coalesce(pivoted.n_vmbo >= 2 and activities.n_activities_vmbo_vmbo > 0, false)
            as coop_vmbo_vmbo,
        cast(coalesce(activities.n_activities_vmbo_vmbo, 0) as integer) as n_activities_vmbo_vmbo,
        cast(pivoted.n_regions_missing as integer) as n_regions_missing
    from pivoted
    left join activities
        on
            pivoted.region_id = activities.region_id
            and pivoted.region_period = activities.region_period
),

national_partners as (
    select
        region_period,
        sum(n_partners) filter (where participant_type = 'vmbo') as n_vmbo,
        sum(n_partners) filter (where participant_type = 'po') as n_po,
        sum(n_partners) filter (where participant_type = 'mbo') as n_mbo,
        sum(n_partners) filter (where participant_type = 'bedrijf') as n_bedrijf
    from {{ ref('ind_partners_by_type') }}
    where scope = 'national'
    group by region_period
),

national as (
    {{ monitor_national_rows(
        'regional', group_by=['region_period'],
        measures=[
            {
                'share_coop_vmbo_po': 'avg(case when coop_vmbo_po then 1.0 else 0.0 end)',
                'share_coop_vmbo_mbo': 'avg(case when coop_vmbo_mbo then 1.0 else 0.0 end)',
                'share_coop_vmbo_mbo_business':
                'avg(case when coop_vmbo_mbo_business then 1.0 else 0.0 end)',
                'share_coop_vmbo_vmbo': 'avg(case when coop_vmbo_vmbo then 1.0 else 0.0 end)'
            },
            'n_activities_vmbo_po', 'n_activities_vmbo_mbo', 'n_activities_vmbo_mbo_business',
            'n_activities_vmbo_vmbo'
        ],
        missing_when='n_regions_missing = 1'
    ) }}
)

select
    'region' as scope,
    regional.region_id,
    regional.region_period,
    regional.n_vmbo,
    regional.n_po,
    regional.n_mbo,
    regional.n_bedrijf,
    regional.coop_vmbo_po,
    regional.coop_vmbo_mbo,
    regional.coop_vmbo_mbo_business,
    regional.n_activities_vmbo_po,
    regional.n_activities_vmbo_mbo,
    regional.n_activities_vmbo_mbo_business,
    regional.coop_vmbo_vmbo,
    regional.n_activities_vmbo_vmbo,
    cast(case when regional.coop_vmbo_po then 1 else 0 end as double precision)
        as share_coop_vmbo_po,
    cast(case when regional.coop_vmbo_mbo then 1 else 0 end as double precision)
        as share_coop_vmbo_mbo,
    cast(case when regional.coop_vmbo_mbo_business then 1 else 0 end as double precision)
        as share_coop_vmbo_mbo_business,
    cast(case when regional.coop_vmbo_vmbo then 1 else 0 end as double precision)
        as share_coop_vmbo_vmbo,
    regional.n_regions_missing
from regional
union all
select
    national.scope,
    national.region_id,
    national.region_period,
    cast(national_partners.n_vmbo as integer) as n_vmbo,
    cast(national_partners.n_po as integer) as n_po,
    cast(national_partners.n_mbo as integer) as n_mbo,
    cast(national_partners.n_bedrijf as integer) as n_bedrijf,
    null as coop_vmbo_po,
    null as coop_vmbo_mbo,
    null as coop_vmbo_mbo_business,
    cast(national.n_activities_vmbo_po as integer) as n_activities_vmbo_po,
    cast(national.n_activities_vmbo_mbo as integer) as n_activities_vmbo_mbo,
    cast(national.n_activities_vmbo_mbo_business as integer) as n_activities_vmbo_mbo_business,
    null as coop_vmbo_vmbo,
    cast(national.n_activities_vmbo_vmbo as integer) as n_activities_vmbo_vmbo,
    cast(national.share_coop_vmbo_po as double precision) as share_coop_vmbo_po,
    cast(national.share_coop_vmbo_mbo as double precision) as share_coop_vmbo_mbo,
    cast(national.share_coop_vmbo_mbo_business as double precision)
        as share_coop_vmbo_mbo_business,
    cast(national.share_coop_vmbo_vmbo as double precision) as share_coop_vmbo_vmbo,
    cast(national.n_regions_missing as integer) as n_regions_missing
from national
left join national_partners on national.region_period = national_partners.region_period
