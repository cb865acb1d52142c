{#- Value parsers and column helpers for DUO open data (staging only).

    The raw tables hold every value as published text (DESIGN §3); these macros turn DUO's
    spellings into typed values in one place, so every staging model reads them the same way.
    The older macros (brin6, gemeente_code, duo_count, duo_is_suppressed, nvt_to_null) live in
    brin6.sql. -#}


{#- A decimal as DUO prints it: decimal comma ('6,4'), decimal point ('6.4'), an integer ('7') or
    a bare fraction (',5'). Anything else - '<5', '', 'N.v.t.' - is NULL, never 0. -#}
{% macro duo_decimal(column) -%}
    case
        when trim({{ column }}) ~ '^-?[0-9]*[,.]?[0-9]+$'
            then cast(replace(trim({{ column }}), ',', '.') as numeric)
    end
{%- endmacro %}


{#- A percentage as DUO prints it ('92,5%', ',0%', '100,0%', '92.5 %', '92,5') as a FRACTION
    between 0 and 1, rounded to 6 decimals. A value without '%' is still read as percentage
    points (DUO never publishes fractions). Unparseable or suppressed cells are NULL. -#}
{% macro duo_percentage(column) -%}
    case
        when trim({{ column }}) ~ '^[0-9]*[,.]?[0-9]+ ?%?$'
            then round(
                cast(
                    replace(rtrim(replace(trim({{ column }}), '%', '')), ',', '.') as numeric
                ) / 100,
                6
            )
    end
{%- endmacro %}


{#- True when a count cell is suppressed the way the mbo API files did it: the count printed as
    4 with INDICATIEAVG = 'J' ("fewer than 5"). NULL-safe: a missing indicator is false. -#}
{% macro duo_is_avg_suppressed(indicator) -%}
    coalesce(upper(trim({{ indicator }})) in ('J', 'JA'), false)
{%- endmacro %}


{#- KVK-NUMMER as 8-digit text: a leading zero restored when a spreadsheet dropped it (7
    digits), NULL when the cell is empty or not a KvK number. -#}
{% macro duo_kvk_nummer(column) -%}
    case
        when trim({{ column }}) ~ '^[0-9]{7,8}$' then lpad(trim({{ column }}), 8, '0')
    end
{%- endmacro %}


{#- A crebo (erkende opleidingscode) as 5-digit text; NULL when not a number. -#}
{% macro duo_crebo(column) -%}
    case
        when trim({{ column }}) ~ '^[0-9]{1,5}$' then lpad(trim({{ column }}), 5, '0')
    end
{%- endmacro %}


{#- An mbo niveau (1-4) from '2', 'Niveau 2' or 'MBO-2'; NULL when there is no digit 1-4. -#}
{% macro duo_niveau(column) -%}
    cast(substring(trim({{ column }}) from '[1-4]') as integer)
{%- endmacro %}


{#- A 4-character BRIN / instellingscode: trimmed, upper case, NULL when empty. -#}
{% macro duo_brin(column) -%}
    upper({{ nvt_to_null(column) }})
{%- endmacro %}


{#- The years of a period 'Y1-Y2' (an exam window '2014-2019', an mbo window '2021-2025', a
    schooljaar '2018-2019'). -#}
{% macro duo_period_start(column) -%}
    cast(split_part({{ column }}, '-', 1) as integer)
{%- endmacro %}

{% macro duo_period_end(column) -%}
    cast(coalesce(nullif(split_part({{ column }}, '-', 2), ''), split_part({{ column }}, '-', 1))
        as integer)
{%- endmacro %}


{#- The canonical schooljaar key (DESIGN §4, dim_time): '2018/2019' from its first year. -#}
{% macro duo_schooljaar(start_year) -%}
    ({{ start_year }}) || '/' || (({{ start_year }}) + 1)
{%- endmacro %}


{#- The columns of a relation whose names fully match a regular expression, as a list of
    {'name': column name, 'groups': [captured groups]}, sorted by name. Used to unpivot DUO's
    pattern-named columns (one per school year x sex), whose set depends on which files were
    loaded. At parse time (execute = false) and in the linter it returns [], so a model must
    render valid SQL for "no such columns" too (an empty raw table gives zero rows). -#}
{% macro duo_columns_matching(relation, pattern) -%}
    {%- set found = [] -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- set match = modules.re.fullmatch(pattern, column.name) -%}
            {%- if match -%}
                {%- do found.append({'name': column.name, 'groups': match.groups() | list}) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(found | sort(attribute='name')) }}
{%- endmacro %}


{#- True when the relation has the column (a column added by a later vintage may be missing
    from a raw table created before that vintage was registered). False at parse time. -#}
{% macro duo_has_column(relation, column_name) -%}
    {%- set ns = namespace(found=false) -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(relation) -%}
            {%- if column.name == column_name -%}
                {%- set ns.found = true -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(ns.found) }}
{%- endmacro %}


{#- A destination DUO has hidden for privacy in the flow files (Bestemming vo-gediplomeerden):
    BRIN 'XXXX' and/or the name 'Niet onderscheiden'. -#}
{% macro duo_is_destination_suppressed(code_column, name_column) -%}
    coalesce(upper(trim({{ code_column }})) = 'XXXX', false)
    or coalesce(lower(trim({{ name_column }})) = 'niet onderscheiden', false)
{%- endmacro %}
