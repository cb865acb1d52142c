{#- Schemas are fixed by design (DESIGN §2): a model's custom schema is used as-is, so the
    candidate build always lands in marts__wap / monitor__wap and publication swaps them. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
