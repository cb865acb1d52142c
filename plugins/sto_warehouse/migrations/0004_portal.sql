-- The regions' portal (issue 13, docs/portal.md): accounts, sessions, the access log and the
-- uploads, in a schema of its own. The web process logs in as {portal}: it reads accounts but
-- cannot create, enable or delete one (`sto portal user …` does that as the operator), keeps its
-- sessions, appends to the access log and the uploads, reads raw (the verdict's references,
-- as the nightly load reads them) and writes the trail of a submission rejected at upload.
-- Placeholders in braces are role/database identifiers; a literal brace is written doubled.

create schema if not exists portal;
revoke all on schema portal from public;

create table portal.users (
    user_id bigint generated always as identity primary key,
    username text not null unique
        check (username = lower(username) and username ~ '^[a-z0-9][a-z0-9._@+-]{{2,99}}$'),
    display_name text not null default '',
    -- regio: one region's programme manager; programma: programme staff (every region, read);
    -- subsidieverstrekker: the grant administrator (its exports; every region, read).
    role text not null check (role in ('regio', 'programma', 'subsidieverstrekker')),
    region_id text check ((role = 'regio') = (region_id is not null)),
    password_hash text not null,
    password_changed_at timestamptz not null default now(),
    must_change_password boolean not null default true,
    disabled_at timestamptz,
    disabled_reason text,
    created_at timestamptz not null default now(),
    created_by text
);
comment on table portal.users is
    'Portal accounts: one or more per region, programme staff, the grant administrator. Passwords as scrypt hashes only.';

create table portal.sessions (
    token_sha256 text primary key,
    user_id bigint not null references portal.users (user_id) on delete cascade,
    csrf_token text not null,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now()
);
create index sessions_user on portal.sessions (user_id);
comment on table portal.sessions is
    'Signed-in sessions; the cookie holds the token, this table only its sha256. Logging out, a disabled account and a changed password end them.';

create table portal.access_log (
    log_id bigint generated always as identity primary key,
    at timestamptz not null default now(),
    user_id bigint,
    username text,
    role text,
    region_id text,
    action text not null,
    outcome text not null check (outcome in ('ok', 'refused', 'failed')),
    object text,
    client_ip text,
    detail jsonb not null default '{{}}'::jsonb
);
create index access_log_action_at on portal.access_log (action, at);
create index access_log_username_at on portal.access_log (username, at);
create index access_log_ip_at on portal.access_log (client_ip, at);
comment on table portal.access_log is
    'Every login (also failed and refused), logout, upload, download and refused access, with user, region, time and client address.';

create table portal.uploads (
    upload_id bigint generated always as identity primary key,
    user_id bigint not null references portal.users (user_id),
    sender text not null,
    kind text not null check (kind in ('submission', 'grant')),
    file_names text [] not null,
    sha256 text not null,
    size_bytes bigint not null,
    uploaded_at timestamptz not null default now(),
    received_at timestamptz not null,
    spec_version integer not null,
    loader_version integer not null,
    outcome text not null check (outcome in ('goedgekeurd', 'afgewezen', 'herkend')),
    region_id text,
    submission_type text,
    period text,
    n_errors integer not null default 0,
    n_warnings integer not null default 0,
    verdict jsonb not null,
    landing_path text,
    submission_id bigint references audit.submissions (submission_id),
    same_as bigint references portal.uploads (upload_id)
);
create index uploads_sender on portal.uploads (sender, uploaded_at desc);
create index uploads_sha on portal.uploads (sha256, spec_version, loader_version);
comment on table portal.uploads is
    'Every upload through the portal with the verdict shown to the uploader: goedgekeurd (handed to the nightly load), afgewezen (kept as the night keeps a rejection) or herkend (the same bytes again: not judged twice).';

grant usage on schema portal to {portal};
grant select on portal.users to {portal};
grant update (password_hash, password_changed_at, must_change_password) on portal.users to {portal};
grant select, insert, update, delete on portal.sessions to {portal};
grant select, insert on portal.access_log, portal.uploads to {portal};
grant update (landing_path) on portal.uploads to {portal};

-- The verdict reads what the nightly load reads (references: DUO address lists, registrations,
-- memberships); a rejection at upload is recorded as the night records one; a file handed to
-- the night is registered in audit.files with the moment it was received.
grant usage on schema raw, audit to {portal};
grant select on all tables in schema raw to {portal};
alter default privileges for role {loader} in schema raw grant select on tables to {portal};
grant select on audit.partitions to {portal};
grant select, insert on audit.loads, audit.submissions, audit.rejections to {portal};
grant select, insert, update on audit.files to {portal};
grant connect on database {database} to {portal};
