-- Voortgang / eindverslag, sheet activiteiten: activities with who cooperates, target and
-- result.
with

source as (
    select * from {{ source('submissions', 'sub_report_activity') }}
),

current_submissions as (
    {{ sub_current_submissions() }}
),

flagged as (
    select
        source.*,
        current_submissions._submission_id is not null as is_current
    from source
    left join current_submissions
        on source._submission_id = current_submissions._submission_id
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
