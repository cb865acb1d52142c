-- The current participants of every region per region period, with their validity resolved:
-- an open end (geldig_tot empty) runs to the end of the region period.
with

members as (
    select * from {{ ref('stg_sub__members') }}
    where is_current
),

periods as (
    select
        region_period,
        min(start_date) as period_start,
        max(end_date) as period_end
    from {{ ref('regulation_periods') }}
    where region_period is not null
    group by region_period
),

participant_types as (
    select * from {{ ref('sub_participant_types') }}
)

select
    members.region_id,
    members.region_period,
    members.participant_type,
    members.participant_code,
    members.participant_name,
    participant_types.is_vo_vestiging,
    members.valid_from,
    coalesce(members.valid_to_inclusive, periods.period_end) as valid_to_inclusive,
    periods.period_start,
    periods.period_end,
    members.submission_id,
    members.file_sha256,
    members.submitted_at
from members
inner join periods
    on members.region_period = periods.region_period
left join participant_types
    on members.participant_type = participant_types.participant_type
