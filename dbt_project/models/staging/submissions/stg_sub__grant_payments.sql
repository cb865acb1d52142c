-- Payments as the grant administrator exports them (layout: docs/submissions.md). Each export
-- is a full extract: the latest export is current.
with

source as (
    select * from {{ source('submissions', 'sub_grant_payment') }}
),

renamed as (
    select
        {{ sub_lineage() }},
        upper({{ sub_text('regio_id') }}) as grant_region_id,
        {{ sub_text('beschikkingsnummer') }} as decision_number,
        {{ sub_date('betaaldatum') }} as payment_date,
        {{ sub_year('subsidiejaar') }} as subsidiejaar,
        {{ sub_number('bedrag') }} as amount_eur,
        dense_rank() over (order by _submitted_at desc, _submission_id desc) = 1 as is_current
    from source
)

select * from renamed
