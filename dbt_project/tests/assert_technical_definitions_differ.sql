-- Two technical definitions that count the same codes would publish identical rows for every
-- region and year under different names (sto_2025 once was a copy of sto_2020): fail on any
-- such pair, on every day one of them is valid.
with

definitions as (
    select * from {{ ref('technical_profile_definitions') }}
),

days as (
    select distinct valid_from as valid_day from definitions
),

code_sets as (
    select
        definitions.definition,
        days.valid_day,
        string_agg(definitions.profiel_code, ',' order by definitions.profiel_code) as codes
    from definitions
    inner join days on days.valid_day between definitions.valid_from and definitions.valid_to
    group by definitions.definition, days.valid_day
)

select
    a.definition as definition_a,
    b.definition as definition_b,
    a.valid_day,
    a.codes
from code_sets as a
inner join code_sets as b
    on a.valid_day = b.valid_day and a.codes = b.codes and a.definition < b.definition
