-- Regional submissions (issue 4): one raw table per sheet kind, every value as text as
-- submitted (cached cell values, never evaluated formulas), plus lineage columns; and the
-- submission-level trail in audit.submissions.
--
-- History model: raw keeps EVERY loaded version (append-only; a submission loads in one
-- transaction, all sheets or nothing). A resubmission for the same (region, type, period) does
-- not delete the earlier one: staging marks the current version (latest _submitted_at wins,
-- then the higher _submission_id), so both stay queryable (DESIGN §2: history from raw).
-- Placeholders in braces are role/database identifiers; a literal brace is written doubled.

create table audit.submissions (
    submission_id bigint generated always as identity primary key,
    load_id bigint references audit.loads (load_id),
    run_id text,
    file_sha256 text not null,
    source_file text not null,
    file_format text not null,
    submission_type text,
    region_id text,
    period text,
    template_version text,
    spec_version integer not null,
    loader_version integer not null,
    submitted_at timestamptz,
    received_at timestamptz,
    deadline date,
    met_deadline boolean,
    status text not null check (status in ('loaded', 'rejected')),
    retryable boolean not null default false,
    n_errors integer not null default 0,
    n_warnings integer not null default 0,
    row_counts jsonb not null default '{{}}'::jsonb,
    supersedes bigint,
    feedback_html text,
    feedback_json text,
    created_at timestamptz not null default now()
);
create index submissions_skip_key on audit.submissions (file_sha256, spec_version, loader_version);
create index submissions_key on audit.submissions (region_id, submission_type, period);
comment on table audit.submissions is
    'One row per submission judged: loaded or rejected, with its region, type, period, submitted-at, deadline and feedback report.';

grant select, insert, update on audit.submissions to {loader};
grant select on audit.submissions to {transformer};

-- The lineage every submission raw table carries (values of the submission, not of the row).
create table raw.sub_header (
    regio_id text, periode text, ingediend_op text, rapportage_van text, rapportage_tot text,
    totaal_begroting text, totaal_uitgaven text, totaal_cofinanciering text,
    _submission_id bigint not null, _load_id bigint not null, _file_sha256 text not null,
    _source_file text not null, _sheet text not null, _row_number bigint not null,
    _loaded_at timestamptz not null, _region_id text not null, _submission_type text not null,
    _period text not null, _submitted_at timestamptz not null, _received_at timestamptz not null,
    _template_version text not null
);
comment on table raw.sub_header is
    'Sheet algemeen of every submission (one row each): region, period, submitted-at, declared totals. Contact persons are never loaded.';

create table raw.sub_registration (like raw.sub_header including all);
alter table raw.sub_registration
    drop column regio_id, drop column periode, drop column ingediend_op,
    drop column rapportage_van, drop column rapportage_tot, drop column totaal_begroting,
    drop column totaal_uitgaven, drop column totaal_cofinanciering;
alter table raw.sub_registration
    add column regio_naam text, add column regio_type text, add column penvoerder_bevoegd_gezag text,
    add column penvoerder_naam text;
comment on table raw.sub_registration is 'Registratie, sheet regio: name, type and penvoerder of a region for a region period.';

create table raw.sub_predecessor (like raw.sub_registration including all);
alter table raw.sub_predecessor
    drop column regio_naam, drop column regio_type, drop column penvoerder_bevoegd_gezag,
    drop column penvoerder_naam;
alter table raw.sub_predecessor add column voorganger_regio_id text, add column toelichting text;
comment on table raw.sub_predecessor is 'Registratie, sheet voorgangers: crosswalk to the region(s) of the previous period.';

create table raw.sub_membership (like raw.sub_predecessor including all);
alter table raw.sub_membership drop column voorganger_regio_id, drop column toelichting;
alter table raw.sub_membership
    add column deelnemer_type text, add column code text, add column naam text,
    add column geldig_van text, add column geldig_tot text;
