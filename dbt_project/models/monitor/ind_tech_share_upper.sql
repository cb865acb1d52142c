-- Indicator n_tech_pupils_upper / share_tech_pupils (DOMAIN §4.3): pupils in leerjaar 3-4 of
-- BB/KB/GL in a technical profiel, over all such pupils; per definition x peiljaar, nationally,
-- per region and for the "no region" bucket. Numerator, denominator and the unrounded share
-- are stored; the share is NULL when too many cells are suppressed (threshold in a seed).
with

pupils as (
    select * from {{ ref('int_vo_enrollment__upper_by_region') }}
),

definitions as (
    select * from {{ ref('technical_profile_definitions') }}
),

region_names as (
    select
        region_id,
        max(region_name) as region_name
    from {{ ref('dim_region') }}
    group by region_id
),

settings as (
    select
        max(case when setting = 'suppression_threshold' then cast(value as numeric) end)
            as threshold,
        max(case when setting = 'suppressed_cell_lower' then cast(value as integer) end)
            as lower_per_cell,
        max(case when setting = 'suppressed_cell_upper' then cast(value as integer) end)
            as upper_per_cell
    from {{ ref('monitor_settings') }}
),

definition_names as (
    select distinct definition from definitions
),

flagged as (
    select
        definition_names.definition,
        pupils.peiljaar,
        pupils.region_id,
        pupils.n_pupils,
        pupils.n_suppressed_cells,
        pupils.n_cells,
        exists(
            select 1
            from definitions
            where
                definitions.definition = definition_names.definition
                and definitions.profiel_code = pupils.profiel_code
                and make_date(pupils.peiljaar, 10, 1)
                between definitions.valid_from and definitions.valid_to
        ) as is_technical
    from pupils
    cross join definition_names
),

scoped as (
    select
        'region' as scope,
        flagged.*
    from flagged
    union all
    select
        'national' as scope,
        definition,
        peiljaar,
        'NL' as region_id,
        n_pupils,
        n_suppressed_cells,
        n_cells,
        is_technical
    from flagged
),

summed as (
    select
        scope,
        definition,
        peiljaar,
        region_id,
        sum(n_pupils) as n_pupils_upper,
        sum(n_pupils) filter (where is_technical) as n_tech_pupils_upper,
        sum(n_suppressed_cells) as n_suppressed_cells,
        sum(n_suppressed_cells) filter (where is_technical) as n_tech_suppressed_cells,
        sum(n_cells) as n_cells
    from scoped
    group by scope, definition, peiljaar, region_id
)

select
    summed.definition,
    cast(summed.peiljaar as integer) as peiljaar,
    summed.scope,
    summed.region_id,
    case
        when summed.scope = 'national' then 'Nederland'
        else coalesce(region_names.region_name, summed.region_id)
    end as region_name,
    cast(coalesce(summed.n_tech_pupils_upper, 0) as bigint) as n_tech_pupils_upper,
    cast(summed.n_pupils_upper as bigint) as n_pupils_upper,
    case
        when
            summed.n_pupils_upper > 0
            and summed.n_suppressed_cells <= settings.threshold * summed.n_cells
            then
                cast(coalesce(summed.n_tech_pupils_upper, 0) as double precision)
                / summed.n_pupils_upper
    end as share_tech_pupils,
    cast(summed.n_cells as integer) as n_cells,
    cast(summed.n_suppressed_cells as integer) as n_suppressed_cells,
    case
        when
            summed.n_cells > 0
            then cast(summed.n_suppressed_cells as double precision) / summed.n_cells
    end as pct_suppressed,
    cast(
        coalesce(summed.n_tech_pupils_upper, 0)
        + coalesce(summed.n_tech_suppressed_cells, 0) * settings.lower_per_cell
        as bigint
    ) as n_tech_pupils_upper_lower,
    cast(
        coalesce(summed.n_tech_pupils_upper, 0)
        + coalesce(summed.n_tech_suppressed_cells, 0) * settings.upper_per_cell
        as bigint
    ) as n_tech_pupils_upper_upper
from summed
cross join settings
left join region_names on summed.region_id = region_names.region_id
