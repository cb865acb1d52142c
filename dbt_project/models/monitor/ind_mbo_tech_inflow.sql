-- Indicator mbo_tech_inflow_from_vo (DOMAIN §4.3): new mbo students whose prior education is
-- vmbo, and those of them in a technical opleiding (sectorkamer technical), per peiljaar x scope
-- (national NL | mbo instelling) x vmbo group (vmbo_bb, vmbo_kb, vmbo_gl_tl, ALL). DUO's inflow
-- file does not name the vmbo vestiging, so there is no STO region. Counts are summed DUO cells
-- (NULL above the seed's suppression threshold, bounds per '<5' cell), small-cell protected on
-- publication (docs/monitor.md); the share is computed from the published counts.
with

src as (
    select * from {{ ref('int_mbo_tech_inflow__unprotected') }}
),

instellingen as (
    select distinct on (instellingscode)
        instellingscode,
        instellingsnaam
    from {{ ref('stg_duo__mbo_instellingen') }}
    order by instellingscode asc, snapshot_date desc
),

settings as (
    {{ monitor_settings_select() }}
),

measured as (
    select
        src.peiljaar,
        src.scope,
        src.instellingscode,
        src.vo_group,
        {{ duo_count_measures('n_inflow_from_vmbo') }},
        {{ duo_count_measures('n_inflow_tech') }},
        {{ duo_count_measures('n_inflow_sector_unknown') }},
        src.n_inflow_from_vmbo_n_cells as n_cells,
        src.n_inflow_from_vmbo_n_suppressed_cells as n_suppressed_cells
    from src
    cross join settings
),

{{ small_cell_protect_declared('measured') }},

published as (
    select
        sc_protected.peiljaar,
        sc_protected.scope,
        sc_protected.instellingscode,
        sc_protected.vo_group,
        {{ published_count('n_inflow_from_vmbo') }},
        {{ published_count('n_inflow_tech') }},
        {{ published_count('n_inflow_sector_unknown') }},
        sc_protected.n_cells,
        sc_protected.n_suppressed_cells,
        sc_protected.n_inflow_from_vmbo__withheld
        or sc_protected.n_inflow_tech__withheld
        or sc_protected.n_inflow_sector_unknown__withheld as is_small_cell_protected
    from sc_protected
)

select
    cast(published.peiljaar as integer) as peiljaar,
    published.scope,
    published.instellingscode,
    case
        when published.scope = 'national' then 'Nederland' else instellingen.instellingsnaam
    end as instellingsnaam,
    published.vo_group,
    cast(published.n_inflow_from_vmbo as bigint) as n_inflow_from_vmbo,
    cast(published.n_inflow_from_vmbo_lower as bigint) as n_inflow_from_vmbo_lower,
    cast(published.n_inflow_from_vmbo_upper as bigint) as n_inflow_from_vmbo_upper,
    cast(published.n_inflow_tech as bigint) as n_inflow_tech,
    cast(published.n_inflow_tech_lower as bigint) as n_inflow_tech_lower,
    cast(published.n_inflow_tech_upper as bigint) as n_inflow_tech_upper,
    {{ safe_ratio('published.n_inflow_tech', 'published.n_inflow_from_vmbo') }}
        as share_inflow_tech,
    cast(published.n_inflow_sector_unknown as bigint) as n_inflow_sector_unknown,
    cast(published.n_inflow_sector_unknown_lower as bigint) as n_inflow_sector_unknown_lower,
    cast(published.n_inflow_sector_unknown_upper as bigint) as n_inflow_sector_unknown_upper,
    cast(published.n_cells as integer) as n_cells,
    cast(published.n_suppressed_cells as integer) as n_suppressed_cells,
    {{ safe_ratio('published.n_suppressed_cells', 'published.n_cells') }} as pct_suppressed,
    published.is_small_cell_protected
from published
left join instellingen on published.instellingscode = instellingen.instellingscode
