-- Which STO region a vo vestiging (BRIN6) belongs to: THE interface every model uses to map
-- vestigingen to regions. Source: the regions' membership submissions (current versions;
-- participant types vmbo, vso, pro). valid_from / valid_to (exclusive) are PEILDATUM bounds: a
-- 1 October count is attributed to the region the vestiging belongs to in the subsidy year it
-- funds (peiljaar + 1; DOMAIN §2.1 "leerling"), so membership from 1 January 2020 counts from
-- peildatum 1 October 2019 and membership to 31 December 2024 counts to peildatum 1 October 2023.
-- Members of the first region period from its start also cover earlier peildata (baselines,
-- the 1 October 2018 count of the allocation formula); members of the last one stay valid.
-- A BRIN6 claimed by two regions in one period goes to the earliest claim (dbt test warns).
-- FALLBACK: only when no membership submission has been loaded at all, the PLACEHOLDER seed
-- sto_region_placeholder (vestigingen in its COROP areas), so a warehouse without submissions
-- still builds.
with

members as (
    select * from {{ ref('int_region__members') }}
    where is_vo_vestiging and participant_code is not null
),

bounds as (
    select
        min(region_period) as first_region_period,
        max(region_period) as last_region_period
    from {{ ref('regulation_periods') }}
    where region_period is not null
),

first_claims as (
    select
        participant_code,
        region_period,
        region_id,
        row_number() over (
            partition by participant_code, region_period
            order by min(submitted_at), region_id
        ) as claim_rank
    from members
    group by participant_code, region_period, region_id
),

submitted as (
    select
        members.participant_code as brin6,
        case
            when
                members.region_period = bounds.first_region_period
                and members.valid_from <= members.period_start
                then date '1900-01-01'
            else make_date(cast(extract(year from members.valid_from) as integer) - 1, 10, 1)
        end as valid_from,
        case
            when
                members.region_period = bounds.last_region_period
                and members.valid_to_inclusive >= members.period_end
                then date '9999-12-31'
            else make_date(cast(extract(year from members.valid_to_inclusive) as integer), 10, 1)
        end as valid_to,
        members.region_id,
        members.region_period
    from members
    cross join bounds
    inner join first_claims
        on
            members.participant_code = first_claims.participant_code
            and members.region_period = first_claims.region_period
            and members.region_id = first_claims.region_id
            and first_claims.claim_rank = 1
),

placeholder as (
    select
        versions.brin6,
        versions.valid_from,
        versions.valid_to,
        regions.region_id,
        regions.region_period
    from {{ ref('int_vestiging__versions') }} as versions
    inner join {{ ref('sto_region_placeholder') }} as regions
        on versions.coropgebied_code = regions.coropgebied_code
    where not exists (select 1 from {{ ref('stg_sub__members') }})
)

select
    brin6,
    valid_from,
    valid_to,
    region_id,
    region_period
from submitted
where valid_from < valid_to
union all
select
    brin6,
    valid_from,
    valid_to,
    region_id,
    region_period
from placeholder
