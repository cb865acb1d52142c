-- One row per vo bevoegd gezag (school board) per monthly address-list snapshot: trimmed,
-- gemeente code as four digits, KVK-NUMMER as 8-digit text; 'N.v.t.', ' ' and '' become NULL.
with

source as (
    select * from {{ source('duo', 'duo_vo_besturen') }}
),

renamed as (
    select
        -- ids
        {{ nvt_to_null('bevoegd_gezag_nummer') }} as bevoegd_gezag_nummer,
        {{ duo_kvk_nummer('kvk_nummer') }} as kvk_nummer,
        {{ nvt_to_null('administratiekantoornummer') }} as administratiekantoornummer,

        -- snapshot
        _period as snapshot_month,
        to_date(_period || '-01', 'YYYY-MM-DD') as snapshot_date,

        -- attributes
        {{ nvt_to_null('bevoegd_gezag_naam') }} as bevoegd_gezag_naam,
        {{ nvt_to_null('straatnaam') }} as straatnaam,
        {{ nvt_to_null('huisnummer_toevoeging') }} as huisnummer_toevoeging,
        {{ nvt_to_null('postcode') }} as postcode,
        {{ nvt_to_null('plaatsnaam') }} as plaatsnaam,
        {{ gemeente_code('gemeentenummer') }} as gemeente_code,
        {{ nvt_to_null('gemeentenaam') }} as gemeentenaam,
        {{ nvt_to_null('denominatie') }} as denominatie,
        {{ nvt_to_null('telefoonnummer') }} as telefoonnummer,
        {{ nvt_to_null('internetadres') }} as internetadres,
        {{ nvt_to_null('straatnaam_correspondentieadres') }} as straatnaam_correspondentieadres,
        {{ nvt_to_null('huisnummer_toevoeging_correspondentieadres') }}
            as huisnummer_toevoeging_correspondentieadres,
        {{ nvt_to_null('postcode_correspondentieadres') }} as postcode_correspondentieadres,
        {{ nvt_to_null('plaatsnaam_correspondentieadres') }} as plaatsnaam_correspondentieadres,

        -- lineage
        _load_id as load_id,
        _file_sha256 as file_sha256,
        _row_number as source_row_number
    from source
)

select * from renamed
