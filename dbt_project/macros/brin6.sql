{#- BRIN6 = 4-character BRIN + 2-character vestiging suffix, whichever way the file spells it:
    a 6-character VESTIGINGSCODE (00AH00) is taken as is; a 1-2 character suffix is left-padded. -#}
{% macro brin6(instellingscode, vestigingscode) -%}
    case
        when length(trim({{ vestigingscode }})) = 6 then upper(trim({{ vestigingscode }}))
        when nullif(trim({{ instellingscode }}), '') is null then null
        else upper(trim({{ instellingscode }}))
            || lpad(coalesce(nullif(trim({{ vestigingscode }}), ''), '0'), 2, '0')
    end
{%- endmacro %}

{#- Gemeente codes arrive as 0599, 599 or ' 637': always four digits. -#}
{% macro gemeente_code(column) -%}
    case
        when trim({{ column }}) ~ '^[0-9]{1,4}$' then lpad(trim({{ column }}), 4, '0')
    end
{%- endmacro %}

{#- A DUO count cell: integer, or NULL when suppressed ('<5') or not applicable. -#}
{% macro duo_count(column) -%}
    case when trim({{ column }}) ~ '^[0-9]+$' then cast(trim({{ column }}) as integer) end
{%- endmacro %}

{% macro duo_is_suppressed(column) -%}
    (trim({{ column }}) = '<5')
{%- endmacro %}

{#- Not applicable: 'N.v.t.', a single space and the empty string mean the same thing. -#}
{% macro nvt_to_null(column) -%}
    nullif(nullif(trim({{ column }}), ''), 'N.v.t.')
{%- endmacro %}
