-- Indicator share_girls_tech (DOMAIN §4.3): girls among the technical pupils of vmbo BB/KB/GL, in
-- leerjaar 3-4 and in leerjaar 3 (intake), per definition x peiljaar x scope (national NL |
-- region, incl. GEEN). Counts are summed DUO cells (NULL above the seed's suppression threshold,
-- with bounds), small-cell protected on publication (docs/monitor.md); the shares are computed
-- from the published counts.
with

src as (
    select * from {{ ref('int_share_girls_tech__unprotected') }}
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
        {{ duo_count_measures('n_girls_tech_upper') }},
        {{ duo_count_measures('n_tech_pupils_upper') }},
        {{ duo_count_measures('n_girls_tech_lj3') }},
        {{ duo_count_measures('n_tech_pupils_lj3') }},
        src.n_tech_pupils_upper_n_cells as n_cells,
        src.n_tech_pupils_upper_n_suppressed_cells as n_suppressed_cells
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
        {{ published_count('n_girls_tech_upper') }},
        {{ published_count('n_tech_pupils_upper') }},
        {{ published_count('n_girls_tech_lj3') }},
        {{ published_count('n_tech_pupils_lj3') }},
        sc_protected.n_cells,
        sc_protected.n_suppressed_cells,
        sc_protected.n_girls_tech_upper__withheld
        or sc_protected.n_tech_pupils_upper__withheld
        or sc_protected.n_girls_tech_lj3__withheld
        or sc_protected.n_tech_pupils_lj3__withheld as is_small_cell_protected
    from sc_protected
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
    cast(published.n_girls_tech_upper as bigint) as n_girls_tech_upper,
    cast(published.n_girls_tech_upper_lower as bigint) as n_girls_tech_upper_lower,
    cast(published.n_girls_tech_upper_upper as bigint) as n_girls_tech_upper_upper,
    cast(published.n_tech_pupils_upper as bigint) as n_tech_pupils_upper,
    cast(published.n_tech_pupils_upper_lower as bigint) as n_tech_pupils_upper_lower,
    cast(published.n_tech_pupils_upper_upper as bigint) as n_tech_pupils_upper_upper,
    {{ safe_ratio('published.n_girls_tech_upper', 'published.n_tech_pupils_upper') }}
        as share_girls_tech_upper,
    cast(published.n_girls_tech_lj3 as bigint) as n_girls_tech_lj3,
    cast(published.n_girls_tech_lj3_lower as bigint) as n_girls_tech_lj3_lower,
    cast(published.n_girls_tech_lj3_upper as bigint) as n_girls_tech_lj3_upper,
    cast(published.n_tech_pupils_lj3 as bigint) as n_tech_pupils_lj3,
    cast(published.n_tech_pupils_lj3_lower as bigint) as n_tech_pupils_lj3_lower,
    cast(published.n_tech_pupils_lj3_upper as bigint) as n_tech_pupils_lj3_upper,
    {{ safe_ratio('published.n_girls_tech_lj3', 'published.n_tech_pupils_lj3') }}
        as share_girls_tech_lj3,
    cast(published.n_cells as integer) as n_cells,
    cast(published.n_suppressed_cells as integer) as n_suppressed_cells,
    {{ safe_ratio('published.n_suppressed_cells', 'published.n_cells') }} as pct_suppressed,
    published.is_small_cell_protected
from published
left join region_names on published.region_id = region_names.region_id
