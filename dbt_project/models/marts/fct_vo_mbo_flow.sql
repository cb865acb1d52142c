-- Where vo graduates went (Bestemming vo-gediplomeerden): one row per diplomajaar x origin
-- vestiging x onderwijstype x leerweg x afdeling x bestemming x destination instelling / crebo /
-- niveau, as staged (hidden destinations of one origin collapsed). peiljaar is the 1 October
-- that opened the diploma's school year (diplomajaar - 1): the vestiging version and the STO
-- region are those of the origin in that year; the destination is counted on 1 October of the
-- diplomajaar. n_graduates sums the published cells; a '<5' cell adds 1 and 4 to the bounds.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ incremental_period_delete() }}",
    )
}}

with

flows as (
    select * from {{ ref('stg_duo__vo_bestemming') }}
    where {{ incremental_period_filter('diplomajaar - 1') }}
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

opleidingen as (
    select * from {{ ref('dim_mbo_opleiding') }}
),

afdelingen as (
    select * from {{ ref('vmbo_afdeling_map') }}
),

bestemmingen as (
    select * from {{ ref('vo_bestemming_map') }}
),

beroepsgericht as (
    select distinct leerweg from {{ ref('vo_onderwijstype_map') }}
    where is_vmbo_beroepsgericht_upper
),

settings as (
    {{ monitor_settings_select() }}
),

located as (
    select
        flows.*,
        flows.diplomajaar - 1 as peiljaar,
        vestigingen.vestiging_key,
        coalesce(membership.region_id, 'GEEN') as region_id,
        membership.region_period,
        case
            when beroepsgericht.leerweg is not null then afdelingen.profiel_code else 'GEEN'
        end as profiel_code,
        beroepsgericht.leerweg is not null as is_vmbo_beroepsgericht,
        bestemmingen.bestemming_group,
        coalesce(bestemmingen.is_mbo, false) as is_destination_mbo
    from flows
    left join vestigingen
        on
            flows.brin6 = vestigingen.brin6
            and make_date(flows.diplomajaar - 1, 10, 1) >= vestigingen.valid_from
            and make_date(flows.diplomajaar - 1, 10, 1) < vestigingen.valid_to
    left join membership
        on
            flows.brin6 = membership.brin6
            and make_date(flows.diplomajaar - 1, 10, 1) >= membership.valid_from
            and make_date(flows.diplomajaar - 1, 10, 1) < membership.valid_to
    left join afdelingen
        on flows.afdeling = afdelingen.afdeling_label
    left join beroepsgericht
        on flows.leerweg = beroepsgericht.leerweg
    left join bestemmingen
        on flows.bestemming = bestemmingen.bestemming_label
)

select
    {{ surrogate_key(['located.diplomajaar', 'located.brin6', 'located.onderwijstype',
        'located.leerweg_label', 'located.afdeling', 'located.bestemming',
        'located.is_destination_suppressed', 'located.instellingscode_bestemming',
        'located.crebo_bestemming', 'located.niveau_bestemming']) }} as flow_key,
    cast(located.peiljaar as integer) as peiljaar,
    cast(located.diplomajaar as integer) as diplomajaar,
    coalesce(located.vestiging_key, {{ unknown_key() }}) as vestiging_key,
    coalesce(regions.region_key, no_region.region_key, {{ unknown_key() }}) as region_key,
    {{ surrogate_key(["coalesce(located.profiel_code, 'GEEN')"]) }} as profiel_key,
    coalesce(opleidingen.opleiding_key, {{ unknown_key() }}) as opleiding_key,
    located.brin6,
    located.region_id,
    located.onderwijstype,
    located.leerweg_label,
    located.leerweg,
    located.afdeling,
    coalesce(located.profiel_code, 'GEEN') as profiel_code,
    located.is_vmbo_beroepsgericht,
    located.bestemming,
    located.bestemming_group,
    located.is_destination_mbo,
    coalesce(located.is_destination_mbo and opleidingen.is_technical, false)
        as is_destination_technical_mbo,
    located.is_destination_mbo and opleidingen.is_technical is null
        as is_destination_sector_unknown,
    located.is_destination_suppressed,
    located.instellingscode_bestemming,
    located.crebo_bestemming,
    cast(located.niveau_bestemming as integer) as niveau_bestemming,
    cast(located.n_graduates_known as integer) as n_graduates,
    cast(located.n_suppressed_cells as integer) as n_suppressed_cells,
    cast(
        located.n_graduates_known + located.n_suppressed_cells * settings.lower_per_cell
        as integer
    ) as n_graduates_lower,
    cast(
        located.n_graduates_known + located.n_suppressed_cells * settings.upper_per_cell
        as integer
    ) as n_graduates_upper,
    cast(located.n_source_rows as integer) as n_source_rows,
    located.load_id as source_load_id
from located
cross join settings
left join no_region
    on located.region_id = 'GEEN'
left join regions
    on
        located.region_id = regions.region_id
        and located.region_period = regions.region_period
left join opleidingen
    on located.crebo_bestemming = opleidingen.crebo
