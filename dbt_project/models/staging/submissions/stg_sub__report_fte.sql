-- Voortgang / eindverslag, sheet fte: fte per year, internal or external, temporary or
-- permanent contract; new or existing staff, the part whose contract ends next year, the part
-- made permanent this year (template 2026.2).
with

flagged as (
    {{ sub_flagged_rows('sub_report_fte') }}
),

renamed as (
    select
        {{ sub_lineage() }},
        {{ sub_year('jaar') }} as jaar,
        {{ sub_code('herkomst') }} as fte_origin,
        {{ sub_code('contract') }} as contract_type,
        {{ sub_number('fte') }} as fte,
        {{ sub_code('personeel') }} as staff_kind,
        {{ sub_number('fte_einde_volgend_jaar') }} as fte_ending_next_year,
        {{ sub_number('fte_omgezet_vast') }} as fte_converted_permanent,
        is_current
    from flagged
)

select * from renamed
