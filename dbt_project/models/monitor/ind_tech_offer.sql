-- Indicators of the technical offer (DOMAIN §4.3) per definition x peiljaar x scope (national
-- NL | region, incl. GEEN): technical profielen offered (out of those in the definition) and
-- whether the offer is complete (dekkend), vestigingen with a technical offer among those with
-- vmbo beroepsgericht pupils in leerjaar 3-4, (vestiging, technical profiel) offers and the
-- average technical pupils per offer. Vestigingen and profielen are not people and are published
-- as they are; the technical pupils are summed DUO cells (threshold, bounds) and small-cell
-- protected (docs/monitor.md), and the average is computed from the published count.
with

src as (
    select * from {{ ref('int_tech_offer__unprotected') }}
),

region_names as (
    {{ monitor_region_names() }}
),

settings as (
    {{ monitor_settings_select() }}
),

measured as (
    select
        src.definition,
        src.peiljaar,
        src.scope,
        src.region_id,
        src.n_vestigingen_vbo,
        src.n_vestigingen_with_tech,
        src.n_tech_profile_offers,
        src.n_tech_profiles_offered,
        src.n_tech_profiles_defined,
        {{ duo_count_measures('n_tech_pupils_upper') }},
        src.n_tech_pupils_upper_n_cells as n_cells,
        src.n_tech_pupils_upper_n_suppressed_cells as n_suppressed_cells
    from src
    cross join settings
),

{{ small_cell_protect_declared('measured') }}

select
    sc_protected.definition,
    cast(sc_protected.peiljaar as integer) as peiljaar,
    sc_protected.scope,
    sc_protected.region_id,
    case
        when sc_protected.scope = 'national' then 'Nederland'
        else coalesce(region_names.region_name, sc_protected.region_id)
    end as region_name,
    cast(sc_protected.n_tech_profiles_defined as integer) as n_tech_profiles_defined,
    cast(sc_protected.n_tech_profiles_offered as integer) as n_tech_profiles_offered,
    sc_protected.n_tech_profiles_defined > 0
    and sc_protected.n_tech_profiles_offered = sc_protected.n_tech_profiles_defined
        as is_tech_offer_complete,
    cast(sc_protected.n_vestigingen_vbo as integer) as n_vestigingen_vbo,
    cast(sc_protected.n_vestigingen_with_tech as integer) as n_vestigingen_with_tech,
    {{ safe_ratio('sc_protected.n_vestigingen_with_tech', 'sc_protected.n_vestigingen_vbo') }}
        as share_vestigingen_with_tech,
    cast(sc_protected.n_tech_profile_offers as integer) as n_tech_profile_offers,
    cast(
        case
            when not sc_protected.n_tech_pupils_upper__withheld
                then sc_protected.n_tech_pupils_upper
        end as bigint
    ) as n_tech_pupils_upper,
    cast(
        case
            when not sc_protected.n_tech_pupils_upper__withheld
                then sc_protected.n_tech_pupils_upper_lower
        end as bigint
    ) as n_tech_pupils_upper_lower,
    cast(
        case
            when not sc_protected.n_tech_pupils_upper__withheld
                then sc_protected.n_tech_pupils_upper_upper
        end as bigint
    ) as n_tech_pupils_upper_upper,
    case
        when not sc_protected.n_tech_pupils_upper__withheld
            then {{ safe_ratio('sc_protected.n_tech_pupils_upper',
                'sc_protected.n_tech_profile_offers') }}
    end as avg_tech_pupils_per_offer,
    cast(sc_protected.n_cells as integer) as n_cells,
    cast(sc_protected.n_suppressed_cells as integer) as n_suppressed_cells,
    {{ safe_ratio('sc_protected.n_suppressed_cells', 'sc_protected.n_cells') }}
        as pct_suppressed,
    sc_protected.n_tech_pupils_upper__withheld as is_small_cell_protected
from sc_protected
left join region_names on sc_protected.region_id = region_names.region_id
