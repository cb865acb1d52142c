-- Registrations (sheet regio): a region's name, type and penvoerder for a region period.
with

flagged as (
    {{ sub_flagged_rows('sub_registration') }}
),

renamed as (
    select
        {{ sub_lineage() }},
        _period as region_period,
        {{ sub_text('regio_naam') }} as region_name,
        {{ sub_code('regio_type') }} as region_type,
        {{ sub_text('penvoerder_bevoegd_gezag') }} as penvoerder_bevoegd_gezag_nummer,
        {{ sub_text('penvoerder_naam') }} as penvoerder_naam,
        is_current
    from flagged
)

select * from renamed
