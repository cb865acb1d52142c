"""An upload through the portal: recognised, or judged by the night's verdict and handed over.

1. The same bytes from the same sender again (under the same skip key: sha256, SPEC_VERSION,
   LOADER_VERSION) are recognised - by an earlier upload or by the nightly load's own trail -
   and not judged twice: the earlier verdict is shown.
2. Otherwise the bytes are archived by sha256 and registered in ``audit.files`` (their
   first-seen moment is the ``received_at`` the night will judge them with too), and
   ``verdict.judge`` runs exactly as in the nightly DAG, the uploading account's region as the
   sender.
3. Approved: ``hand_to_night`` places the files in the region's landing folder for the nightly
   load. Rejected: ``verdict.reject`` keeps it as the night keeps a rejection (feedback report,
   quarantine, audit rows); one rejected only because a DUO list is not loaded yet is handed
   over too, so the night tries it again.

An advisory lock per (sender, sha256) makes two simultaneous uploads of the same bytes one
judgement and one recognition.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psycopg
from psycopg.types.json import Jsonb

from sto_warehouse import protocol
from sto_warehouse.config import Settings
from sto_warehouse.portal.store import User
from sto_warehouse.portal.views import OWNER_OF_REPORT
from sto_warehouse.submissions import load, spec, verdict

RUN_PREFIX = "portal"
STAGING = ".portal-staging"  # under the landing root, outside every source folder


@dataclass(frozen=True)
class Outcome:
    upload_id: int
    outcome: str  # goedgekeurd | afgewezen | herkend


def landing_folder(user: User) -> str:
    """The landing sub-folder of the sender: the region id, or the grant administrator's."""
    return verdict.GRANT_LANDING if user.role == "subsidieverstrekker" else user.region_id or ""


def hand_to_night(
    settings: Settings, folder: str, key: str, contents: list[tuple[str, bytes]]
) -> Path:
    """Place an approved upload in ``landing/submissions/<folder>/<key>/`` for the nightly load,
    atomically, through the load protocol (``protocol.deliver``; staged in ``landing/.portal-staging``)."""
    return protocol.deliver(settings, spec.SOURCE, folder, key, contents, STAGING)


def _archive(settings: Settings, conn: psycopg.Connection, name: str, data: bytes):
    """Archive the bytes by sha256 and register them in audit.files, as the night does for a
    landed file (``protocol.archive``): (sha, path, first seen)."""
    kept = protocol.archive(settings, conn, spec.SOURCE, name, data=data)
    return kept.sha256, kept.path, kept.first_seen


def earlier(conn: psycopg.Connection, owner: str, sha256: str) -> dict | None:
    """The earlier verdict on these bytes from this sender under the current skip key."""
    row = conn.execute(
        "select upload_id, outcome, uploaded_at, file_names from portal.uploads"
        " where sha256 = %s and spec_version = %s and loader_version = %s and sender = %s"
        " and outcome <> 'herkend' order by upload_id limit 1",
        (sha256, spec.SPEC_VERSION, spec.LOADER_VERSION, owner),
    ).fetchone()
    if row:
        return {"upload_id": row[0], "uitslag": row[1], "op": row[2].isoformat(),
                "bestand": ", ".join(row[3])}  # fmt: skip
    row = conn.execute(
        "select submission_id, status, received_at, source_file from audit.submissions"
        " where file_sha256 = %s and spec_version = %s and loader_version = %s"
        f" and {OWNER_OF_REPORT} = %s"
        " order by submission_id desc limit 1",
        (sha256, spec.SPEC_VERSION, spec.LOADER_VERSION, owner),
    ).fetchone()
    if row:
        status = {"loaded": "geladen", "rejected": "afgewezen"}[row[1]]
        return {"submission_id": row[0], "uitslag": status, "op": row[2].isoformat(),
                "bestand": row[3]}  # fmt: skip
    return None


def _key(received_at: datetime, sha256: str) -> str:
    return f"portaal-{received_at.astimezone(spec.AMSTERDAM):%Y%m%dT%H%M%S}-{sha256[:12]}"


