-- Pupils per vestiging x onderwijstype x afdeling x leerjaar x sex: the 12 wide count columns
-- unpivoted, '<5' kept as suppressed (count NULL, is_suppressed true), never as 0.
with

source as (
    select * from {{ source('duo', 'duo_vo_leerlingen_onderwijstype') }}
),

cells as (
    select
        source._period,
        source._load_id,
        source._file_sha256,
        source._row_number,
        source.instellingscode,
        source.vestigingscode,
        source.onderwijstype_vo_en_leer_of_verblijfsjaar,
        source.vmbo_sector,
        source.afdeling,
        source.opleidingscode,
        source.opleidingsnaam,
        cell.leerjaar,
        cell.geslacht,
        cell.raw_value
    from source
    cross join lateral (
        values
        (1, 'man', source.leer_of_verblijfsjaar_1_man),
        (1, 'vrouw', source.leer_of_verblijfsjaar_1_vrouw),
        (2, 'man', source.leer_of_verblijfsjaar_2_man),
        (2, 'vrouw', source.leer_of_verblijfsjaar_2_vrouw),
        (3, 'man', source.leer_of_verblijfsjaar_3_man),
        (3, 'vrouw', source.leer_of_verblijfsjaar_3_vrouw),
        (4, 'man', source.leer_of_verblijfsjaar_4_man),
        (4, 'vrouw', source.leer_of_verblijfsjaar_4_vrouw),
        (5, 'man', source.leer_of_verblijfsjaar_5_man),
        (5, 'vrouw', source.leer_of_verblijfsjaar_5_vrouw),
        (6, 'man', source.leer_of_verblijfsjaar_6_man),
        (6, 'vrouw', source.leer_of_verblijfsjaar_6_vrouw)
    ) as cell (leerjaar, geslacht, raw_value)
),

renamed as (
    select
        -- ids
        {{ brin6('instellingscode', 'vestigingscode') }} as brin6,
        cast(_period as integer) as peiljaar,

        -- classification
        trim(onderwijstype_vo_en_leer_of_verblijfsjaar) as onderwijstype,
        {{ nvt_to_null('vmbo_sector') }} as vmbo_sector,
        coalesce({{ nvt_to_null('afdeling') }}, 'N.v.t.') as afdeling,
        nullif(trim(opleidingscode), '') as opleidingscode,
        nullif(trim(opleidingsnaam), '') as opleidingsnaam,
        leerjaar,
        geslacht,

        -- numerics
        {{ duo_count('raw_value') }} as n_pupils,
        {{ duo_is_suppressed('raw_value') }} as is_suppressed,
        raw_value,

        -- lineage
        _load_id as load_id,
        _file_sha256 as file_sha256,
        _row_number as source_row_number
    from cells
    -- An empty or zero cell is no pupils and is dropped; '<5' (1-4 pupils) and anything
    -- unexpected stay, so a test sees a value that is neither a count nor suppressed.
    where trim(raw_value) !~ '^0*$'
)

select * from renamed
