-- VO exam results: one row per schooljaar x vestiging x onderwijstype x leerweg x vmbo sector x
-- afdeling, as DUO publishes them (geslaagden, gezakten en cijfers). peiljaar is the 1 October
-- that opens the exam's school year (examenjaar - 1), so the vestiging version and the STO region
-- are those of that school year. A '<5' count is NULL with bounds 1 and 4 (never 0).
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ incremental_period_delete() }}",
    )
}}

with

results as (
    select * from {{ ref('stg_duo__vo_examencijfers') }}
    where {{ incremental_period_filter('examenjaar - 1') }}
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

-- The leerwegen whose upper years are "beroepsgericht vmbo" (BB, KB, GL), from the seed.
beroepsgericht as (
    select distinct leerweg from {{ ref('vo_onderwijstype_map') }}
    where is_vmbo_beroepsgericht_upper
),

settings as (
    {{ monitor_settings_select() }}
),

located as (
    select
        results.*,
        results.examenjaar - 1 as peiljaar,
        vestigingen.vestiging_key,
        coalesce(membership.region_id, 'GEEN') as region_id,
        membership.region_period,
        beroepsgericht.leerweg is not null as is_vmbo_beroepsgericht
    from results
    left join vestigingen
        on
            results.brin6 = vestigingen.brin6
            and make_date(results.examenjaar - 1, 10, 1) >= vestigingen.valid_from
            and make_date(results.examenjaar - 1, 10, 1) < vestigingen.valid_to
    left join membership
        on
            results.brin6 = membership.brin6
            and make_date(results.examenjaar - 1, 10, 1) >= membership.valid_from
            and make_date(results.examenjaar - 1, 10, 1) < membership.valid_to
    left join beroepsgericht
        on results.leerweg = beroepsgericht.leerweg
)

select
    {{ surrogate_key(['located.schooljaar', 'located.brin6', 'located.onderwijstype',
        'located.leerweg_vmbo', 'located.vmbo_sector', 'located.afdeling']) }} as exam_key,
    cast(located.peiljaar as integer) as peiljaar,
    located.schooljaar,
    cast(located.examenjaar as integer) as examenjaar,
    coalesce(located.vestiging_key, {{ unknown_key() }}) as vestiging_key,
    coalesce(regions.region_key, no_region.region_key, {{ unknown_key() }}) as region_key,
    located.brin6,
    located.region_id,
    {{ surrogate_key(["coalesce(located.profiel_code, 'GEEN')"]) }} as profiel_key,
    located.onderwijstype,
    located.leerweg_vmbo,
    located.leerweg,
    located.vmbo_sector,
    located.afdeling,
    coalesce(located.profiel_code, 'GEEN') as profiel_code,
    located.is_vmbo_beroepsgericht,
    cast(located.n_candidates as integer) as n_candidates,
    cast(
        coalesce(
            located.n_candidates,
            case when located.is_suppressed then settings.lower_per_cell end
        ) as integer
    ) as n_candidates_lower,
    cast(
        coalesce(
            located.n_candidates,
            case when located.is_suppressed then settings.upper_per_cell end
        ) as integer
    ) as n_candidates_upper,
    cast(located.n_passed as integer) as n_passed,
    cast(
        coalesce(
            located.n_passed, case when located.is_suppressed then settings.lower_per_cell end
        ) as integer
    ) as n_passed_lower,
    cast(
        coalesce(
            located.n_passed, case when located.is_suppressed then settings.upper_per_cell end
        ) as integer
    ) as n_passed_upper,
    cast(located.n_failed as integer) as n_failed,
    located.is_suppressed,
    located.avg_grade_school_exam,
    located.avg_grade_central_exam,
    located.avg_grade_final_list,
    located.load_id as source_load_id
from located
cross join settings
left join no_region
    on located.region_id = 'GEEN'
left join regions
    on
        located.region_id = regions.region_id
        and located.region_period = regions.region_period
