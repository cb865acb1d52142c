-- One row per vestiging per monthly address-list snapshot: trimmed, BRIN6 built, codes normalised.
with

source as (
    select * from {{ source('duo', 'duo_vo_vestigingen') }}
),

renamed as (
    select
        -- ids
        {{ brin6('instellingscode', 'vestigingscode') }} as brin6,
        upper(trim(instellingscode)) as brin,
        nullif(trim(bevoegd_gezag_nummer), '') as bevoegd_gezag_nummer,

        -- snapshot
        _period as snapshot_month,
        to_date(_period || '-01', 'YYYY-MM-DD') as snapshot_date,

        -- attributes
        nullif(trim(vestigingsnaam), '') as vestigingsnaam,
        nullif(trim(straatnaam), '') as straatnaam,
        nullif(trim(huisnummer_toevoeging), '') as huisnummer_toevoeging,
        nullif(trim(postcode), '') as postcode,
        nullif(trim(plaatsnaam), '') as plaatsnaam,
        {{ gemeente_code('gemeentenummer') }} as gemeente_code,
        nullif(trim(gemeentenaam), '') as gemeentenaam,
        nullif(trim(provincie), '') as provincie,
        nullif(trim(denominatie), '') as denominatie,
        nullif(trim(onderwijsstructuur), '') as onderwijsstructuur,
        coalesce(trim(onderwijsstructuur) like '%VBO%', false) as offers_vmbo_beroepsgericht,
        nullif(trim(coropgebied_code), '') as coropgebied_code,
        nullif(trim(coropgebied_naam), '') as coropgebied_naam,
        nullif(trim(rmc_regio_code), '') as rmc_regio_code,
        nullif(trim(rpa_gebied_code), '') as rpa_gebied_code,

        -- lineage
        _load_id as load_id,
        _file_sha256 as file_sha256,
        _row_number as source_row_number
    from source
)

select * from renamed
