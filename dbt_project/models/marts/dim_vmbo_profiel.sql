-- The ten vmbo beroepsgerichte profielen (plus GEEN), with a technical flag per definition.
with

profielen as (
    select * from {{ ref('vmbo_profielen') }}
),

definitions as (
    select * from {{ ref('technical_profile_definitions') }}
),

flags as (
    select
        profiel_code,
        bool_or(definition = 'hard_techniek') as is_technical_hard_techniek,
        bool_or(definition = 'sto_2020') as is_technical_sto_2020,
        bool_or(definition = 'sto_2025_duo') as is_technical_sto_2025
    from definitions
    group by profiel_code
)

select
    {{ surrogate_key(['profielen.profiel_code']) }} as profiel_key,
    profielen.profiel_code,
    profielen.profiel_naam,
    cast(profielen.sort_order as integer) as sort_order,
    coalesce(flags.is_technical_hard_techniek, false) as is_technical_hard_techniek,
    coalesce(flags.is_technical_sto_2020, false) as is_technical_sto_2020,
    coalesce(flags.is_technical_sto_2025, false) as is_technical_sto_2025
from profielen
left join flags on profielen.profiel_code = flags.profiel_code
