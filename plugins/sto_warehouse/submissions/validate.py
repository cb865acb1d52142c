"""Every rule on one submission, all problems at once (never only the first).

Order: the reader's findings (hostile or unreadable files stop there), the template (meta,
version, sheets, columns), every cell (types, ranges, code lists, formula-looking text), the
identification (region, period, submitted-at, deadline), references against DUO and the
registrations already loaded (errors for submissions, unlike DUO files: DESIGN §3), and internal
consistency (totals, duplicates). Each finding names the sheet, the cell or row, the value found,
the rule, and the Dutch message and fix from ``messages.CATALOGUE``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Protocol

from sto_warehouse.submissions import spec, values
from sto_warehouse.submissions.messages import ERROR, WARNING, render
from sto_warehouse.submissions.reader import Issue, Parsed, Row, SheetData


@dataclass
class Finding:
    rule: str
    severity: str
    message: str
    fix: str
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    field: str | None = None
    value: str | None = None
    expected: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


class Lookups(Protocol):
    """What validation asks the warehouse (see ``load.DbLookups``)."""

    def loaded(self, dataset: str) -> bool: ...
    def known_vo_brin6(self, codes: set[str]) -> set[str]: ...
    def known_po_brin6(self, codes: set[str]) -> set[str]: ...
    def known_mbo(self, codes: set[str]) -> set[str]: ...
    def vmbo_boards(self, numbers: set[str]) -> set[str]: ...
    def registered(self, region_period: str) -> set[str]: ...
    def claimed_elsewhere(self, region_id: str, period: str, codes: set[str]) -> set[str]: ...


@dataclass
class Judged:
    findings: list[Finding] = field(default_factory=list)
    submission_type: str | None = None
    region_id: str | None = None
    period: str | None = None
    region_period: str | None = None
    template_version: str | None = None
    submitted_at: datetime | None = None
    deadline: str | None = None
    met_deadline: bool | None = None
    retryable: bool = False  # rejected only because DUO data is not loaded yet
    sheets: dict[str, SheetData] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(
        self,
        rule: str,
        *,
        sheet: str | None = None,
        cell: str | None = None,
        row: int | None = None,
        field: str | None = None,
        value: str | None = None,
        expected: str | None = None,
    ) -> None:
        severity, message, fix = render(
            rule, tabblad=sheet, veld=field, waarde=value, verwacht=expected, cel=cell
        )
        self.findings.append(
            Finding(rule, severity, message, fix, sheet, cell, row, field, value, expected)
        )

    def add_issue(self, issue: Issue) -> None:
        self.add(
            issue.rule,
            sheet=issue.sheet,
            cell=issue.cell,
            value=issue.value,
            expected=issue.expected,
            field=issue.field,
        )


def _listing(items) -> str:
    return ", ".join(items)


# -- cells ----------------------------------------------------------------------------------------


def _check_cell(judged: Judged, sheet: spec.Sheet, f: spec.Field, row: Row) -> None:
    text = row.get(f.name)
    where = {"sheet": sheet.name, "cell": row.ref(f.name), "row": row.number, "field": f.name}
    if not text:
        if f.required:
            judged.add("VERPLICHT", **where)
        return
    kind = f.kind
    if kind == "amount":
        number = values.number(text)
        if number is None:
            judged.add("GEEN_BEDRAG", value=text, **where)
        elif number < 0:
            judged.add("NEGATIEF", value=text, **where)
        elif number > spec.MAX_AMOUNT:
            judged.add(
                "TE_GROOT", value=text, expected=f"{spec.MAX_AMOUNT:,}".replace(",", "."), **where
            )
    elif kind == "fte":
        number = values.number(text)
        if number is None:
            judged.add("GEEN_GETAL", value=text, **where)
        elif number < 0:
            judged.add("NEGATIEF", value=text, **where)
        elif number > Decimal(str(spec.FTE_MAX_PER_ROW)):
            judged.add("FTE_BEREIK", value=text, expected=f"{spec.FTE_MAX_PER_ROW:g}", **where)
    elif kind == "count":
        number = values.integer(text)
        if number is None:
            judged.add("GEEN_GEHEEL_GETAL", value=text, **where)
        elif number < 0:
            judged.add("NEGATIEF", value=text, **where)
    elif kind == "year":
        if values.year(text) is None:
            judged.add("GEEN_JAAR", value=text, **where)
    elif kind == "date":
        if values.parse_date(text) is None:
            judged.add("GEEN_DATUM", value=text, **where)
    elif kind == "datetime":
        if values.parse_datetime(text) is None:
            judged.add("GEEN_TIJDSTIP", value=text, **where)
    elif kind == "code":
        allowed = spec.code_lists()[f.codes or ""]
        if text.strip().lower() not in allowed:
            judged.add("CODELIJST", value=text, expected=_listing(allowed), **where)
    elif kind == "region":
        if not values.REGION_ID.match(text.strip()):
            judged.add("FORMAAT_REGIO", value=text, **where)
    elif kind == "bg":
        if not values.BEVOEGD_GEZAG.match(text.strip()):
            judged.add("FORMAAT_BG", value=text, **where)
    elif kind in ("text", "participant", "period"):
        if values.looks_like_formula(text):
            judged.add("FORMULE_TEKST", value=text, **where)


# -- structure ------------------------------------------------------------------------------------


def _check_structure(judged: Judged, parsed: Parsed, kind: spec.SubmissionType) -> None:
    known = {s.name for s in kind.sheets}
    for name in parsed.sheets:
        if name not in known:
            judged.add("TABBLAD_ONBEKEND", sheet=name)
    for sheet in kind.sheets:
        data = parsed.sheets.get(sheet.name)
        if data is None:
            if sheet.min_rows > 0:
                judged.add("TABBLAD_ONTBREEKT", sheet=sheet.name)
            continue
        if data.hidden:
            judged.add("VERBORGEN_TABBLAD", sheet=sheet.name)
        if data.merged:
            judged.add("SAMENGEVOEGDE_CELLEN", sheet=sheet.name, value=", ".join(data.merged[:5]))
        seen: set[str] = set()
        for column in data.header:
            if not column:
                continue
            if column in seen:
                judged.add("KOLOM_DUBBEL", sheet=sheet.name, field=column)
            seen.add(column)
            if sheet.field(column) is None:
                judged.add("KOLOM_ONBEKEND", sheet=sheet.name, field=column)
        if parsed.format != "json":  # JSON objects may leave out optional fields
            for f in sheet.fields:
                if f.name not in seen and f.required:
                    judged.add("KOLOM_ONTBREEKT", sheet=sheet.name, field=f.name)
        if data.truncated or len(data.rows) > sheet.max_rows:
            judged.add("TE_VEEL_RIJEN", sheet=sheet.name, expected=str(sheet.max_rows))
        elif len(data.rows) < sheet.min_rows:
            judged.add("TABBLAD_LEEG", sheet=sheet.name, expected=str(sheet.min_rows))
        judged.sheets[sheet.name] = data
        for row in data.rows:
            for f in sheet.fields:
                if f.name in seen or parsed.format == "json":
                    _check_cell(judged, sheet, f, row)
        if sheet.key:
            _check_duplicates(judged, sheet, data)


def _check_duplicates(judged: Judged, sheet: spec.Sheet, data: SheetData) -> None:
    first: dict[tuple, int] = {}

    def part(row: Row, name: str) -> str:
        # "code|naam": the code, or the name when a participant has no code (overheid, overig)
        return next((row.get(n).strip() for n in name.split("|") if row.get(n).strip()), "")

    for row in data.rows:
        shown = [part(row, k) for k in sheet.key]
        key = tuple(v.lower() for v in shown)
        if not any(key):
            continue
        if key in first:
            judged.add(
                "DUBBEL",
                sheet=sheet.name,
                row=row.number,
                cell=f"rij {row.number} (eerder: rij {first[key]})",
                value=" / ".join(shown),
                expected=" + ".join(k.split("|")[0] for k in sheet.key),
            )
        else:
            first[key] = row.number


# -- identification -------------------------------------------------------------------------------


def _identify(
    judged: Judged, parsed: Parsed, kind: spec.SubmissionType, received_at: datetime
) -> None:
    header = parsed.sheets.get("algemeen")
    if header is None or not header.rows:
        return
    row = header.rows[0]
    meta_region = parsed.meta.get("regio_id", "").strip()
    region = row.get("regio_id").strip().upper()
    judged.region_id = region or meta_region.upper() or None
    if meta_region and region and region != meta_region.upper():
        judged.add("REGIO_VERSCHIL", sheet="algemeen", cell=row.ref("regio_id"), row=row.number,
                   field="regio_id", value=region, expected=meta_region)  # fmt: skip
    period = row.get("periode").strip()
    allowed = spec.periods_for(kind.code)
    rule = spec.periods().get((kind.code, period))
    if period and rule is None:
        judged.add("PERIODE_ONBEKEND", sheet="algemeen", cell=row.ref("periode"), row=row.number,
                   field="periode", value=period, expected=_listing(allowed))  # fmt: skip
    judged.period = period or None
    if rule is not None:
        judged.region_period = rule.region_period
        judged.deadline = rule.deadline.isoformat()
    submitted = values.parse_datetime(row.get("ingediend_op"))
    judged.submitted_at = submitted
    if submitted is not None:
        if submitted > received_at + timedelta(days=1):
            judged.add("INGEDIEND_TOEKOMST", sheet="algemeen", cell=row.ref("ingediend_op"), row=row.number,
                       field="ingediend_op", value=row.get("ingediend_op"),
                       expected=received_at.astimezone(spec.AMSTERDAM).isoformat(timespec="minutes"))  # fmt: skip
        if rule is not None:
            judged.met_deadline = spec.met_deadline(submitted, rule.deadline)
            if not judged.met_deadline:
                judged.add("TE_LAAT", sheet="algemeen", cell=row.ref("ingediend_op"), row=row.number,
                           field="ingediend_op", value=row.get("ingediend_op"),
                           expected=rule.deadline.strftime("%d-%m-%Y"))  # fmt: skip


# -- references ------------------------------------------------------------------------------------


def _duo_missing(judged: Judged, check: str, dataset: str) -> None:
    judged.add("DUO_ONTBREEKT", field=check, value=dataset)
    judged.retryable = True


def _check_region_known(judged: Judged, lookups: Lookups, kind: spec.SubmissionType) -> None:
    if kind.code == "registratie" or not judged.region_id or not judged.region_period:
        return
    if judged.region_id not in lookups.registered(judged.region_period):
        header = judged.sheets["algemeen"].rows[0]
        judged.add("REGIO_ONBEKEND", sheet="algemeen", cell=header.ref("regio_id"), row=header.number,
                   field="regio_id", value=judged.region_id, expected=judged.region_period)  # fmt: skip


def _previous_region_period(region_period: str) -> str | None:
    ordered = sorted({r.region_period for r in spec.periods().values()})
    index = ordered.index(region_period) if region_period in ordered else -1
    return ordered[index - 1] if index > 0 else None


def _check_registration(judged: Judged, lookups: Lookups) -> None:
    data = judged.sheets.get("regio")
    if data is None or not data.rows:
        return
    row = data.rows[0]
    region_type = row.get("regio_type").strip().lower()
    if judged.region_period and region_type in spec.code_lists()["region_types"]:
        allowed = spec.region_types_by_period().get(judged.region_period, ())
        if region_type not in allowed:
            judged.add("REGIO_TYPE_PERIODE", sheet="regio", cell=row.ref("regio_type"), row=row.number,
                       field="regio_type", value=row.get("regio_type"), expected=_listing(allowed))  # fmt: skip
    board = row.get("penvoerder_bevoegd_gezag").strip()
    if values.BEVOEGD_GEZAG.match(board):
        if not lookups.loaded("duo_vo_vestigingen"):
            _duo_missing(judged, "penvoerder is vmbo-bevoegd gezag", "vestigingen vo")
        elif board not in lookups.vmbo_boards({board}):
            judged.add("PENVOERDER_GEEN_VMBO", sheet="regio", cell=row.ref("penvoerder_bevoegd_gezag"),
                       row=row.number, field="penvoerder_bevoegd_gezag", value=board)  # fmt: skip
    previous = _previous_region_period(judged.region_period or "")
    predecessors = judged.sheets.get("voorgangers")
    if predecessors is not None and predecessors.rows:
        known = lookups.registered(previous) if previous else set()
        for prow in predecessors.rows:
            code = prow.get("voorganger_regio_id").strip().upper()
            if code and values.REGION_ID.match(code) and code not in known:
                judged.add("VOORGANGER_ONBEKEND", sheet="voorgangers", cell=prow.ref("voorganger_regio_id"),
                           row=prow.number, field="voorganger_regio_id", value=code,
                           expected=previous or "(geen vorige periode)")  # fmt: skip


def _check_membership(judged: Judged, lookups: Lookups) -> None:
    data = judged.sheets.get("deelnemers")
    if data is None:
        return
    kinds = spec.participant_code_kinds()
    rule = spec.periods().get(("deelnemers", judged.period or ""))
    wanted: dict[str, list[tuple[Row, str]]] = defaultdict(list)  # lookup -> rows
    has_vmbo = False
    for row in data.rows:
        ptype = row.get("deelnemer_type").strip().lower()
        code = row.get("code").strip().upper()
        kind = kinds.get(ptype)
        where = {"sheet": "deelnemers", "cell": row.ref("code"), "row": row.number, "field": "code"}
        if ptype == "vmbo":
            has_vmbo = True
        if kind in ("brin6", "instellingscode", "kvk") and not code:
            judged.add("CODE_ONTBREEKT", expected=ptype, **where)
        elif kind == "brin6":
            if not values.BRIN6.match(code):
                judged.add("FORMAAT_BRIN6", value=row.get("code"), **where)
            else:
                wanted["po" if ptype == "po" else "vo"].append((row, code))
        elif kind == "instellingscode":
            if not values.INSTELLINGSCODE.match(code):
                judged.add("FORMAAT_INSTELLING", value=row.get("code"), **where)
            else:
                wanted["mbo"].append((row, code))
        elif kind == "kvk":
            if not values.KVK.match(code):
                judged.add("FORMAAT_KVK", value=row.get("code"), **where)
        start = values.parse_date(row.get("geldig_van"))
        end = values.parse_date(row.get("geldig_tot")) if row.get("geldig_tot") else None
        if start and end and end < start:
            judged.add("DATUM_VOLGORDE", sheet="deelnemers", cell=row.ref("geldig_tot"), row=row.number,
                       field="geldig_tot", value=row.get("geldig_tot"), expected=row.get("geldig_van"))  # fmt: skip
        if rule is not None:
            span = f"{rule.period_start:%d-%m-%Y} - {rule.period_end:%d-%m-%Y}"
            for name, day in (("geldig_van", start), ("geldig_tot", end)):
                if day and not rule.period_start <= day <= rule.period_end:
                    judged.add("DATUM_BUITEN_PERIODE", sheet="deelnemers", cell=row.ref(name),
                               row=row.number, field=name, value=row.get(name), expected=span)  # fmt: skip
    if data.rows and not has_vmbo:
        judged.add("GEEN_VMBO_DEELNEMER", sheet="deelnemers")
    checks = (
        ("vo", "duo_vo_vestigingen", "vestigingen vo", lookups.known_vo_brin6, "BRIN6_ONBEKEND", "vestigingen vo"),
        ("po", "duo_po_vestigingen", "vestigingen po", lookups.known_po_brin6, "BRIN6_ONBEKEND", "vestigingen po"),
        ("mbo", "duo_mbo_instellingen", "instellingen mbo", lookups.known_mbo, "INSTELLING_ONBEKEND", "instellingen mbo"),
    )  # fmt: skip
    for key, dataset, label, lookup, rule_code, expected in checks:
        rows = wanted.get(key)
        if not rows:
            continue
        if not lookups.loaded(dataset):
            _duo_missing(judged, f"deelnemer bestaat in DUO ({label})", label)
            continue
        known = lookup({code for _, code in rows})
        for row, code in rows:
            if code not in known:
                judged.add(rule_code, sheet="deelnemers", cell=row.ref("code"), row=row.number,
                           field="code", value=code, expected=expected)  # fmt: skip
    vo_codes = {code for _, code in wanted.get("vo", [])}
    if vo_codes and judged.region_id and judged.period:
        for code in sorted(lookups.claimed_elsewhere(judged.region_id, judged.period, vo_codes)):
            row = next(r for r, c in wanted["vo"] if c == code)
            judged.add("LID_ANDERE_REGIO", sheet="deelnemers", cell=row.ref("code"), row=row.number,
                       field="code", value=code)  # fmt: skip


# -- consistency -----------------------------------------------------------------------------------


def _sum(data: SheetData | None, column: str) -> Decimal | None:
    if data is None:
        return Decimal(0)
    total = Decimal(0)
    for row in data.rows:
        value = values.number(row.get(column))
        if value is None:
            return None  # already reported as GEEN_BEDRAG
        total += value
    return total


def _euro(value: Decimal) -> str:
    text = f"{value:,.2f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def _check_totals(judged: Judged, pairs: tuple[tuple[str, str, str], ...]) -> None:
    header = judged.sheets.get("algemeen")
    if header is None or not header.rows:
        return
    row = header.rows[0]
    for total_field, sheet, column in pairs:
        declared = values.number(row.get(total_field))
        actual = _sum(judged.sheets.get(sheet), column)
        if declared is None or actual is None:
            continue
        if abs(declared - actual) > Decimal("0.01"):
            judged.add("TOTAAL_KLOPT_NIET", sheet=sheet, cell=row.ref(total_field), row=row.number,
                       field=total_field, value=_euro(declared), expected=_euro(actual))  # fmt: skip


def _check_years(judged: Judged, sheets: tuple[str, ...], first: int, last: int) -> None:
    for name in sheets:
        data = judged.sheets.get(name)
        if data is None:
            continue
        for row in data.rows:
            y = values.year(row.get("jaar"))
            if y is not None and not first <= y <= last:
                judged.add("JAAR_BUITEN_PERIODE", sheet=name, cell=row.ref("jaar"), row=row.number,
                           field="jaar", value=str(y), expected=f"{first}-{last}")  # fmt: skip


def _check_report_period(judged: Judged) -> tuple[int, int] | None:
    rule = spec.periods().get((judged.submission_type or "", judged.period or ""))
    header = judged.sheets.get("algemeen")
    if rule is None or header is None or not header.rows:
        return None
    row = header.rows[0]
    span = f"{rule.period_start:%d-%m-%Y} - {rule.period_end:%d-%m-%Y}"
    start = values.parse_date(row.get("rapportage_van"))
    end = values.parse_date(row.get("rapportage_tot"))
    for name, day in (("rapportage_van", start), ("rapportage_tot", end)):
        if day and not rule.period_start <= day <= rule.period_end:
            judged.add("DATUM_BUITEN_PERIODE", sheet="algemeen", cell=row.ref(name), row=row.number,
                       field=name, value=row.get(name), expected=span)  # fmt: skip
    if start and end and end < start:
        judged.add("DATUM_VOLGORDE", sheet="algemeen", cell=row.ref("rapportage_tot"), row=row.number,
                   field="rapportage_tot", value=row.get("rapportage_tot"), expected=row.get("rapportage_van"))  # fmt: skip
    return rule.period_start.year, (end or rule.period_end).year


def _check_extension(judged: Judged, submission_type: str, period: str | None) -> None:
    """The 2024 extension application must hold every content the regulation requires (seed
    sub_extension_requirements) in its sheet verlenging."""
    required = spec.extension_requirements().get((submission_type, period or ""))
    if not required:
        return
    data = judged.sheets.get("verlenging")
    row = data.rows[0] if data is not None and data.rows else None
    for name in required:
        if row is None or not (row.get(name) or "").strip():
            judged.add("VERLENGING_ONVOLLEDIG", sheet="verlenging",
                       cell=row.ref(name) if row else None, row=row.number if row else None,
                       field=name)  # fmt: skip


def _check_fte_parts(judged: Judged) -> None:
    """The fte whose contract ends next year, and those made permanent, are parts of the row's fte."""
    data = judged.sheets.get("fte")
    if data is None:
        return
    for row in data.rows:
        whole = values.number(row.get("fte"))
        for name in ("fte_einde_volgend_jaar", "fte_omgezet_vast"):
            part = values.number(row.get(name))
            if whole is not None and part is not None and part > whole:
                judged.add("FTE_DEEL_TE_GROOT", sheet="fte", cell=row.ref(name), row=row.number,
                           field=name, value=row.get(name), expected=row.get("fte"))  # fmt: skip


