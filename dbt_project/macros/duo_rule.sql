{#- Post-hook of a DUO fact whose declaration (YAML meta.duo_rule) names `published_rows`: a
    row-level security policy so that every role but the table's owner (the transformer, which
    builds the monitor from all rows) reads only the rows where that column is true - the
    periods whose DUO file follows DUO's current rule. Readers (bi_reader, researcher) therefore
    never see a count of 1-4 that an older vintage printed exactly, nor rows whose sums beside the
    monitor's exact, protected aggregates would give a withheld cell away (docs/monitor.md,
    "DUO's rule on the published facts"). The policy travels with the table through publication
    (a schema swap); the hook re-creates it after every build, incremental or full. -#}
{% macro duo_rule_row_policy() -%}
    {%- set declared = (config.get('meta') or {}).get('duo_rule') or {} -%}
    {%- set column = declared.get('published_rows') -%}
    {#- At parse time the YAML's meta is not merged into the config yet; the hook is rendered
        again when it runs. -#}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- if not column -%}
        {{ exceptions.raise_compiler_error(
            this.identifier ~ ": duo_rule_row_policy needs meta.duo_rule.published_rows") }}
    {%- endif -%}
    alter table {{ this }} enable row level security;
    drop policy if exists duo_current_rule on {{ this }};
    create policy duo_current_rule on {{ this }} for select to public
        using ({{ adapter.quote(column) }})
{%- endmacro %}
