"""The language of the monitor report: every text the pages and charts write themselves, and
how they write numbers and dates.

The report's readers are the ministry and the regions, so the site is Dutch. Messages are
gettext-style: the English source text is the key (msgid) in the templates (``_("…")``,
``ngettext``) and in the Python code (``lang.t("…")``), and ``DUTCH`` maps each to its Dutch
text. An English edition needs one more ``Language`` (its catalogue may stay empty: a missing
message falls back to its msgid) and nothing else; tests/report checks that every msgid used
has a Dutch text and that no Dutch text is left unused. Chart titles, labels and descriptions
are not here: they come from the chart declarations (the indicators' YAML, parsed by specs.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Amsterdam")

Catalogue = Mapping[str | tuple[str, str], str | tuple[str, str]]


@dataclass(frozen=True, eq=False)  # hashed by identity: one Jinja environment per language
class Language:
    code: str  # <html lang>
    messages: Catalogue  # msgid -> text; (singular, plural) -> (singular, plural)
    decimal: str
    thousands: str
    months: tuple[str, ...]

    def gettext(self, msgid: str) -> str:
        return str(self.messages.get(msgid, msgid))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.messages.get((singular, plural), (singular, plural))
        return forms[0] if n == 1 else forms[1]

    def t(self, msgid: str, **values: object) -> str:
        """The message in this language, with ``%(name)s`` placeholders filled in."""
        text = self.gettext(msgid)
        return text % values if values else text

    def number(
        self, value: float, decimals: int = 0, *, sign: bool = False, group: bool = True
    ) -> str:
        """``value`` with this language's decimal and thousands separators; never "-0"."""
        if round(value, decimals) == 0:
            value = 0.0
        spec = f"{'+' if sign and value else ''}{',' if group else ''}.{decimals}f"
        return format(value, spec).translate({ord(","): self.thousands, ord("."): self.decimal})

    def date(self, value: dt.date) -> str:
        return f"{value.day} {self.months[value.month - 1]} {value.year}"

    def when(self, value: object) -> str:
        """A moment in Dutch time (Europe/Amsterdam), e.g. "1 november 2026, 03:30"; an ISO
        string is parsed, anything else is shown as it is."""
        if isinstance(value, str):
            try:
                value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                return value
        if isinstance(value, dt.datetime):
            if value.tzinfo is None:
                value = value.replace(tzinfo=dt.UTC)
            local = value.astimezone(TZ)
            return self.t("%(date)s, %(time)s", date=self.date(local), time=f"{local:%H:%M}")
        if isinstance(value, dt.date):
            return self.date(value)
        return "–" if value is None else str(value)


