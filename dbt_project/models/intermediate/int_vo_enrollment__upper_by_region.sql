-- Upper-year beroepsgericht pupils (leerjaar 3-4 of BB, KB, GL: "beroepsgericht vmbo" in the
-- regulation) with the STO region each vestiging belonged to on the peildatum, or GEEN (the
-- region is resolved once, in fct_vo_enrollment, through int_vestiging__region).
with

enrollment as (
    select * from {{ ref('fct_vo_enrollment') }}
    where is_vmbo_beroepsgericht_upper and leerjaar in (3, 4)
)

select
    peiljaar,
    brin6,
    leerweg,
    profiel_code,
    leerjaar,
    geslacht,
    region_id,
    n_pupils,
    n_suppressed_cells,
    n_cells
from enrollment
