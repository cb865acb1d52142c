"""What the portal shows a region, read from the warehouse and ``$STO_HOME`` (no writes).

Ownership is the sender's, never what a file claims: a submission belongs to the feedback folder
its report was written to (``feedback/<region>/``, DESIGN §3: the landing folder or the portal
account it came from), an upload to the account's region. Every lookup by id is filtered by that
owner, so another region's id answers exactly as an id that does not exist.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import psycopg

from sto_warehouse.config import Settings
from sto_warehouse.submissions import spec

OWNER_OF_REPORT = "(regexp_match(feedback_json, '([^/]+)/[^/]+$'))[1]"
REPORT_NAME = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_.-]{0,150}\.(json|html)$")
MONITOR_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,120}\.(html|css)$")


@dataclass
class Due:
    submission_type: str
    title: str
    period: str
    deadline: date
    status: str  # ingediend | te_laat | afgewezen | goedgekeurd | open | verlopen
    submitted_at: datetime | None = None


@dataclass
class HistoryItem:
    when: datetime
    names: str
    submission_type: str | None
    period: str | None
    status: str  # geladen | afgewezen | goedgekeurd (wacht op de nacht) | herkend
    channel: str  # portaal | map
    n_errors: int
    n_warnings: int
    submission_id: int | None = None
    upload_id: int | None = None
    met_deadline: bool | None = None
    extra: dict = field(default_factory=dict)


def today(settings: Settings) -> date:
    return date.fromisoformat(settings.as_of) if settings.as_of else date.today()


def region_names(conn: psycopg.Connection) -> dict[str, str]:
    """Every registered region with its latest registered name."""
    rows = conn.execute(
        "select distinct on (_region_id) _region_id, regio_naam from raw.sub_registration"
        " order by _region_id, _submitted_at desc, _submission_id desc"
    ).fetchall()
    return {r[0]: r[1] or r[0] for r in rows}


def region_name(conn: psycopg.Connection, region_id: str) -> str:
    row = conn.execute(
        "select regio_naam from raw.sub_registration where _region_id = %s"
        " order by _submitted_at desc, _submission_id desc limit 1",
        (region_id,),
    ).fetchone()
    return (row[0] if row else None) or region_id


def due(settings: Settings, conn: psycopg.Connection, region_id: str) -> list[Due]:
    """Every submission the seeds set a deadline for in the region's registered periods (the
    registrations always), with what the region has delivered for it."""
    registered = {
        r[0]
        for r in conn.execute(
            "select distinct _period from raw.sub_registration where _region_id = %s",
            (region_id,),
        ).fetchall()
    }
    loaded = {
        (r[0], r[1]): (r[2], r[3])
        for r in conn.execute(
            "select distinct on (submission_type, period) submission_type, period, submitted_at,"
            " met_deadline from audit.submissions where region_id = %s and status = 'loaded'"
            " order by submission_type, period, submitted_at desc",
            (region_id,),
        ).fetchall()
    }
    rejected = {
        (r[0], r[1])
        for r in conn.execute(
            f"select submission_type, period from audit.submissions where {OWNER_OF_REPORT} = %s"
            " and status = 'rejected' and submission_type is not null",
            (region_id,),
        ).fetchall()
    }
    waiting = {
        (r[0], r[1])
        for r in conn.execute(
            "select u.submission_type, u.period from portal.uploads as u where u.sender = %s"
            " and u.outcome = 'goedgekeurd' and not exists (select 1 from audit.submissions as s"
            "  where s.file_sha256 = u.sha256 and s.status = 'loaded')",
            (region_id,),
        ).fetchall()
    }
    now = today(settings)
    items = []
    for (kind, period), rule in spec.periods().items():
        if kind != "registratie" and rule.region_period not in registered:
            continue
        key = (kind, period)
        submitted, on_time = loaded.get(key, (None, None))
        if submitted is not None:
            status = "ingediend" if on_time else "te_laat"
        elif key in waiting:
            status = "goedgekeurd"
        elif key in rejected:
            status = "afgewezen"
        else:
            status = "open" if rule.deadline >= now else "verlopen"
        items.append(Due(kind, spec.TYPES[kind].title, period, rule.deadline, status, submitted))
    return sorted(items, key=lambda d: (d.deadline, d.submission_type))


def history(conn: psycopg.Connection, owner: str) -> list[HistoryItem]:
    """Everything judged for this sender (portal uploads and files from its landing folder),
    newest first; an approved upload the night has not loaded yet shows as waiting."""
    uploads = conn.execute(
        "select upload_id, uploaded_at, file_names, submission_type, period, outcome, n_errors,"
        " n_warnings, sha256 from portal.uploads where sender = %s order by upload_id desc"
        " limit 1000",
        (owner,),
    ).fetchall()
    uploaded = {row[8] for row in uploads}
    items: list[HistoryItem] = []
    judged = set()
    for row in conn.execute(
        "select s.submission_id, coalesce(s.received_at, s.created_at), s.source_file,"
        " s.submission_type, s.period, s.status, s.n_errors, s.n_warnings, s.met_deadline,"
        " s.file_sha256"
        f" from audit.submissions as s where {OWNER_OF_REPORT} = %s"
        " order by s.submission_id desc limit 1000",
        (owner,),
    ).fetchall():
        judged.add(row[9])
        items.append(
            HistoryItem(
                when=row[1],
                names=row[2],
                submission_type=row[3],
                period=row[4],
                status={"loaded": "geladen", "rejected": "afgewezen"}[row[5]],
                channel="portaal" if row[9] in uploaded else "map",
                n_errors=row[6],
                n_warnings=row[7],
                submission_id=row[0],
                met_deadline=row[8],
            )
        )
    for row in uploads:
        # A rejection at upload and a file the night judged are in the trail above.
        if row[5] == "afgewezen" or (row[5] == "goedgekeurd" and row[8] in judged):
            continue
        items.append(
            HistoryItem(
                when=row[1],
                names=", ".join(row[2]),
                submission_type=row[3],
                period=row[4],
                status=row[5],
                channel="portaal",
                n_errors=row[6],
                n_warnings=row[7],
                upload_id=row[0],
            )
        )
    return sorted(items, key=lambda i: i.when, reverse=True)


def submission_report(
    settings: Settings, conn: psycopg.Connection, owner: str, submission_id: int, suffix: str
) -> Path | None:
    """The feedback report (json or html) of one of this owner's submissions, else None."""
    row = conn.execute(
        f"select feedback_json, feedback_html from audit.submissions where submission_id = %s"
        f" and {OWNER_OF_REPORT} = %s",
        (submission_id, owner),
    ).fetchone()
    if row is None:
        return None
    stored = row[0] if suffix == "json" else row[1]
    name = Path(stored or "").name
    if not REPORT_NAME.match(name):
        return None
    root = settings.feedback.resolve()
    path = (root / owner / name).resolve()
    if not path.is_relative_to(root / owner) or not path.is_file():
        return None
    return path


