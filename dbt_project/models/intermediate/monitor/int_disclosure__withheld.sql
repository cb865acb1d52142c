-- Which count of which protected indicator the release withholds, chosen over all published tables
-- together (docs/monitor.md, "Disclosure control"). One row per cell: every count and implicit
-- count (whole - part) of every row of every indicator with meta.protection in its YAML. Primary:
-- an exact value in the small-cell range (seed keys small_cell_lower/upper). Secondary, repeated
-- var('disclosure_passes') times over every group at once (row groups, column groups and the links
-- between tables the declarations name): a group with withheld cells gets one more when exactly one
-- of its cells is withheld, or when (total published) its withheld members other than the largest
-- add up to no more than small_cell_upper: the largest could then move by fewer than
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

cells as materialized (
    {{ disclosure_cells(declarations) }}
),

memberships as materialized (
    select * from {{ groups }}
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
        cells.indicator,
        cells.row_key,
        cells.count_name,
        cells.exact,
        cells.is_implicit,
        coalesce(
            cells.exact between settings.small_cell_lower and settings.small_cell_upper, false
        ) as is_primary,
        completion.indicator is not null as is_completion,
        coalesce(
            cells.exact between settings.small_cell_lower and settings.small_cell_upper, false
        )
        or completion.indicator is not null as is_withheld
    from cells
    cross join settings
    left join completion
        on
            cells.indicator = completion.indicator
            and cells.row_key = completion.row_key
            and cells.count_name = completion.count_name
),
{%- for pass in range(passes) %}

grouped_{{ pass }} as materialized (
    select
        memberships.group_id,
        memberships.is_total,
        state.indicator,
        state.row_key,
        state.count_name,
        state.exact,
        state.is_implicit,
        state.is_withheld,
        count(*) filter (where state.is_withheld) over group_cells as n_withheld,
        coalesce(
            sum(state.exact) filter (where state.is_withheld and not memberships.is_total)
                over group_cells,
            0
        ) as withheld_members,
        coalesce(
            max(state.exact) filter (where state.is_withheld and not memberships.is_total)
                over group_cells,
            0
        ) as largest_withheld_member,
        bool_or(memberships.is_total and state.is_withheld) over group_cells as total_withheld
    from memberships
    inner join state_{{ pass }} as state
        on
            memberships.indicator = state.indicator
            and memberships.row_key = state.row_key
            and memberships.count_name = state.count_name
    window group_cells as (partition by memberships.group_id)
),

picked_{{ pass }} as materialized (
    select distinct on (grouped.group_id)
        grouped.group_id,
        grouped.indicator,
        grouped.row_key,
        grouped.count_name
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

state_{{ pass + 1 }} as materialized (
    select
        state.indicator,
        state.row_key,
        state.count_name,
        state.exact,
        state.is_implicit,
        state.is_primary,
        state.is_completion,
        state.is_withheld or picked.indicator is not null as is_withheld
    from state_{{ pass }} as state
    left join (
        select distinct
            indicator,
            row_key,
            count_name
        from picked_{{ pass }}
    ) as picked
        on
            state.indicator = picked.indicator
            and state.row_key = picked.row_key
            and state.count_name = picked.count_name
),
{%- endfor %}

withheld as (
    select * from state_{{ passes }}
)

{%- else %}

    withheld as (
        select
            cast(null as text) as indicator,
            cast(null as text) as row_key,
            cast(null as text) as count_name,
            cast(null as bigint) as exact,
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
    withheld.is_implicit,
    withheld.is_primary,
    withheld.is_completion,
    withheld.is_withheld
from withheld
