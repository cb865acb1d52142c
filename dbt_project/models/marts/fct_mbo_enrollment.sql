-- mbo students on 1 October: one row per jaar x instelling x opleiding (crebo) x niveau x
-- leerweg x sex, as DUO publishes them (each jaar from the newest 5-year window). A suppressed
-- count ('<5', or 4 with INDICATIEAVG = 'J') is NULL with bounds 1 and 4, never a count.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ incremental_period_delete() }}",
    )
}}

with

students as (
    select * from {{ ref('stg_duo__mbo_studenten') }}
    where {{ incremental_period_filter('jaar') }}
),

opleidingen as (
    select * from {{ ref('dim_mbo_opleiding') }}
),

settings as (
    {{ monitor_settings_select() }}
)

select
    {{ surrogate_key(['students.jaar', 'students.instellingscode', 'students.crebo',
        'students.niveau', 'students.leerweg', 'students.geslacht']) }} as mbo_enrollment_key,
    cast(students.jaar as integer) as peiljaar,
    coalesce(opleidingen.opleiding_key, {{ unknown_key() }}) as opleiding_key,
    students.instellingscode,
    students.crebo,
    cast(students.niveau as integer) as niveau,
    students.leerweg,
    students.geslacht,
    cast(students.n_students as integer) as n_students,
    students.is_suppressed,
    cast(
        coalesce(
            students.n_students,
            case when students.is_suppressed then settings.lower_per_cell end
        ) as integer
    ) as n_students_lower,
    cast(
        coalesce(
            students.n_students,
            case when students.is_suppressed then settings.upper_per_cell end
        ) as integer
    ) as n_students_upper,
    students.source_window,
    students.load_id as source_load_id
from students
cross join settings
left join opleidingen
    on students.crebo = opleidingen.crebo
