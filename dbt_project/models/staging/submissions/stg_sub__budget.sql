-- Aanvraag, sheet begroting: budget per year and cost category.
with

flagged as (
    {{ sub_flagged_rows('sub_budget') }}
),

renamed as (
    select
        {{ sub_lineage() }},
        {{ sub_year('jaar') }} as jaar,
        {{ sub_code('kostencategorie') }} as cost_category,
        {{ sub_number('bedrag') }} as amount_eur,
        is_current
    from flagged
)

select * from renamed
