-- Foundation: schemas, privileges and the audit trail (DESIGN §2-3).
-- Placeholders in braces are role/database identifiers, quoted by psycopg.sql at run time;
-- a literal brace is written doubled.

revoke all on database {database} from public;
grant connect on database {database} to {loader}, {transformer}, {published_reader};
-- dbt (as transformer) creates staging, intermediate, reference and the *__wap schemas.
grant create, temporary on database {database} to {transformer};

create schema if not exists raw;
create schema if not exists audit;
revoke all on schema raw from public;
revoke all on schema audit from public;
revoke create on schema public from public;

grant usage, create on schema raw to {loader};
grant usage on schema raw to {transformer};
-- Everything the loader creates in raw is readable by dbt, and by nobody else.
alter default privileges for role {loader} in schema raw grant select on tables to {transformer};
-- Everything dbt creates is readable by the published-reader group, but that group only has
-- USAGE on the published schemas (granted at each swap), so candidates and staging stay closed.
alter default privileges for role {transformer} grant select on tables to {published_reader};

create table audit.files (
    file_sha256 text primary key,
    source text not null,
    original_name text not null,
    size_bytes bigint not null,
    archive_path text not null,
    first_seen_at timestamptz not null default now()
);
comment on table audit.files is
    'Every input file ever seen, by content hash; the bytes live in $STO_HOME/archive/<source>/<sha256>.';

create table audit.loads (
    load_id bigint generated always as identity primary key,
    run_id text,
    dataset text,
    period text,
    period_source text,
    source_file text not null,
    file_sha256 text not null,
    entry_version integer,
    loader_version integer,
    vintage text,
    encoding text,
    delimiter text,
    status text not null
        check (status in ('staged', 'loaded', 'rejected', 'skipped', 'abandoned')),
    row_count bigint,
    warnings jsonb not null default '[]'::jsonb,
    message text,
    started_at timestamptz not null default now(),
    finished_at timestamptz
);
create index loads_skip_key on audit.loads (file_sha256, entry_version, loader_version, status);
create index loads_dataset_period on audit.loads (dataset, period);
comment on table audit.loads is
    'One row per attempt to load one file: staged -> loaded | rejected | skipped | abandoned.';

create table audit.rejections (
    rejection_id bigint generated always as identity primary key,
    load_id bigint references audit.loads (load_id),
    run_id text,
    source text not null,
    source_file text not null,
    file_sha256 text not null,
    dataset text,
    code text not null,
    message text not null,
    line bigint,
    column_name text,
    expected text,
    found text,
    fix text,
    quarantine_path text,
    created_at timestamptz not null default now()
);
create index rejections_sha on audit.rejections (file_sha256);

create table audit.partitions (
    dataset text not null,
    period text not null,
    load_id bigint not null references audit.loads (load_id),
    file_sha256 text not null,
    entry_version integer not null,
    loader_version integer not null,
    row_count bigint not null,
    swapped_at timestamptz not null default now(),
    primary key (dataset, period)
);
comment on table audit.partitions is 'What each raw partition holds right now.';

create table audit.gate_results (
    gate_result_id bigint generated always as identity primary key,
    run_id text,
    stage text not null check (stage in ('raw', 'candidate')),
    suite text not null,
    table_name text not null,
    expectation text not null,
    severity text not null check (severity in ('error', 'warning')),
    success boolean not null,
    observed jsonb,
    expected jsonb,
    sample jsonb,
    load_id bigint,
    created_at timestamptz not null default now()
);
create index gate_results_run on audit.gate_results (run_id, stage);

create table audit.releases (
    release_id integer generated always as identity primary key,
    run_id text,
    published_at timestamptz not null default now(),
    forced boolean not null default false,
    reason text,
    git_commit text,
    versions jsonb not null default '{{}}'::jsonb,
    inputs jsonb not null default '[]'::jsonb,
    gate_summary jsonb not null default '{{}}'::jsonb,
    changes jsonb not null default '{{}}'::jsonb,
    frozen_schema text
);
comment on table audit.releases is
    'Every publication of marts/monitor: a numbered release researchers can cite.';

grant usage on schema audit to {loader}, {transformer};
grant select, insert, update on audit.files, audit.loads, audit.rejections, audit.partitions
    to {loader};
grant select on audit.files, audit.loads, audit.rejections, audit.partitions to {transformer};
grant select, insert on audit.gate_results to {loader}, {transformer};
grant select, insert, update on audit.releases to {transformer};
