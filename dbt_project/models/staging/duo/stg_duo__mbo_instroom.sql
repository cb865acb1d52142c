-- New mbo students per jaar x instelling x crebo x niveau x leerweg x vooropleiding (the
-- mbo-side view of the vo -> mbo transition; it does not identify the vmbo vestiging). One file
-- per jaar (_period). Counts '<5' stay suppressed: NULL with a flag per count, and is_suppressed
-- when any of the three is.
with

source as (
    select * from {{ source('duo', 'duo_mbo_instroom') }}
),

renamed as (
    select
        -- ids
        cast(_period as integer) as jaar,
        {{ nvt_to_null('vooropleiding_vo') }} as vooropleiding_vo,
        {{ nvt_to_null('vooropleiding_mbo') }} as vooropleiding_mbo,
        {{ duo_brin('instellingscode') }} as instellingscode,
        {{ duo_crebo('beroepsopleiding_code') }} as crebo,
        {{ duo_niveau('niveau') }} as niveau,
        upper(regexp_replace(trim(leerweg), '[^A-Za-z]', '', 'g')) as leerweg,

        -- attributes
        {{ nvt_to_null('indicatie_kleine_opleiding') }} as indicatie_kleine_opleiding,
        {{ nvt_to_null('instellingsnaam') }} as instellingsnaam,
        {{ nvt_to_null('hoofdgroep_code') }} as hoofdgroep_code,
        {{ nvt_to_null('hoofdgroep_naam') }} as hoofdgroep_naam,
        {{ nvt_to_null('beroepsopleiding_naam') }} as beroepsopleiding_naam,

        -- numerics
        {{ duo_count('totaal_mbo') }} as n_totaal_mbo,
        {{ duo_count('instroom_mbo') }} as n_instroom_mbo,
        {{ duo_count('instroom_opleiding') }} as n_instroom_opleiding,
        coalesce({{ duo_is_suppressed('totaal_mbo') }}, false) as is_totaal_mbo_suppressed,
        coalesce({{ duo_is_suppressed('instroom_mbo') }}, false) as is_instroom_mbo_suppressed,
        coalesce({{ duo_is_suppressed('instroom_opleiding') }}, false)
            as is_instroom_opleiding_suppressed,
        coalesce(
            {{ duo_is_suppressed('totaal_mbo') }}
            or {{ duo_is_suppressed('instroom_mbo') }}
            or {{ duo_is_suppressed('instroom_opleiding') }},
            false
        ) as is_suppressed,

        -- lineage
        _load_id as load_id,
        _file_sha256 as file_sha256,
        _row_number as source_row_number
    from source
)

select * from renamed
