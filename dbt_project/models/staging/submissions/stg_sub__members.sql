-- Participants per region and period with their validity. participant_code: BRIN6 (vmbo, vso,
-- pro, po), instellingscode (mbo), a KvK pseudonym (bedrijf) or NULL; company names are not
-- stored (docs/privacy.md).
with

flagged as (
    {{ sub_flagged_rows('sub_membership') }}
),

renamed as (
    select
        {{ sub_lineage() }},
        _period as region_period,
        {{ sub_code('deelnemer_type') }} as participant_type,
        case
            when {{ sub_code('deelnemer_type') }} = 'bedrijf' then {{ sub_text('code') }}
            else upper({{ sub_text('code') }})
        end as participant_code,
        {{ sub_text('naam') }} as participant_name,
        {{ sub_date('geldig_van') }} as valid_from,
        {{ sub_date('geldig_tot') }} as valid_to_inclusive,
        is_current
    from flagged
)

select * from renamed
