-- Sheet cofinanciering: planned (submission_type aanvraag) or realised (voortgang,
-- eindverslag) business co-financing per year, cash or in kind.
with

flagged as (
    {{ sub_flagged_rows('sub_cofinancing') }}
),

renamed as (
    select
        {{ sub_lineage() }},
        {{ sub_year('jaar') }} as jaar,
        {{ sub_code('soort') }} as cofinancing_kind,
        {{ sub_number('bedrag') }} as amount_eur,
        _submission_type = 'aanvraag' as is_planned,
        is_current
    from flagged
)

select * from renamed
