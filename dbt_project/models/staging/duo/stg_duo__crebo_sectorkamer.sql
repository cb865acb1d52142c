-- The crebo -> sectorkamer lookup: one row per crebo (erkende opleidingscode). DUO's file has one
-- row per crebo x beroep; the beroep rows are collapsed, and a crebo published in several files
-- (periods) is taken from the newest one. Sectorkamer names are trimmed, not renamed: the seed
-- mbo_sectorkamers maps each published spelling (and says which count as technical).
with

source as (
    select * from {{ source('duo', 'duo_crebo_sectorkamer') }}
),

cleaned as (
    select
        {{ duo_crebo('erkende_opleidingscode') }} as crebo,
        {{ nvt_to_null('erkende_opleidingsnaam') }} as erkende_opleidingsnaam,
        {{ duo_niveau('niveau') }} as niveau,
        {{ nvt_to_null('sectorkamer_naam') }} as sectorkamer_naam,
        {{ nvt_to_null('hoofdgroep_code') }} as hoofdgroep_code,
        {{ nvt_to_null('hoofdgroep_naam') }} as hoofdgroep_naam,
        {{ nvt_to_null('subgroep_code') }} as subgroep_code,
        {{ nvt_to_null('subgroep_naam') }} as subgroep_naam,
        {{ nvt_to_null('dossier_code') }} as dossier_code,
        {{ nvt_to_null('dossier_naam') }} as dossier_naam,
        {{ nvt_to_null('beroepcode') }} as beroepcode,
        _period,
        _load_id,
        _file_sha256,
        _row_number
    from source
    where {{ duo_crebo('erkende_opleidingscode') }} is not null
),

beroepen as (
    select
        crebo,
        _period,
        count(distinct beroepcode) as n_beroepen
    from cleaned
    group by crebo, _period
),

counted as (
    select
        cleaned.*,
        beroepen.n_beroepen
    from cleaned
    inner join beroepen
        on
            cleaned.crebo = beroepen.crebo
            and cleaned._period = beroepen._period
),

deduplicated as (
    -- Newest period first; within it the first published row (the crebo columns repeat on
    -- every beroep row).
    select distinct on (crebo)
        crebo,
        erkende_opleidingsnaam,
        niveau,
        sectorkamer_naam,
        hoofdgroep_code,
        hoofdgroep_naam,
        subgroep_code,
        subgroep_naam,
        dossier_code,
        dossier_naam,
        n_beroepen,
        _period as source_period,
        _load_id as load_id,
        _file_sha256 as file_sha256,
        _row_number as source_row_number
    from counted
    order by crebo asc, _period desc, _row_number asc
)

select * from deduplicated