# -- entry point ------------------------------------------------------------------------------------


def validate(parsed: Parsed, received_at: datetime, lookups: Lookups) -> Judged:
    judged = Judged()
    for issue in parsed.issues:
        judged.add_issue(issue)
    meta = parsed.meta
    missing = [k for k in ("template_type", "template_versie", "regio_id") if not meta.get(k)]
    if missing:
        judged.add("META_ONTBREEKT", sheet=spec.META_SHEET, value=", ".join(missing))
        return judged
    kind = spec.TYPES.get(meta["template_type"].strip().lower())
    if kind is None:
        judged.add("TYPE_ONBEKEND", sheet=spec.META_SHEET, value=meta["template_type"],
                   expected=_listing(spec.TYPES))  # fmt: skip
        return judged
    judged.submission_type = kind.code
    judged.template_version = meta["template_versie"].strip()
    if judged.template_version != spec.TEMPLATE_VERSION:
        judged.add("TEMPLATE_VERSIE", sheet=spec.META_SHEET, value=judged.template_version,
                   expected=spec.TEMPLATE_VERSION)  # fmt: skip
    _check_structure(judged, parsed, kind)
    _identify(judged, parsed, kind, received_at)
    _check_region_known(judged, lookups, kind)
    rule = spec.periods().get((kind.code, judged.period or ""))
    if kind.code == "registratie":
        _check_registration(judged, lookups)
    elif kind.code == "deelnemers":
        _check_membership(judged, lookups)
    elif kind.code == "aanvraag":
        if rule:
            _check_years(judged, ("begroting", "cofinanciering", "fte"), rule.period_start.year,
                         rule.period_end.year)  # fmt: skip
        _check_totals(judged, (("totaal_begroting", "begroting", "bedrag"),
                               ("totaal_cofinanciering", "cofinanciering", "bedrag")))  # fmt: skip
        _check_extension(judged, kind.code, judged.period)
    else:
        years = _check_report_period(judged)
        if years:
            _check_years(judged, ("uitgaven", "fte", "cofinanciering"), *years)
        _check_totals(judged, (("totaal_uitgaven", "uitgaven", "bedrag"),
                               ("totaal_cofinanciering", "cofinanciering", "bedrag")))  # fmt: skip
        _check_fte_parts(judged)
    if judged.errors and any(f.rule != "DUO_ONTBREEKT" for f in judged.errors):
        judged.retryable = False
    return judged


