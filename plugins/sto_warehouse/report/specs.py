"""Every chart of the monitor report, declared in one place.

A chart names the published table it reads, the x column (the time grain), the measure columns,
optionally a series column (long format: one series per value, e.g. leerweg or contract type)
and filters. Every name is exactly one table or column of an indicator's declaration (its YAML
in dbt_project/models/monitor/): tests/report/test_specs_declared.py fails when a table or a
column a chart names is not declared, and the monitor_report exposure lists exactly the tables
the charts read. A table that is declared but not yet published (a fresh warehouse) renders a
"not available yet" box naming it.

How a table's rows become a national and a per-region series (data.py):

* ``scope`` column present: ``scope = 'national'`` rows are national, ``scope = 'region'`` rows
  are per region (``region_id``);
* else ``region_id = 'NL'`` rows are national;
* else, when there are no national rows, the national value is derived from the regions:
  additive measures (counts, euros, fte) are summed, ratios are recomputed from their numerator
  and denominator (``Measure.ratio``) when the table has them, flags are averaged (the share of
  regions), otherwise the national value stays empty.

To add or adjust a chart: edit or append a ``ChartSpec`` below (docs/monitor-report.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

NATIONAL = "national"
REGION = "region"
BOTH = frozenset({NATIONAL, REGION})

# The time and period columns the report labels (messages.py); a chart names its own x.
YEAR_COLUMNS = ("peiljaar", "subsidiejaar", "jaar", "year", "schooljaar", "diplomajaar")
PERIOD_COLUMNS = (
    "regulation_period",
    "region_period",
    "report_period",
    "period",
    "subsidiejaar",
    "jaar",
    "peiljaar",
)
# One technical-profile definition (the 2020-2023 regulation's) and the total over the leerwegen
# where a table has several.
STO_2020 = {"definition": ("sto_2020",)}
STO_2020_ALL = {"definition": ("sto_2020",), "leerweg": ("ALL",)}


@dataclass(frozen=True)
class Measure:
    """A value column (one declared column) and how rows of it combine (several rows
    per year and series, or the national value derived from the regions):

    * ``sum``: counts, euros, fte;
    * ``ratio``: sum(numerator) / sum(denominator) from the ``ratio`` columns when the table
      has them, else the value only when the rows agree on one;
    * ``mean``: flags (true = 1), e.g. the share of regions that cooperate;
    * ``single``: the value only when the rows agree on one (else empty, with a note).
    """

    columns: tuple[str, ...]
    label: str
    agg: str = "sum"
    ratio: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    unit: str | None = None  # in the data table: this unit instead of the chart's


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str
    description: str
    kind: str  # line | bars | stacked | bars_norm | hbar_latest
    tables: tuple[str, ...]  # ("schema.table",): the one published table it reads
    measures: tuple[Measure, ...]
    unit: str  # pct | pp | count | eur | fte | num (charts.format_value)
    x: tuple[str, ...] = ("peiljaar",)
    series: tuple[str, ...] = ()  # (column,): the long-format series column
    series_order: tuple[str, ...] = ()  # these series values first, in this order; others after
    filters: dict[str, tuple] = field(default_factory=dict)  # column -> preferred values
    exclude: dict[str, tuple] = field(default_factory=dict)  # column -> values left out
    norm: Measure | None = None  # bars_norm: the norm per x (e.g. 0.075, 0.10)
    table_extra: tuple[Measure, ...] = ()  # more columns in the data table beneath the chart
    pages: frozenset[str] = BOTH
    national_reference: bool = True  # region pages: draw the national value as a dashed line
    grant: bool = False  # subsidy data: not applicable to the no-region bucket (GEEN)


def _ratio(columns, label, numerator, denominator, unit=None) -> Measure:
    return Measure(columns, label, agg="ratio", ratio=(numerator, denominator), unit=unit)


SHARE = _ratio(
    ("share_tech_pupils",),
    "aandeel techniek",
    ("n_tech_pupils_upper",),
    ("n_pupils_upper",),
)
TECH_PUPILS = Measure(("n_tech_pupils_upper",), "leerlingen techniek lj 3-4")
ALL_PUPILS = Measure(("n_pupils_upper",), "alle leerlingen lj 3-4 BB/KB/GL")
SUPPRESSED = _ratio(
    ("pct_suppressed",), "onderdrukte cellen (<5)", ("n_suppressed_cells",), ("n_cells",), "pct"
)

CHARTS: tuple[ChartSpec, ...] = (
    # -- pupils --------------------------------------------------------------------------------
    ChartSpec(
        key="tech_share",
        title="Aandeel techniek in de bovenbouw van het vmbo",
        description=(
            "Leerlingen in leerjaar 3-4 van BB/KB/GL in een technisch profiel (BWI, PIE, M&T, MaT,"
            " MVI: definitie sto_2020) gedeeld door alle leerlingen in leerjaar 3-4 van BB/KB/GL,"
            " op 1 oktober van het peiljaar. Afgeschermd (–) als te veel DUO-cellen onderdrukt"
            " zijn."
        ),
        kind="line",
        tables=("monitor.ind_tech_share_upper",),
        measures=(SHARE,),
        unit="pct",
        filters=STO_2020,
        table_extra=(TECH_PUPILS, ALL_PUPILS, SUPPRESSED),
    ),
    ChartSpec(
        key="tech_share_regions",
        title="Aandeel techniek per regio, laatste peiljaar",
        description=(
            "Hetzelfde aandeel voor elke regio in het laatste peiljaar met een gepubliceerde"
            " waarde; de gestippelde lijn is het landelijke aandeel."
        ),
        kind="hbar_latest",
        tables=("monitor.ind_tech_share_upper",),
        measures=(SHARE,),
        unit="pct",
        filters=STO_2020,
        pages=frozenset({NATIONAL}),
    ),
    ChartSpec(
        key="tech_share_vs_baseline",
        title="Verandering van het aandeel techniek sinds het basisjaar",
        description=(
            "Aandeel techniek in peiljaar t min het aandeel in het basispeiljaar (seed"
            " monitor_settings), in procentpunten; regio's vergeleken via de omzettabel van de"
            " regio's."
        ),
        kind="line",
        tables=("monitor.ind_tech_pupils",),
        measures=(
            Measure(
                ("share_tech_upper_change_vs_baseline",),
                "verandering sinds basisjaar",
                agg="single",
            ),
        ),
        unit="pp",
        filters=STO_2020_ALL,
        table_extra=(
            Measure(
                ("share_tech_upper_baseline",), "aandeel in basisjaar", agg="single", unit="pct"
            ),
            Measure(("baseline_peiljaar",), "basispeiljaar", agg="single", unit="year"),
        ),
    ),
    ChartSpec(
        key="tech_pupils_leerweg",
        title="Leerlingen techniek per leerweg",
        description="Leerlingen in leerjaar 3-4 in een technisch profiel, per leerweg (BB, KB, GL).",
        kind="stacked",
        tables=("monitor.ind_tech_pupils",),
        measures=(TECH_PUPILS,),
        series=("leerweg",),
        series_order=("BB", "KB", "GL"),
        unit="count",
        filters=STO_2020,
        exclude={"leerweg": ("ALL", "TL")},
    ),
    ChartSpec(
        key="tech_growth",
        title="Groei van de instroom in techniek (leerjaar 3)",
        description=(
            "n_tech_pupils_lj3(t) / n_tech_pupils_lj3(t-1) - 1: groei ten opzichte van het jaar"
            " ervoor van het aantal leerlingen dat in leerjaar 3 een technisch profiel volgt"
            " (BB/KB/GL)."
        ),
        kind="line",
        tables=("monitor.ind_tech_pupils",),
        measures=(Measure(("growth_tech_lj3_yoy",), "groei leerjaar 3", agg="single"),),
        unit="pct",
        filters=STO_2020_ALL,
        table_extra=(
            Measure(("n_tech_pupils_lj3",), "leerlingen techniek lj 3"),
            Measure(("growth_tech_upper_yoy",), "groei lj 3-4", agg="single", unit="pct"),
        ),
    ),
    ChartSpec(
        key="girls_share",
        title="Aandeel meisjes in de technische profielen",
        description="Meisjes onder de leerlingen techniek in leerjaar 3-4 (BB/KB/GL).",
        kind="line",
        tables=("monitor.ind_share_girls_tech",),
        measures=(
            _ratio(
                ("share_girls_tech_upper",),
                "aandeel meisjes",
                ("n_girls_tech_upper",),
                ("n_tech_pupils_upper",),
            ),
        ),
        unit="pct",
        filters=STO_2020,
        table_extra=(
            Measure(("n_girls_tech_upper",), "meisjes"),
            Measure(("n_tech_pupils_upper",), "leerlingen techniek lj 3-4"),
        ),
    ),
    # -- offer -----------------------------------------------------------------------------------
    ChartSpec(
        key="profiles_offered",
        title="Aanbod van technische profielen",
        description=(
            "Aanbod van een technisch profiel op een vestiging (vestiging × profiel, met"
            " leerlingen) en vestigingen met ten minste één technisch profiel."
        ),
        kind="bars",
        tables=("monitor.ind_tech_offer",),
        measures=(
            Measure(("n_tech_profile_offers",), "aanbod (vestiging × profiel)"),
            Measure(("n_vestigingen_with_tech",), "vestigingen met een technisch profiel"),
        ),
        unit="count",
        filters=STO_2020,
        table_extra=(
            Measure(("n_vestigingen_vbo",), "vestigingen met vmbo beroepsgericht"),
            _ratio(
                ("share_vestigingen_with_tech",),
                "aandeel met technisch aanbod",
                ("n_vestigingen_with_tech",),
                ("n_vestigingen_vbo",),
                "pct",
            ),
        ),
        national_reference=False,
    ),
    ChartSpec(
        key="coverage",
        title="Dekking van de technische profielen (dekkend aanbod)",
        description=(
            "Technische profielen die ten minste één vestiging aanbiedt, van de profielen in de"
            " definitie (vijf onder sto_2020)."
        ),
        kind="line",
        tables=("monitor.ind_tech_offer",),
        measures=(
            Measure(
                ("n_tech_profiles_offered",),
                "aangeboden profielen",
                agg="single",
            ),
            Measure(("n_tech_profiles_defined",), "profielen in de definitie", agg="single"),
        ),
        unit="num",
        filters=STO_2020,
        table_extra=(
            Measure(
                ("avg_tech_pupils_per_offer",), "leerlingen per aanbod", agg="single", unit="num"
            ),
        ),
        national_reference=False,
    ),
    # -- exams and doorstroom ----------------------------------------------------------------------
    ChartSpec(
        key="exams",
        title="Slagingspercentage in de technische profielen",
        description="GESLAAGDEN / EXAMENKANDIDATEN van vmbo BB/KB/GL in de technische profielen.",
        kind="line",
        tables=("monitor.ind_exam_tech",),
        measures=(
            _ratio(
                ("pass_rate_tech",),
                "slagingspercentage techniek",
                ("n_passed_tech",),
                ("n_candidates_tech",),
            ),
        ),
        unit="pct",
        x=("schooljaar",),
        filters=STO_2020_ALL,
        table_extra=(
            Measure(("n_candidates_tech",), "examenkandidaten techniek"),
            _ratio(
                ("pass_rate",),
                "slagingspercentage alle profielen",
                ("n_passed",),
                ("n_candidates",),
                unit="pct",
            ),
        ),
    ),
    ChartSpec(
        key="doorstroom",
        title="Doorstroom naar technisch mbo",
        description=(
            "Gediplomeerden van de technische profielen die op 1 oktober van hun diplomajaar in"
            " technisch mbo staan ingeschreven, gedeeld door alle gediplomeerden van de"
            " technische profielen."
        ),
        kind="line",
        tables=("monitor.ind_doorstroom_mbo",),
        measures=(
            _ratio(
                ("share_tech_to_tech_mbo",),
                "techniek naar technisch mbo",
                ("n_tech_to_tech_mbo",),
                ("n_graduates_tech",),
            ),
        ),
        unit="pct",
        x=("diplomajaar",),
        filters=STO_2020_ALL,
        table_extra=(
            Measure(("n_graduates_tech",), "gediplomeerden techniek"),
            _ratio(
                ("share_to_mbo",),
                "alle gediplomeerden naar mbo",
                ("n_to_mbo",),
                ("n_graduates",),
                "pct",
            ),
        ),
    ),
    ChartSpec(
        key="mbo_tech_inflow",
        title="Instroom vanuit het vmbo in technisch mbo",
        description=(
            "Nieuwe mbo-studenten uit het vmbo die een technische opleiding beginnen (kenmerk"
            " sectorkamer), gedeeld door alle nieuwe mbo-studenten uit het vmbo."
        ),
        kind="line",
        tables=("monitor.ind_mbo_tech_inflow",),
        measures=(
            _ratio(
                ("share_inflow_tech",),
                "aandeel techniek in de instroom",
                ("n_inflow_tech",),
                ("n_inflow_from_vmbo",),
            ),
        ),
        unit="pct",
        filters={"vo_group": ("ALL",)},
        table_extra=(Measure(("n_inflow_tech",), "instroom techniek"),),
        pages=frozenset({NATIONAL}),
    ),
    # -- grants ------------------------------------------------------------------------------------
    ChartSpec(
        key="max_subsidy_regions",
        title="Maximale subsidie 2020-2023 per regio",
        description=(
            "Leerlingen BB/KB × € 15.895 + leerlingen GL × € 7.947,50 (leerjaar 3-4, technische"
            " profielen, 1 oktober 2018), herberekend uit de DUO-gegevens."
        ),
        kind="hbar_latest",
        tables=("monitor.ind_max_subsidy_2020_2023",),
        measures=(Measure(("max_subsidy_eur",), "maximale subsidie"),),
        unit="eur",
        x=("peildatum",),
        pages=frozenset({NATIONAL}),
        national_reference=False,
        grant=True,
    ),
    ChartSpec(
        key="grant_vs_max",
        title="Maximum, toegekend, betaald en besteed per regelingsperiode",
        description=(
            "De maximale subsidie van de periode naast wat is toegekend (inclusief de aanvulling"
            " van 2024), betaald en volgens de verslagen besteed."
        ),
        kind="bars",
        tables=("monitor.ind_grant_reconciliation",),
        measures=(
            Measure(("max_subsidy_eur",), "maximum"),
            Measure(("granted_eur",), "toegekend"),
            Measure(("paid_eur",), "betaald"),
            Measure(("spent_eur",), "besteed"),
        ),
        unit="eur",
        x=("regulation_period",),
        national_reference=False,
        grant=True,
    ),
    ChartSpec(
        key="grant_money",
        title="Subsidie toegekend, betaald en besteed per jaar",
        description="Per subsidiejaar, uit de beschikkingen, de betalingen en de voortgangsverslagen.",
        kind="bars",
        tables=("monitor.ind_grant_flow",),
        measures=(
            Measure(("granted_eur",), "toegekend"),
            Measure(("paid_eur",), "betaald"),
            Measure(("spent_eur",), "besteed"),
        ),
        unit="eur",
        x=("subsidiejaar",),
        table_extra=(
            _ratio(
                ("spent_share",), "besteed / toegekend", ("spent_eur",), ("granted_eur",), "pct"
            ),
        ),
        national_reference=False,
        grant=True,
    ),
    ChartSpec(
        key="subsidy_per_pupil",
        title="Toegekende subsidie per leerling techniek",
        description=(
            "Toegekend voor het subsidiejaar, gedeeld door de leerlingen techniek in leerjaar 3-4"
            " op 1 oktober daarvoor."
        ),
        kind="line",
        tables=("monitor.ind_subsidy_per_tech_pupil",),
        measures=(
            _ratio(
                ("subsidy_per_tech_pupil_eur",),
                "per leerling techniek",
                ("granted_eur",),
                ("n_tech_pupils_upper",),
            ),
        ),
        unit="eur",
        x=("subsidiejaar",),
        filters=STO_2020,
        grant=True,
    ),
    ChartSpec(
        key="cofinancing",
        title="Cofinanciering ten opzichte van de norm",
        description=(
            "Cofinanciering door het bedrijfsleven als deel van de begroting (gepland) en van de"
            " bestedingen (gerealiseerd), tegen de norm van de periode (10%; 7,5% van januari 2020"
            " tot augustus 2024)."
        ),
        kind="bars_norm",
        tables=("monitor.ind_cofinancing",),
        measures=(
            _ratio(
                ("cofinancing_planned_pct",),
                "gepland",
                ("cofinancing_planned_eur",),
                ("budget_eur",),
            ),
            _ratio(
                ("cofinancing_realised_pct",),
                "gerealiseerd",
                ("cofinancing_realised_eur",),
                ("spent_eur",),
            ),
        ),
        norm=Measure(("norm_share",), "norm", agg="single"),
        unit="pct",
        x=("regulation_period",),
        table_extra=(
            Measure(
                ("meets_norm_realised",),
                "voldoet aan de norm (gerealiseerd)",
                agg="mean",
                unit="pct",
            ),
        ),
        grant=True,
    ),
    ChartSpec(
        key="fte_contract",
        title="Gefinancierd personeel (fte) naar soort contract",
        description=(
            "Door de regio's gerapporteerde fte: eigen personeel (intern) en ingehuurd (extern);"
            " in de tabel het deel met een vast contract."
        ),
        kind="stacked",
        tables=("monitor.ind_fte_funded",),
        measures=(
            Measure(("fte_internal",), "intern (eigen personeel)"),
            Measure(("fte_external",), "extern (ingehuurd)"),
        ),
        unit="fte",
        x=("jaar",),
        table_extra=(
            Measure(("fte_permanent",), "vast contract", unit="fte"),
            _ratio(("share_permanent",), "aandeel vast", ("fte_permanent",), ("fte_total",), "pct"),
        ),
        national_reference=False,
        grant=True,
    ),
    ChartSpec(
        key="partners",
        title="Partners per soort",
        description="Unieke deelnemers aan het regionale samenwerkingsverband, per soort.",
        kind="stacked",
        tables=("monitor.ind_partners_by_type",),
        measures=(Measure(("n_partners",), "partners"),),
        series=("participant_type",),
        series_order=("vmbo", "vso", "pro", "mbo", "po", "bedrijf", "overheid"),
        unit="count",
        x=("region_period",),
        national_reference=False,
        grant=True,
    ),
    ChartSpec(
        key="cooperation",
        title="Samenwerking vmbo-po, vmbo-mbo en vmbo-mbo-bedrijfsleven",
        description=(
            "Of de regio ten minste één actieve partner van elk vereist soort heeft (100% = ja);"
            " landelijk het aandeel regio's waarvoor dat geldt."
        ),
        kind="bars",
        tables=("monitor.ind_cooperation",),
        measures=(
            Measure(("coop_vmbo_po",), "vmbo-po", agg="mean"),
            Measure(("coop_vmbo_mbo",), "vmbo-mbo", agg="mean"),
            Measure(("coop_vmbo_mbo_business",), "vmbo-mbo-bedrijfsleven", agg="mean"),
        ),
        unit="pct",
        x=("region_period",),
        table_extra=(
            Measure(("n_activities_vmbo_mbo",), "gezamenlijke activiteiten vmbo-mbo", unit="count"),
        ),
        national_reference=False,
        grant=True,
    ),
    ChartSpec(
        key="report_timeliness",
        title="Tijdig ingediend",
        description=(
            "Aandeel van de verplichte indieningen (aanvraag, voortgang, eindverslag, …) dat op of"
            " vóór de uiterste datum is ingediend; voor een regio 100% = op tijd."
        ),
        kind="bars",
        tables=("monitor.ind_report_timeliness",),
        measures=(Measure(("is_on_time",), "op tijd", agg="mean"),),
        series=("submission_type",),
        series_order=("registratie", "deelnemers", "aanvraag", "voortgang", "eindverslag"),
        unit="pct",
        x=("period",),
        national_reference=False,
        grant=True,
    ),
)
