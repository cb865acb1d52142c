"""What each submission type looks like: sheets, fields, types, code lists, periods.

The code lists, periods and deadlines are the dbt seeds (``dbt_project/seeds/sub_*.csv``): one
source of truth for the validation here and for the models (DESIGN §5, business rules are data).
Bump ``TEMPLATE_VERSION`` when a template changes shape (older workbooks are then rejected with
TEMPLATE_VERSIE); bump ``SPEC_VERSION`` when validation changes (part of the skip key, so files
are judged again).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from zoneinfo import ZoneInfo

from sto_warehouse.config import REPO_ROOT

TEMPLATE_VERSION = "2026.2"
SPEC_VERSION = 1  # skip key: (sha256, SPEC_VERSION, LOADER_VERSION)
from sto_warehouse.protocol import LOADER_VERSION  # noqa: E402, F401 - one for every source

SOURCE = "submissions"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SEEDS = REPO_ROOT / "dbt_project" / "seeds"

MAX_FILE_BYTES = 10 * 1024 * 1024  # an upload larger than this is refused unread
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024  # sum of the members of an xlsx (zip bomb guard)
MAX_COMPRESSION_RATIO = 100  # one zip member may not expand more than this
MAX_ZIP_MEMBERS = 300
MAX_ROWS = 5000  # data rows per sheet
FTE_MAX_PER_ROW = 100.0
MAX_AMOUNT = 100_000_000  # EUR per cell: larger is surely a typo
META_SHEET = "_meta"
GRANT_KINDS = ("verlening", "ophoging", "vaststelling")
REGELING_REGION_PERIOD = {"sto_2020_2023": "2020-2024", "sto_2025_2028": "2025-2028"}
INSTRUCTIONS_SHEET = "Instructies"


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text code amount fte year date datetime brin6 kvk bg region period count
    label: str  # Dutch explanation (instructions sheet, docs)
    required: bool = True
    codes: str | None = None  # code list name (see code_lists())
    stored: bool = True  # False: checked, never loaded (personal data; docs/privacy.md)


@dataclass(frozen=True)
class Sheet:
    name: str
    table: str  # raw table
    fields: tuple[Field, ...]
    label: str
    min_rows: int = 1
    max_rows: int = MAX_ROWS
    key: tuple[str, ...] = ()  # a duplicate key is an error

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def stored_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.stored)


@dataclass(frozen=True)
class SubmissionType:
    code: str
    dataset: str  # audit.loads.dataset
    title: str
    sheets: tuple[Sheet, ...] = field(default_factory=tuple)

    def sheet(self, name: str) -> Sheet | None:
        return next((s for s in self.sheets if s.name == name), None)


def _f(name, kind, label, required=True, codes=None, stored=True) -> Field:
    return Field(name, kind, label, required, codes, stored)


_COMMON = (
    _f("regio_id", "region", "DUS-I-registratienummer van de regio (staat al ingevuld)."),
    _f("periode", "period", "Periode waarover u indient (keuzelijst)."),
    _f(
        "ingediend_op",
        "datetime",
        "Datum en tijd van indienen (Nederlandse tijd), bv. 2021-10-29 14:30.",
    ),
    _f(
        "contactpersoon",
        "text",
        "Naam contactpersoon (wordt niet opgeslagen).",
        False,
        stored=False,
    ),
    _f(
        "contact_email",
        "text",
        "E-mail contactpersoon (wordt niet opgeslagen).",
        False,
        stored=False,
    ),
)


def _header(*extra: Field) -> Sheet:
    return Sheet("algemeen", "sub_header", (*_COMMON, *extra), "Algemene gegevens", 1, 1)


_REPORT_FIELDS = (
    _f("rapportage_van", "date", "Eerste dag van de rapportageperiode."),
    _f("rapportage_tot", "date", "Laatste dag van de rapportageperiode."),
    _f("totaal_uitgaven", "amount", "Som van alle uitgaven (tabblad uitgaven), in euro."),
    _f("totaal_cofinanciering", "amount", "Som van de gerealiseerde cofinanciering, in euro."),
)
_COFINANCING = Sheet(
    "cofinanciering",
    "sub_cofinancing",
    (
        _f("jaar", "year", "Kalenderjaar."),
        _f("soort", "code", "cash of in_natura.", codes="cofinancing_kinds"),
        _f("bedrag", "amount", "Bedrag in euro (geen negatieve bedragen)."),
    ),
    "Cofinanciering door bedrijfsleven",
    1,
    key=("jaar", "soort"),
)
_SPEND = Sheet(
    "uitgaven",
    "sub_report_spend",
    (
        _f("jaar", "year", "Kalenderjaar."),
        _f("kostencategorie", "code", "Kostencategorie (keuzelijst).", codes="cost_categories"),
        _f("bedrag", "amount", "Gerealiseerde uitgaven in euro."),
    ),
    "Gerealiseerde uitgaven",
    key=("jaar", "kostencategorie"),
)
_REPORT_FTE = Sheet(
    "fte",
    "sub_report_fte",
    (
        _f("jaar", "year", "Kalenderjaar."),
        _f(
            "herkomst",
            "code",
            "intern (eigen personeel) of extern (ingehuurd).",
            codes="fte_origins",
        ),
        _f("contract", "code", "tijdelijk of vast.", codes="contract_types"),
        _f("fte", "fte", f"Aantal fte (0 tot {FTE_MAX_PER_ROW:g} per regel)."),
        _f(
            "personeel",
            "code",
            "nieuw (voor het programma aangenomen) of bestaand (eigen personeel dat al in dienst was).",
            False,
            codes="staff_kinds",
        ),
        _f(
            "fte_einde_volgend_jaar",
            "fte",
            "Van deze fte: het deel waarvan het contract in het volgende kalenderjaar afloopt.",
            False,
        ),
        _f(
            "fte_omgezet_vast",
            "fte",
            "Van deze fte: het deel waarvan het contract dit jaar van tijdelijk in vast is omgezet.",
            False,
        ),
    ),
    "Ingezette fte",
    0,
    key=("jaar", "herkomst", "contract", "personeel"),
)
# The 2024 extension application's required contents (seed sub_extension_requirements): only
# the aanvraag for period 2024 must fill it, with one row.
_EXTENSION = Sheet(
    "verlenging",
    "sub_extension",
    (
        _f(
            "wijzigingen_activiteitenplan", "text", "De wijzigingen in het activiteitenplan.", False
        ),
        _f(
            "activiteiten_voor_1_augustus_2024",
            "text",
            "De activiteiten vóór 1 augustus 2024.",
            False,
        ),
        _f(
            "regionaal_doel_dekking_kwaliteit",
            "text",
            "Het regionale doel voor dekking en kwaliteit van het technische vmbo.",
            False,
        ),
        _f(
            "reservering_plan_2025",
            "amount",
            "Reservering (euro) voor het schrijven van het plan voor 2025 en later.",
            False,
        ),
    ),
    "Verlenging 2024 (alleen de aanvraag voor 2024)",
    0,
    1,
)
_ACTIVITIES = Sheet(
    "activiteiten",
    "sub_report_activity",
    (
        _f("activiteit", "text", "Korte naam van de activiteit."),
        _f("samenwerking", "code", "Wie werken samen (keuzelijst).", codes="cooperation"),
        _f("doel", "count", "Streefwaarde (aantal, geheel getal)."),
        _f("resultaat", "count", "Behaald resultaat (aantal, geheel getal).", False),
    ),
    "Activiteiten met doelen en resultaten",
    0,
    key=("activiteit",),
)

TYPES: dict[str, SubmissionType] = {
    t.code: t
    for t in (
        SubmissionType(
            "registratie",
            "sub_registration",
            "Registratie van de regio",
            (
                _header(),
                Sheet(
                    "regio",
                    "sub_registration",
                    (
                        _f("regio_naam", "text", "Naam van de regio."),
                        _f(
                            "regio_type",
                            "code",
                            "Soort regio (keuzelijst; hangt af van de periode).",
                            codes="region_types",
                        ),
                        _f(
                            "penvoerder_bevoegd_gezag",
                            "bg",
                            "BEVOEGD GEZAG NUMMER (5 cijfers) van de penvoerder: het bevoegd gezag van een vmbo-school in de regio.",
                        ),
                        _f("penvoerder_naam", "text", "Naam van de penvoerder.", False),
                    ),
                    "Regio en penvoerder",
                    1,
                    1,
                ),
                Sheet(
                    "voorgangers",
                    "sub_predecessor",
                    (
                        _f(
                            "voorganger_regio_id",
                            "region",
                            "Regio-id in de vorige periode waaruit deze regio voortkomt.",
                        ),
                        _f("toelichting", "text", "Toelichting (bv. samengevoegd).", False),
                    ),
                    "Voorganger(s) in de vorige periode",
                    0,
                    key=("voorganger_regio_id",),
                ),
            ),
        ),
        SubmissionType(
            "deelnemers",
            "sub_membership",
            "Deelnemers van de regio",
            (
                _header(),
                Sheet(
                    "deelnemers",
                    "sub_membership",
                    (
                        _f(
                            "deelnemer_type",
                            "code",
                            "Soort deelnemer (keuzelijst).",
                            codes="participant_types",
                        ),
                        _f(
                            "code",
                            "participant",
                            "BRIN6 (vmbo, vso, pro, po), instellingscode (mbo) of KvK-nummer (bedrijf); leeg bij overheid/overig.",
                            False,
                        ),
                        _f(
                            "naam",
                            "text",
                            "Naam van de deelnemer (bij bedrijven niet opgeslagen).",
                            False,
                        ),
                        _f("geldig_van", "date", "Deelnemer vanaf (datum)."),
                        _f(
                            "geldig_tot",
                            "date",
                            "Deelnemer tot en met (datum); leeg = tot het einde van de periode.",
                            False,
                        ),
                    ),
                    "Deelnemers",
                    key=("deelnemer_type", "code|naam", "geldig_van"),
                ),
            ),
        ),
        SubmissionType(
            "aanvraag",
            "sub_application",
            "Aanvraag (begroting, cofinanciering, fte)",
            (
                _header(
                    _f(
                        "totaal_begroting",
                        "amount",
                        "Som van de begroting (tabblad begroting), in euro.",
                    ),
                    _f(
                        "totaal_cofinanciering",
                        "amount",
                        "Som van de geplande cofinanciering, in euro.",
                    ),
                ),
                Sheet(
                    "begroting",
                    "sub_budget",
                    (
                        _f("jaar", "year", "Kalenderjaar."),
                        _f(
                            "kostencategorie",
                            "code",
                            "Kostencategorie (keuzelijst).",
                            codes="cost_categories",
                        ),
                        _f("bedrag", "amount", "Begroot bedrag in euro."),
                    ),
                    "Begroting per jaar en kostencategorie",
                    key=("jaar", "kostencategorie"),
                ),
                _COFINANCING,
                Sheet(
                    "fte",
                    "sub_fte_plan",
                    (
                        _f("jaar", "year", "Kalenderjaar."),
                        _f("fte", "fte", "Gepland aantal fte."),
                    ),
                    "Geplande fte",
                    0,
                    key=("jaar",),
                ),
                _EXTENSION,
            ),
        ),
        SubmissionType(
            "voortgang",
            "sub_progress_report",
            "Voortgangsrapportage",
            (_header(*_REPORT_FIELDS), _SPEND, _REPORT_FTE, _COFINANCING, _ACTIVITIES),
        ),
        SubmissionType(
            "eindverslag",
            "sub_final_report",
            "Eindverslag",
            (_header(*_REPORT_FIELDS), _SPEND, _REPORT_FTE, _COFINANCING, _ACTIVITIES),
        ),
    )
}

# Raw tables and the submission types whose sheets land in them (docs, staging sources).
RAW_TABLES = (
    "sub_header",
    "sub_registration",
    "sub_predecessor",
    "sub_membership",
    "sub_budget",
    "sub_cofinancing",
    "sub_fte_plan",
    "sub_report_spend",
    "sub_report_fte",
    "sub_report_activity",
    "sub_grant_decision",
    "sub_grant_payment",
    "sub_extension",
)
LINEAGE = (
    "_submission_id",
    "_load_id",
    "_file_sha256",
    "_source_file",
    "_sheet",
    "_row_number",
    "_loaded_at",
    "_region_id",
    "_submission_type",
    "_period",
    "_submitted_at",
    "_received_at",
    "_template_version",
)


def _seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def extension_requirements() -> dict[tuple[str, str], tuple[str, ...]]:
    """(submission type, period) -> the fields its sheet verlenging must fill (seed
    sub_extension_requirements: the 2024 extension application's required contents)."""
    found: dict[tuple[str, str], list[str]] = {}
    for r in _seed("sub_extension_requirements"):
        found.setdefault((r["submission_type"], r["period"]), []).append(r["field"])
    return {k: tuple(v) for k, v in found.items()}


@cache
def fixed_caps() -> dict[tuple[str, str], Decimal]:
    """The fixed maximum per region of a (regulation period, region type), e.g. EUR 4m for a
    2025-2028 techniekluwe regio (seed sub_region_caps)."""
    return {
        (r["regulation_period"], r["region_type"]): Decimal(r["cap_eur"])
        for r in _seed("sub_region_caps")
        if r["cap_rule"] == "fixed_cap"
    }


@cache
def code_lists() -> dict[str, tuple[str, ...]]:
    return {
        "participant_types": tuple(r["participant_type"] for r in _seed("sub_participant_types")),
        "cost_categories": tuple(r["cost_category"] for r in _seed("sub_cost_categories")),
        "contract_types": tuple(r["contract_type"] for r in _seed("sub_contract_types")),
        "cooperation": tuple(r["cooperation"] for r in _seed("sub_activity_cooperation")),
        "region_types": tuple(dict.fromkeys(r["region_type"] for r in _seed("sub_region_types"))),
        "fte_origins": ("intern", "extern"),
        "staff_kinds": ("nieuw", "bestaand"),
        "cofinancing_kinds": ("cash", "in_natura"),
        "grant_kinds": GRANT_KINDS,
        "regelingen": tuple(REGELING_REGION_PERIOD),
    }


@cache
def participant_code_kinds() -> dict[str, str]:
    return {r["participant_type"]: r["code_kind"] for r in _seed("sub_participant_types")}


@cache
def region_types_by_period() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for row in _seed("sub_region_types"):
        found.setdefault(row["region_period"], []).append(row["region_type"])
    return {k: tuple(v) for k, v in found.items()}


@dataclass(frozen=True)
class PeriodRule:
    submission_type: str
    period: str
    deadline: date
    period_start: date
    period_end: date
    region_period: str
    verified: bool
    note: str


@cache
def periods() -> dict[tuple[str, str], PeriodRule]:
    return {
        (r["submission_type"], r["period"]): PeriodRule(
            r["submission_type"],
            r["period"],
            date.fromisoformat(r["deadline"]),
            date.fromisoformat(r["period_start"]),
            date.fromisoformat(r["period_end"]),
            r["region_period"],
            r["is_verified"] == "true",
            r["note"],
        )
        for r in _seed("sub_report_deadlines")
    }


def periods_for(submission_type: str) -> tuple[str, ...]:
    return tuple(p for (t, p) in periods() if t == submission_type)


def deadline_end(deadline: date) -> datetime:
    """A deadline is met until the end of that day in the Netherlands (DST included)."""
    return datetime.combine(deadline + timedelta(days=1), time(0), AMSTERDAM)


def met_deadline(submitted_at: datetime, deadline: date) -> bool:
    if submitted_at.tzinfo is None:
        submitted_at = submitted_at.replace(tzinfo=AMSTERDAM)
    return submitted_at < deadline_end(deadline)
