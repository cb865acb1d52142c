-- VO pupils on 1 October: one row per peiljaar x vestiging x leerweg x profiel x leerjaar x sex.
-- Suppressed DUO cells are counted, never summed as 0: n_pupils sums the known cells, and the
-- bounds add 1 and 4 per suppressed cell.
with

cells as (
    select * from {{ ref('int_vo_enrollment__classified') }}
),

vestigingen as (
    select * from {{ ref('dim_vestiging') }}
),

settings as (
    select
        max(case when setting = 'suppressed_cell_lower' then cast(value as integer) end)
            as lower_per_cell,
        max(case when setting = 'suppressed_cell_upper' then cast(value as integer) end)
            as upper_per_cell
    from {{ ref('monitor_settings') }}
),

aggregated as (
    select
        peiljaar,
        brin6,
        leerweg,
        profiel_code,
        leerjaar,
        geslacht,
        bool_or(is_vmbo_beroepsgericht_upper) as is_vmbo_beroepsgericht_upper,
        sum(n_pupils) as n_pupils_known,
        count(*) filter (where is_suppressed) as n_suppressed_cells,
        count(*) as n_cells,
        max(load_id) as source_load_id
    from cells
    group by peiljaar, brin6, leerweg, profiel_code, leerjaar, geslacht
)

select
    {{ surrogate_key(['aggregated.peiljaar', 'aggregated.brin6', 'aggregated.leerweg',
        'aggregated.profiel_code', 'aggregated.leerjaar', 'aggregated.geslacht']) }} as enrollment_key,
    cast(aggregated.peiljaar as integer) as peiljaar,
    coalesce(vestigingen.vestiging_key, {{ unknown_key() }}) as vestiging_key,
    aggregated.brin6,
    {{ surrogate_key(['aggregated.profiel_code']) }} as profiel_key,
    aggregated.leerweg,
    aggregated.profiel_code,
    cast(aggregated.leerjaar as integer) as leerjaar,
    aggregated.geslacht,
    aggregated.is_vmbo_beroepsgericht_upper,
    cast(coalesce(aggregated.n_pupils_known, 0) as bigint) as n_pupils,
    cast(aggregated.n_suppressed_cells as integer) as n_suppressed_cells,
    cast(aggregated.n_cells as integer) as n_cells,
    cast(
        coalesce(aggregated.n_pupils_known, 0)
        + aggregated.n_suppressed_cells * settings.lower_per_cell as bigint
    ) as n_pupils_lower,
    cast(
        coalesce(aggregated.n_pupils_known, 0)
        + aggregated.n_suppressed_cells * settings.upper_per_cell as bigint
    ) as n_pupils_upper,
    aggregated.source_load_id
from aggregated
cross join settings
left join vestigingen
    on
        aggregated.brin6 = vestigingen.brin6
        and make_date(aggregated.peiljaar, 10, 1) >= vestigingen.valid_from
        and make_date(aggregated.peiljaar, 10, 1) < vestigingen.valid_to
