{#-
    Post-hook of the table models (dbt_project.yml): refresh the planner's statistics of the
    table just built, so the models downstream are planned on its real row counts and value
    distributions. A fresh table has none until autovacuum samples it, and whether that has
    happened yet decided between a 2 s and a 12 min plan at national size.
-#}
{% macro analyze_relation() %}
    {%- if config.get('materialized') in ('table', 'incremental') -%}
        analyze {{ this }}
    {%- endif -%}
{% endmacro %}