comment on table raw.sub_membership is
    'Deelnemers: participants per period with validity. KvK numbers are stored pseudonymised, company names not at all (docs/privacy.md).';

create table raw.sub_budget (like raw.sub_membership including all);
alter table raw.sub_budget
    drop column deelnemer_type, drop column code, drop column naam, drop column geldig_van,
    drop column geldig_tot;
alter table raw.sub_budget add column jaar text, add column kostencategorie text, add column bedrag text;
comment on table raw.sub_budget is 'Aanvraag, sheet begroting: budget per year per cost category.';

create table raw.sub_cofinancing (like raw.sub_budget including all);
alter table raw.sub_cofinancing drop column kostencategorie;
alter table raw.sub_cofinancing add column soort text;
comment on table raw.sub_cofinancing is
    'Sheet cofinanciering: planned (aanvraag) or realised (voortgang, eindverslag) co-financing per year, cash or in kind.';

create table raw.sub_fte_plan (like raw.sub_budget including all);
alter table raw.sub_fte_plan drop column kostencategorie, drop column bedrag;
alter table raw.sub_fte_plan add column fte text;
comment on table raw.sub_fte_plan is 'Aanvraag, sheet fte: planned fte per year.';

create table raw.sub_report_spend (like raw.sub_budget including all);
comment on table raw.sub_report_spend is 'Voortgang/eindverslag, sheet uitgaven: realised spend per year per cost category.';

create table raw.sub_report_fte (like raw.sub_fte_plan including all);
alter table raw.sub_report_fte add column herkomst text, add column contract text;
comment on table raw.sub_report_fte is 'Voortgang/eindverslag, sheet fte: fte hired per year, internal/external, temporary/permanent.';

create table raw.sub_report_activity (like raw.sub_predecessor including all);
alter table raw.sub_report_activity drop column voorganger_regio_id, drop column toelichting;
alter table raw.sub_report_activity
    add column activiteit text, add column samenwerking text, add column doel text,
    add column resultaat text;
comment on table raw.sub_report_activity is 'Voortgang/eindverslag, sheet activiteiten: activities with targets and results.';

create table raw.sub_grant_decision (like raw.sub_predecessor including all);
alter table raw.sub_grant_decision drop column voorganger_regio_id, drop column toelichting;
alter table raw.sub_grant_decision
    add column regio_id text, add column beschikkingsnummer text, add column beschikkingsdatum text,
    add column soort text, add column regeling text, add column subsidiejaar text, add column bedrag text;
comment on table raw.sub_grant_decision is
    'Grant decisions (beschikkingen) as the grant administrator exports them (assumed layout, docs/submissions.md); each export is a full extract.';

create table raw.sub_grant_payment (like raw.sub_predecessor including all);
alter table raw.sub_grant_payment drop column voorganger_regio_id, drop column toelichting;
alter table raw.sub_grant_payment
    add column regio_id text, add column beschikkingsnummer text, add column betaaldatum text,
    add column subsidiejaar text, add column bedrag text;
comment on table raw.sub_grant_payment is 'Grant payments (betalingen) as the grant administrator exports them; each export is a full extract.';

-- Created by the owner of this migration: the loader writes, the transformer reads.
grant select, insert on
    raw.sub_header, raw.sub_registration, raw.sub_predecessor, raw.sub_membership,
    raw.sub_budget, raw.sub_cofinancing, raw.sub_fte_plan, raw.sub_report_spend,
    raw.sub_report_fte, raw.sub_report_activity, raw.sub_grant_decision, raw.sub_grant_payment
    to {loader};
grant select on
    raw.sub_header, raw.sub_registration, raw.sub_predecessor, raw.sub_membership,
    raw.sub_budget, raw.sub_cofinancing, raw.sub_fte_plan, raw.sub_report_spend,
    raw.sub_report_fte, raw.sub_report_activity, raw.sub_grant_decision, raw.sub_grant_payment
    to {transformer};
