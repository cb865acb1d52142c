-- The crosswalk a registration declares: the region(s) of the previous period it continues.
with

flagged as (
    {{ sub_flagged_rows('sub_predecessor') }}
),

renamed as (
    select
        {{ sub_lineage() }},
        _period as region_period,
        upper({{ sub_text('voorganger_regio_id') }}) as predecessor_region_id,
        {{ sub_text('toelichting') }} as note,
        is_current
    from flagged
)

select * from renamed
