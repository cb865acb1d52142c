"""Loading a validated submission: every sheet by COPY, in ONE transaction (all or nothing).

Raw keeps every version (append-only); staging marks the current one per (region, type, period):
the latest submitted-at wins (DESIGN §2: history from raw). An advisory lock per (type, region,
period) serialises two loads of the same key. Rejections write audit.loads / audit.rejections /
audit.submissions rows and quarantine the bytes with reason.json and the feedback report.

Personal data (docs/privacy.md): fields marked ``stored=False`` (contact persons) are never
loaded; for companies the KvK number is stored pseudonymised (HMAC-SHA256 with this
installation's key) and the name not at all.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

import psycopg
from psycopg import sql

from sto_warehouse.config import Settings
from sto_warehouse.submissions import spec
from sto_warehouse.submissions.validate import Judged

RAW = "raw"
MAX_REJECTION_ROWS = 200
BRIN6_SQL = (
    "case when length(trim(vestigingscode)) = 6 then upper(trim(vestigingscode))"
    " else upper(trim(instellingscode)) || lpad(coalesce(nullif(trim(vestigingscode), ''), '0'), 2, '0') end"
)


def pseudonym_key(settings: Settings) -> bytes:
    explicit = settings.get("STO_PSEUDONYM_KEY")
    secret = explicit or ("sto-pseudonym|" + settings.role_password("loader"))
    return hashlib.sha256(secret.encode()).digest()


def pseudonymise(key: bytes, kvk: str) -> str:
    return "kvk:" + hmac.new(key, kvk.strip().encode(), hashlib.sha256).hexdigest()[:24]


class DbLookups:
    """Referential lookups against what is loaded (as the loader role)."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn
        self._registered: dict[str, set[str]] = {}
        self._loaded: dict[str, bool] = {}

    def _exists(self, table: str) -> bool:
        row = self.conn.execute(
            "select to_regclass(%s) is not null", (f"{RAW}.{table}",)
        ).fetchone()
        return bool(row and row[0])

    def loaded(self, dataset: str) -> bool:
        if dataset not in self._loaded:
            row = self.conn.execute(
                "select exists(select 1 from audit.partitions where dataset = %s)", (dataset,)
            ).fetchone()
            self._loaded[dataset] = bool(row and row[0]) and self._exists(dataset)
        return self._loaded[dataset]

    def _brin6(self, table: str, codes: set[str]) -> set[str]:
        rows = self.conn.execute(
            sql.SQL("select distinct {} from {} where {} = any(%s)").format(
                sql.SQL(BRIN6_SQL), sql.Identifier(RAW, table), sql.SQL(BRIN6_SQL)
            ),
            (sorted(codes),),
        ).fetchall()
        return {r[0] for r in rows}

    def known_vo_brin6(self, codes: set[str]) -> set[str]:
        return self._brin6("duo_vo_vestigingen", codes)

    def known_po_brin6(self, codes: set[str]) -> set[str]:
        return self._brin6("duo_po_vestigingen", codes)

    def known_mbo(self, codes: set[str]) -> set[str]:
        rows = self.conn.execute(
            "select distinct upper(trim(instellingscode)) from raw.duo_mbo_instellingen"
            " where upper(trim(instellingscode)) = any(%s)",
            (sorted(codes),),
        ).fetchall()
        return {r[0] for r in rows}

    def vmbo_boards(self, numbers: set[str]) -> set[str]:
        rows = self.conn.execute(
            "select distinct trim(bevoegd_gezag_nummer) from raw.duo_vo_vestigingen"
            " where onderwijsstructuur like '%%VBO%%' and trim(bevoegd_gezag_nummer) = any(%s)",
            (sorted(numbers),),
        ).fetchall()
        return {r[0] for r in rows}

    def registered(self, region_period: str) -> set[str]:
        if region_period not in self._registered:
            rows = self.conn.execute(
                "select distinct _region_id from raw.sub_registration where _period = %s",
                (region_period,),
            ).fetchall()
            self._registered[region_period] = {r[0] for r in rows}
        return self._registered[region_period]

    def claimed_elsewhere(self, region_id: str, period: str, codes: set[str]) -> set[str]:
        rows = self.conn.execute(
            "with current as (select distinct on (_region_id) _region_id, _submission_id"
            "  from raw.sub_header where _submission_type = 'deelnemers' and _period = %s"
            "  order by _region_id, _submitted_at desc, _submission_id desc)"
            " select distinct upper(trim(m.code)) from raw.sub_membership as m"
            " join current as c on c._submission_id = m._submission_id"
            " where c._region_id <> %s and lower(trim(m.deelnemer_type)) in ('vmbo', 'vso', 'pro')"
            " and upper(trim(m.code)) = any(%s)",
            (period, region_id, sorted(codes)),
        ).fetchall()
        return {r[0] for r in rows}


