-- Exam candidates and pass rates per vestiging x onderwijstype x opleiding x schooljaar x sex.
-- DUO publishes 5-year windows with one column per school year x sex x measure
-- (examenkandidaten_2014_2015_man, geslaagden_..., slaagperc_...); which columns exist depends
-- on which windows were loaded, so the unpivot is generated from the raw table's columns.
-- Each schooljaar comes from the NEWEST window holding it (highest end year of _period 'Y1-Y2');
-- a window's NULL cells (columns another window added) never produce rows. '<5' stays
-- suppressed (count NULL, flag true), cells with 0 candidates are dropped (as in the enrollment
-- model), percentages become fractions. Leerweg and vmbo sector come from the seed
-- vo_exam_opleiding_map (DESIGN §5), never from SQL literals.
{%- set relation = source('duo', 'duo_vo_examenkandidaten') -%}
{%- set pattern =
    '(examenkandidaten|geslaagden|slaagperc)_([0-9]{4})_([0-9]{4})_(man|vrouw|onbekend|totaal)'
-%}
{%- set cells = {} -%}
{%- for column in duo_columns_matching(relation, pattern) -%}
    {%- set key = column.groups[1:] | join('_') -%}
    {%- if key not in cells -%}
        {%- do cells.update({key: {
            'start': column.groups[1], 'end': column.groups[2], 'sex': column.groups[3]
        }}) -%}
    {%- endif -%}
    {%- do cells[key].update({column.groups[0]: 'source.' ~ column.name}) -%}
{%- endfor -%}
{#- One VALUES row per schooljaar x sex; a measure the window lacks is NULL. Without any
    pattern-named column (no window loaded yet) one all-NULL row, which the filter drops: zero
    rows with the same columns. -#}
{%- set value_rows = [] -%}
{%- for key in cells | sort -%}
    {%- set cell = cells[key] -%}
    {%- do value_rows.append(
        '(' ~ cell.start ~ ', ' ~ cell.end ~ ", '" ~ cell.sex ~ "', "
        ~ cell.get('examenkandidaten', 'null') ~ ', ' ~ cell.get('geslaagden', 'null') ~ ', '
        ~ cell.get('slaagperc', 'null') ~ ')'
    ) -%}
{%- else -%}
    {%- do value_rows.append('(0, 0, null, null, null, null)') -%}
{%- endfor %}

with

source as (
    select * from {{ relation }}
),

cells as (
    select
        source._period,
        source._load_id,
        source._file_sha256,
        source._row_number,
        source.instellingscode,
        source.vestigingscode,
        source.instellingsnaam_vestiging,
        source.gemeentenaam,
        source.onderwijstype_vo,
        source.inspectiecode,
        source.opleidingsnaam,
        cell.jaar_start,
        cell.jaar_end,
        cell.geslacht,
        cell.raw_candidates,
        cell.raw_passed,
        cell.raw_rate
    from source
    cross join lateral (
        values
        {{ value_rows | join(',\n        ') }}
    ) as cell (jaar_start, jaar_end, geslacht, raw_candidates, raw_passed, raw_rate)
),

windows as (
    select
        *,
        {{ duo_period_start('_period') }} as window_start,
        {{ duo_period_end('_period') }} as window_end
    from cells
    -- A cell is NULL only when its column came from another window: FORCE_NOT_NULL keeps every
    -- published empty value an empty string.
    where coalesce(raw_candidates, raw_passed, raw_rate) is not null
),

newest as (
    select
        *,
        -- Per schooljaar, the whole year from one window: the newest (DUO corrects earlier
        -- years in later windows; a row missing from the newer window is not resurrected).
        dense_rank() over (
            partition by jaar_start
            order by window_end desc, window_start desc
        ) as window_rank
    from windows
),

opleidingen as (
    select * from {{ ref('vo_exam_opleiding_map') }}
),

renamed as (
    select
        -- ids
        {{ brin6('newest.instellingscode', 'newest.vestigingscode') }} as brin6,
        {{ duo_brin('newest.instellingscode') }} as brin,
        {{ duo_schooljaar('newest.jaar_start') }} as schooljaar,
        newest.jaar_end as examenjaar,
        trim(newest.onderwijstype_vo) as onderwijstype,
        {{ nvt_to_null('newest.inspectiecode') }} as inspectiecode,
        trim(newest.opleidingsnaam) as opleidingsnaam,
        newest.geslacht,

        -- classification (seed vo_exam_opleiding_map)
        opleidingen.leerweg,
        opleidingen.vmbo_sector,
        opleidingen.havo_vwo_profiel,

        -- attributes
        {{ nvt_to_null('newest.instellingsnaam_vestiging') }} as instellingsnaam_vestiging,
        {{ nvt_to_null('newest.gemeentenaam') }} as gemeentenaam,

        -- numerics
        {{ duo_count('newest.raw_candidates') }} as n_candidates,
        {{ duo_count('newest.raw_passed') }} as n_passed,
        {{ duo_percentage('newest.raw_rate') }} as pass_rate,
        coalesce({{ duo_is_suppressed('newest.raw_candidates') }}, false)
            as is_candidates_suppressed,
        coalesce({{ duo_is_suppressed('newest.raw_passed') }}, false) as is_passed_suppressed,
        coalesce(
            {{ duo_is_suppressed('newest.raw_candidates') }}
            or {{ duo_is_suppressed('newest.raw_passed') }},
            false
        ) as is_suppressed,

        -- lineage
        newest._period as source_window,
        newest._load_id as load_id,
        newest._file_sha256 as file_sha256,
        newest._row_number as source_row_number
    from newest
    left join opleidingen
        on trim(newest.opleidingsnaam) = opleidingen.opleidingsnaam_label
    where
        newest.window_rank = 1
        -- No candidates is no exam: an empty or zero cell is dropped; '<5' and anything
        -- unexpected stay, so a test sees a value that is neither a count nor suppressed.
        and coalesce(trim(newest.raw_candidates), '') !~ '^0*$'
)

select * from renamed
