-- VO pupils on 1 October: one row per peiljaar x vestiging x leerweg x profiel x leerjaar x sex.
-- Suppressed DUO cells are counted, never summed as 0: n_pupils sums the known cells, and the
-- bounds add 1 and 4 per suppressed cell. The vestiging version and the STO region are those
-- valid on the peildatum; a vestiging in no region gets the explicit no-region member (GEEN).
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ incremental_period_delete() }}",
        post_hook="{{ duo_rule_row_policy() }}",
    )
}}

with

cells as (
    select * from {{ ref('int_vo_enrollment__classified') }}
    where {{ incremental_period_filter('peiljaar') }}
),

vestigingen as (
    select * from {{ ref('dim_vestiging') }}
),

membership as (
    select * from {{ ref('int_vestiging__region') }}
),

regions as (
    select * from {{ ref('dim_region') }}
),

no_region as (
    select region_key from regions
    where region_id = 'GEEN'
    order by region_period asc nulls first
    limit 1
),

settings as (
    {{ monitor_settings_select() }}
),

-- A peiljaar whose file prints no count of 1-4 exactly follows DUO's current rule ('<5');
-- older vintages printed them. Only such periods are shown to the readers (duo_rule_row_policy):
-- the monitor is built from the exact counts and protected on its own, so the fine rows of an
-- older vintage beside it would give its withheld cells away (docs/monitor.md).
period_rule as (
    select
        cells.peiljaar,
        bool_and(
            coalesce(
                cells.n_pupils not between settings.lower_per_cell and settings.upper_per_cell,
                true
            )
        ) as is_duo_current_rule
    from cells
    cross join settings
    group by cells.peiljaar
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
),

located as (
    select
        aggregated.*,
        vestigingen.vestiging_key,
        coalesce(membership.region_id, 'GEEN') as region_id,
        membership.region_period
    from aggregated
    left join vestigingen
        on
            aggregated.brin6 = vestigingen.brin6
            and make_date(aggregated.peiljaar, 10, 1) >= vestigingen.valid_from
            and make_date(aggregated.peiljaar, 10, 1) < vestigingen.valid_to
    left join membership
        on
            aggregated.brin6 = membership.brin6
            and make_date(aggregated.peiljaar, 10, 1) >= membership.valid_from
            and make_date(aggregated.peiljaar, 10, 1) < membership.valid_to
)

select
    {{ surrogate_key(['located.peiljaar', 'located.brin6', 'located.leerweg',
        'located.profiel_code', 'located.leerjaar', 'located.geslacht']) }} as enrollment_key,
    cast(located.peiljaar as integer) as peiljaar,
    coalesce(located.vestiging_key, {{ unknown_key() }}) as vestiging_key,
    coalesce(regions.region_key, no_region.region_key, {{ unknown_key() }}) as region_key,
    located.brin6,
    located.region_id,
    {{ surrogate_key(['located.profiel_code']) }} as profiel_key,
    located.leerweg,
    located.profiel_code,
    cast(located.leerjaar as integer) as leerjaar,
    located.geslacht,
    located.is_vmbo_beroepsgericht_upper,
    cast(coalesce(located.n_pupils_known, 0) as bigint) as n_pupils,
    cast(located.n_suppressed_cells as integer) as n_suppressed_cells,
    cast(located.n_cells as integer) as n_cells,
    cast(
        coalesce(located.n_pupils_known, 0)
        + located.n_suppressed_cells * settings.lower_per_cell as bigint
    ) as n_pupils_lower,
    cast(
        coalesce(located.n_pupils_known, 0)
        + located.n_suppressed_cells * settings.upper_per_cell as bigint
    ) as n_pupils_upper,
    located.source_load_id,
    period_rule.is_duo_current_rule
from located
cross join settings
inner join period_rule on located.peiljaar = period_rule.peiljaar
left join no_region
    on located.region_id = 'GEEN'
left join regions
    on
        located.region_id = regions.region_id
        and located.region_period = regions.region_period
