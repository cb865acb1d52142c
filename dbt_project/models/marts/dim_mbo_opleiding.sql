-- One row per mbo opleiding (crebo, erkende opleidingscode) seen in any DUO file - the crebo
-- lookup, mbo students, new mbo students and vo graduates' destinations - plus the explicit
-- unknown member. The sectorkamer comes from DUO's crebo lookup, else from the mbo students file
-- (which names it per row); whether it counts as technical mbo is the seed mbo_sectorkamers
-- (DESIGN §5). A crebo with no sectorkamer anywhere has is_technical NULL (unknown), never false.
with

lookup as (
    select * from {{ ref('stg_duo__crebo_sectorkamer') }}
),

students as (
    select * from {{ ref('stg_duo__mbo_studenten') }}
),

inflow as (
    select * from {{ ref('stg_duo__mbo_instroom') }}
),

flows as (
    select * from {{ ref('stg_duo__vo_bestemming') }}
),

sectorkamers as (
    select * from {{ ref('mbo_sectorkamers') }}
),

mentions as (
    select
        crebo,
        'crebo_lookup' as seen_in
    from lookup
    union all
    select
        crebo,
        'mbo_studenten' as seen_in
    from students
    union all
    select
        crebo,
        'mbo_instroom' as seen_in
    from inflow
    union all
    select
        crebo_bestemming as crebo,
        'vo_bestemming' as seen_in
    from flows
),

crebos as (
    select
        crebo,
        bool_or(seen_in = 'crebo_lookup') as is_in_crebo_lookup
    from mentions
    where crebo is not null
    group by crebo
),

-- The newest mbo students row per crebo that names a sectorkamer and an opleiding.
student_names as (
    select distinct on (crebo)
        crebo,
        erkende_opleidingsnaam,
        sectorkamer_naam,
        niveau
    from students
    order by crebo asc, jaar desc, (sectorkamer_naam is null) asc, source_row_number asc
),

inflow_names as (
    select distinct on (crebo)
        crebo,
        beroepsopleiding_naam,
        hoofdgroep_naam,
        niveau
    from inflow
    order by crebo asc, jaar desc, source_row_number asc
),

dimension as (
    select
        {{ surrogate_key(['crebos.crebo']) }} as opleiding_key,
        crebos.crebo,
        coalesce(
            lookup.erkende_opleidingsnaam,
            student_names.erkende_opleidingsnaam,
            inflow_names.beroepsopleiding_naam
        ) as opleiding_naam,
        coalesce(lookup.niveau, student_names.niveau, inflow_names.niveau) as niveau,
        coalesce(lookup.sectorkamer_naam, student_names.sectorkamer_naam) as sectorkamer_label,
        sectorkamers.sectorkamer_naam,
        sectorkamers.is_technical,
        coalesce(lookup.hoofdgroep_naam, inflow_names.hoofdgroep_naam) as hoofdgroep_naam,
        lookup.dossier_naam,
        case
            when lookup.sectorkamer_naam is not null then 'crebo_lookup'
            when student_names.sectorkamer_naam is not null then 'mbo_studenten'
        end as sectorkamer_source,
        crebos.is_in_crebo_lookup,
        lookup.load_id as source_load_id
    from crebos
    left join lookup
        on crebos.crebo = lookup.crebo
    left join student_names
        on crebos.crebo = student_names.crebo
    left join inflow_names
        on crebos.crebo = inflow_names.crebo
    left join sectorkamers
        on
            coalesce(lookup.sectorkamer_naam, student_names.sectorkamer_naam)
            = sectorkamers.sectorkamer_label
),

unknown_member as (
    select
        {{ unknown_key() }} as opleiding_key,
        '-1' as crebo,
        'Onbekende of geen mbo-opleiding' as opleiding_naam,
        cast(null as integer) as niveau,
        null as sectorkamer_label,
        null as sectorkamer_naam,
        cast(null as boolean) as is_technical,
        null as hoofdgroep_naam,
        null as dossier_naam,
        null as sectorkamer_source,
        false as is_in_crebo_lookup,
        cast(null as bigint) as source_load_id
)

select * from dimension
union all
select * from unknown_member
