-- Aanvraag, sheet fte: planned fte per year.
with

flagged as (
    {{ sub_flagged_rows('sub_fte_plan') }}
),

renamed as (
    select
        {{ sub_lineage() }},
        {{ sub_year('jaar') }} as jaar,
        {{ sub_number('fte') }} as fte,
        is_current
    from flagged
)

select * from renamed
