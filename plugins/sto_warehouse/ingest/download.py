"""Optional arrival by download: DUO files fetched into the landing folder.

The landing folder is the default way files arrive (offline, tests). Downloads are configured per
dataset (``STO_DOWNLOADS``: JSON ``{"<dataset>": ["<url>", ...]}`` or a path to such a JSON file)
and happen at the start of discovery. Each URL is fetched with timeouts, a bounded number of
retries with exponential backoff, and a conditional request (``If-None-Match`` /
``If-Modified-Since`` from ``audit.downloads``), so an unchanged file is neither downloaded nor
reloaded. A body shorter than its ``Content-Length`` is a failed attempt (retried). A source that
stays unreachable is a warning: the run goes on with what is in the landing folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psycopg

from sto_warehouse.config import Settings

log = logging.getLogger(__name__)

CHUNK = 1 << 20
USER_AGENT = "sto-warehouse (Monitor Sterk Techniekonderwijs; +https://github.com/)"


@dataclass
class Policy:
    attempts: int = 3
    backoff: float = 2.0  # seconds before the 2nd attempt; doubles each time
    timeout: float = 60.0  # per blocking socket operation: connecting, and each read


@dataclass
class Outcome:
    url: str
    dataset: str | None
    status: str  # downloaded | not_modified | unchanged | failed
    path: str | None = None
    sha256: str | None = None
    message: str | None = None
    attempts: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


class Truncated(OSError):
    pass


def configured(settings: Settings) -> dict[str, list[str]]:
    """Which URLs to download per dataset (empty: downloads off, the default)."""
    raw = settings.get("STO_DOWNLOADS")
    if not raw:
        return {}
    text = raw
    if not raw.lstrip().startswith("{"):
        text = Path(raw).expanduser().read_text(encoding="utf-8")
    spec = json.loads(text)
    return {
        dataset: [urls] if isinstance(urls, str) else list(urls) for dataset, urls in spec.items()
    }


def file_name_for(url: str, headers) -> str:
    disposition = headers.get("Content-Disposition") or ""
    if "filename=" in disposition:
        name = disposition.split("filename=", 1)[1].strip().strip('"').strip("'")
        if name:
            return Path(name).name
    return Path(urllib.parse.urlparse(url).path).name or "download.csv"


def _previous(conn: psycopg.Connection, url: str) -> tuple[str | None, str | None, str | None]:
    row = conn.execute(
        "select etag, last_modified, file_sha256 from audit.downloads where url = %s", (url,)
    ).fetchone()
    return (row[0], row[1], row[2]) if row else (None, None, None)


def _record(
    conn: psycopg.Connection,
    outcome: Outcome,
    etag: str | None = None,
    last_modified: str | None = None,
    size: int | None = None,
) -> None:
    conn.execute(
        "insert into audit.downloads (url, dataset, etag, last_modified, file_sha256, size_bytes,"
        " status, message, checked_at, changed_at) values (%s, %s, %s, %s, %s, %s, %s, %s, now(),"
        " case when %s = 'downloaded' then now() end)"
        " on conflict (url) do update set dataset = excluded.dataset,"
        " etag = coalesce(excluded.etag, audit.downloads.etag),"
        " last_modified = coalesce(excluded.last_modified, audit.downloads.last_modified),"
        " file_sha256 = coalesce(excluded.file_sha256, audit.downloads.file_sha256),"
        " size_bytes = coalesce(excluded.size_bytes, audit.downloads.size_bytes),"
        " status = excluded.status, message = excluded.message, checked_at = now(),"
        " changed_at = coalesce(excluded.changed_at, audit.downloads.changed_at)",
        (
            outcome.url,
            outcome.dataset,
            etag,
            last_modified,
            outcome.sha256,
            size,
            outcome.status,
            outcome.message,
            outcome.status,
        ),
    )
    conn.commit()


def _fetch_once(
    url: str, target_dir: Path, etag: str | None, last_modified: str | None, policy: Policy
):
    """One attempt. Returns (status, path, sha256, size, etag, last_modified)."""
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    try:
        response = urllib.request.urlopen(request, timeout=policy.timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return "not_modified", None, None, None, etag, last_modified
        raise
    with response:
        expected = response.headers.get("Content-Length")
        name = file_name_for(url, response.headers)
        target_dir.mkdir(parents=True, exist_ok=True)
        # Dot-named while it is written: discovery ignores it until the rename.
        tmp = target_dir / f".{name}.{os.getpid()}.part"
        digest = hashlib.sha256()
        size = 0
        try:
            with tmp.open("wb") as out:
                while chunk := response.read(CHUNK):
                    out.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
        except Exception:
            tmp.unlink(missing_ok=True)
            raise
        if expected is not None and int(expected) != size:
            tmp.unlink(missing_ok=True)
            raise Truncated(f"body ended after {size} of {expected} bytes")
        return (
            "downloaded",
            (tmp, target_dir / name),
            digest.hexdigest(),
            size,
            response.headers.get("ETag"),
            response.headers.get("Last-Modified"),
        )


def fetch(
    settings: Settings,
    conn: psycopg.Connection,
    url: str,
    dataset: str | None,
    target_dir: Path,
    policy: Policy | None = None,
) -> Outcome:
    """Download one URL into target_dir, conditionally, with retries; never raises for I/O."""
    policy = policy or Policy()
    etag, last_modified, previous_sha = _previous(conn, url)
    outcome = Outcome(url, dataset, "failed")
    delay = policy.backoff
    for attempt in range(1, policy.attempts + 1):
        outcome.attempts = attempt
        try:
            status, paths, sha, size, new_etag, new_modified = _fetch_once(
                url, target_dir, etag, last_modified, policy
            )
        except (OSError, urllib.error.URLError, ValueError) as exc:
            outcome.message = f"attempt {attempt}/{policy.attempts}: {exc}"
            log.warning("download %s failed (%s)", url, outcome.message)
            if attempt < policy.attempts:
                time.sleep(delay)
                delay *= 2
            continue
        if status == "not_modified":
            outcome.status, outcome.sha256, outcome.message = "not_modified", previous_sha, None
            _record(conn, outcome)
            return outcome
        tmp, final = paths
        if sha == previous_sha and final.exists():
            tmp.unlink(missing_ok=True)
            outcome.status, outcome.sha256, outcome.path = "unchanged", sha, str(final)
        else:
            os.replace(tmp, final)
            outcome.status, outcome.sha256, outcome.path = "downloaded", sha, str(final)
        outcome.message = None
        _record(conn, outcome, new_etag, new_modified, size)
        return outcome
    _record(conn, outcome)
    log.warning("source unreachable, continuing without it: %s", url)
    return outcome


def download_all(
    settings: Settings, conn: psycopg.Connection, policy: Policy | None = None
) -> list[Outcome]:
    outcomes = []
    for dataset, urls in configured(settings).items():
        for url in urls:
            outcomes.append(fetch(settings, conn, url, dataset, settings.landing / "duo", policy))
    return outcomes
