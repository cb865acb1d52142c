-- One row per bevoegd gezag (school board) seen in any DUO address list - the vo and mbo board
-- lists, and the boards named by vo vestigingen and vo/mbo instellingen - plus the explicit
-- unknown member. Type 1: the attributes of the newest board-list snapshot (a board named only by
-- a vestiging or instelling list has no address: has_board_record is false). Which board a
-- vestiging belonged to when is history kept by dim_vestiging (SCD2 on bevoegd_gezag_nummer).
with

vo_besturen as (
    select
        *,
        'vo' as sector
    from {{ ref('stg_duo__vo_besturen') }}
),

mbo_besturen as (
    select
        *,
        'mbo' as sector
    from {{ ref('stg_duo__mbo_besturen') }}
),

board_lists as (
    select
        bevoegd_gezag_nummer,
        sector,
        snapshot_date,
        bevoegd_gezag_naam,
        kvk_nummer,
        straatnaam,
        huisnummer_toevoeging,
        postcode,
        plaatsnaam,
        gemeente_code,
        gemeentenaam,
        denominatie,
        internetadres,
        load_id
    from vo_besturen
    union all
    select
        bevoegd_gezag_nummer,
        sector,
        snapshot_date,
        bevoegd_gezag_naam,
        kvk_nummer,
        straatnaam,
        huisnummer_toevoeging,
        postcode,
        plaatsnaam,
        gemeente_code,
        gemeentenaam,
        denominatie,
        internetadres,
        load_id
    from mbo_besturen
),

mentions as (
    select
        bevoegd_gezag_nummer,
        'vo' as sector,
        snapshot_date
    from {{ ref('stg_duo__vo_vestigingen') }}
    union all
    select
        bevoegd_gezag_nummer,
        'vo' as sector,
        snapshot_date
    from {{ ref('stg_duo__vo_instellingen') }}
    union all
    select
        bevoegd_gezag_nummer,
        'mbo' as sector,
        snapshot_date
    from {{ ref('stg_duo__mbo_instellingen') }}
    union all
    select
        bevoegd_gezag_nummer,
        sector,
        snapshot_date
    from board_lists
),

seen as (
    select
        bevoegd_gezag_nummer,
        bool_or(sector = 'vo') as is_vo,
        bool_or(sector = 'mbo') as is_mbo,
        min(snapshot_date) as first_snapshot_date,
        max(snapshot_date) as last_snapshot_date
    from mentions
    where bevoegd_gezag_nummer is not null
    group by bevoegd_gezag_nummer
),

newest as (
    select distinct on (bevoegd_gezag_nummer) *
    from board_lists
    where bevoegd_gezag_nummer is not null
    order by bevoegd_gezag_nummer asc, snapshot_date desc, sector desc
),

dimension as (
    select
        {{ surrogate_key(['seen.bevoegd_gezag_nummer']) }} as bestuur_key,
        seen.bevoegd_gezag_nummer,
        newest.bevoegd_gezag_naam,
        newest.kvk_nummer,
        newest.straatnaam,
        newest.huisnummer_toevoeging,
        newest.postcode,
        newest.plaatsnaam,
        newest.gemeente_code,
        newest.gemeentenaam,
        newest.denominatie,
        newest.internetadres,
        seen.is_vo as is_vo_bestuur,
        seen.is_mbo as is_mbo_bestuur,
        newest.bevoegd_gezag_nummer is not null as has_board_record,
        seen.first_snapshot_date,
        seen.last_snapshot_date,
        newest.load_id as source_load_id
    from seen
    left join newest
        on seen.bevoegd_gezag_nummer = newest.bevoegd_gezag_nummer
),

unknown_member as (
    select
        {{ unknown_key() }} as bestuur_key,
        '-1' as bevoegd_gezag_nummer,
        'Onbekend bevoegd gezag' as bevoegd_gezag_naam,
        null as kvk_nummer,
        null as straatnaam,
        null as huisnummer_toevoeging,
        null as postcode,
        null as plaatsnaam,
        null as gemeente_code,
        null as gemeentenaam,
        null as denominatie,
        null as internetadres,
        false as is_vo_bestuur,
        false as is_mbo_bestuur,
        false as has_board_record,
        cast(null as date) as first_snapshot_date,
        cast(null as date) as last_snapshot_date,
        cast(null as bigint) as source_load_id
)

select * from dimension
union all
select * from unknown_member
