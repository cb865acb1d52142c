-- SCD2 versions of each vestiging, derived from the raw history of monthly address lists
-- (DESIGN §2: history from raw, not from dbt snapshots). A new version starts at the first
-- snapshot where a tracked attribute differs from the previous snapshot.
with

snapshots as (
    select
        *,
        md5(concat_ws(
            '|', vestigingsnaam, straatnaam, huisnummer_toevoeging, postcode, plaatsnaam,
            gemeente_code, provincie, denominatie, onderwijsstructuur, bevoegd_gezag_nummer,
            coropgebied_code
        )) as attribute_hash
    from {{ ref('stg_duo__vo_vestigingen') }}
),

changes as (
    select
        *,
        coalesce(
            attribute_hash
            <> lag(attribute_hash) over (partition by brin6 order by snapshot_date),
            true
        ) as is_change
    from snapshots
),

numbered as (
    select
        *,
        sum(case when is_change then 1 else 0 end)
            over (partition by brin6 order by snapshot_date) as version_number
    from changes
),

versions as (
    select distinct on (brin6, version_number)
        brin6,
        version_number,
        snapshot_date as first_snapshot_date,
        vestigingsnaam,
        brin,
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
        load_id,
        file_sha256
    from numbered
    where is_change
    order by brin6, version_number, snapshot_date
),

ranged as (
    select
        *,
        -- The first known version also covers earlier peildata: DUO's older address lists are
        -- not in the archive, and a vestiging's BRIN6 does not change when it is renamed.
        case
            when version_number = 1 then date '1900-01-01' else first_snapshot_date
        end as valid_from,
        coalesce(
            lead(first_snapshot_date) over (partition by brin6 order by version_number),
            date '9999-12-31'
        ) as valid_to,
        lead(first_snapshot_date) over (
            partition by brin6 order by version_number
        ) is null as is_current
    from versions
)

select * from ranged
