-- The exact sums behind ind_mbo_tech_inflow, before the DUO threshold and small-cell protection:
-- new mbo students whose prior education is vmbo (seed mbo_vooropleiding_map), all and those in
-- a technical opleiding (sectorkamer technical, seed mbo_sectorkamers; unknown sectorkamers
-- counted apart), per peiljaar x scope (national NL | mbo instelling) x vmbo group (vmbo_bb,
-- vmbo_kb, vmbo_gl_tl and ALL). DUO's inflow file does not name the vmbo vestiging, so there is
-- no STO region here.
with

inflow as (
    select * from {{ ref('fct_mbo_inflow') }}
    where is_from_vmbo
),

opleidingen as (
    select * from {{ ref('dim_mbo_opleiding') }}
),

classified as (
    select
        inflow.peiljaar,
        inflow.instellingscode,
        inflow.vo_group,
        inflow.n_inflow,
        case when inflow.is_inflow_suppressed then 1 else 0 end as is_inflow_suppressed,
        coalesce(opleidingen.is_technical, false) as is_technical,
        opleidingen.is_technical is null as is_sector_unknown
    from inflow
    left join opleidingen
        on inflow.opleiding_key = opleidingen.opleiding_key
),

scoped as (
    select
        classified.*,
        scopes.scope,
        scopes.scope_instellingscode,
        scopes.scope_vo_group
    from classified
    cross join lateral (
        values
        ('instelling', classified.instellingscode, classified.vo_group),
        ('instelling', classified.instellingscode, 'ALL'),
        ('national', 'NL', classified.vo_group),
        ('national', 'NL', 'ALL')
    ) as scopes (scope, scope_instellingscode, scope_vo_group)
),

summed as (
    select
        peiljaar,
        scope,
        scope_instellingscode as instellingscode,
        scope_vo_group as vo_group,
        {{ cell_sums('n_inflow_from_vmbo', 'true',
            'n_inflow', 'is_inflow_suppressed', '1') }},
        {{ cell_sums('n_inflow_tech', 'is_technical',
            'n_inflow', 'is_inflow_suppressed', '1') }},
        {{ cell_sums('n_inflow_sector_unknown', 'is_sector_unknown',
            'n_inflow', 'is_inflow_suppressed', '1') }}
    from scoped
    group by peiljaar, scope, scope_instellingscode, scope_vo_group
),

spine as (
    select distinct
        peiljaar,
        'instelling' as scope,
        instellingscode
    from inflow
    union
    select distinct
        peiljaar,
        'national' as scope,
        'NL' as instellingscode
    from inflow
),

vo_groups as (
    select distinct vo_group from inflow
    union
    select 'ALL' as vo_group
)

select
    cast(spine.peiljaar as integer) as peiljaar,
    spine.scope,
    spine.instellingscode,
    vo_groups.vo_group,
    {{ cell_sums_or_zero('n_inflow_from_vmbo', 'summed') }},
    {{ cell_sums_or_zero('n_inflow_tech', 'summed') }},
    {{ cell_sums_or_zero('n_inflow_sector_unknown', 'summed') }}
from spine
cross join vo_groups
left join summed
    on
        spine.peiljaar = summed.peiljaar
        and spine.scope = summed.scope
        and spine.instellingscode = summed.instellingscode
        and vo_groups.vo_group = summed.vo_group
