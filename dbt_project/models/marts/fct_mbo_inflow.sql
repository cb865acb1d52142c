-- New mbo students per jaar x vooropleiding (vo, mbo) x instelling x opleiding (crebo) x niveau x
-- leerweg, as DUO publishes them: the mbo side of the vo -> mbo transition (it does not name the
-- vmbo vestiging). The prior-education group comes from the seed mbo_vooropleiding_map. A '<5'
-- count is NULL with bounds 1 and 4.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ incremental_period_delete() }}",
    )
}}

with

inflow as (
    select * from {{ ref('stg_duo__mbo_instroom') }}
    where {{ incremental_period_filter('jaar') }}
),

opleidingen as (
    select * from {{ ref('dim_mbo_opleiding') }}
),

vooropleidingen as (
    select * from {{ ref('mbo_vooropleiding_map') }}
),

settings as (
    {{ monitor_settings_select() }}
)

select
    {{ surrogate_key(['inflow.jaar', 'inflow.vooropleiding_vo', 'inflow.vooropleiding_mbo',
        'inflow.instellingscode', 'inflow.crebo', 'inflow.niveau', 'inflow.leerweg']) }}
        as mbo_inflow_key,
    cast(inflow.jaar as integer) as peiljaar,
    coalesce(opleidingen.opleiding_key, {{ unknown_key() }}) as opleiding_key,
    inflow.vooropleiding_vo,
    inflow.vooropleiding_mbo,
    vooropleidingen.vo_group,
    coalesce(vooropleidingen.is_vmbo, false) as is_from_vmbo,
    inflow.instellingscode,
    inflow.crebo,
    cast(inflow.niveau as integer) as niveau,
    inflow.leerweg,
    cast(inflow.n_instroom_opleiding as integer) as n_inflow,
    inflow.is_instroom_opleiding_suppressed as is_inflow_suppressed,
    cast(
        coalesce(
            inflow.n_instroom_opleiding,
            case when inflow.is_instroom_opleiding_suppressed then settings.lower_per_cell end
        ) as integer
    ) as n_inflow_lower,
    cast(
        coalesce(
            inflow.n_instroom_opleiding,
            case when inflow.is_instroom_opleiding_suppressed then settings.upper_per_cell end
        ) as integer
    ) as n_inflow_upper,
    cast(inflow.n_instroom_mbo as integer) as n_instroom_mbo,
    cast(inflow.n_totaal_mbo as integer) as n_totaal_mbo,
    inflow.is_suppressed,
    inflow.load_id as source_load_id
from inflow
cross join settings
left join opleidingen
    on inflow.crebo = opleidingen.crebo
left join vooropleidingen
    on inflow.vooropleiding_vo = vooropleidingen.vooropleiding_vo_label
