-- Coverage of each vmbo profiel (DOMAIN §4.3 dekkend_aanbod_profiel, avg_pupils_per_profiel_-
-- vestiging, growth of the intake per profiel) per peiljaar x scope (national NL | region, incl.
-- GEEN) x profiel (all ten, with their technical flag per definition): whether it is offered, by
-- how many vestigingen, its pupils in leerjaar 3-4 and in leerjaar 3, the average pupils per
-- offering vestiging and the intake's growth year on year. Pupils are summed DUO cells
-- (threshold, bounds) and small-cell protected (docs/monitor.md); ratios use published counts.
with

src as (
    select * from {{ ref('int_tech_offer_by_profiel__unprotected') }}
),

region_names as (
    {{ monitor_region_names() }}
),

settings as (
    {{ monitor_settings_select() }}
),

measured as (
    select
        src.peiljaar,
        src.scope,
        src.region_id,
        src.profiel_code,
        src.profiel_naam,
        src.sort_order,
        src.is_technical_hard_techniek,
        src.is_technical_sto_2020,
        src.is_technical_sto_2025,
        src.n_vestigingen_offering,
        {{ duo_count_measures('n_pupils_upper') }},
        {{ duo_count_measures('n_pupils_lj3') }},
        src.n_pupils_upper_n_cells as n_cells,
        src.n_pupils_upper_n_suppressed_cells as n_suppressed_cells
    from src
    cross join settings
),

{{ small_cell_protect_declared('measured') }},

published as (
    select
        sc_protected.peiljaar,
        sc_protected.scope,
        sc_protected.region_id,
        sc_protected.profiel_code,
        sc_protected.profiel_naam,
        sc_protected.sort_order,
        sc_protected.is_technical_hard_techniek,
        sc_protected.is_technical_sto_2020,
        sc_protected.is_technical_sto_2025,
        sc_protected.n_vestigingen_offering,
        {{ published_count('n_pupils_upper') }},
        {{ published_count('n_pupils_lj3') }},
        sc_protected.n_cells,
        sc_protected.n_suppressed_cells,
        sc_protected.n_pupils_upper__withheld
        or sc_protected.n_pupils_lj3__withheld as is_small_cell_protected
    from sc_protected
),

-- The previous peiljaar's published intake of the same scope, region and profiel.
with_previous as (
    select
        published.*,
        case
            when lag(published.peiljaar) over previous_year = published.peiljaar - 1
                then lag(published.n_pupils_lj3) over previous_year
        end as previous_n_pupils_lj3
    from published
    window previous_year as (
        partition by published.scope, published.region_id, published.profiel_code
        order by published.peiljaar
    )
)

select
    cast(published.peiljaar as integer) as peiljaar,
    published.scope,
    published.region_id,
    case
        when published.scope = 'national' then 'Nederland'
        else coalesce(region_names.region_name, published.region_id)
    end as region_name,
    published.profiel_code,
    published.profiel_naam,
    cast(published.sort_order as integer) as sort_order,
    published.is_technical_hard_techniek,
    published.is_technical_sto_2020,
    published.is_technical_sto_2025,
    published.n_vestigingen_offering > 0 as is_offered,
    cast(published.n_vestigingen_offering as integer) as n_vestigingen_offering,
    cast(published.n_pupils_upper as bigint) as n_pupils_upper,
    cast(published.n_pupils_upper_lower as bigint) as n_pupils_upper_lower,
    cast(published.n_pupils_upper_upper as bigint) as n_pupils_upper_upper,
    {{ safe_ratio('published.n_pupils_upper', 'published.n_vestigingen_offering') }}
        as avg_pupils_per_vestiging,
    cast(published.n_pupils_lj3 as bigint) as n_pupils_lj3,
    cast(published.n_pupils_lj3_lower as bigint) as n_pupils_lj3_lower,
    cast(published.n_pupils_lj3_upper as bigint) as n_pupils_lj3_upper,
    {{ safe_ratio('published.n_pupils_lj3', 'published.previous_n_pupils_lj3') }} - 1
        as growth_lj3_yoy,
    cast(published.n_cells as integer) as n_cells,
    cast(published.n_suppressed_cells as integer) as n_suppressed_cells,
    {{ safe_ratio('published.n_suppressed_cells', 'published.n_cells') }} as pct_suppressed,
    published.is_small_cell_protected
from with_previous as published
left join region_names on published.region_id = region_names.region_id
