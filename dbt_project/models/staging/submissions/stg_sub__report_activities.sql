-- Voortgang / eindverslag, sheet activiteiten: activities with who cooperates, target and
-- result.
with

flagged as (
    {{ sub_flagged_rows('sub_report_activity') }}
),

renamed as (
    select
        {{ sub_lineage() }},
        {{ sub_text('activiteit') }} as activity,
        {{ sub_code('samenwerking') }} as cooperation,
        cast({{ sub_number('doel') }} as integer) as activity_target,
        cast({{ sub_number('resultaat') }} as integer) as activity_result,
        is_current
    from flagged
)

select * from renamed
