-- The disclosure audit's completion (issue 11, docs/monitor.md "Disclosure control"): the
-- release-wide secondary suppression (int_disclosure__withheld) is a heuristic over the groups,
-- the audit is exact. When the audit can still narrow a withheld cell, the completion step
-- (sto_warehouse.disclosure.completion, the transform's task before the candidate gate) picks
-- published cells to withhold as well and records them here; int_disclosure__withheld reads
-- them as withheld from its first pass on. The set belongs to one candidate build: it is
-- emptied when the next candidate starts, so a release depends on its own data only.
-- Placeholders in braces are role/database identifiers; a literal brace is written doubled.

create table audit.disclosure_completion (
    indicator text not null,
    row_key text not null,
    count_name text not null,
    run_id text not null,
    round integer not null check (round >= 1),
    protects text not null,
    recorded_at timestamptz not null default now(),
    primary key (indicator, row_key, count_name)
);
comment on table audit.disclosure_completion is
    'Cells the disclosure audit''s completion withholds in the current candidate (besides the heuristic''s), with the narrowed cell each one protects.';

grant select, insert, delete on audit.disclosure_completion to {transformer};
