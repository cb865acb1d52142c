{#- Macros of the monitor layer (issue 5): the settings row, the measures of a count summed over
    DUO cells, and small-cell protection on publication. The rules are documented in
    docs/monitor.md; the numbers they use are in the seed monitor_settings (DESIGN §5). -#}


{#- The seed monitor_settings as one row: the body of a `settings` CTE. -#}
{% macro monitor_settings_select() -%}
    select
        max(case when setting = 'suppression_threshold' then cast(value as numeric) end)
            as threshold,
        max(case when setting = 'suppressed_cell_lower' then cast(value as integer) end)
            as lower_per_cell,
        max(case when setting = 'suppressed_cell_upper' then cast(value as integer) end)
            as upper_per_cell,
        max(case when setting = 'suppressed_cell_estimate' then cast(value as integer) end)
            as estimate_per_cell,
        max(case when setting = 'small_cell_lower' then cast(value as integer) end)
            as small_cell_lower,
        max(case when setting = 'small_cell_upper' then cast(value as integer) end)
            as small_cell_upper,
        max(case when setting = 'baseline_peiljaar' then cast(value as integer) end)
            as baseline_peiljaar
    from {{ ref('monitor_settings') }}
{%- endmacro %}


{#- The published measures of one count summed over DUO cells (a select-list fragment). Reads
    <count>_known (the sum of the cells DUO published), <count>_n_suppressed_cells ('<5' cells)
    and <count>_n_cells (all cells summed) from `source`, the settings CTE from `settings`:

      <count>_known   the exact sum of the published cells (internal: the small-cell rule and the
                      reconciliation checks use it; never published itself)
      <count>         the sum with each suppressed cell counted as suppressed_cell_estimate (2),
                      or NULL when more than the threshold share of its cells is suppressed: a
                      suppressed cell is never summed as 0, and the count lies within its bounds
      <count>_lower   the sum with each suppressed cell counted as suppressed_cell_lower (1)
      <count>_upper   the sum with each suppressed cell counted as suppressed_cell_upper (4) -#}
{% macro duo_count_measures(count, source='src', settings='settings') -%}
    cast({{ source }}.{{ count }}_known as bigint) as {{ count }}_known,
    cast({{ duo_point_count(count, source, settings) }} as bigint) as {{ count }},
    cast(
        {{ source }}.{{ count }}_known
        + {{ source }}.{{ count }}_n_suppressed_cells * {{ settings }}.lower_per_cell as bigint
    ) as {{ count }}_lower,
    cast(
        {{ source }}.{{ count }}_known
        + {{ source }}.{{ count }}_n_suppressed_cells * {{ settings }}.upper_per_cell as bigint
    ) as {{ count }}_upper
{%- endmacro %}


{#- The published point value of one count summed over DUO cells, before small-cell protection:
    the known sum plus suppressed_cell_estimate per suppressed cell, NULL above the threshold.
    duo_count_measures publishes it; the release-wide small-cell rule (disclosure_cells) tests it. -#}
{% macro duo_point_count(count, source='src', settings='settings') -%}
    case
        when
            {{ source }}.{{ count }}_n_suppressed_cells
            <= {{ settings }}.threshold * {{ source }}.{{ count }}_n_cells
            then
                {{ source }}.{{ count }}_known
                + {{ source }}.{{ count }}_n_suppressed_cells * {{ settings }}.estimate_per_cell
    end
{%- endmacro %}


{#- A ratio of two published values, NULL when either is NULL or the denominator is 0. -#}
{% macro safe_ratio(numerator, denominator) -%}
    case
        when ({{ denominator }}) > 0
            then cast({{ numerator }} as double precision) / ({{ denominator }})
    end
{%- endmacro %}


{#- Small-cell protection on publication (docs/monitor.md, "Small-cell protection").

    Returns CTE definitions `sc__0 as (...), …, sc_protected as (...)` to put in a model's WITH
    list after the CTE `source` (and the settings CTE `settings`). sc_protected is `source` plus
    one boolean `<name>__withheld` per count; the model then publishes NULL for every column of a
    withheld count (the count, its bounds) and computes ratios from the published values only.

    counts         [{'name': n, 'exact': SQL, 'shown': SQL}] - every count of people in the
                   table: the published ones and the implicit ones a reader can derive (e.g. the
                   complement `total - part`). `exact` is the exact value (the sum of the known
                   cells, before the DUO threshold); `shown` (optional) the point value the
                   table would publish ('<5' cells counted as the seeded estimate).
    row_groups     [{'counts': [names], 'partition': [columns], 'total': SQL predicate}] - rows
                   that add up: within one partition, the rows where `total` is false sum to
                   the row where it is true (regions + the no-region bucket = national; the
                   leerwegen = ALL).
    column_groups  [{'members': [names], 'total': name}] - counts of one row that add up to
                   another count of that row (part + implicit complement = whole).
    order_by       columns that make the choice of a secondary cell deterministic on ties.

    Rule. Primary: a count whose exact or shown value lies in [small_cell_lower,
    small_cell_upper] (1-4) is withheld. Secondary: in every group (a row group per count, or a
    column group) that has exactly one withheld cell, one more cell is withheld - the non-total
    member with the smallest positive exact value (in a column group an implicit member first:
    withholding what is not published costs nothing), else the group's total. Groups are revisited `passes` times (6:
    3 left one exam group of the sample recoverable)
    so that a secondary suppression in one direction is covered in the other; the candidate
    suites check the result (no group with exactly one withheld cell). Each step is a
    MATERIALIZED CTE: inlined, the growing flag expressions would be copied into every level. -#}
{#- Small-cell protection as the model's YAML declares it (config meta `protection`; see
    docs/monitor.md, "The declaration"). The declaration is the one place the groups live: the
    candidate gate, the disclosure audit and the tests read the same block. Its keys:

    counts         published counts of people; `<count>_known` in `source` is the exact value
    implicit       [{name, whole, part}] - counts a reader derives as whole - part
    row_groups     [{partition: [columns], total: SQL predicate of the total row}], over every
                   published count
    column_groups  [{members: [names], total: name}]
    order_by       tie-break columns for the choice of a secondary cell
    thresholds     {lower: seed key, upper: seed key} of monitor_settings: the small-cell range -#}
{% macro small_cell_protect_declared(source, settings='settings') -%}
    {%- set settings_table = ref('monitor_settings') -%}
    {#- sqlfluff's stand-in `config` has no get: it lints the fallback below. -#}
    {%- set declared = none -%}
    {%- set model_name = model.name if model is defined else 'unknown' -%}
    {%- if config.get is defined -%}
        {%- set declared = (config.get('meta') or {}).get('protection') -%}
    {%- endif -%}
    {#- A unit test renders the model with the test's own (empty) config: the test hands the
        model's block over as a var, by YAML alias (`overrides: {vars: {protection: *protection}}`). -#}
    {%- if model is defined and model.resource_type == 'unit_test' -%}
        {%- set model_name = model.tested_node_unique_id.split('.')[-1] -%}
        {%- set declared = var('protection', none) -%}
    {%- endif -%}
    {%- if declared is none -%}
        {%- if execute -%}
            {{ exceptions.raise_compiler_error(
                model_name ~ ' calls small_cell_protect_declared without meta.protection in its YAML'
            ) }}
        {%- endif -%}
sc_protected as (
    select * from {{ source }}
    where exists (select 1 from {{ ref('int_disclosure__withheld') }})
)
    {%- else -%}
        {%- set counts = [] -%}
        {%- for name in declared.counts -%}
            {%- do counts.append({'name': name, 'exact': name ~ '_known', 'shown': name}) -%}
        {%- endfor -%}
        {%- for derived in declared.get('implicit', []) -%}
            {%- do counts.append({
                'name': derived.name, 'implicit': true,
                'exact': derived.whole ~ '_known - ' ~ derived.part ~ '_known',
                'shown': derived.whole ~ ' - ' ~ derived.part
            }) -%}
        {%- endfor -%}
        {%- set row_groups = [] -%}
        {%- for group in declared.get('row_groups', []) -%}
            {%- do row_groups.append({
                'counts': declared.counts, 'partition': group.partition, 'total': group.total
            }) -%}
        {%- endfor -%}
        {%- set bound = {} -%}
        {%- for side in ['lower', 'upper'] -%}
            {%- do bound.update({side: '(select cast(value as integer) from ' ~ settings_table
                ~ " where setting = '" ~ declared.thresholds[side] ~ "')"}) -%}
        {%- endfor -%}
        {{ small_cell_protect(
            source, counts, row_groups=row_groups,
            column_groups=declared.get('column_groups', []),
            order_by=declared.get('order_by', []), settings=settings,
            lower=bound.lower, upper=bound.upper, final='sc_local', suffix='__local'
        ) }},
{#- The release-wide choice (int_disclosure__withheld) wins wherever it has the row: the
    table's own passes alone leave cells recoverable across tables. The own choice stands for
    rows it lacks (a unit test's own inputs). #}
sc_global as (
    select
        row_key
        {%- for count in counts %},
        bool_or(count_name = '{{ count.name }}' and is_withheld) as {{ count.name }}__global
        {%- endfor %}
    from {{ ref('int_disclosure__withheld') }}
    where indicator = '{{ model_name }}'
    group by row_key
),

sc_protected as (
    select
        sc_local.*
        {%- for count in counts %},
        coalesce(sc_global.{{ count.name }}__global, sc_local.{{ count.name }}__local)
            as {{ count.name }}__withheld
        {%- endfor %}
    from sc_local
    left join sc_global
        on sc_global.row_key = {{ disclosure_row_key(declared.key, 'sc_local') }}
)
    {%- endif -%}
{%- endmacro %}


{% macro small_cell_protect(
    source, counts, row_groups=[], column_groups=[], order_by=[], passes=6, settings='settings',
    lower=none, upper=none, final='sc_protected', suffix='__withheld'
) -%}
    {%- set lower = lower or settings ~ '.small_cell_lower' -%}
    {%- set upper = upper or settings ~ '.small_cell_upper' -%}
    {%- set state = {'cte': 0} -%}
    {%- set current = {} -%}
    {%- set exact = {} -%}
    {%- set implicit = {} -%}
    {%- for count in counts -%}
        {%- do exact.update({count.name: '(' ~ count.exact ~ ')'}) -%}
        {%- do implicit.update({count.name: count.get('implicit', false)}) -%}
        {%- do current.update({count.name: count.name ~ '__w0'}) -%}
    {%- endfor -%}
    {%- set tie_break = order_by | join(', ') -%}
sc__0 as materialized (
    select
        sc_source.*
        {%- for count in counts %},
        coalesce(
            {{ exact[count.name] }}
            between {{ lower }} and {{ upper }}
            {%- if count.get('shown') %}
            or ({{ count.shown }}) between {{ lower }} and {{ upper }}
            {%- endif %},
            false
        ) as {{ count.name }}__w0
        {%- endfor %}
    from {{ source }} as sc_source
    cross join {{ settings }}
)
    {%- for pass in range(passes) -%}
        {%- for group in row_groups -%}
            {%- for name in group.counts -%}
                {%- set previous = 'sc__' ~ state.cte -%}
                {%- set flag = current[name] -%}
                {%- do state.update({'cte': state.cte + 1}) -%}
                {%- set new_flag = name ~ '__w' ~ state.cte -%}
                {%- set eligible = 'coalesce(not (' ~ group.total ~ ') and not ' ~ flag ~ ' and '
                    ~ exact[name] ~ ' > 0, false)' %},
sc__{{ state.cte }} as materialized (
    select
        *,
        {{ flag }} or coalesce(
            count(*) filter (where {{ flag }}) over sc_group = 1
            and case
                when bool_or({{ eligible }}) over sc_group
                    then {{ eligible }} and row_number() over (
                        sc_group order by {{ eligible }} desc, {{ exact[name] }} asc nulls last
                        {%- if tie_break %}, {{ tie_break }}{% endif %}
                    ) = 1
                else ({{ group.total }}) and not {{ flag }}
            end,
            false
        ) as {{ new_flag }}
    from {{ previous }}
    window sc_group as (partition by {{ group.partition | join(', ') }})
)
                {%- do current.update({name: new_flag}) -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- for group in column_groups -%}
            {%- set previous = 'sc__' ~ state.cte -%}
            {%- do state.update({'cte': state.cte + 1}) -%}
            {%- set cells = group.members + [group.total] -%}
            {%- set withheld_count -%}
                {%- for cell in cells -%}
                    (case when {{ current[cell] }} then 1 else 0 end)
                    {%- if not loop.last %} + {% endif -%}
                {%- endfor -%}
            {%- endset -%}
            {%- set eligible = {} -%}
            {%- for member in group.members -%}
                {%- do eligible.update({member: 'coalesce(not ' ~ current[member] ~ ' and '
                    ~ exact[member] ~ ' > 0, false)'}) -%}
            {%- endfor %},
sc__{{ state.cte }} as materialized (
    select
        *
        {%- for member in group.members -%}
            {%- set mine = loop.index -%}
            {%- set my_rank = 0 if implicit[member] else 1 %},
        {{ current[member] }} or coalesce(
            {{ withheld_count }} = 1
            and {{ eligible[member] }}
            {%- for other in group.members -%}
                {%- if other != member -%}
                    {%- set other_rank = 0 if implicit[other] else 1 %}
            and not (
                {{ eligible[other] }}
                and row({{ other_rank }}, {{ exact[other] }}, {{ loop.index }})
                < row({{ my_rank }}, {{ exact[member] }}, {{ mine }})
            )
                {%- endif -%}
            {%- endfor %},
            false
        ) as {{ member }}__w{{ state.cte }}
        {%- endfor %},
        {{ current[group.total] }} or coalesce(
            {{ withheld_count }} = 1
            and not {{ current[group.total] }}
            {%- for member in group.members %}
            and not {{ eligible[member] }}
            {%- endfor %},
            false
        ) as {{ group.total }}__w{{ state.cte }}
    from {{ previous }}
)
            {%- for cell in cells -%}
                {%- do current.update({cell: cell ~ '__w' ~ state.cte}) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endfor %},
{{ final }} as materialized (
    select
        *
        {%- for count in counts %},
        {{ current[count.name] }} as {{ count.name }}{{ suffix }}
        {%- endfor %}
    from sc__{{ state.cte }}
)
{%- endmacro %}


{#- The (peiljaar, scope, region_id) rows an indicator publishes for the years `data` holds
    (a select; `data` is a CTE with the columns peiljaar and region_id): the national total
    (scope national, region_id NL), every region of the region set in force in that year
    (dim_time.region_period) and every region the data maps a vestiging to (scope region), and
    the no-region bucket GEEN - so a region without pupils is a row with 0, not a missing row. -#}
{% macro monitor_region_spine(data) -%}
    select distinct
        data_rows.peiljaar,
        'region' as scope,
        data_rows.region_id
    from {{ data }} as data_rows
    union
    select distinct
        data_years.peiljaar,
        'region' as scope,
        spine_regions.region_id
    from {{ data }} as data_years
    inner join {{ ref('dim_time') }} as spine_time
        on data_years.peiljaar = spine_time.peiljaar
    inner join {{ ref('dim_region') }} as spine_regions
        on spine_time.region_period = spine_regions.region_period
    union
    select distinct
        data_years.peiljaar,
        'region' as scope,
        'GEEN' as region_id
    from {{ data }} as data_years
    union
    select distinct
        data_years.peiljaar,
        'national' as scope,
        'NL' as region_id
    from {{ data }} as data_years
{%- endmacro %}


{#- The technical profielen per definition and peiljaar of the years `data` holds (a select:
    definition, peiljaar, profiel_code; one row each), from the seed technical_profile_definitions
    valid on the peildatum. Indicators left-join it (a join, not a correlated subquery per row). -#}
{% macro technical_flags(data) -%}
    select distinct
        tech_definitions.definition,
        data_years.peiljaar,
        tech_definitions.profiel_code
    from {{ ref('technical_profile_definitions') }} as tech_definitions
    inner join (select distinct peiljaar from {{ data }}) as data_years
        on
            make_date(data_years.peiljaar, 10, 1)
            between tech_definitions.valid_from and tech_definitions.valid_to
{%- endmacro %}


{#- The three sums behind one count of the unprotected indicator models (a select-list fragment
    inside a GROUP BY): <count>_known (the published cells), <count>_n_suppressed_cells ('<5'
    cells) and <count>_n_cells (all cells), over the rows where `condition` holds. `value`,
    `suppressed` and `cells` are the expressions summed per input row. -#}
{% macro cell_sums(
    count, condition='true', value='n_pupils', suppressed='n_suppressed_cells', cells='n_cells'
) -%}
    coalesce(sum({{ value }}) filter (where {{ condition }}), 0) as {{ count }}_known,
    coalesce(sum({{ suppressed }}) filter (where {{ condition }}), 0)
        as {{ count }}_n_suppressed_cells,
    coalesce(sum({{ cells }}) filter (where {{ condition }}), 0) as {{ count }}_n_cells
{%- endmacro %}


{#- A fact's count that may be withheld, read as cells: the number of suppressed cells its bounds
    span, (<count>_upper - <count>_lower) / (upper - lower per cell), and its known floor,
    <count>_lower - cells x lower per cell (the published value when it is published). Exact for
    bounds that are sums of per-cell bounds, which is how the DUO facts write them (fct_vo_exam). -#}
{% macro withheld_cells(count, settings='settings') -%}
    case
        when {{ count }} is null and {{ count }}_lower is not null
            then ({{ count }}_upper - {{ count }}_lower)
            / ({{ settings }}.upper_per_cell - {{ settings }}.lower_per_cell)
        else 0
    end
{%- endmacro %}

{% macro withheld_as_cells(count, settings='settings') -%}
    coalesce(
        {{ count }},
        {{ count }}_lower - {{ withheld_cells(count, settings) }} * {{ settings }}.lower_per_cell
    )
{%- endmacro %}


{#- The three sums of one count from `source` (left-joined to a spine), 0 where it has no row. -#}
{% macro cell_sums_or_zero(count, source) -%}
    cast(coalesce({{ source }}.{{ count }}_known, 0) as bigint) as {{ count }}_known,
    cast(coalesce({{ source }}.{{ count }}_n_suppressed_cells, 0) as integer)
        as {{ count }}_n_suppressed_cells,
    cast(coalesce({{ source }}.{{ count }}_n_cells, 0) as integer) as {{ count }}_n_cells
{%- endmacro %}


{#- The published columns of one count after small-cell protection (a select-list fragment over
    sc_protected): <count>, <count>_lower and <count>_upper, all NULL when the count is withheld
    (<count>__withheld). <count> is also NULL above the DUO threshold (duo_count_measures). -#}
{% macro published_count(count, source='sc_protected') -%}
    case when not {{ source }}.{{ count }}__withheld then {{ source }}.{{ count }} end
        as {{ count }},
    case when not {{ source }}.{{ count }}__withheld then {{ source }}.{{ count }}_lower end
        as {{ count }}_lower,
    case when not {{ source }}.{{ count }}__withheld then {{ source }}.{{ count }}_upper end
        as {{ count }}_upper
{%- endmacro %}


{#- The region name of a monitor row: Nederland for the national total, else dim_region's. -#}
{% macro monitor_region_names() -%}
    select
        region_id,
        max(region_name) as region_name
    from {{ ref('dim_region') }}
    group by region_id
{%- endmacro %}


{#- The regions a national total of the grant indicators is expected to cover: every registered
    region (no placeholder, not GEEN) for every calendar year of its region period (region_id,
    region_period, regulation_period, region_type, jaar). A national row counts the expected
    regions it has no value for in n_regions_missing, so none is left out silently. -#}
{% macro monitor_expected_region_years() -%}
    select
        expected_regions.region_id,
        expected_regions.region_period,
        expected_periods.regulation_period,
        expected_regions.region_type,
        cast(expected_years.jaar as integer) as jaar
    from {{ ref('dim_region') }} as expected_regions
    inner join {{ ref('regulation_periods') }} as expected_periods
        on expected_regions.region_period = expected_periods.region_period
    cross join
        lateral generate_series(
            cast(extract(year from expected_periods.start_date) as integer),
            cast(extract(year from expected_periods.end_date) as integer)
        ) as expected_years (jaar)
    where not expected_regions.is_placeholder and expected_regions.region_id <> 'GEEN'
{%- endmacro %}


{#- The national rows of an indicator over the regions (scope national, region_id NL), one per
    value of `group_by`, from the CTE `regional` of its region rows: a select of scope,
    region_id, the group_by columns, the measures in their order and n_regions_missing.
    Why one macro: the grant, report and partner indicators each summed their regions into the
    national row and counted n_regions_missing in a CTE of their own, near-identical copies free
    to drift apart. Here it is done one way for all (docs/monitor.md, "The indicators"): a
    national total over fewer regions always says so in n_regions_missing.

    group_by       the national row's grain, columns of `regional` (['regulation_period',
                   'jaar']); []: one national row over all region rows (none without any)
    measures       the national columns, in order: a column name is the sum over the regions; a
                   mapping {column: aggregate} takes 'complete_sum' (the sum, NULL unless every
                   region has a value: a sum over the others would mislead or give a withheld
                   value away) or an SQL aggregate over the region rows (avg, max, bool_or, …)
    missing_when   a predicate over a region row: that region has no value (counted)
    expected       a CTE of the regions expected, with the group_by columns
                   (monitor_expected_region_years): an expected region without a region row
                   sharing its `expected_on` columns (region and year) is counted too
    National values that are not aggregates of the region rows (the distinct partners over all
    regions) are joined by the model. -#}
{% macro monitor_national_rows(
    regional, group_by, measures=[], missing_when=none, expected=none,
    expected_on=['region_id', 'jaar']
) -%}
    {%- if missing_when is none and expected is none -%}
        {{ exceptions.raise_compiler_error(
            'monitor_national_rows needs missing_when or expected: n_regions_missing is counted'
        ) }}
    {%- endif -%}
    select
        'national' as scope,
        'NL' as region_id,
        {%- for column in group_by %}
        regional_rows.{{ column }},
        {%- endfor %}
        {%- for measure in measures %}
            {%- if measure is mapping %}
                {%- for column, aggregate in measure.items() %}
                    {%- if aggregate == 'complete_sum' %}
        case when count({{ column }}) = count(*) then sum({{ column }}) end as {{ column }},
                    {%- else %}
        {{ aggregate }} as {{ column }},
                    {%- endif %}
                {%- endfor %}
            {%- else %}
        sum({{ measure }}) as {{ measure }},
            {%- endif %}
        {%- endfor %}
        {%- if missing_when is not none %}
        count(*) filter (where {{ missing_when }})
            {%- if expected is not none %} + {% endif %}
        {%- endif %}
        {%- if expected is not none %}
        (
            select count(*)
            from {{ expected }} as expected_regions
            where
                not exists (
                    select 1 from {{ regional }} as reported
                    where
                        {%- for column in expected_on %}
                        {% if not loop.first %}and {% endif -%}
                        reported.{{ column }} = expected_regions.{{ column }}
                        {%- endfor %}
                )
                {%- for column in group_by %}
                and expected_regions.{{ column }} = regional_rows.{{ column }}
                {%- endfor %}
        )
        {%- endif %} as n_regions_missing
    from {{ regional }} as regional_rows
    {%- if group_by %}
    group by {% for column in group_by -%}
        regional_rows.{{ column }}{% if not loop.last %}, {% endif %}
    {%- endfor %}
    {%- else %}
    having count(*) > 0
    {%- endif %}
{%- endmacro %}
