-- Each DUO enrollment cell with its leerweg (from onderwijstype) and vmbo profiel (from AFDELING),
-- both through seeds, so which label means what is data (DESIGN §5), not SQL.
with

cells as (
    select * from {{ ref('stg_duo__vo_leerlingen_onderwijstype') }}
),

onderwijstypen as (
    select * from {{ ref('vo_onderwijstype_map') }}
),

afdelingen as (
    select * from {{ ref('vmbo_afdeling_map') }}
),

classified as (
    select
        cells.peiljaar,
        cells.brin6,
        cells.onderwijstype,
        onderwijstypen.leerweg,
        onderwijstypen.is_vmbo_beroepsgericht_upper,
        cells.vmbo_sector,
        cells.afdeling,
        case
            when onderwijstypen.is_vmbo_beroepsgericht_upper then afdelingen.profiel_code
            else 'GEEN'
        end as profiel_code,
        cells.opleidingscode,
        cells.leerjaar,
        cells.geslacht,
        cells.n_pupils,
        cells.is_suppressed,
        cells.load_id,
        cells.file_sha256
    from cells
    left join onderwijstypen
        on cells.onderwijstype = onderwijstypen.onderwijstype_label
    left join afdelingen
        on cells.afdeling = afdelingen.afdeling_label
)

select * from classified
