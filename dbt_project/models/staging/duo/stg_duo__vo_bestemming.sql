-- Where vo graduates went: one row per diplomajaar x origin vestiging x onderwijstype x leerweg
-- x afdeling x bestemming x destination instelling / crebo / niveau. DUO hides small flows:
-- counts of 1-4 read '<5', the destination BRIN reads 'XXXX' and its name 'Niet onderscheiden'.
-- Such a destination becomes NULL with is_destination_suppressed = true; the hidden rows of one
-- origin then share a key and are collapsed into one row here. n_graduates is exact or NULL:
-- NULL when any collapsed cell was '<5' (n_graduates_known and n_suppressed_cells bound it).
with

source as (
    select * from {{ source('duo', 'duo_vo_bestemming') }}
),

leerwegen as (
    select * from {{ ref('vo_leerweg_map') }}
),

cleaned as (
    select
        -- origin
        cast(_period as integer) as diplomajaar,
        {{ brin6('instellingscode', 'vestigingscode') }} as brin6,
        {{ duo_brin('instellingscode') }} as brin,
        trim(onderwijstype_vo) as onderwijstype,
        {{ nvt_to_null('leerweg_vmbo') }} as leerweg_vmbo,
        coalesce({{ nvt_to_null('leerweg_vmbo') }}, upper(trim(onderwijstype_vo)))
            as leerweg_label,
        coalesce({{ nvt_to_null('afdeling') }}, 'N.v.t.') as afdeling,
        {{ nvt_to_null('instellingsnaam_vestiging') }} as instellingsnaam_vestiging,
        {{ nvt_to_null('gemeentenaam_vestiging') }} as gemeentenaam_vestiging,

        -- destination
        {{ nvt_to_null('bestemming') }} as bestemming,
        {{ duo_is_destination_suppressed(
            'instellingscode_bestemming', 'instellingsnaam_bestemming'
        ) }} as is_destination_suppressed,
        {{ duo_brin('instellingscode_bestemming') }} as instellingscode_bestemming_published,
        {{ nvt_to_null('instellingsnaam_bestemming') }} as instellingsnaam_bestemming_published,
        {{ nvt_to_null('gemeentenaam_bestemming') }} as gemeentenaam_bestemming,
        {{ duo_crebo('erkende_opleidingscode_bestemming') }} as crebo_bestemming,
        {{ duo_niveau('niveau_bestemming') }} as niveau_bestemming,

        -- numerics
        {{ duo_count('aantal_gediplomeerden') }} as n_cell,
        coalesce({{ duo_is_suppressed('aantal_gediplomeerden') }}, false) as is_cell_suppressed,

        -- lineage
        _period,
        _load_id,
        _file_sha256,
        _row_number
    from source
),

keyed as (
    select
        *,
        case
            when not is_destination_suppressed then instellingscode_bestemming_published
        end as instellingscode_bestemming,
        case
            when not is_destination_suppressed then instellingsnaam_bestemming_published
        end as instellingsnaam_bestemming
    from cleaned
),

collapsed as (
    select
        keyed.diplomajaar,
        keyed.brin6,
        keyed.onderwijstype,
        keyed.leerweg_label,
        keyed.afdeling,
        keyed.bestemming,
        keyed.is_destination_suppressed,
        keyed.instellingscode_bestemming,
        keyed.crebo_bestemming,
        keyed.niveau_bestemming,
        max(keyed.brin) as brin,
        max(keyed.leerweg_vmbo) as leerweg_vmbo,
        max(keyed.instellingsnaam_vestiging) as instellingsnaam_vestiging,
        max(keyed.gemeentenaam_vestiging) as gemeentenaam_vestiging,
        max(keyed.instellingsnaam_bestemming) as instellingsnaam_bestemming,
        max(keyed.gemeentenaam_bestemming) as gemeentenaam_bestemming,
        case when not bool_or(keyed.is_cell_suppressed) then sum(keyed.n_cell) end as n_graduates,
        coalesce(sum(keyed.n_cell), 0) as n_graduates_known,
        count(*) filter (where keyed.is_cell_suppressed) as n_suppressed_cells,
        bool_or(keyed.is_cell_suppressed) as is_suppressed,
        count(*) as n_source_rows,
        max(keyed._period) as source_period,
        max(keyed._load_id) as load_id,
        max(keyed._file_sha256) as file_sha256,
        min(keyed._row_number) as source_row_number
    from keyed
    group by
        keyed.diplomajaar,
        keyed.brin6,
        keyed.onderwijstype,
        keyed.leerweg_label,
        keyed.afdeling,
        keyed.bestemming,
        keyed.is_destination_suppressed,
        keyed.instellingscode_bestemming,
        keyed.crebo_bestemming,
        keyed.niveau_bestemming
),

classified as (
    select
        collapsed.*,
        leerwegen.leerweg
    from collapsed
    left join leerwegen
        on collapsed.leerweg_label = leerwegen.leerweg_label
)

select * from classified
