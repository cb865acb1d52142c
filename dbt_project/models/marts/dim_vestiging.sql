-- One row per version of a vo vestiging (SCD2), plus the explicit unknown member so that a
-- fact row whose BRIN6 is missing from every address list still has a key.
with

versions as (
    select * from {{ ref('int_vestiging__versions') }}
),

besturen as (
    select * from {{ ref('dim_bestuur') }}
),

dimension as (
    select
        {{ surrogate_key(['versions.brin6', 'versions.valid_from']) }} as vestiging_key,
        versions.brin6,
        versions.brin,
        cast(versions.version_number as integer) as version_number,
        versions.valid_from,
        versions.valid_to,
        versions.is_current,
        versions.vestigingsnaam,
        coalesce(besturen.bestuur_key, {{ unknown_key() }}) as bestuur_key,
        versions.bevoegd_gezag_nummer,
        versions.straatnaam,
        versions.huisnummer_toevoeging,
        versions.postcode,
        versions.plaatsnaam,
        versions.gemeente_code,
        versions.gemeentenaam,
        versions.provincie,
        versions.denominatie,
        versions.onderwijsstructuur,
        versions.offers_vmbo_beroepsgericht,
        versions.coropgebied_code,
        versions.coropgebied_naam,
        versions.load_id as source_load_id
    from versions
    left join besturen
        on versions.bevoegd_gezag_nummer = besturen.bevoegd_gezag_nummer
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
        {{ unknown_key() }} as bestuur_key,
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
