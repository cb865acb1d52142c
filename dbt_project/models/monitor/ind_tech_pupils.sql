-- Indicators n_tech_pupils_upper, n_tech_pupils_lj3 (intake), share_tech (by leerweg), growth
-- year on year and against the baseline year (DOMAIN §4.3), per definition x peiljaar x scope
-- (national NL | region, incl. the no-region bucket GEEN) x leerweg (BB, KB, GL, ALL).
-- Counts are summed DUO cells: NULL above the seed's suppression threshold, with bounds (each
-- '<5' cell 1 and 4); counts of 1-4 pupils and one more cell per row/column group are withheld
-- (small-cell protection, docs/monitor.md). Every ratio is computed from the published counts,
-- so it is NULL whenever a count it needs is withheld. The baseline compares with the baseline
-- peiljaar through the region crosswalk (int_region__crosswalk).
with

src as (
    select * from {{ ref('int_tech_pupils__unprotected') }}
),

crosswalk as (
    select * from {{ ref('int_region__crosswalk') }}
),

region_names as (
    {{ monitor_region_names() }}
),

settings as (
    {{ monitor_settings_select() }}
),

measured as (
    select
        src.definition,
        src.peiljaar,
        src.scope,
        src.region_id,
        src.leerweg,
        {{ duo_count_measures('n_tech_pupils_upper') }},
        {{ duo_count_measures('n_pupils_upper') }},
        {{ duo_count_measures('n_tech_pupils_lj3') }},
        {{ duo_count_measures('n_pupils_lj3') }},
        src.n_pupils_upper_n_cells as n_cells,
        src.n_pupils_upper_n_suppressed_cells as n_suppressed_cells
    from src
    cross join settings
),

{{ small_cell_protect_declared('measured') }},

published as (
    select
        sc_protected.definition,
        sc_protected.peiljaar,
        sc_protected.scope,
        sc_protected.region_id,
        sc_protected.leerweg,
        {{ published_count('n_tech_pupils_upper') }},
        {{ published_count('n_pupils_upper') }},
        {{ published_count('n_tech_pupils_lj3') }},
        {{ published_count('n_pupils_lj3') }},
        sc_protected.n_cells,
        sc_protected.n_suppressed_cells,
        sc_protected.n_tech_pupils_upper__withheld
        or sc_protected.n_pupils_upper__withheld
        or sc_protected.n_tech_pupils_lj3__withheld
        or sc_protected.n_pupils_lj3__withheld as is_small_cell_protected
    from sc_protected
),

-- The previous peiljaar's published counts of the same definition, scope, region and leerweg.
with_previous as (
    select
        published.*,
        case
            when lag(published.peiljaar) over previous_year = published.peiljaar - 1
                then lag(published.n_tech_pupils_upper) over previous_year
        end as previous_n_tech_pupils_upper,
        case
            when lag(published.peiljaar) over previous_year = published.peiljaar - 1
                then lag(published.n_tech_pupils_lj3) over previous_year
        end as previous_n_tech_pupils_lj3
    from published
    window previous_year as (
        partition by
            published.definition, published.scope, published.region_id, published.leerweg
        order by published.peiljaar
    )
),

-- The baseline of a row: the baseline year's published figures of the region(s) the crosswalk
-- maps it to, weighted; NULL when one of them is not published.
baseline as (
    select
        published.definition,
        published.scope,
        crosswalk.region_id,
        published.leerweg,
        sum(crosswalk.weight * published.n_tech_pupils_upper) as n_tech_pupils_upper,
        sum(crosswalk.weight * published.n_pupils_upper) as n_pupils_upper,
        bool_and(
            published.n_tech_pupils_upper is not null and published.n_pupils_upper is not null
        ) as is_complete
    from published
    cross join settings
    inner join crosswalk
        on published.region_id = crosswalk.baseline_region_id
    where published.peiljaar = settings.baseline_peiljaar
    group by published.definition, published.scope, crosswalk.region_id, published.leerweg
)

select
    published.definition,
    cast(published.peiljaar as integer) as peiljaar,
    published.scope,
    published.region_id,
    case
        when published.scope = 'national' then 'Nederland'
        else coalesce(region_names.region_name, published.region_id)
    end as region_name,
    published.leerweg,
    cast(published.n_tech_pupils_upper as bigint) as n_tech_pupils_upper,
    cast(published.n_tech_pupils_upper_lower as bigint) as n_tech_pupils_upper_lower,
    cast(published.n_tech_pupils_upper_upper as bigint) as n_tech_pupils_upper_upper,
    cast(published.n_pupils_upper as bigint) as n_pupils_upper,
    cast(published.n_pupils_upper_lower as bigint) as n_pupils_upper_lower,
    cast(published.n_pupils_upper_upper as bigint) as n_pupils_upper_upper,
    {{ safe_ratio('published.n_tech_pupils_upper', 'published.n_pupils_upper') }}
        as share_tech_upper,
    cast(published.n_tech_pupils_lj3 as bigint) as n_tech_pupils_lj3,
    cast(published.n_tech_pupils_lj3_lower as bigint) as n_tech_pupils_lj3_lower,
    cast(published.n_tech_pupils_lj3_upper as bigint) as n_tech_pupils_lj3_upper,
    cast(published.n_pupils_lj3 as bigint) as n_pupils_lj3,
    cast(published.n_pupils_lj3_lower as bigint) as n_pupils_lj3_lower,
    cast(published.n_pupils_lj3_upper as bigint) as n_pupils_lj3_upper,
    {{ safe_ratio('published.n_tech_pupils_lj3', 'published.n_pupils_lj3') }} as share_tech_lj3,
    {{ safe_ratio('published.n_tech_pupils_upper', 'published.previous_n_tech_pupils_upper') }}
    - 1 as growth_tech_upper_yoy,
    {{ safe_ratio('published.n_tech_pupils_lj3', 'published.previous_n_tech_pupils_lj3') }}
    - 1 as growth_tech_lj3_yoy,
    cast(settings.baseline_peiljaar as integer) as baseline_peiljaar,
    cast(
        case when baseline.is_complete then baseline.n_tech_pupils_upper end as double precision
    ) as n_tech_pupils_upper_baseline,
    case
        when baseline.is_complete
            then {{ safe_ratio('baseline.n_tech_pupils_upper', 'baseline.n_pupils_upper') }}
    end as share_tech_upper_baseline,
    case
        when baseline.is_complete
            then
                {{ safe_ratio('published.n_tech_pupils_upper', 'baseline.n_tech_pupils_upper') }}
                - 1
    end as growth_tech_upper_vs_baseline,
    case
        when baseline.is_complete
            then
                {{ safe_ratio('published.n_tech_pupils_upper', 'published.n_pupils_upper') }}
                - {{ safe_ratio('baseline.n_tech_pupils_upper', 'baseline.n_pupils_upper') }}
    end as share_tech_upper_change_vs_baseline,
    cast(published.n_cells as integer) as n_cells,
    cast(published.n_suppressed_cells as integer) as n_suppressed_cells,
    {{ safe_ratio('published.n_suppressed_cells', 'published.n_cells') }} as pct_suppressed,
    published.is_small_cell_protected
from with_previous as published
cross join settings
left join baseline
    on
        published.definition = baseline.definition
        and published.scope = baseline.scope
        and published.region_id = baseline.region_id
        and published.leerweg = baseline.leerweg
left join region_names on published.region_id = region_names.region_id