def validate_grant(parsed: Parsed, layout, received_at: datetime, lookups: Lookups) -> Judged:
    """A grant administrator's export (``grants.LAYOUTS``): types, code lists, no negative
    amounts, every region registered for the regulation's region period."""
    from sto_warehouse.submissions import grants

    judged = Judged(
        submission_type=layout.submission_type,
        region_id=grants.GRANT_REGION,
        period=grants.GRANT_PERIOD,
        template_version="export",
        submitted_at=received_at,
    )
    sheet = grants.sheet_spec(layout)
    data = parsed.sheets[layout.submission_type]
    judged.sheets[sheet.name] = data
    if data.truncated:
        judged.add("TE_VEEL_RIJEN", sheet=sheet.name, expected=str(spec.MAX_ROWS))
    if not data.rows:
        judged.add("TABBLAD_LEEG", sheet=sheet.name, expected="1")
    registered = {
        region_period: lookups.registered(region_period)
        for region_period in spec.REGELING_REGION_PERIOD.values()
    }
    for row in data.rows:
        for f in sheet.fields:
            _check_cell(judged, sheet, f, row)
        region = row.get("regio_id").strip().upper()
        regeling = row.get("regeling").strip().lower() if "regeling" in row.cells else None
        periods = (
            [spec.REGELING_REGION_PERIOD[regeling]]
            if regeling in spec.REGELING_REGION_PERIOD
            else list(spec.REGELING_REGION_PERIOD.values())
        )
        if values.REGION_ID.match(region) and not any(region in registered[p] for p in periods):
            judged.add("REGIO_ONBEKEND", sheet=sheet.name, cell=row.ref("regio_id"), row=row.number,
                       field="regio_id", value=region, expected=" of ".join(periods))  # fmt: skip
    return judged
