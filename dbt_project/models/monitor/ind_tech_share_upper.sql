-- Indicator n_tech_pupils_upper / share_tech_pupils (DOMAIN §4.3): pupils in leerjaar 3-4 of
-- BB/KB/GL in a technical profiel, over all such pupils; per definition x peiljaar, nationally,
-- per region and for the "no region" bucket. Numerator, denominator and the unrounded share are
-- published; the share is NULL when too many cells are suppressed (threshold in a seed), and
-- counts of 1-4 pupils (with one more cell per row/column group) are withheld on publication
-- (small-cell protection, docs/monitor.md). The exact sums are int_tech_share_upper__unprotected.
with

src as (
    select * from {{ ref('int_tech_share_upper__unprotected') }}
),

region_names as (
    select
        region_id,
        max(region_name) as region_name
    from {{ ref('dim_region') }}
    group by region_id
),

settings as (
    {{ monitor_settings_select() }}
),

{{ small_cell_protect_declared('src') }},

published as (
    select
        sc_protected.definition,
        sc_protected.peiljaar,
        sc_protected.scope,
        sc_protected.region_id,
        sc_protected.n_tech_pupils_upper__withheld or sc_protected.n_pupils_upper__withheld
            as is_small_cell_protected,
        case
            when not sc_protected.n_tech_pupils_upper__withheld
                then sc_protected.n_tech_pupils_upper_known
        end as n_tech_pupils_upper,
        case
            when not sc_protected.n_pupils_upper__withheld
                then sc_protected.n_pupils_upper_known
        end as n_pupils_upper,
        sc_protected.n_pupils_upper_n_cells as n_cells,
        sc_protected.n_pupils_upper_n_suppressed_cells as n_suppressed_cells,
        sc_protected.n_pupils_upper_n_suppressed_cells
        <= settings.threshold * sc_protected.n_pupils_upper_n_cells as is_below_threshold,
        case
            when not sc_protected.n_tech_pupils_upper__withheld
                then
                    sc_protected.n_tech_pupils_upper_known
                    + sc_protected.n_tech_pupils_upper_n_suppressed_cells
                    * settings.lower_per_cell
        end as n_tech_pupils_upper_lower,
        case
            when not sc_protected.n_tech_pupils_upper__withheld
                then
                    sc_protected.n_tech_pupils_upper_known
                    + sc_protected.n_tech_pupils_upper_n_suppressed_cells
                    * settings.upper_per_cell
        end as n_tech_pupils_upper_upper
    from sc_protected
    cross join settings
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
    cast(published.n_tech_pupils_upper as bigint) as n_tech_pupils_upper,
    cast(published.n_pupils_upper as bigint) as n_pupils_upper,
    case
        when published.is_below_threshold
            then {{ safe_ratio('published.n_tech_pupils_upper', 'published.n_pupils_upper') }}
    end as share_tech_pupils,
    cast(published.n_cells as integer) as n_cells,
    cast(published.n_suppressed_cells as integer) as n_suppressed_cells,
    {{ safe_ratio('published.n_suppressed_cells', 'published.n_cells') }} as pct_suppressed,
    cast(published.n_tech_pupils_upper_lower as bigint) as n_tech_pupils_upper_lower,
    cast(published.n_tech_pupils_upper_upper as bigint) as n_tech_pupils_upper_upper,
    published.is_small_cell_protected
from published
left join region_names on published.region_id = region_names.region_id
