-- Which inputs are made up (issue 12, docs/programme.md): the synthetic generator records every
-- file it writes here (sha256), so a file's quality is known wherever its hash travels (raw
-- lineage, audit.partitions, audit.submissions, marts.dim_data_source) without changing its
-- bytes. Each release records the quality of the inputs it was built from.
-- Placeholders in braces are role/database identifiers; a literal brace is written doubled.

create table audit.synthetic_files (
    file_sha256 text primary key,
    original_name text not null,
    generator text not null,
    recorded_at timestamptz not null default now()
);
comment on table audit.synthetic_files is
    'Inputs the synthetic generator wrote (sto sample, sto run, tests): their quality is synthetic.';

grant select, insert on audit.synthetic_files to {loader};
grant select on audit.synthetic_files to {transformer};

alter table audit.releases add column source_quality text
    check (source_quality in ('real', 'synthetic', 'mixed', 'unknown'));
comment on column audit.releases.source_quality is
    'real / synthetic / mixed: the quality of the DUO partitions and loaded submissions the release was built from (set on insert).';

-- Set on insert from the inputs the publisher records (and the submissions loaded), so every
-- publication path records it and the publisher need not know about it.
create function audit.set_release_source_quality() returns trigger
language plpgsql as $$
declare
    n_files integer;
    n_synthetic integer;
begin
    with files as (
        select input ->> 'file_sha256' as file_sha256
        from jsonb_array_elements(new.inputs) as input
        union
        select file_sha256 from audit.submissions where status = 'loaded'
    )
    select count(*), count(*) filter (where s.file_sha256 is not null)
    into n_files, n_synthetic
    from files left join audit.synthetic_files as s using (file_sha256);
    new.source_quality := case
        when n_files = 0 then 'unknown'
        when n_synthetic = n_files then 'synthetic'
        when n_synthetic = 0 then 'real'
        else 'mixed'
    end;
    return new;
end;
$$;

create trigger releases_source_quality before insert on audit.releases
    for each row execute function audit.set_release_source_quality();

update audit.releases set source_quality = 'unknown' where source_quality is null;

-- The programme's staff and the 2024 extension application (issue 12; TEMPLATE_VERSION 2026.2):
-- the report's fte sheet says which fte are staff newly hired for the programme, which part's
-- contract ends next year and which part was made permanent this year; the 2024 application has
-- a sheet verlenging with the contents the extension regulation requires.
alter table raw.sub_report_fte
    add column personeel text, add column fte_einde_volgend_jaar text,
    add column fte_omgezet_vast text;

create table raw.sub_extension (like raw.sub_predecessor including all);
alter table raw.sub_extension drop column voorganger_regio_id, drop column toelichting;
alter table raw.sub_extension
    add column wijzigingen_activiteitenplan text, add column activiteiten_voor_1_augustus_2024 text,
    add column regionaal_doel_dekking_kwaliteit text, add column reservering_plan_2025 text;
comment on table raw.sub_extension is
    'Aanvraag 2024, sheet verlenging: the contents the 2024 extension regulation requires (seed sub_extension_requirements).';
grant select, insert on raw.sub_extension to {loader};
grant select on raw.sub_extension to {transformer};