def submission_document(
    settings: Settings, conn: psycopg.Connection, owner: str, submission_id: int
) -> dict | None:
    path = submission_report(settings, conn, owner, submission_id, "json")
    if path is None:
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def upload(conn: psycopg.Connection, owner: str, upload_id: int) -> dict | None:
    row = conn.execute(
        "select u.upload_id, u.uploaded_at, u.file_names, u.outcome, u.verdict, u.submission_id,"
        " u.same_as, a.username from portal.uploads as u"
        " join portal.users as a on a.user_id = u.user_id"
        " where u.upload_id = %s and u.sender = %s",
        (upload_id, owner),
    ).fetchone()
    if row is None:
        return None
    keys = ("upload_id", "uploaded_at", "file_names", "outcome", "verdict", "submission_id",
            "same_as", "username")  # fmt: skip
    return dict(zip(keys, row, strict=True))


def monitor_file(settings: Settings, name: str, allowed: set[str] | None) -> Path | None:
    """A file of the monitor report (``sto report``): one of ``allowed`` (None: any page)."""
    if not MONITOR_NAME.match(name) or (allowed is not None and name not in allowed):
        return None
    root = (settings.reports / "monitor").resolve()
    path = (root / name).resolve()
    if path.parent != root or not path.is_file():
        return None
    return path