def _stored_value(sheet: spec.Sheet, field: spec.Field, row, key: bytes) -> str | None:
    cell = row.cells.get(field.name)
    if cell is None:
        return None
    value = cell.value
    if sheet.table == "sub_membership":
        kind = row.get("deelnemer_type").strip().lower()
        if kind == "bedrijf" and field.name == "code" and value:
            return pseudonymise(key, value)
        if kind == "bedrijf" and field.name == "naam":
            return None
    return value


def load(
    conn: psycopg.Connection,
    settings: Settings,
    judged: Judged,
    sheets: tuple[spec.Sheet, ...],
    *,
    file_names: list[str],
    file_format: str,
    sha256: str,
    received_at: datetime,
    run_id: str | None,
    dataset: str,
    feedback: tuple[str, str],
) -> dict:
    """COPY every sheet of one valid submission into raw, in one transaction."""
    key = pseudonym_key(settings)
    source_file = ", ".join(file_names)
    loaded_at = datetime.now(UTC)
    submitted_at = judged.submitted_at or received_at
    counts: dict[str, int] = {}
    with conn.transaction():
        conn.execute(
            "select pg_advisory_xact_lock(hashtext(%s), hashtext(%s))",
            (f"sto:sub:{judged.submission_type}", f"{judged.region_id}|{judged.period}"),
        )
        previous = conn.execute(
            "select submission_id from audit.submissions where region_id = %s"
            " and submission_type = %s and period = %s and status = 'loaded'"
            " order by submitted_at desc, submission_id desc limit 1",
            (judged.region_id, judged.submission_type, judged.period),
        ).fetchone()
        load_id = conn.execute(
            "insert into audit.loads (run_id, dataset, period, period_source, source_file,"
            " file_sha256, entry_version, loader_version, vintage, encoding, status, warnings)"
            " values (%s, %s, %s, 'submission', %s, %s, %s, %s, %s, %s, 'staged', %s::jsonb)"
            " returning load_id",
            (
                run_id,
                dataset,
                f"{judged.region_id}|{judged.period}",
                source_file,
                sha256,
                spec.SPEC_VERSION,
                spec.LOADER_VERSION,
                judged.template_version,
                file_format,
                psycopg.types.json.Jsonb([f.as_dict() for f in judged.warnings]),
            ),
        ).fetchone()[0]
        submission_id = conn.execute(
            "insert into audit.submissions (load_id, run_id, file_sha256, source_file,"
            " file_format, submission_type, region_id, period, template_version, spec_version,"
            " loader_version, submitted_at, received_at, deadline, met_deadline, status,"
            " n_errors, n_warnings, supersedes, feedback_html, feedback_json)"
            " values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'loaded',"
            " 0, %s, %s, %s, %s) returning submission_id",
            (
                load_id,
                run_id,
                sha256,
                source_file,
                file_format,
                judged.submission_type,
                judged.region_id,
                judged.period,
                judged.template_version,
                spec.SPEC_VERSION,
                spec.LOADER_VERSION,
                submitted_at,
                received_at,
                judged.deadline,
                judged.met_deadline,
                len(judged.warnings),
                previous[0] if previous else None,
                feedback[0],
                feedback[1],
            ),
        ).fetchone()[0]
        lineage = (
            submission_id,
            load_id,
            sha256,
            source_file,
        )
        tail = (
            loaded_at,
            judged.region_id,
            judged.submission_type,
            judged.period,
            submitted_at,
            received_at,
            judged.template_version,
        )
        for sheet in sheets:
            data = judged.sheets.get(sheet.name)
            if data is None or not data.rows:
                continue
            fields = [f for f in sheet.stored_fields]
            columns = [f.name for f in fields] + list(spec.LINEAGE)
            copy_sql = sql.SQL("copy {} ({}) from stdin").format(
                sql.Identifier(RAW, sheet.table),
                sql.SQL(", ").join(sql.Identifier(c) for c in columns),
            )
            with conn.cursor() as cur, cur.copy(copy_sql) as copy:
                for row in data.rows:
                    business = tuple(_stored_value(sheet, f, row, key) for f in fields)
                    copy.write_row(business + lineage + (sheet.name, row.number) + tail)
            counts[sheet.name] = len(data.rows)
        conn.execute(
            "update audit.loads set status = 'loaded', row_count = %s, finished_at = now()"
            " where load_id = %s",
            (sum(counts.values()), load_id),
        )
        conn.execute(
            "update audit.submissions set row_counts = %s::jsonb where submission_id = %s",
            (psycopg.types.json.Jsonb(counts), submission_id),
        )
    return {"load_id": load_id, "submission_id": submission_id, "row_counts": counts,
            "supersedes": previous[0] if previous else None}  # fmt: skip


