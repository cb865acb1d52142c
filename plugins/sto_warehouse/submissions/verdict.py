"""The one verdict on a submission (DESIGN §10): what the nightly DAG, `sto submission check` and
the regions' portal all call, so a region sees on upload exactly what the night would decide.

``judge`` reads the bytes with the hostile-file defences of ``reader`` (or the grant export
adapter), runs every rule of ``validate`` against the warehouse (``load.DbLookups``) and adds
the sender check: the region a file came from (its landing folder, or the portal account that
uploaded it) is the sender, and a file for another region is refused (``REGIO_VERSCHIL``), its
feedback kept with the sender. A region's folder takes regional submissions only: the grant
administrator's export is read as such only when it does not come from a region.

``reject`` is the one way a rejected submission is kept: its Dutch feedback report (HTML + JSON)
in ``feedback/<sender>/``, the bytes in ``quarantine/submissions/<sha256>/`` with reason.json and
the report, and the rows in ``audit.loads``/``audit.submissions``/``audit.rejections``.
``pipeline.process`` loads what ``judge`` passes; the portal hands it to the night instead.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psycopg

from sto_warehouse.config import Settings
from sto_warehouse.ingest import files
from sto_warehouse.ingest.errors import Problem
from sto_warehouse.submissions import feedback, grants, load, reader, spec, values
from sto_warehouse.submissions.validate import Judged, Lookups, validate, validate_grant

GRANT_FOLDER = "_subsidieverstrekker"  # feedback of the grant administrator's exports
GRANT_LANDING = "dus-i"  # where the grant administrator's exports land (never a region id)
KINDS = ("submission", "grant")


@dataclass
class Verdict:
    kind: str  # submission | grant
    names: list[str]
    sha256: str
    received_at: datetime
    sender: str | None  # the region the bytes came from (landing folder or portal account)
    judged: Judged
    sheets: tuple[spec.Sheet, ...]
    dataset: str | None
    file_format: str

    @property
    def ok(self) -> bool:
        return self.judged.ok

    @property
    def folder(self) -> str:
        """The feedback folder: the sender's, else the region the file names, else _onbekend."""
        if self.kind == "grant":
            return GRANT_FOLDER
        return feedback.region_folder(self.sender or self.judged.region_id)

    def report_paths(self, settings: Settings) -> tuple[Path, Path]:
        stem = feedback.stem(self.received_at, self.judged, self.sha256)
        folder = settings.feedback / self.folder
        return folder / f"{stem}.html", folder / f"{stem}.json"

    def document(self, status: str) -> dict:
        """The feedback document (``feedback.document``) with this verdict's findings."""
        return feedback.document(
            self.judged,
            file_names=self.names,
            sha256=self.sha256,
            received_at=self.received_at,
            status=status,
        )

    def write_report(self, settings: Settings, status: str) -> tuple[Path, Path]:
        html_path, json_path = self.report_paths(settings)
        feedback.write_files(html_path, json_path, self.document(status))
        return html_path, json_path


def submission_sha256(members: list[tuple[str, str]]) -> str:
    """The identity of a submission: the file's sha256, or for a CSV group the sha256 over its
    sorted member names and hashes (a member arriving later makes a new submission)."""
    if len(members) == 1 and reader.csv_group_key(members[0][0]) is None:
        return members[0][1]
    ordered = sorted(members)
    return hashlib.sha256("\n".join(f"{name}:{sha}" for name, sha in ordered).encode()).hexdigest()


def is_region(sender: str | None) -> bool:
    return bool(sender and values.REGION_ID.match(sender) and sender.lower() != GRANT_LANDING)


def kind_of(contents: list[tuple[str, bytes]]) -> str:
    """A grant export is recognised by its name or header; anything else is a submission."""
    if len(contents) != 1:
        return "submission"
    name, data = contents[0]
    return "grant" if grants.looks_like_grant_export(name, data[:4096]) else "submission"


def _read_and_validate(kind: str, contents: list[tuple[str, bytes]], received_at, lookups):
    """(judged, parsed sheets spec, dataset, file format)."""
    if kind == "grant":
        name, data = contents[0]
        judged = Judged()
        issue = reader.check_file_name(name)
        if issue:
            judged.add_issue(issue)
            return judged, (), "sub_grant", "csv"
        layout = grants.identify(data)
        if layout is None:
            judged.add("EXPORT_ONBEKEND", value=", ".join(grants.header_of(data))[:200])
            return judged, (), "sub_grant", "csv"
        try:
            parsed = grants.read(data, layout)
        except (ValueError, UnicodeDecodeError) as exc:
            judged.add("CSV_ONLEESBAAR", value=str(exc)[:200])
            return judged, (), f"sub_{layout.submission_type}", "csv"
        judged = validate_grant(parsed, layout, received_at, lookups)
        return judged, (grants.sheet_spec(layout),), f"sub_{layout.submission_type}", "csv"
    try:
        parsed = reader.read(contents)
    except reader.Unreadable as exc:
        judged = Judged()
        judged.add_issue(exc.issue)
        suffix = Path(contents[0][0]).suffix.lower().lstrip(".") or "onbekend"
        return judged, (), None, suffix[:10]
    judged = validate(parsed, received_at, lookups)
    kind_spec = spec.TYPES.get(judged.submission_type or "")
    return (
        judged,
        kind_spec.sheets if kind_spec else (),
        kind_spec.dataset if kind_spec else None,
        parsed.format,
    )


