"""The submissions flow as steps, each callable from an Airflow task or in one process.

``discover`` lists and archives every landed file through the load protocol shared with the DUO
ingest (``sto_warehouse.protocol``: ``$STO_HOME/archive/submissions/<sha256>``, ``audit.files``),
groups CSV files ``<prefix>__<sheet>.csv`` of one folder into one submission, and returns only
the submissions not judged before under their skip key (sha256, SPEC_VERSION, LOADER_VERSION); a
submission rejected only because a DUO address list was missing is tried again. It splits them in
two waves: registrations first (everything else is checked against the registered regions).
``process`` reads, validates, loads (one transaction) or quarantines, and writes the feedback
report of ONE submission; ``summarise`` tells whether anything loaded (then the Asset is emitted).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import psycopg

from sto_warehouse import db, protocol
from sto_warehouse.config import Settings
from sto_warehouse.submissions import grants, load, reader, spec, values, verdict

log = logging.getLogger(__name__)
GRANT_FOLDER = verdict.GRANT_FOLDER


@dataclass
class Task:
    kind: str  # submission | grant
    names: list[str]
    archive_paths: list[str]
    sha256: str  # of the file, or of the group (names + member hashes)
    received_at: str  # ISO: when the (last member's) bytes were first seen
    region_hint: str | None  # the landing sub-folder, when it is named like a region id
    wave: int = 2
    member_sha256: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def landing_root(settings: Settings) -> Path:
    return protocol.landing_root(settings, spec.SOURCE)


def _hint(root: Path, path: Path) -> str | None:
    relative = path.relative_to(root).parts
    if len(relative) >= 2 and values.REGION_ID.match(relative[0]):
        return relative[0]
    return None


def _done(conn: psycopg.Connection, sha: str) -> bool:
    row = conn.execute(
        "select 1 from audit.submissions where file_sha256 = %s and spec_version = %s"
        " and loader_version = %s and (status = 'loaded' or not retryable) limit 1",
        (sha, spec.SPEC_VERSION, spec.LOADER_VERSION),
    ).fetchone()
    return row is not None


def _wave(task: Task) -> int:
    """1 for registrations (read the template's meta), else 2."""
    if task.kind != "submission":
        return 2
    try:
        contents = [
            (n, Path(p).read_bytes()) for n, p in zip(task.names, task.archive_paths, strict=True)
        ]
        parsed = reader.read(contents)
    except (reader.Unreadable, OSError, ValueError):
        return 2
    return 1 if parsed.meta.get("template_type", "").strip().lower() == "registratie" else 2


def discover(settings: Settings) -> dict[str, list[dict]]:
    """New submissions in the landing folder, as {"registrations": [...], "others": [...]}."""
    root = landing_root(settings)
    tasks: list[Task] = []
    groups: dict[tuple[Path, str], list[tuple[Path, str, datetime, Path]]] = {}
    with db.loader(settings) as conn:
        for path in protocol.landed(settings, spec.SOURCE):
            kept = protocol.archive(settings, conn, spec.SOURCE, path.name, path=path)
            sha, archived, first_seen = kept.sha256, kept.path, kept.first_seen
            conn.commit()
            group = reader.csv_group_key(path.name)
            if group is not None:
                groups.setdefault((path.parent, group[0]), []).append(
                    (path, sha, first_seen, archived)
                )
                continue
            data = archived.read_bytes()[:4096]
            kind = "grant" if grants.looks_like_grant_export(path.name, data) else "submission"
            tasks.append(
                Task(
                    kind,
                    [path.name],
                    [str(archived)],
                    sha,
                    first_seen.isoformat(),
                    _hint(root, path),
                )
            )
        for (_folder, _prefix), members in sorted(groups.items()):
            members.sort(key=lambda m: m[0].name)
            digest = verdict.submission_sha256([(p.name, sha) for p, sha, _, _ in members])
            tasks.append(
                Task(
                    "submission",
                    [p.name for p, _, _, _ in members],
                    [str(a) for _, _, _, a in members],
                    digest,
                    max(seen for _, _, seen, _ in members).isoformat(),
                    _hint(root, members[0][0]),
                    member_sha256=[sha for _, sha, _, _ in members],
                )
            )
        fresh = [t for t in tasks if not _done(conn, t.sha256)]
    for task in fresh:
        task.wave = _wave(task)
    ordered = sorted(fresh, key=lambda t: (t.received_at, t.names))
    return {
        "registrations": [t.as_dict() for t in ordered if t.wave == 1],
        "others": [t.as_dict() for t in ordered if t.wave == 2],
    }


def process(settings: Settings, task: dict, run_id: str | None) -> dict:
    """Judge one submission (``verdict.judge``, as the portal and `sto submission check` do);
    load it whole, or keep it rejected (``verdict.reject``); write its feedback report."""
    names = task["names"]
    contents = [
        (n, Path(p).read_bytes()) for n, p in zip(names, task["archive_paths"], strict=True)
    ]
    received_at = datetime.fromisoformat(task["received_at"])
    with db.loader(settings) as conn:
        found = verdict.judge(
            contents,
            received_at=received_at,
            lookups=load.DbLookups(conn),
            sender=task.get("region_hint"),
            kind=task["kind"],
            sha256=task["sha256"],
        )
        conn.commit()
        judged = found.judged
        html_path, json_path = found.report_paths(settings)
        result: dict = {
            "names": names,
            "sha256": task["sha256"],
            "region_id": judged.region_id,
            "submission_type": judged.submission_type,
            "period": judged.period,
            "feedback_html": str(html_path),
            "feedback_json": str(json_path),
            "errors": len(judged.errors),
            "warnings": len(judged.warnings),
            "met_deadline": judged.met_deadline,
        }
        if found.ok:
            try:
                outcome = load.load(
                    conn, settings, judged, found.sheets, file_names=names,
                    file_format=found.file_format, sha256=task["sha256"], received_at=received_at,
                    run_id=run_id, dataset=found.dataset or "sub_unknown",
                    feedback=(str(html_path), str(json_path)),
                )  # fmt: skip
            except (psycopg.Error, ValueError) as exc:
                conn.rollback()
                judged.add("LADEN_MISLUKT", value=str(exc).splitlines()[0][:200])
            else:
                found.write_report(settings, "geladen")
                log.info(
                    "loaded %s: %s %s %s",
                    names,
                    judged.region_id,
                    judged.submission_type,
                    judged.period,
                )
                return {**result, "status": "loaded", **outcome}
        outcome = verdict.reject(settings, conn, found, task["archive_paths"], run_id)
    log.warning("rejected %s: %s %s", names, outcome["code"], outcome["reason"])
    return {**result, "status": "rejected", **outcome}


def summarise(results: list[dict | None]) -> dict:
    done = [r for r in results if r]
    loaded = [_brief(r) for r in done if r.get("status") == "loaded"]
    rejected = [_brief(r) for r in done if r.get("status") == "rejected"]
    return protocol.summary(loaded, rejected)


def _brief(item: dict) -> dict:
    keys = ("names", "sha256", "region_id", "submission_type", "period", "submission_id", "code",
            "reason", "fix", "feedback_html", "feedback_json", "quarantine", "met_deadline",
            "warnings")  # fmt: skip
    return {k: item.get(k) for k in keys if item.get(k) is not None}


def load_all(settings: Settings, run_id: str | None) -> dict:
    """The whole flow in this process (CLI and tests); Airflow runs the same steps as tasks."""
    found = discover(settings)
    results = [process(settings, t, run_id) for t in found["registrations"]]
    results += [process(settings, t, run_id) for t in found["others"]]
    return summarise(results)