def receive(
    settings: Settings,
    conn: psycopg.Connection,
    user: User,
    contents: list[tuple[str, bytes]],
) -> Outcome:
    """Recognise, or judge and hand over / keep rejected, one upload of ``user``."""
    owner = user.folder
    if owner is None:
        raise PermissionError(f"{user.role} accounts do not submit")
    kind = "grant" if user.role == "subsidieverstrekker" else "submission"
    sender = user.region_id if user.role == "regio" else None
    members = [(name, hashlib.sha256(data).hexdigest()) for name, data in contents]
    sha = verdict.submission_sha256(members)
    size = sum(len(data) for _, data in contents)
    with conn.transaction():
        conn.execute(
            "select pg_advisory_xact_lock(hashtext('sto:portal-upload'), hashtext(%s))",
            (f"{owner}|{sha}",),
        )
        before = earlier(conn, owner, sha)
        if before is not None:
            upload_id = _record(conn, user, owner, kind, contents, sha, size, None, "herkend",
                                {"zelfde_als": before}, same_as=before.get("upload_id"))  # fmt: skip
            return Outcome(upload_id, "herkend")
        archived = [_archive(settings, conn, name, data) for name, data in contents]
        received_at = max(first_seen for _, _, first_seen in archived)
        found = verdict.judge(
            contents,
            received_at=received_at,
            lookups=load.DbLookups(conn),
            sender=sender,
            kind=kind,
            sha256=sha,
        )
        key = _key(received_at, sha)
        # The row first, the hand-over last: a failed hand-over rolls the row back with it.
        if found.ok:
            upload_id = _record(conn, user, owner, kind, contents, sha, size, found,
                                "goedgekeurd", found.document("goedgekeurd"))  # fmt: skip
            _hand_over(settings, conn, user, upload_id, key, contents)
            return Outcome(upload_id, "goedgekeurd")
        rejected = verdict.reject(
            settings, conn, found, [str(p) for _, p, _ in archived], f"{RUN_PREFIX}__{key}"
        )
        upload_id = _record(conn, user, owner, kind, contents, sha, size, found, "afgewezen",
                            found.document("afgewezen"),
                            submission_id=rejected["submission_id"])  # fmt: skip
        if found.judged.retryable:  # only a DUO list was missing: the night tries it again
            _hand_over(settings, conn, user, upload_id, key, contents)
        return Outcome(upload_id, "afgewezen")


def _hand_over(settings, conn, user: User, upload_id: int, key: str, contents) -> None:
    landing = hand_to_night(settings, landing_folder(user), key, contents)
    conn.execute(
        "update portal.uploads set landing_path = %s where upload_id = %s",
        (str(landing), upload_id),
    )


def _record(
    conn: psycopg.Connection,
    user: User,
    owner: str,
    kind: str,
    contents: list[tuple[str, bytes]],
    sha256: str,
    size: int,
    found: verdict.Verdict | None,
    outcome: str,
    document: dict,
    *,
    submission_id: int | None = None,
    same_as: int | None = None,
) -> int:
    judged = found.judged if found else None
    row = conn.execute(
        "insert into portal.uploads (user_id, sender, kind, file_names, sha256, size_bytes,"
        " received_at, spec_version, loader_version, outcome, region_id, submission_type,"
        " period, n_errors, n_warnings, verdict, submission_id, same_as)"
        " values (%s, %s, %s, %s, %s, %s, coalesce(%s, now()), %s, %s, %s, %s, %s, %s, %s, %s,"
        " %s, %s, %s) returning upload_id",
        (
            user.user_id,
            owner,
            kind,
            [name for name, _ in contents],
            sha256,
            size,
            found.received_at if found else None,
            spec.SPEC_VERSION,
            spec.LOADER_VERSION,
            outcome,
            judged.region_id if judged else None,
            judged.submission_type if judged else None,
            judged.period if judged else None,
            len(judged.errors) if judged else 0,
            len(judged.warnings) if judged else 0,
            Jsonb(document),
            submission_id,
            same_as,
        ),
    ).fetchone()
    return row[0]
