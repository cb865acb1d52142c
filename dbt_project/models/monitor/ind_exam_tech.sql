-- Indicators n_exam_candidates_tech / pass_rate_tech (DOMAIN §4.3): exam candidates of vmbo
-- BB/KB/GL in the technical profielen and their pass rate, next to all beroepsgerichte
-- profielen, per definition x schooljaar x scope (national NL | region, incl. GEEN) x leerweg
-- (BB, KB, GL, ALL). Counts are summed DUO cells (NULL above the seed's suppression threshold,
-- bounds per '<5' cell), small-cell protected on publication (docs/monitor.md); pass rates are
-- computed from the published counts.
with

src as (
    select * from {{ ref('int_exam_tech__unprotected') }}
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
        src.schooljaar,
        src.examenjaar,
        src.scope,
        src.region_id,
        src.leerweg,
        {{ duo_count_measures('n_candidates_tech') }},
        {{ duo_count_measures('n_passed_tech') }},
        {{ duo_count_measures('n_candidates') }},
        {{ duo_count_measures('n_passed') }},
        src.n_candidates_n_cells as n_cells,
        src.n_candidates_n_suppressed_cells as n_suppressed_cells
    from src
    cross join settings
),

{{ small_cell_protect_declared('measured') }},

published as (
    select
        sc_protected.definition,
        sc_protected.peiljaar,
        sc_protected.schooljaar,
        sc_protected.examenjaar,
        sc_protected.scope,
        sc_protected.region_id,
        sc_protected.leerweg,
        {{ published_count('n_candidates_tech') }},
        {{ published_count('n_passed_tech') }},
        {{ published_count('n_candidates') }},
        {{ published_count('n_passed') }},
        sc_protected.n_cells,
        sc_protected.n_suppressed_cells,
        sc_protected.n_candidates_tech__withheld
        or sc_protected.n_passed_tech__withheld
        or sc_protected.n_candidates__withheld
        or sc_protected.n_passed__withheld as is_small_cell_protected
    from sc_protected
)

select
    published.definition,
    cast(published.peiljaar as integer) as peiljaar,
    published.schooljaar,
    cast(published.examenjaar as integer) as examenjaar,
    published.scope,
    published.region_id,
    case
        when published.scope = 'national' then 'Nederland'
        else coalesce(region_names.region_name, published.region_id)
    end as region_name,
    published.leerweg,
    cast(published.n_candidates_tech as bigint) as n_candidates_tech,
    cast(published.n_candidates_tech_lower as bigint) as n_candidates_tech_lower,
    cast(published.n_candidates_tech_upper as bigint) as n_candidates_tech_upper,
    cast(published.n_passed_tech as bigint) as n_passed_tech,
    cast(published.n_passed_tech_lower as bigint) as n_passed_tech_lower,
    cast(published.n_passed_tech_upper as bigint) as n_passed_tech_upper,
    {{ safe_ratio('published.n_passed_tech', 'published.n_candidates_tech') }}
        as pass_rate_tech,
    cast(published.n_candidates as bigint) as n_candidates,
    cast(published.n_candidates_lower as bigint) as n_candidates_lower,
    cast(published.n_candidates_upper as bigint) as n_candidates_upper,
    cast(published.n_passed as bigint) as n_passed,
    cast(published.n_passed_lower as bigint) as n_passed_lower,
    cast(published.n_passed_upper as bigint) as n_passed_upper,
    {{ safe_ratio('published.n_passed', 'published.n_candidates') }} as pass_rate,
    cast(published.n_cells as integer) as n_cells,
    cast(published.n_suppressed_cells as integer) as n_suppressed_cells,
    {{ safe_ratio('published.n_suppressed_cells', 'published.n_cells') }} as pct_suppressed,
    published.is_small_cell_protected
from published
left join region_names on published.region_id = region_names.region_id
