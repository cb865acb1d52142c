-- Aanvraag 2024, sheet verlenging: the contents the 2024 extension regulation requires (seed
-- sub_extension_requirements).
with

flagged as (
    {{ sub_flagged_rows('sub_extension') }}
),

renamed as (
    select
        {{ sub_lineage() }},
        {{ sub_text('wijzigingen_activiteitenplan') }} as changes_to_activity_plan,
        {{ sub_text('activiteiten_voor_1_augustus_2024') }} as activities_before_august_2024,
        {{ sub_text('regionaal_doel_dekking_kwaliteit') }} as regional_goal_coverage_quality,
        {{ sub_number('reservering_plan_2025') }} as reservation_plan_2025_eur,
        is_current
    from flagged
)

select * from renamed
