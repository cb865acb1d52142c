-- mbo students per jaar x instelling x crebo x niveau x leerweg x sex. Files come in 5-year
-- windows (_period 'Y1-Y2', one JAAR column): each jaar is taken from the NEWEST window holding
-- it. Two suppression conventions: '<5' (CKAN files), and the older mbo API convention of a count
-- printed as 4 with INDICATIEAVG = 'J' ("fewer than 5"); both give n_students NULL and
-- is_suppressed true, never a count of 4.
{%- set relation = source('duo', 'duo_mbo_studenten') -%}
{#- INDICATIEAVG came with a later vintage: a raw table created before it may lack the column. -#}
{%- if duo_has_column(relation, 'indicatieavg') -%}
    {%- set avg_suppressed = duo_is_avg_suppressed('indicatieavg') -%}
{%- else -%}
    {%- set avg_suppressed = 'false' -%}
{%- endif %}

with

source as (
    select * from {{ relation }}
),

windows as (
    select
        *,
        {{ avg_suppressed }} as is_avg_suppressed,
        cast(substring(trim(jaar) from '^[0-9]{4}') as integer) as jaar_number,
        {{ duo_period_start('_period') }} as window_start,
        {{ duo_period_end('_period') }} as window_end
    from source
),

newest as (
    select
        *,
        dense_rank() over (
            partition by jaar_number
            order by window_end desc, window_start desc
        ) as window_rank
    from windows
),

renamed as (
    select
        -- ids
        jaar_number as jaar,
        {{ duo_brin('instellingscode') }} as instellingscode,
        {{ duo_crebo('erkende_opleidingscode') }} as crebo,
        {{ duo_niveau('niveau') }} as niveau,
        upper(regexp_replace(trim(leerweg), '[^A-Za-z]', '', 'g')) as leerweg,
        case lower(trim(geslacht))
            when 'm' then 'man'
            when 'v' then 'vrouw'
            when 'o' then 'onbekend'
            else lower(trim(geslacht))
        end as geslacht,

        -- attributes
        {{ nvt_to_null('instellingsnaam') }} as instellingsnaam,
        {{ nvt_to_null('provincie_instelling') }} as provincie_instelling,
        {{ nvt_to_null('plaatsnaam_instelling') }} as plaatsnaam_instelling,
        {{ nvt_to_null('sectorkamer_naam') }} as sectorkamer_naam,
        {{ nvt_to_null('erkende_opleidingsnaam') }} as erkende_opleidingsnaam,

        -- numerics
        case when not is_avg_suppressed then {{ duo_count('aantal_studenten') }} end
            as n_students,
        coalesce({{ duo_is_suppressed('aantal_studenten') }}, false)
        or is_avg_suppressed as is_suppressed,
        aantal_studenten as raw_value,

        -- lineage
        _period as source_window,
        _load_id as load_id,
        _file_sha256 as file_sha256,
        _row_number as source_row_number
    from newest
    where window_rank = 1
)

select * from renamed
