-- Every group of counts the release publishes, over all protected indicators (docs/monitor.md,
-- "Disclosure control"): one row per member of a group whose non-total members add up to its
-- total - the row groups and column groups of each indicator's declaration (YAML
-- meta.protection) and the links between tables it names (the same people counted in two
-- tables; a definition's technical pupils as the sum of its profielen). Secondary suppression
-- (int_disclosure__withheld) and the candidate gate's disclosure audit both read it; the audit
-- first checks that every group adds up on the exact values.
-- The exact sums it reads (dbt needs them named while it parses, before the graph exists):
-- depends_on: {{ ref('int_tech_pupils__unprotected') }}
-- depends_on: {{ ref('int_share_girls_tech__unprotected') }}
-- depends_on: {{ ref('int_tech_offer__unprotected') }}
-- depends_on: {{ ref('int_tech_offer_by_profiel__unprotected') }}
-- depends_on: {{ ref('int_exam_tech__unprotected') }}
-- depends_on: {{ ref('int_doorstroom_mbo__unprotected') }}
-- depends_on: {{ ref('int_mbo_tech_inflow__unprotected') }}
-- depends_on: {{ ref('technical_profile_definitions') }}
{%- set declarations = disclosure_declarations() %}
{%- if declarations %}
{{ disclosure_memberships(declarations) }}
{%- else %}
    select
        cast(null as text) as group_id,
        cast(null as text) as indicator,
        cast(null as text) as row_key,
        cast(null as text) as count_name,
        cast(null as boolean) as is_total
    where false
{%- endif %}
