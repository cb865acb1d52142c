-- Indicators doorstroom_mbo and doorstroom_tech_mbo (DOMAIN §4.3): where the vmbo graduates of a
-- diplomajaar were on 1 October of that year - mbo, technical mbo - for all graduates and for
-- those of the technical profielen, per definition x diplomajaar x scope (national NL | region
-- of the origin vestiging, incl. GEEN) x leerweg (BB, KB, GL, TL, ALL). Counts are summed DUO
-- cells (NULL above the seed's suppression threshold, bounds per '<5' cell), small-cell
-- protected on publication (docs/monitor.md); the shares are computed from published counts.
with

src as (
    select * from {{ ref('int_doorstroom_mbo__unprotected') }}
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
        src.diplomajaar,
        src.scope,
        src.region_id,
        src.leerweg,
        {{ duo_count_measures('n_graduates') }},
        {{ duo_count_measures('n_to_mbo') }},
        {{ duo_count_measures('n_to_tech_mbo') }},
        {{ duo_count_measures('n_to_mbo_sector_unknown') }},
        {{ duo_count_measures('n_graduates_tech') }},
        {{ duo_count_measures('n_tech_to_mbo') }},
        {{ duo_count_measures('n_tech_to_tech_mbo') }},
        src.n_graduates_n_cells as n_cells,
        src.n_graduates_n_suppressed_cells as n_suppressed_cells
    from src
    cross join settings
),

{{ small_cell_protect_declared('measured') }},

published as (
    select
        sc_protected.definition,
        sc_protected.peiljaar,
        sc_protected.diplomajaar,
        sc_protected.scope,
        sc_protected.region_id,
        sc_protected.leerweg,
        {{ published_count('n_graduates') }},
        {{ published_count('n_to_mbo') }},
        {{ published_count('n_to_tech_mbo') }},
        {{ published_count('n_to_mbo_sector_unknown') }},
        {{ published_count('n_graduates_tech') }},
        {{ published_count('n_tech_to_mbo') }},
        {{ published_count('n_tech_to_tech_mbo') }},
        sc_protected.n_cells,
        sc_protected.n_suppressed_cells,
        sc_protected.n_graduates__withheld
        or sc_protected.n_to_mbo__withheld
        or sc_protected.n_to_tech_mbo__withheld
        or sc_protected.n_to_mbo_sector_unknown__withheld
        or sc_protected.n_graduates_tech__withheld
        or sc_protected.n_tech_to_mbo__withheld
        or sc_protected.n_tech_to_tech_mbo__withheld as is_small_cell_protected
    from sc_protected
)

select
    published.definition,
    cast(published.diplomajaar as integer) as diplomajaar,
    cast(published.peiljaar as integer) as peiljaar,
    published.scope,
    published.region_id,
    case
        when published.scope = 'national' then 'Nederland'
        else coalesce(region_names.region_name, published.region_id)
    end as region_name,
    published.leerweg,
    cast(published.n_graduates as bigint) as n_graduates,
    cast(published.n_graduates_lower as bigint) as n_graduates_lower,
    cast(published.n_graduates_upper as bigint) as n_graduates_upper,
    cast(published.n_to_mbo as bigint) as n_to_mbo,
    cast(published.n_to_mbo_lower as bigint) as n_to_mbo_lower,
    cast(published.n_to_mbo_upper as bigint) as n_to_mbo_upper,
    {{ safe_ratio('published.n_to_mbo', 'published.n_graduates') }} as share_to_mbo,
    cast(published.n_to_tech_mbo as bigint) as n_to_tech_mbo,
    cast(published.n_to_tech_mbo_lower as bigint) as n_to_tech_mbo_lower,
    cast(published.n_to_tech_mbo_upper as bigint) as n_to_tech_mbo_upper,
    {{ safe_ratio('published.n_to_tech_mbo', 'published.n_graduates') }} as share_to_tech_mbo,
    cast(published.n_to_mbo_sector_unknown as bigint) as n_to_mbo_sector_unknown,
    cast(published.n_to_mbo_sector_unknown_lower as bigint) as n_to_mbo_sector_unknown_lower,
    cast(published.n_to_mbo_sector_unknown_upper as bigint) as n_to_mbo_sector_unknown_upper,
    cast(published.n_graduates_tech as bigint) as n_graduates_tech,
    cast(published.n_graduates_tech_lower as bigint) as n_graduates_tech_lower,
    cast(published.n_graduates_tech_upper as bigint) as n_graduates_tech_upper,
    cast(published.n_tech_to_mbo as bigint) as n_tech_to_mbo,
    cast(published.n_tech_to_mbo_lower as bigint) as n_tech_to_mbo_lower,
    cast(published.n_tech_to_mbo_upper as bigint) as n_tech_to_mbo_upper,
    {{ safe_ratio('published.n_tech_to_mbo', 'published.n_graduates_tech') }}
        as share_tech_to_mbo,
    cast(published.n_tech_to_tech_mbo as bigint) as n_tech_to_tech_mbo,
    cast(published.n_tech_to_tech_mbo_lower as bigint) as n_tech_to_tech_mbo_lower,
    cast(published.n_tech_to_tech_mbo_upper as bigint) as n_tech_to_tech_mbo_upper,
    {{ safe_ratio('published.n_tech_to_tech_mbo', 'published.n_graduates_tech') }}
        as share_tech_to_tech_mbo,
    cast(published.n_cells as integer) as n_cells,
    cast(published.n_suppressed_cells as integer) as n_suppressed_cells,
    {{ safe_ratio('published.n_suppressed_cells', 'published.n_cells') }} as pct_suppressed,
    published.is_small_cell_protected
from published
left join region_names on published.region_id = region_names.region_id
