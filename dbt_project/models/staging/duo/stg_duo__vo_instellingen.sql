-- One row per vo instelling (4-character BRIN, the hoofdvestiging's address) per monthly
-- address-list snapshot. 'N.v.t.', a single space, padding and '' all become NULL.
with

source as (
    select * from {{ source('duo', 'duo_vo_instellingen') }}
),

renamed as (
    select
        -- ids
        {{ duo_brin('instellingscode') }} as brin,
        {{ nvt_to_null('bevoegd_gezag_nummer') }} as bevoegd_gezag_nummer,

        -- snapshot
        _period as snapshot_month,
        to_date(_period || '-01', 'YYYY-MM-DD') as snapshot_date,

        -- attributes
        {{ nvt_to_null('instellingsnaam') }} as instellingsnaam,
        {{ nvt_to_null('straatnaam') }} as straatnaam,
        {{ nvt_to_null('huisnummer_toevoeging') }} as huisnummer_toevoeging,
        {{ nvt_to_null('postcode') }} as postcode,
        {{ nvt_to_null('plaatsnaam') }} as plaatsnaam,
        {{ gemeente_code('gemeentenummer') }} as gemeente_code,
        {{ nvt_to_null('gemeentenaam') }} as gemeentenaam,
        {{ nvt_to_null('provincie') }} as provincie,
        {{ nvt_to_null('denominatie') }} as denominatie,
        {{ nvt_to_null('telefoonnummer') }} as telefoonnummer,
        {{ nvt_to_null('internetadres') }} as internetadres,
        {{ nvt_to_null('onderwijsstructuur') }} as onderwijsstructuur,
        coalesce(trim(onderwijsstructuur) like '%VBO%', false) as offers_vmbo_beroepsgericht,
        {{ nvt_to_null('straatnaam_correspondentieadres') }} as straatnaam_correspondentieadres,
        {{ nvt_to_null('huisnummer_toevoeging_correspondentieadres') }}
            as huisnummer_toevoeging_correspondentieadres,
        {{ nvt_to_null('postcode_correspondentieadres') }} as postcode_correspondentieadres,
        {{ nvt_to_null('plaatsnaam_correspondentieadres') }} as plaatsnaam_correspondentieadres,

        -- areas
        {{ nvt_to_null('nodaal_gebied_code') }} as nodaal_gebied_code,
        {{ nvt_to_null('nodaal_gebied_naam') }} as nodaal_gebied_naam,
        {{ nvt_to_null('rpa_gebied_code') }} as rpa_gebied_code,
        {{ nvt_to_null('rpa_gebied_naam') }} as rpa_gebied_naam,
        {{ nvt_to_null('wgr_gebied_code') }} as wgr_gebied_code,
        {{ nvt_to_null('wgr_gebied_naam') }} as wgr_gebied_naam,
        {{ nvt_to_null('coropgebied_code') }} as coropgebied_code,
        {{ nvt_to_null('coropgebied_naam') }} as coropgebied_naam,
        {{ nvt_to_null('onderwijsgebied_code') }} as onderwijsgebied_code,
        {{ nvt_to_null('onderwijsgebied_naam') }} as onderwijsgebied_naam,
        {{ nvt_to_null('rmc_regio_code') }} as rmc_regio_code,
        {{ nvt_to_null('rmc_regio_naam') }} as rmc_regio_naam,

        -- lineage
        _load_id as load_id,
        _file_sha256 as file_sha256,
        _row_number as source_row_number
    from source
)

select * from renamed