DUTCH = Language(
    code="nl",
    decimal=",",
    thousands=".",
    months=(
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    messages={
        # -- numbers and dates
        "%(date)s, %(time)s": "%(date)s, %(time)s uur",
        "€%(value)s": "€ %(value)s",
        "%(value)s pp": "%(value)s procentpunt",
        "%(value)s bn": "%(value)s mld",
        "%(value)s m": "%(value)s mln",
        "percentage points": "procentpunt",
        # -- pages
        "Monitor Sterk Techniekonderwijs": "Monitor Sterk Techniekonderwijs",
        "STO monitor": "STO-monitor",
        "the Netherlands": "Nederland",
        # -- the programme page and the synthetic-data banner (issue 12)
        "The programme": "Het programma",
        "programme": "programma",
        "The programme as its regulations write it: budgets, caps and norms are seeds with their sources (docs/programme.md); amounts marked [VERIFY] there come from a secondary source.": "Het programma zoals de regelingen het beschrijven: budgetten, plafonds en normen staan met hun bron in seeds (docs/programme.md); bedragen die daar met [VERIFY] zijn gemarkeerd komen uit een secundaire bron.",
        "SYNTHETIC DATA": "SYNTHETISCHE GEGEVENS",
        "PARTLY SYNTHETIC DATA": "DEELS SYNTHETISCHE GEGEVENS",
        "This release was built from made-up inputs (the bundled sample or placeholders): its figures are not the programme's. Which inputs: marts.dim_data_source.": "Deze release is gebouwd uit verzonnen invoer (de meegeleverde voorbeeldgegevens of plaatsvervangers): de cijfers zijn niet die van het programma. Welke invoer: marts.dim_data_source.",
        "national": "landelijk",
        "regions": "regio's",
        "previous": "vorige",
        "next": "volgende",
        "Regions (%(n)s)": "Regio's (%(n)s)",
        "No regions yet:": "Nog geen regio's:",
        "no published indicator table has region rows.": (
            "geen gepubliceerde indicatortabel heeft rijen per regio."
        ),
        "One page per region in the indicator tables; the last, GEEN, holds the vestigingen"
        " outside every STO region.": (
            "Eén pagina per regio in de indicatortabellen; de laatste, GEEN, bevat de vestigingen"
            " die bij geen enkele STO-regio horen."
        ),
        "The vestigingen that belong to no STO region: shown so that the regions and this"
        " bucket add up to the national total. Grant indicators do not apply.": (
            "De vestigingen die bij geen enkele STO-regio horen: getoond zodat de regio's samen"
            " met deze groep optellen tot het landelijke totaal. De subsidie-indicatoren zijn"
            " hier niet van toepassing."
        ),
        "Generated %(when)s by %(command)s from the published schemas %(monitor)s and"
        " %(marts)s (read-only role bi_reader). Served by the Airflow UI at %(url)s; readable"
        " offline.": (
            "Gemaakt op %(when)s door %(command)s uit de gepubliceerde schema's %(monitor)s en"
            " %(marts)s (alleen-lezenrol bi_reader). Te zien in de Airflow-UI op %(url)s; ook"
            " offline leesbaar."
        ),
        # -- the status header
        "Release": "Publicatie",
        "nothing published yet": "nog niets gepubliceerd",
        "published %(when)s": "gepubliceerd op %(when)s",
        "run %(run)s": "run %(run)s",
        "forced: %(reason)s": "geforceerd: %(reason)s",
        "no reason given": "geen reden opgegeven",
        "Data": "Gegevens",
        "pupils up to peiljaar %(year)s": "leerlingen tot en met peiljaar %(year)s",
        ("%(num)s source in this release", "%(num)s sources in this release"): (
            "%(num)s bron in deze publicatie",
            "%(num)s bronnen in deze publicatie",
        ),
        "freshness not measured yet": "actualiteit nog niet gemeten",
        "%(n)s stale": "%(n)s verouderd",
        "all %(n)s fresh": "alle %(n)s actueel",
        "(dbt source freshness of %(when)s)": "(dbt source freshness van %(when)s)",
        "Sources and periods in this release": "Bronnen en perioden in deze publicatie",
        "source": "bron",
        "periods (count)": "perioden (aantal)",
        "freshness": "actualiteit",
        "newest load": "laatst geladen",
        "pass": "actueel",
        "warn": "verouderd",
        "error": "fout",
        "runtime error": "fout bij meten",
        "Quality gate": "Kwaliteitscontrole",
        "no candidate gate has run yet": "nog geen controle van een kandidaat-publicatie",
        "passed": "goedgekeurd",
        "passed with warnings": "goedgekeurd met waarschuwingen",
        "failed": "afgekeurd",
        ("%(num)s check", "%(num)s checks"): ("%(num)s controle", "%(num)s controles"),
        ("%(num)s failed error", "%(num)s failed errors"): ("%(num)s fout", "%(num)s fouten"),
        ("%(num)s failed warning", "%(num)s failed warnings"): (
            "%(num)s waarschuwing",
            "%(num)s waarschuwingen",
        ),
        "the published release stays %(release)s": "de gepubliceerde versie blijft publicatie"
        " %(release)s",
        "failed checks": "mislukte controles",
        "warning": "waarschuwing",
        "Data Docs": "Data Docs",
        "candidate gate": "controle kandidaat-publicatie",
        "raw gate": "controle ruwe bestanden",
        "(links work in the Airflow UI, STO menu; opened as files, see %(path)s)": (
            "(de links werken in de Airflow-UI, menu STO; als bestand geopend: zie %(path)s)"
        ),
        "Note": "Let op",
        "release and gate status unavailable: %(error)s": (
            "status van publicatie en controle niet beschikbaar: %(error)s"
        ),
        # -- chart sections
        "Source:": "Bron:",
        "Not applicable.": "Niet van toepassing.",
        "Vestigingen outside every STO region receive no grant.": (
            "Vestigingen buiten de STO-regio's ontvangen geen subsidie."
        ),
        "Not available yet:": "Nog niet beschikbaar:",
        "No data yet": "Nog geen gegevens",
        "for the Netherlands in %(table)s.": "voor Nederland in %(table)s.",
        "for this region in %(table)s.": "voor deze regio in %(table)s.",
        "No values:": "Geen waarden:",
        "every value is withheld or missing (see the table).": (
            "elke waarde is afgeschermd of ontbreekt (zie de tabel)."
        ),
        "no region has a published value.": "geen enkele regio heeft een gepubliceerde waarde.",
        "– = not published: withheld (suppressed DUO cells or small-cell protection) or no data.": (
            "– = niet gepubliceerd: afgeschermd (door DUO onderdrukte cellen of bescherming van"
            " kleine aantallen) of geen gegevens."
        ),
        "Table: %(title)s — %(where)s": "Tabel: %(title)s — %(where)s",
        "national: %(series)s": "landelijk: %(series)s",
        "region": "regio",
        "norm": "norm",
        "%(measure)s, %(when)s": "%(measure)s, %(when)s",
        "national %(when)s": "landelijk %(when)s",
        # the time columns of the indicator tables, as table headings
        "peiljaar": "peiljaar",
        "peildatum": "peildatum",
        "schooljaar": "schooljaar",
        "diplomajaar": "diplomajaar",
        "subsidiejaar": "subsidiejaar",
        "jaar": "jaar",
        "period": "periode",
        "regulation_period": "regelingsperiode",
        "region_period": "periode van de regio",
        # -- the charts' accessible descriptions
        "%(first)s to %(last)s.": "%(first)s tot en met %(last)s.",
        "no categories.": "geen categorieën.",
        "No values.": "Geen waarden.",
        "%(series)s: %(value)s in %(category)s": "%(series)s: %(value)s in %(category)s",
        ("%(num)s bar", "%(num)s bars"): ("%(num)s staaf", "%(num)s staven"),
        "%(label)s: %(value)s": "%(label)s: %(value)s",
        "%(series)s, %(category)s: %(value)s": "%(series)s, %(category)s: %(value)s",
    },
)
