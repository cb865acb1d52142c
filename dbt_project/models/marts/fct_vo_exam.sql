-- VO exam results: one row per schooljaar x vestiging x onderwijstype x leerweg x vmbo sector x
-- afdeling, as DUO publishes them (geslaagden, gezakten en cijfers). peiljaar is the 1 October
-- that opens the exam's school year (examenjaar - 1), so the vestiging version and the STO region
-- are those of that school year. A '<5' count (or 1-4 in an older file: DUO's current rule) is
-- NULL with bounds 1 and 4 (never 0), and so is the count that would give it away (below).
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

-- A peiljaar whose exam file prints no count of 1-4 exactly follows DUO's current rule; only
-- such periods are shown to the readers (duo_rule_row_policy, as in fct_vo_enrollment).
period_rule as (
    select
        results.examenjaar - 1 as peiljaar,
        bool_and(
            coalesce(
                results.n_candidates not between settings.lower_per_cell
                and settings.upper_per_cell,
                true
            )
            and coalesce(
                results.n_passed not between settings.lower_per_cell and settings.upper_per_cell,
                true
            )
            and coalesce(
                results.n_failed not between settings.lower_per_cell and settings.upper_per_cell,
                true
            )
        ) as is_duo_current_rule
    from results
    cross join settings
    group by results.examenjaar - 1
),

located as (
    select
        results.*,
        results.examenjaar - 1 as peiljaar,
        vestigingen.vestiging_key,
        coalesce(membership.region_id, 'GEEN') as region_id,
        membership.region_period,
        beroepsgericht.leerweg is not null as is_vmbo_beroepsgericht,
        not results.is_candidates_suppressed
        and results.is_passed_suppressed
        and results.is_failed_suppressed as withhold_candidates,
        not results.is_candidates_suppressed
        and not results.is_passed_suppressed
        and results.is_failed_suppressed as withhold_passed,
        not results.is_candidates_suppressed
        and results.is_passed_suppressed
        and not results.is_failed_suppressed as withhold_failed
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
    -- DUO's current rule within the row: candidates = passed + failed, so when exactly one
    -- side is '<5' the other is withheld too (its bounds say what a reader can still deduce:
    -- candidates - 4 .. candidates - 1), and when both are, candidates too (2 .. 8). Every
    -- withheld count's bounds are sums of per-cell bounds, so the monitor reads them as cells.
    cast(
        case when not located.withhold_candidates then located.n_candidates end as integer
    ) as n_candidates,
    cast(
        case
            when located.is_candidates_suppressed then settings.lower_per_cell
            when located.withhold_candidates then 2 * settings.lower_per_cell
            else located.n_candidates
        end as integer
    ) as n_candidates_lower,
    cast(
        case
            when located.is_candidates_suppressed then settings.upper_per_cell
            when located.withhold_candidates then 2 * settings.upper_per_cell
            else located.n_candidates
        end as integer
    ) as n_candidates_upper,
    cast(case when not located.withhold_passed then located.n_passed end as integer) as n_passed,
    cast(
        case
            when located.is_passed_suppressed then settings.lower_per_cell
            when located.withhold_passed then located.n_candidates - settings.upper_per_cell
            else located.n_passed
        end as integer
    ) as n_passed_lower,
    cast(
        case
            when located.is_passed_suppressed then settings.upper_per_cell
            when located.withhold_passed then located.n_candidates - settings.lower_per_cell
            else located.n_passed
        end as integer
    ) as n_passed_upper,
    cast(case when not located.withhold_failed then located.n_failed end as integer) as n_failed,
    located.is_suppressed,
    located.avg_grade_school_exam,
    located.avg_grade_central_exam,
    located.avg_grade_final_list,
    located.load_id as source_load_id,
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
