{#- The one surrogate-key macro: md5 over the lower-cased natural key parts.
    A NULL part becomes '-1', so the unknown member's key is md5('-1') everywhere (GitLab style). -#}
{% macro surrogate_key(columns) -%}
    md5(
        {%- for column in columns %}
        coalesce(lower(cast({{ column }} as text)), '-1')
        {%- if not loop.last %} || '|' || {% endif -%}
        {%- endfor %}
    )
{%- endmacro %}

{% macro unknown_key() -%}
    md5('-1')
{%- endmacro %}
