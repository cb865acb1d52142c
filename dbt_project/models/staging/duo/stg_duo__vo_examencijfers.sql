-- Exam results per schooljaar x vestiging x onderwijstype x leerweg x sector x afdeling
-- (geslaagden-gezakten-en-cijfers, one file per schooljaar). Counts '<5' stay suppressed (NULL +
-- a flag per count); grades with a decimal comma or point become numeric. AFDELING mixes the vmbo
-- profiel codes (BWI, PIE, MTR, ...) with old afdeling names and havo/vwo profielen; every label
-- must be in the seed vmbo_afdeling_map (a relationships test fails on a new one). An empty
-- AFDELING is 'N.v.t.', as in the enrollment model.
with

source as (
    select * from {{ source('duo', 'duo_vo_examencijfers') }}
),

leerwegen as (
    select * from {{ ref('vo_leerweg_map') }}
),

afdelingen as (
    select * from {{ ref('vmbo_afdeling_map') }}
),

cleaned as (
    select
        *,
        {{ nvt_to_null('leerweg_vmbo') }} as leerweg_published,
        coalesce({{ nvt_to_null('afdeling') }}, 'N.v.t.') as afdeling_label,
        upper(trim(onderwijstype_vo)) as onderwijstype_label
    from source
),

renamed as (
    select
        -- ids
        {{ brin6('cleaned.instellingscode', 'cleaned.vestigingscode') }} as brin6,
        {{ duo_brin('cleaned.instellingscode') }} as brin,
        {{ duo_schooljaar(duo_period_start('cleaned._period')) }} as schooljaar,
        {{ duo_period_end('cleaned._period') }} as examenjaar,
        trim(cleaned.onderwijstype_vo) as onderwijstype,
        cleaned.leerweg_published as leerweg_vmbo,
        {{ nvt_to_null('cleaned.vmbo_sector') }} as vmbo_sector,
        cleaned.afdeling_label as afdeling,

        -- classification (seeds vo_leerweg_map, vmbo_afdeling_map)
        coalesce(cleaned.leerweg_published, cleaned.onderwijstype_label) as leerweg_label,
        leerwegen.leerweg,
        afdelingen.profiel_code,

        -- attributes
        {{ nvt_to_null('cleaned.instellingsnaam_vestiging') }} as instellingsnaam_vestiging,
        {{ nvt_to_null('cleaned.gemeentenaam_vestiging') }} as gemeentenaam_vestiging,

        -- numerics
        {{ duo_count('cleaned.examenkandidaten') }} as n_candidates,
        {{ duo_count('cleaned.geslaagden') }} as n_passed,
        {{ duo_count('cleaned.gezakten') }} as n_failed,
        coalesce({{ duo_is_suppressed('cleaned.examenkandidaten') }}, false)
            as is_candidates_suppressed,
        coalesce({{ duo_is_suppressed('cleaned.geslaagden') }}, false) as is_passed_suppressed,
        coalesce({{ duo_is_suppressed('cleaned.gezakten') }}, false) as is_failed_suppressed,
        coalesce(
            {{ duo_is_suppressed('cleaned.examenkandidaten') }}
            or {{ duo_is_suppressed('cleaned.geslaagden') }}
            or {{ duo_is_suppressed('cleaned.gezakten') }},
            false
        ) as is_suppressed,
        {{ duo_decimal('cleaned.gemiddeld_cijfer_schoolexamen') }} as avg_grade_school_exam,
        {{ duo_decimal('cleaned.gemiddeld_cijfer_centraal_examen') }} as avg_grade_central_exam,
        {{ duo_decimal('cleaned.gemiddeld_cijfer_cijferlijst') }} as avg_grade_final_list,

        -- lineage
        cleaned._period as source_period,
        cleaned._load_id as load_id,
        cleaned._file_sha256 as file_sha256,
        cleaned._row_number as source_row_number
    from cleaned
    left join leerwegen
        on
            coalesce(cleaned.leerweg_published, cleaned.onderwijstype_label)
            = leerwegen.leerweg_label
    left join afdelingen
        on cleaned.afdeling_label = afdelingen.afdeling_label
)

select * from renamed
