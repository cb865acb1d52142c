{#- Secondary suppression over the whole release (docs/monitor.md, "Disclosure control").

    Every count of every protected indicator (YAML meta.protection) becomes one cell of a long
    table; every group whose members add up to a total - a row group, a column group, or a link
    between tables (meta.protection.links: the same count published in two tables, or a count
    that is the sum of another table's rows) - becomes one set of memberships. Secondary
    suppression then runs over all groups at once, so a cell withheld in one table is not
    published in another, and a definition's total cannot be rebuilt from the profielen. The
    candidate gate's disclosure audit checks the outcome by linear programming. -#}


{#- Model name -> meta.protection of every protected monitor model (from the graph: the same
    block the model's own macro reads). Empty while dbt parses. -#}
{% macro disclosure_declarations() -%}
    {%- set found = {} -%}
    {#- A unit test renders without the graph: it hands its declarations over as a var. -#}
    {%- if model is defined and model.resource_type == 'unit_test' -%}
        {{ return(var('disclosure_declarations', {})) }}
    {%- endif -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() -%}
            {%- if node.resource_type == 'model' and (node.config.meta or {}).get('protection') -%}
                {%- do found.update({node.name: node.config.meta.protection}) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(found) }}
{%- endmacro %}


{#- The exact sums of a protected indicator: int_<x>__unprotected for ind_<x>. -#}
{% macro disclosure_exact(model_name) -%}
    {{ return(ref('int_' ~ model_name[4:] ~ '__unprotected')) }}
{%- endmacro %}


{#- The text key of a row: its declared key columns joined by '|' (qualified by `alias`). -#}
{% macro disclosure_row_key(key, alias) -%}
    concat_ws('|', {% for column in key %}{{ alias }}.{{ column }}{% if not loop.last %}, {% endif %}{% endfor %})
{%- endmacro %}


{#- The cells (model, row_key, count_name, exact, shown, is_implicit) of every protected
    indicator: `exact` the sum of the DUO cells published exactly (what the bounds reveal too),
    `shown` the point value the indicator publishes (duo_point_count: '<5' cells counted as the
    seeded estimate; NULL above the threshold). Reads the settings CTE `settings`. -#}
{% macro disclosure_cells(declarations, settings='settings') -%}
    {%- for name, declared in declarations.items() %}
    select
        '{{ name }}' as indicator,
        {{ disclosure_row_key(declared.key, 'e') }} as row_key,
        v.count_name,
        v.exact,
        v.shown,
        v.is_implicit
    from {{ disclosure_exact(name) }} as e
    cross join {{ settings }}
    cross join lateral (
        values
        {%- for count in declared.counts %}
        ('{{ count }}', cast(e.{{ count }}_known as bigint),
            cast({{ duo_point_count(count, 'e', settings) }} as bigint), false),
        {%- endfor %}
        {%- for derived in declared.get('implicit', []) %}
        ('{{ derived.name }}', cast(e.{{ derived.whole }}_known - e.{{ derived.part }}_known as bigint),
            cast({{ duo_point_count(derived.whole, 'e', settings) }}
                - {{ duo_point_count(derived.part, 'e', settings) }} as bigint), true),
        {%- endfor %}
        (null, null, null, null)
    ) as v (count_name, exact, shown, is_implicit)
    where v.count_name is not null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}


{#- The memberships (group_id, model, row_key, count_name, is_total) of every group. A row group
    holds the implicit counts too: whole - part adds up over rows as whole and part do. -#}
{% macro disclosure_memberships(declarations) -%}
    {%- set parts = [] -%}
    {%- for name, declared in declarations.items() -%}
        {%- set exact = disclosure_exact(name) -%}
        {%- for group in declared.row_groups -%}
            {%- set group_index = loop.index -%}
            {%- set part -%}
    select
        concat_ws('|', 'row', '{{ name }}', {{ group_index }}, v.count_name
            {%- for column in group.partition %}, e.{{ column }}{% endfor %}) as group_id,
        '{{ name }}' as indicator,
        {{ disclosure_row_key(declared.key, 'e') }} as row_key,
        v.count_name,
        coalesce(e.{{ group.total }}, false) as is_total
    from {{ exact }} as e
    cross join unnest(array[
        {%- for count in declared.counts + (declared.get('implicit', []) | map(attribute='name') | list) -%}
        '{{ count }}'{% if not loop.last %}, {% endif %}
        {%- endfor -%}
    ]) as v (count_name)
            {%- endset -%}
            {%- do parts.append(part) -%}
        {%- endfor -%}
        {%- for group in declared.get('column_groups', []) -%}
            {%- set group_index = loop.index -%}
            {%- set part -%}
    select
        concat_ws('|', 'column', '{{ name }}', {{ group_index }},
            {{ disclosure_row_key(declared.key, 'e') }}) as group_id,
        '{{ name }}' as indicator,
        {{ disclosure_row_key(declared.key, 'e') }} as row_key,
        v.count_name,
        v.is_total
    from {{ exact }} as e
    cross join lateral (
        values
        {%- for member in group.members %}
        ('{{ member }}', false),
        {%- endfor %}
        ('{{ group.total }}', true)
    ) as v (count_name, is_total)
            {%- endset -%}
            {%- do parts.append(part) -%}
        {%- endfor -%}
        {%- for link in declared.get('links', []) -%}
            {%- set link_index = loop.index -%}
            {%- set other = declarations[link.model] -%}
            {%- set on = link.get('join') or (declared.key | select('in', other.key) | list) -%}
            {%- set this_rows = '(select * from ' ~ exact ~ ' where ' ~ link.get('this_where', 'true') ~ ')' -%}
            {%- set group_id -%}
        concat_ws('|', 'link', '{{ name }}', {{ link_index }},
            {{ disclosure_row_key(declared.key, 'e') }})
            {%- endset -%}
            {%- set part -%}
    select
        {{ group_id }} as group_id,
        '{{ name }}' as indicator,
        {{ disclosure_row_key(declared.key, 'e') }} as row_key,
        '{{ link.count }}' as count_name,
        true as is_total
    from {{ this_rows }} as e
    union all
    select
        {{ group_id }} as group_id,
        '{{ link.model }}' as indicator,
        {{ disclosure_row_key(other.key, 'o') }} as row_key,
        '{{ link.of }}' as count_name,
        false as is_total
    from {{ this_rows }} as e
    inner join (
        select * from {{ disclosure_exact(link.model) }}
        where {{ link.get('where', 'true') }}
    ) as o
        on {% for column in on %}e.{{ column }} = o.{{ column }}{% if not loop.last %} and {% endif %}{% endfor %}
            {%- if link.get('members') == 'technical_profiles' %}
    inner join ({{ technical_flags(exact) }}) as members
        on
            e.definition = members.definition
            and e.peiljaar = members.peiljaar
            and o.profiel_code = members.profiel_code
            {%- endif %}
            {%- endset -%}
            {%- do parts.append(part) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ parts | join('\n    union all\n') }}
{%- endmacro %}
