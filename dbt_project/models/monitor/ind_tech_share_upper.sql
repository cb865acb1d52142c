-- Indicator n_tech_pupils_upper / share_tech_pupils (DOMAIN §4.3), the monitor's headline share:
-- pupils in leerjaar 3-4 of BB/KB/GL in a technical profiel over all such pupils, per
-- definition x peiljaar x scope x region_id. One number, one rule (docs/monitor.md): these are
-- the leerweg = 'ALL' rows of ind_tech_pupils under the names the report and the 2019 reference
-- use, so counts, bounds, withheld cells and the NULL rule of the share are that table's.
with

pupils as (
    select * from {{ ref('ind_tech_pupils') }}
    where leerweg = 'ALL'
)

select
    pupils.definition,
    pupils.peiljaar,
    pupils.scope,
    pupils.region_id,
    pupils.region_name,
    pupils.n_tech_pupils_upper,
    pupils.n_pupils_upper,
    pupils.share_tech_upper as share_tech_pupils,
    pupils.n_cells,
    pupils.n_suppressed_cells,
    pupils.pct_suppressed,
    pupils.n_tech_pupils_upper_lower,
    pupils.n_tech_pupils_upper_upper,
    pupils.n_tech_pupils_upper_lower is null
    or pupils.n_pupils_upper_lower is null as is_small_cell_protected
from pupils