def record_rejection(
    conn: psycopg.Connection,
    judged: Judged,
    *,
    file_names: list[str],
    file_format: str,
    sha256: str,
    received_at: datetime,
    run_id: str | None,
    dataset: str | None,
    quarantine_path: str,
    feedback: tuple[str, str],
) -> dict:
    source_file = ", ".join(file_names)
    errors = judged.errors
    first = errors[0] if errors else None
    with conn.transaction():
        load_id = conn.execute(
            "insert into audit.loads (run_id, dataset, period, period_source, source_file,"
            " file_sha256, entry_version, loader_version, vintage, encoding, status, message,"
            " finished_at) values (%s, %s, %s, 'submission', %s, %s, %s, %s, %s, %s,"
            " 'rejected', %s, now()) returning load_id",
            (
                run_id,
                dataset,
                f"{judged.region_id}|{judged.period}" if judged.region_id else None,
                source_file,
                sha256,
                spec.SPEC_VERSION,
                spec.LOADER_VERSION,
                judged.template_version,
                file_format,
                f"{first.rule}: {first.message}" if first else None,
            ),
        ).fetchone()[0]
        submission_id = conn.execute(
            "insert into audit.submissions (load_id, run_id, file_sha256, source_file,"
            " file_format, submission_type, region_id, period, template_version, spec_version,"
            " loader_version, submitted_at, received_at, deadline, met_deadline, status,"
            " retryable, n_errors, n_warnings, feedback_html, feedback_json)"
            " values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'rejected',"
            " %s, %s, %s, %s, %s) returning submission_id",
            (
                load_id,
                run_id,
                sha256,
                source_file,
                file_format,
                judged.submission_type,
                judged.region_id,
                judged.period,
                judged.template_version,
                spec.SPEC_VERSION,
                spec.LOADER_VERSION,
                judged.submitted_at,
                received_at,
                judged.deadline,
                judged.met_deadline,
                judged.retryable,
                len(errors),
                len(judged.warnings),
                feedback[0],
                feedback[1],
            ),
        ).fetchone()[0]
        with conn.cursor() as cur:
            cur.executemany(
                "insert into audit.rejections (load_id, run_id, source, source_file, file_sha256,"
                " dataset, code, message, line, column_name, expected, found, fix,"
                " quarantine_path) values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [
                    (
                        load_id,
                        run_id,
                        spec.SOURCE,
                        source_file,
                        sha256,
                        dataset,
                        f.rule,
                        f.message,
                        f.row,
                        " ".join(x for x in (f.sheet, f.cell) if x) or None,
                        f.expected,
                        f.value,
                        f.fix,
                        quarantine_path,
                    )
                    for f in errors[:MAX_REJECTION_ROWS]
                ],
            )
    return {"load_id": load_id, "submission_id": submission_id}
