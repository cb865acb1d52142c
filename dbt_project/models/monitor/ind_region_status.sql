-- Indicator region_status (issue 12) per region and year of its region period, up to the as-of
-- year: active (a grant or a report for the year), stopped (none for this year nor any later
-- year, after at least one earlier year with one), not started (none yet), and whether the
-- penvoerder changed that year (a registration version naming another bevoegd gezag than the
-- version before it, dated by its submission). Sources: every registration version (raw keeps
-- them), fct_grant. Per year the national row (scope national, region_id NL) gives share_active
-- (the share of the registered regions that are active; on a region's row 1 or 0) and
-- n_penvoerder_changed (regions whose penvoerder changed; 1 or 0 on a region's row); its status
-- and flags are NULL. Every registered region has a row, so n_regions_missing is 0 by
-- construction and says so.
with

periods as (
    select * from {{ ref('regulation_periods') }}
    where region_period is not null
),

as_of as (
    select coalesce(cast(nullif('{{ var("as_of") }}', '') as date), current_date) as as_of_date
),

regions as (
    select
        dim_region.region_id,
        dim_region.region_period,
        dim_region.region_type,
        periods.regulation_period,
        years.jaar
    from {{ ref('dim_region') }} as dim_region
    inner join periods on dim_region.region_period = periods.region_period
    cross join as_of
    cross join
        lateral generate_series(
            cast(extract(year from periods.start_date) as integer),
            least(
                cast(extract(year from periods.end_date) as integer),
                cast(extract(year from as_of.as_of_date) as integer)
            )
        ) as years (jaar)
    where not dim_region.is_placeholder and dim_region.region_id <> 'GEEN'
),

activity as (
    select distinct
        region_id,
        regulation_period,
        subsidiejaar as jaar
    from {{ ref('fct_grant') }}
    where
        region_key is not null
        and (coalesce(granted_eur, 0) > 0 or spent_eur is not null)
),

bounds as (
    select
        region_id,
        regulation_period,
        min(jaar) as first_year,
        max(jaar) as last_year
    from activity
    group by region_id, regulation_period
),

versions as (
    select
        region_id,
        region_period,
        submitted_at,
        penvoerder_bevoegd_gezag_nummer,
        lag(penvoerder_bevoegd_gezag_nummer) over (
            partition by region_id, region_period
            order by submitted_at, submission_id
        ) as previous_penvoerder
    from {{ ref('stg_sub__registrations') }}
),

changes as (
    select
        region_id,
        region_period,
        cast(extract(year from submitted_at at time zone 'Europe/Amsterdam') as integer) as jaar,
        max(penvoerder_bevoegd_gezag_nummer) as new_penvoerder
    from versions
    where
        previous_penvoerder is not null
        and penvoerder_bevoegd_gezag_nummer is distinct from previous_penvoerder
    group by
        region_id,
        region_period,
        cast(extract(year from submitted_at at time zone 'Europe/Amsterdam') as integer)
),

flagged as (
    select
        regions.*,
        activity.jaar is not null as is_active,
        coalesce(bounds.first_year < regions.jaar, false) as was_active_before,
        coalesce(bounds.last_year > regions.jaar, false) as is_active_later,
        changes.new_penvoerder
    from regions
    left join activity
        on
            regions.region_id = activity.region_id
            and regions.regulation_period = activity.regulation_period
            and regions.jaar = activity.jaar
    left join bounds
        on
            regions.region_id = bounds.region_id
            and regions.regulation_period = bounds.regulation_period
    left join changes
        on
            regions.region_id = changes.region_id
            and regions.region_period = changes.region_period
            and regions.jaar = changes.jaar
),

regional as (
    select
        region_id,
        region_period,
        regulation_period,
        region_type,
        cast(jaar as integer) as jaar,
        case
            when is_active then 'actief'
            when was_active_before and not is_active_later then 'gestopt'
            when was_active_before then 'onderbroken'
            else 'niet gestart'
        end as status,
        is_active,
        new_penvoerder is not null as penvoerder_changed,
        new_penvoerder as new_penvoerder_bevoegd_gezag_nummer
    from flagged
),

national as (
    {{ monitor_national_rows(
        'regional', group_by=['region_period', 'regulation_period', 'jaar'],
        measures=[{
            'share_active': 'avg(case when is_active then 1.0 else 0.0 end)',
            'n_penvoerder_changed': 'count(*) filter (where penvoerder_changed)'
        }],
        missing_when='is_active is null'
    ) }}
)

select
    'region' as scope,
    regional.*,
    cast(case when regional.is_active then 1 else 0 end as double precision) as share_active,
    case when regional.penvoerder_changed then 1 else 0 end as n_penvoerder_changed,
    0 as n_regions_missing
from regional
union all
select
    scope,
    region_id,
    region_period,
    regulation_period,
    null as region_type,
    jaar,
    null as status,
    null as is_active,
    null as penvoerder_changed,
    null as new_penvoerder_bevoegd_gezag_nummer,
    cast(share_active as double precision) as share_active,
    cast(n_penvoerder_changed as integer) as n_penvoerder_changed,
    cast(n_regions_missing as integer) as n_regions_missing
from national
