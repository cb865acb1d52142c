-- Which count of which protected indicator the release withholds, chosen over all published tables
-- together (docs/monitor.md, "Disclosure control"). One row per cell: every count and implicit
-- count (whole - part) of every row of every indicator with meta.protection in its YAML. Primary:
-- an exact value or a published point value (shown: '<5' cells counted as the seeded estimate)
-- in the small-cell range (seed keys small_cell_lower/upper). Secondary, in
-- var('disclosure_passes') passes over the groups (row groups, column groups and the links between
-- tables the declarations name; each pass only those a cell was just withheld in): a group with
-- withheld cells gets one more when exactly one of its cells is withheld, or when (total
-- published) its withheld members other than the largest add up to no more than
-- small_cell_upper: the largest could then move by fewer than
-- small_cell_upper + 1 within the group, and through it the cells it protects elsewhere. The one
-- more is a non-total member (an implicit one first: withholding what is not published costs
-- nothing) that covers the shortfall, else the smallest positive one, else the total. The
-- indicators publish NULL for every withheld cell; the candidate gate audits the outcome by linear
-- programming. Where the audit can still narrow a cell, the completion step before the gate
-- (sto_warehouse.disclosure.completion) records published cells to withhold as well
-- (audit.disclosure_completion) and rebuilds from here: they are withheld from the first pass on,
-- so the passes protect them like any other.
-- The exact sums it reads (dbt needs them named while it parses, before the graph exists):
-- depends_on: {{ ref('int_tech_pupils__unprotected') }}
-- depends_on: {{ ref('int_share_girls_tech__unprotected') }}
-- depends_on: {{ ref('int_tech_offer__unprotected') }}
-- depends_on: {{ ref('int_tech_offer_by_profiel__unprotected') }}
-- depends_on: {{ ref('int_exam_tech__unprotected') }}
-- depends_on: {{ ref('int_doorstroom_mbo__unprotected') }}
-- depends_on: {{ ref('int_mbo_tech_inflow__unprotected') }}
{%- set groups = ref('int_disclosure__groups') %}
{%- set declarations = disclosure_declarations() %}
{%- set passes = var('disclosure_passes') | int %}
with

settings as (
    {{ monitor_settings_select() }}
),

{%- if declarations %}

declared_cells as (
    {{ disclosure_cells(declarations) }}
),

-- Cells by number from here on: the passes join integers, not three texts.
cells as materialized (
    select
        row_number() over () as cell_id,
        declared_cells.*
    from declared_cells
),

memberships as materialized (
    select
        declared_groups.group_id,
        declared_groups.is_total,
        cells.cell_id
    from {{ groups }} as declared_groups
    inner join cells
        on
            declared_groups.indicator = cells.indicator
            and declared_groups.row_key = cells.row_key
            and declared_groups.count_name = cells.count_name
),

completion as (
    select
        indicator,
        row_key,
        count_name
    from {{ source('audit', 'disclosure_completion') }}
),

state_0 as materialized (
    select
        cells.cell_id,
        coalesce(
            cells.exact between settings.small_cell_lower and settings.small_cell_upper
            or cells.shown between settings.small_cell_lower and settings.small_cell_upper,
            false
        ) as is_primary,
        completion.indicator is not null as is_completion
    from cells
    cross join settings
    left join completion
        on
            cells.indicator = completion.indicator
            and cells.row_key = completion.row_key
            and cells.count_name = completion.count_name
),

withheld_0 as materialized (
    select cell_id from state_0
    where is_primary or is_completion
),

-- A group can only change its verdict when one of its cells has just been withheld: pass 0
-- looks at the groups of every cell withheld so far, each later pass only at the groups of the
-- cells the pass before picked (a group that qualified picked one of its own cells, so it is
-- looked at again). The same outcome as every group in every pass, for a fraction of the work.
new_0 as (
    select cell_id from withheld_0
),
{%- for pass in range(passes) %}

dirty_{{ pass }} as materialized (
    select distinct memberships.group_id
    from memberships
    inner join new_{{ pass }} as fresh on memberships.cell_id = fresh.cell_id
),

grouped_{{ pass }} as materialized (
    select
        memberships.group_id,
        memberships.is_total,
        cells.cell_id,
        cells.indicator,
        cells.row_key,
        cells.count_name,
        cells.exact,
        cells.is_implicit,
        withheld.cell_id is not null as is_withheld,
        count(withheld.cell_id) over group_cells as n_withheld,
        coalesce(
            sum(cells.exact) filter (
                where withheld.cell_id is not null and not memberships.is_total
            ) over group_cells,
            0
        ) as withheld_members,
        coalesce(
            max(cells.exact) filter (
                where withheld.cell_id is not null and not memberships.is_total
            ) over group_cells,
            0
        ) as largest_withheld_member,
        bool_or(memberships.is_total and withheld.cell_id is not null) over group_cells
            as total_withheld
    from memberships
    inner join dirty_{{ pass }} as dirty on memberships.group_id = dirty.group_id
    inner join cells on memberships.cell_id = cells.cell_id
    left join withheld_{{ pass }} as withheld on memberships.cell_id = withheld.cell_id
    window group_cells as (partition by memberships.group_id)
),

picked_{{ pass }} as materialized (
    select distinct on (grouped.group_id)
        grouped.group_id,
        grouped.cell_id
    from grouped_{{ pass }} as grouped
    cross join settings
    where
        not grouped.is_withheld
        and grouped.n_withheld >= 1
        and (
            grouped.n_withheld = 1
            or (
                not grouped.total_withheld
                and grouped.withheld_members - grouped.largest_withheld_member
                <= settings.small_cell_upper
            )
        )
        and (grouped.is_total or grouped.exact > 0)
    order by
        grouped.group_id asc,
        grouped.is_total asc,
        grouped.exact
        >= settings.small_cell_upper + 1
        - (grouped.withheld_members - grouped.largest_withheld_member) desc,
        grouped.is_implicit desc,
        grouped.exact asc,
        grouped.indicator asc,
        grouped.row_key asc,
        grouped.count_name asc
),

new_{{ pass + 1 }} as materialized (
    select distinct cell_id from picked_{{ pass }}
),

withheld_{{ pass + 1 }} as materialized (
    select cell_id from withheld_{{ pass }}
    union all
    select cell_id from new_{{ pass + 1 }}
),
{%- endfor %}

withheld as (
    select
        cells.indicator,
        cells.row_key,
        cells.count_name,
        cells.exact,
        cells.shown,
        cells.is_implicit,
        state_0.is_primary,
        state_0.is_completion,
        final.cell_id is not null as is_withheld
    from cells
    inner join state_0 on cells.cell_id = state_0.cell_id
    left join withheld_{{ passes }} as final on cells.cell_id = final.cell_id
)

{%- else %}

    withheld as (
        select
            cast(null as text) as indicator,
            cast(null as text) as row_key,
            cast(null as text) as count_name,
            cast(null as bigint) as exact,
            cast(null as bigint) as shown,
            cast(null as boolean) as is_implicit,
            cast(null as boolean) as is_primary,
            cast(null as boolean) as is_completion,
            cast(null as boolean) as is_withheld
        from settings
        where false
    )

{%- endif %}

select
    withheld.indicator,
    withheld.row_key,
    withheld.count_name,
    withheld.exact,
    withheld.shown,
    withheld.is_implicit,
    withheld.is_primary,
    withheld.is_completion,
    withheld.is_withheld
from withheld
