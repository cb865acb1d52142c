{#-
    Incremental facts (issue 14): a fact's candidate in marts__wap starts as a copy of the
    published table, and only the periods whose raw partitions changed are rebuilt. Which ones
    is decided in Python (plugins/sto_warehouse/incremental.py) and written as JSON on the
    candidate schema; these macros read it. Without a plan (a bare `dbt build` over an existing
    candidate) every period is rebuilt, so the result is always that of a full build.
-#}

{#- The peiljaren to rebuild for this model: a list, or none for "every period". -#}
{% macro incremental_periods() %}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set query -%}
        select obj_description(oid, 'pg_namespace') from pg_namespace
        where nspname = '{{ this.schema }}'
    {%- endset -%}
    {%- set rows = run_query(query).columns[0].values() -%}
    {%- set plan = fromjson(rows[0], none) if rows and rows[0] else none -%}
    {%- if plan is mapping and plan.get('models') is mapping -%}
        {{ return(plan['models'].get(this.identifier)) }}
    {%- endif -%}
    {{ return(none) }}
{% endmacro %}


{#- The WHERE condition on the model's input: only the planned periods when incremental. -#}
{% macro incremental_period_filter(expression) -%}
    {%- if is_incremental() -%}
        {%- set periods = incremental_periods() -%}
        {%- if periods is none -%}
            true
        {%- elif periods | length == 0 -%}
            false
        {%- else -%}
            {{ expression }} in ({{ periods | join(', ') }})
        {%- endif -%}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}


{#-
    Pre-hook: remove the planned periods from the copied candidate before their rows are
    appended again (also the rows of a period that has none now). Every period without a plan.
-#}
{% macro incremental_period_delete(column='peiljaar') -%}
    {%- if is_incremental() -%}
        {%- set periods = incremental_periods() -%}
        {%- if periods is none -%}
            delete from {{ this }}
        {%- elif periods | length > 0 -%}
            delete from {{ this }} where {{ column }} in ({{ periods | join(', ') }})
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
