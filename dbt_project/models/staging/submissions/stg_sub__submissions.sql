-- One row per loaded submission (sheet algemeen): region, type, period, when it was submitted
-- and received, the declared totals, and which version is current. History stays: every
-- version is here, is_current marks the latest submitted-at per (region, type, period).
with

source as (
    select * from {{ source('submissions', 'sub_header') }}
),

renamed as (
    select
        {{ sub_lineage() }},
        _received_at as received_at,
        _template_version as template_version,
        _source_file as source_file,
        {{ sub_date('rapportage_van') }} as report_start,
        {{ sub_date('rapportage_tot') }} as report_end,
        {{ sub_number('totaal_begroting') }} as declared_budget_eur,
        {{ sub_number('totaal_uitgaven') }} as declared_spend_eur,
        {{ sub_number('totaal_cofinanciering') }} as declared_cofinancing_eur,
        row_number() over (
            partition by _region_id, _submission_type, _period
            order by _submitted_at asc, _submission_id asc
        ) as version_number,
        count(*) over (partition by _region_id, _submission_type, _period) as n_versions,
        row_number() over (
            partition by _region_id, _submission_type, _period
            order by _submitted_at desc, _submission_id desc
        ) = 1 as is_current
    from source
)

select * from renamed
