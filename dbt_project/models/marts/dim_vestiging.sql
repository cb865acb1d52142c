-- One row per version of a vo vestiging (SCD2), plus the explicit unknown member so that a
-- fact row whose BRIN6 is missing from every address list still has a key.
with

versions as (
    select * from {{ ref('int_vestiging__versions') }}
),

dimension as (
    select
        {{ surrogate_key(['brin6', 'valid_from']) }} as vestiging_key,
        brin6,
        brin,
        cast(version_number as integer) as version_number,
        valid_from,
        valid_to,
        is_current,
        vestigingsnaam,
        bevoegd_gezag_nummer,
        straatnaam,
        huisnummer_toevoeging,
        postcode,
        plaatsnaam,
        gemeente_code,
        gemeentenaam,
        provincie,
        denominatie,
        onderwijsstructuur,
        offers_vmbo_beroepsgericht,
        coropgebied_code,
        coropgebied_naam,
        load_id as source_load_id
    from versions
),

unknown_member as (
    select
        {{ unknown_key() }} as vestiging_key,
        '-1' as brin6,
        '-1' as brin,
        0 as version_number,
        date '1900-01-01' as valid_from,
        date '9999-12-31' as valid_to,
        true as is_current,
        'Onbekende vestiging (niet in een DUO-adressenbestand)' as vestigingsnaam,
        null as bevoegd_gezag_nummer,
        null as straatnaam,
        null as huisnummer_toevoeging,
        null as postcode,
        null as plaatsnaam,
        null as gemeente_code,
        null as gemeentenaam,
        null as provincie,
        null as denominatie,
        null as onderwijsstructuur,
        false as offers_vmbo_beroepsgericht,
        null as coropgebied_code,
        null as coropgebied_naam,
        cast(null as bigint) as source_load_id
)

select * from dimension
union all
select * from unknown_member
