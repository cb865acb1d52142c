-- Upper-year beroepsgericht pupils (leerjaar 3-4 of BB, KB, GL: "beroepsgericht vmbo" in the
-- regulation) with the STO region each vestiging belonged to on the peildatum, or GEEN.
with

enrollment as (
    select * from {{ ref('fct_vo_enrollment') }}
    where is_vmbo_beroepsgericht_upper and leerjaar in (3, 4)
),

membership as (
    select * from {{ ref('int_vestiging__region') }}
)

select
    enrollment.peiljaar,
    enrollment.brin6,
    enrollment.leerweg,
    enrollment.profiel_code,
    enrollment.leerjaar,
    enrollment.geslacht,
    coalesce(membership.region_id, 'GEEN') as region_id,
    enrollment.n_pupils,
    enrollment.n_suppressed_cells,
    enrollment.n_cells
from enrollment
left join membership
    on
        enrollment.brin6 = membership.brin6
        and make_date(enrollment.peiljaar, 10, 1) >= membership.valid_from
        and make_date(enrollment.peiljaar, 10, 1) < membership.valid_to