def judge(
    contents: list[tuple[str, bytes]],
    *,
    received_at: datetime,
    lookups: Lookups,
    sender: str | None = None,
    kind: str | None = None,
    sha256: str | None = None,
) -> Verdict:
    """Every rule on one submission (one file, or the files of one CSV group).

    ``received_at`` is when the bytes were first seen (``audit.files.first_seen_at``);
    ``sender`` the region folder they came from; ``kind`` forces submission or grant (else
    ``kind_of``); ``sha256`` the submission's identity when the caller knows it already.
    """
    if is_region(sender):
        kind = "submission"  # a region's folder or account takes regional submissions only
    elif kind is None:
        kind = kind_of(contents)
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if sha256 is None:
        sha256 = submission_sha256([(n, hashlib.sha256(d).hexdigest()) for n, d in contents])
    judged, sheets, dataset, file_format = _read_and_validate(kind, contents, received_at, lookups)
    if (
        kind == "submission"
        and sender
        and judged.region_id
        and judged.region_id != sender
        and not any(f.rule == "REGIO_VERSCHIL" for f in judged.findings)
    ):
        # A file for another region: refused, and its feedback stays with the sender.
        judged.add("REGIO_VERSCHIL", sheet="algemeen", field="regio_id",
                   value=judged.region_id, expected=sender)  # fmt: skip
    return Verdict(
        kind,
        [name for name, _ in contents],
        sha256,
        received_at,
        sender,
        judged,
        sheets,
        dataset,
        file_format,
    )


def reject(
    settings: Settings,
    conn: psycopg.Connection,
    verdict: Verdict,
    archive_paths: list[str],
    run_id: str | None,
) -> dict:
    """Keep a rejected submission: feedback report, quarantine, audit rows. The outcome."""
    html_path, json_path = verdict.write_report(settings, "afgewezen")
    quarantine = _quarantine(settings, verdict, archive_paths, html_path, json_path)
    judged = verdict.judged
    outcome = load.record_rejection(
        conn, judged, file_names=verdict.names, file_format=verdict.file_format,
        sha256=verdict.sha256, received_at=verdict.received_at, run_id=run_id,
        dataset=verdict.dataset, quarantine_path=str(quarantine),
        feedback=(str(html_path), str(json_path)),
    )  # fmt: skip
    first = judged.errors[0]
    return {
        **outcome,
        "feedback_html": str(html_path),
        "feedback_json": str(json_path),
        "quarantine": str(quarantine),
        "code": first.rule,
        "reason": first.message,
        "fix": first.fix,
        "retryable": judged.retryable,
    }


def _quarantine(
    settings: Settings, verdict: Verdict, archive_paths: list[str], html_path: Path, json_path: Path
) -> Path:
    judged = verdict.judged
    problems = [
        Problem(
            code=f.rule,
            message=f.message,
            file=", ".join(verdict.names),
            line=f.row,
            column=" ".join(x for x in (f.sheet, f.cell) if x) or None,
            expected=f.expected,
            found=str(feedback.neutralise(f.value)) if f.value is not None else None,
            fix=f.fix,
        )
        for f in judged.errors
    ]
    folder = files.quarantine(
        settings.quarantine,
        spec.SOURCE,
        verdict.sha256,
        verdict.names[0],
        Path(archive_paths[0]),
        problems,
        {
            "region_id": judged.region_id,
            "submission_type": judged.submission_type,
            "period": judged.period,
            "sender": verdict.sender,
            "feedback": str(html_path),
        },
    )
    for name, archived in zip(verdict.names[1:], archive_paths[1:], strict=True):
        target = folder / Path(name).name
        if not target.exists():
            shutil.copyfile(archived, target)
    shutil.copyfile(html_path, folder / "feedback.html")
    shutil.copyfile(json_path, folder / "feedback.json")
    return folder


def check(
    settings: Settings,
    contents: list[tuple[str, bytes]],
    *,
    sender: str | None = None,
    received_at: datetime | None = None,
) -> Verdict:
    """`sto submission check`: the verdict on files not (yet) in the landing folder, against
    the warehouse as the nightly load sees it (the loader role), nothing written."""
    from datetime import UTC

    from sto_warehouse import db

    with db.loader(settings) as conn:
        conn.read_only = True
        return judge(
            contents,
            received_at=received_at or datetime.now(UTC),
            lookups=load.DbLookups(conn),
            sender=sender,
        )
