{#- Parsers for the regions' submissions (staging only). They mirror
    plugins/sto_warehouse/submissions/values.py, which validated the same text before it was
    loaded: what passed validation parses here the same way. -#}

{#- The text without spaces and non-breaking spaces (a region may type 12 500). -#}
{% macro sub_squeezed(column) -%}
    replace(replace(trim({{ column }}), ' ', ''), chr(160), '')
{%- endmacro %}

{#- An amount or decimal: 1234 | 1234,5 | 1234.50 | 1.234.567,89 (Dutch thousands dots). -#}
{% macro sub_number(column) -%}
    case
        when {{ sub_squeezed(column) }} ~ '^-?[0-9]+([.,][0-9]+)?$'
            then cast(replace({{ sub_squeezed(column) }}, ',', '.') as numeric)
        when {{ sub_squeezed(column) }} ~ '^-?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?$'
            then cast(replace(replace({{ sub_squeezed(column) }}, '.', ''), ',', '.') as numeric)
    end
{%- endmacro %}

{#- A year as typed or as a spreadsheet number (2021 or 2021.0). -#}
{% macro sub_year(column) -%}
    case
        when regexp_replace(trim({{ column }}), '\.0$', '') ~ '^(19|20)[0-9]{2}$'
            then cast(regexp_replace(trim({{ column }}), '\.0$', '') as integer)
    end
{%- endmacro %}

{#- A date: YYYY-MM-DD (optionally with T00:00:00), DD-MM-YYYY, DD/MM/YYYY or YYYY/MM/DD. -#}
{% macro sub_date(column) -%}
    case
        when trim({{ column }}) ~ '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(T00:00(:00)?)?$'
            then to_date(split_part(trim({{ column }}), 'T', 1), 'YYYY-MM-DD')
        when trim({{ column }}) ~ '^[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}$'
            then to_date(trim({{ column }}), 'DD-MM-YYYY')
        when trim({{ column }}) ~ '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$'
            then to_date(trim({{ column }}), 'DD/MM/YYYY')
        when trim({{ column }}) ~ '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}$'
            then to_date(trim({{ column }}), 'YYYY/MM/DD')
    end
{%- endmacro %}

{#- A code from a code list: trimmed, lower case (validation accepted any case). -#}
{% macro sub_code(column) -%}
    nullif(lower(trim({{ column }})), '')
{%- endmacro %}

{#- Free text: trimmed, empty becomes NULL. -#}
{% macro sub_text(column) -%}
    nullif(trim({{ column }}), '')
{%- endmacro %}

{#- The current version of every submission (region, type, period): the latest submitted-at
    wins, then the later load. Read from raw.sub_header, which has one row per submission, so a
    resubmission that leaves a sheet empty still supersedes the earlier version's rows. -#}
{% macro sub_current_submissions() -%}
    select _submission_id
    from (
        select
            _submission_id,
            row_number() over (
                partition by _region_id, _submission_type, _period
                order by _submitted_at desc, _submission_id desc
            ) as version_rank
        from {{ source('submissions', 'sub_header') }}
    ) as ranked
    where version_rank = 1
{%- endmacro %}

{#- The lineage columns every submission staging model carries. -#}
{% macro sub_lineage() -%}
    _submission_id as submission_id,
    _region_id as region_id,
    _submission_type as submission_type,
    _period as period,
    _submitted_at as submitted_at,
    _load_id as load_id,
    _file_sha256 as file_sha256,
    _sheet as source_sheet,
    _row_number as source_row_number
{%- endmacro %}

{#- A submission sheet's rows, each flagged is_current when it belongs to the current version of
    its submission (sub_current_submissions): the one front half of every stg_sub__ model. -#}
{% macro sub_flagged_rows(table) -%}
    select
        sheet.*,
        current_submissions._submission_id is not null as is_current
    from {{ source('submissions', table) }} as sheet
    left join ({{ sub_current_submissions() }}) as current_submissions
        on sheet._submission_id = current_submissions._submission_id
{%- endmacro %}
