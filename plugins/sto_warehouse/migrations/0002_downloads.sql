-- Downloads: what each source URL answered last, for conditional requests (ETag /
-- Last-Modified), so an unchanged file is neither downloaded nor reloaded.

create table audit.downloads (
    url text primary key,
    dataset text,
    etag text,
    last_modified text,
    file_sha256 text,
    size_bytes bigint,
    status text not null,
    message text,
    checked_at timestamptz not null default now(),
    changed_at timestamptz
);
comment on table audit.downloads is
    'Last answer per download URL: 200 (new bytes), 304 (not modified), or the error.';

grant select, insert, update on audit.downloads to {loader};
grant select on audit.downloads to {transformer};
-- `sto duo check` dry-runs a COPY into a temporary table.
grant temporary on database {database} to {loader};
