"""Every chart of the monitor report, declared in one place.

A chart names the published table it reads, the x column (the time grain), the measure columns,
optionally a series column (long format: one series per value, e.g. leerweg or contract type)
and filters. Each name is a tuple of CANDIDATES: the first one that exists in the published
schema wins, so the report keeps working while the indicator models are renamed or land one by
one; when none exists the chart renders a "not available yet" box naming what it looked for.

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

# The x (time) column, in order of preference, when a spec does not name its own.
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
    """A value column (first existing candidate wins) and how rows of it combine (several rows
    per year and series, or the national value derived from the regions):

    * ``sum``: counts, euros, fte;
    * ``ratio``: sum(numerator) / sum(denominator) from the ``ratio`` candidates when the table
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
    tables: tuple[str, ...]  # "schema.table" candidates
    measures: tuple[Measure, ...]
    unit: str  # pct | pp | count | eur | fte | num (charts.format_value)
    x: tuple[str, ...] = YEAR_COLUMNS
    series: tuple[str, ...] = ()  # long-format series column candidates
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
    ("share_tech_pupils", "share_tech_upper"),
    "technical share",
    ("n_tech_pupils_upper",),
    ("n_pupils_upper",),
)
TECH_PUPILS = Measure(("n_tech_pupils_upper", "n_tech_pupils"), "technical pupils lj 3-4")
ALL_PUPILS = Measure(("n_pupils_upper", "n_pupils"), "all pupils lj 3-4 BB/KB/GL")
SUPPRESSED = _ratio(
    ("pct_suppressed",), "cells suppressed (<5)", ("n_suppressed_cells",), ("n_cells",), "pct"
)

CHARTS: tuple[ChartSpec, ...] = (
    # -- pupils --------------------------------------------------------------------------------
    ChartSpec(
        key="tech_share",
        title="Technical share of upper-year vmbo pupils",
        description=(
            "Pupils in leerjaar 3-4 of BB/KB/GL in a technical profiel (BWI, PIE, M&T, MaT, MVI:"
            " definition sto_2020) over all pupils in leerjaar 3-4 of BB/KB/GL, 1 October of the"
            " peiljaar. Withheld (–) when too many DUO cells are suppressed."
        ),
        kind="line",
        tables=("monitor.ind_tech_share_upper", "monitor.ind_tech_pupils"),
        measures=(SHARE,),
        unit="pct",
        filters=STO_2020_ALL,
        table_extra=(TECH_PUPILS, ALL_PUPILS, SUPPRESSED),
    ),
    ChartSpec(
        key="tech_share_regions",
        title="Technical share per region, latest peiljaar",
        description=(
            "The same share for every region in the latest peiljaar with a published value;"
            " the dashed line is the national share."
        ),
        kind="hbar_latest",
        tables=("monitor.ind_tech_share_upper", "monitor.ind_tech_pupils"),
        measures=(SHARE,),
        unit="pct",
        filters=STO_2020_ALL,
        pages=frozenset({NATIONAL}),
    ),
    ChartSpec(
        key="tech_share_vs_baseline",
        title="Change in technical share since the baseline",
        description=(
            "share_tech_pupils(t) - share_tech_pupils(baseline peiljaar, seed monitor_settings),"
            " in percentage points; regions compared through the region crosswalk."
        ),
        kind="line",
        tables=("monitor.ind_tech_pupils",),
        measures=(
            Measure(
                ("share_tech_upper_change_vs_baseline", "growth_vs_baseline"),
                "change since baseline",
                agg="single",
            ),
        ),
        unit="pp",
        filters=STO_2020_ALL,
        table_extra=(
            Measure(("share_tech_upper_baseline",), "baseline share", agg="single", unit="pct"),
            Measure(("baseline_peiljaar",), "baseline peiljaar", agg="single", unit="year"),
        ),
    ),
    ChartSpec(
        key="tech_pupils_leerweg",
        title="Technical pupils by leerweg",
        description="Pupils in leerjaar 3-4 in a technical profiel, per leerweg (BB, KB, GL).",
        kind="stacked",
        tables=("monitor.ind_tech_pupils", "monitor.ind_tech_pupils_leerweg"),
        measures=(TECH_PUPILS,),
        series=("leerweg",),
        series_order=("BB", "KB", "GL"),
        unit="count",
        filters=STO_2020,
        exclude={"leerweg": ("ALL", "TL")},
    ),
    ChartSpec(
        key="tech_growth",
        title="Growth of the technical intake (leerjaar 3)",
        description=(
            "n_tech_pupils_lj3(t) / n_tech_pupils_lj3(t-1) - 1: year-on-year growth of the pupils"
            " entering a technical profiel in leerjaar 3 (BB/KB/GL)."
        ),
        kind="line",
        tables=("monitor.ind_tech_pupils", "monitor.ind_tech_growth"),
        measures=(
            Measure(
                ("growth_tech_lj3_yoy", "growth_tech_pupils_yoy"), "growth leerjaar 3", agg="single"
            ),
        ),
        unit="pct",
        filters=STO_2020_ALL,
        table_extra=(
            Measure(("n_tech_pupils_lj3",), "technical pupils lj 3"),
            Measure(("growth_tech_upper_yoy",), "growth lj 3-4", agg="single", unit="pct"),
        ),
    ),
    ChartSpec(
        key="girls_share",
        title="Share of girls in the technical profielen",
        description="Girls among the technical pupils of leerjaar 3-4 (BB/KB/GL).",
        kind="line",
        tables=("monitor.ind_share_girls_tech",),
        measures=(
            _ratio(
                ("share_girls_tech_upper", "share_girls_tech"),
                "share of girls",
                ("n_girls_tech_upper", "n_girls_tech"),
                ("n_tech_pupils_upper",),
            ),
        ),
        unit="pct",
        filters=STO_2020,
        table_extra=(
            Measure(("n_girls_tech_upper", "n_girls_tech"), "girls"),
            Measure(("n_tech_pupils_upper",), "technical pupils lj 3-4"),
        ),
    ),
    # -- offer -----------------------------------------------------------------------------------
    ChartSpec(
        key="profiles_offered",
        title="Technical profielen offered",
        description=(
            "(vestiging, technical profiel) offers with pupils, and vestigingen offering at least"
            " one technical profiel."
        ),
        kind="bars",
        tables=("monitor.ind_tech_offer",),
        measures=(
            Measure(
                ("n_tech_profile_offers", "n_profiles_offered"), "offers (vestiging × profiel)"
            ),
            Measure(("n_vestigingen_with_tech",), "vestigingen with a technical profiel"),
        ),
        unit="count",
        filters=STO_2020,
        table_extra=(
            Measure(("n_vestigingen_vbo",), "vestigingen with vmbo beroepsgericht"),
            _ratio(
                ("share_vestigingen_with_tech",),
                "share with technical offer",
                ("n_vestigingen_with_tech",),
                ("n_vestigingen_vbo",),
                "pct",
            ),
        ),
        national_reference=False,
    ),
    ChartSpec(
        key="coverage",
        title="Coverage of the technical profielen (dekkend aanbod)",
        description=(
            "Technical profielen offered by at least one vestiging, out of the profielen in the"
            " definition (five under sto_2020)."
        ),
        kind="line",
        tables=("monitor.ind_tech_offer",),
        measures=(
            Measure(
                ("n_tech_profiles_offered", "n_profiles_covered"), "profielen offered", agg="single"
            ),
            Measure(("n_tech_profiles_defined",), "profielen in the definition", agg="single"),
        ),
        unit="num",
        filters=STO_2020,
        table_extra=(
            Measure(("avg_tech_pupils_per_offer",), "pupils per offer", agg="single", unit="num"),
        ),
        national_reference=False,
    ),
    # -- exams and doorstroom ----------------------------------------------------------------------
    ChartSpec(
        key="exams",
        title="Pass rate in the technical profielen",
        description="GESLAAGDEN / EXAMENKANDIDATEN of vmbo BB/KB/GL in the technical profielen.",
        kind="line",
        tables=("monitor.ind_exam_tech",),
        measures=(
            _ratio(
                ("pass_rate_tech",),
                "pass rate technical",
                ("n_passed_tech",),
                ("n_candidates_tech", "n_exam_candidates_tech"),
            ),
        ),
        unit="pct",
        x=("schooljaar", "examenjaar", *YEAR_COLUMNS),
        filters=STO_2020_ALL,
        table_extra=(
            Measure(("n_candidates_tech", "n_exam_candidates_tech"), "candidates technical"),
            _ratio(("pass_rate",), "pass rate all", ("n_passed",), ("n_candidates",), unit="pct"),
        ),
    ),
    ChartSpec(
        key="doorstroom",
        title="Doorstroom to technical mbo",
        description=(
            "Graduates of the technical profielen enrolled in technical mbo on 1 October of"
            " their diplomajaar, over all graduates of the technical profielen."
        ),
        kind="line",
        tables=("monitor.ind_doorstroom_mbo", "monitor.ind_doorstroom"),
        measures=(
            _ratio(
                ("share_tech_to_tech_mbo", "doorstroom_tech_mbo"),
                "technical to technical mbo",
                ("n_tech_to_tech_mbo",),
                ("n_graduates_tech",),
            ),
        ),
        unit="pct",
        x=("diplomajaar", *YEAR_COLUMNS),
        filters=STO_2020_ALL,
        table_extra=(
            Measure(("n_graduates_tech",), "graduates technical"),
            _ratio(
                ("share_to_mbo", "doorstroom_mbo"),
                "all graduates to mbo",
                ("n_to_mbo",),
                ("n_graduates",),
                "pct",
            ),
        ),
    ),
    ChartSpec(
        key="mbo_tech_inflow",
        title="Inflow from vmbo into technical mbo",
        description=(
            "New mbo students coming from the vmbo who start a technical opleiding (sectorkamer"
            " flag), over all new mbo students from the vmbo."
        ),
        kind="line",
        tables=("monitor.ind_mbo_tech_inflow",),
        measures=(
            _ratio(
                ("share_inflow_tech",),
                "technical share of the inflow",
                ("n_inflow_tech",),
                ("n_inflow_from_vmbo",),
            ),
        ),
        unit="pct",
        filters={"vo_group": ("ALL",)},
        table_extra=(Measure(("n_inflow_tech",), "inflow technical"),),
        pages=frozenset({NATIONAL}),
    ),
    # -- grants ------------------------------------------------------------------------------------
    ChartSpec(
        key="max_subsidy_regions",
        title="Maximum subsidy 2020-2023 per region",
        description=(
            "BB/KB pupils × €15,895 + GL pupils × €7,947.50 (leerjaar 3-4, technical profielen,"
            " 1 October 2018), recomputed from DUO."
        ),
        kind="hbar_latest",
        tables=("monitor.ind_max_subsidy_2020_2023", "monitor.ind_max_subsidy"),
        measures=(Measure(("max_subsidy_eur", "max_subsidy"), "maximum subsidy"),),
        unit="eur",
        x=("peildatum", *PERIOD_COLUMNS),
        pages=frozenset({NATIONAL}),
        national_reference=False,
        grant=True,
    ),
    ChartSpec(
        key="grant_vs_max",
        title="Maximum, granted, paid and spent per regulation period",
        description=(
            "The maximum subsidy of the period against what was granted (incl. the 2024 top-up),"
            " paid and spent per the reports."
        ),
        kind="bars",
        tables=("monitor.ind_grant_reconciliation",),
        measures=(
            Measure(("max_subsidy_eur",), "maximum"),
            Measure(("granted_eur",), "granted"),
            Measure(("paid_eur",), "paid"),
            Measure(("spent_eur",), "spent"),
        ),
        unit="eur",
        x=PERIOD_COLUMNS,
        national_reference=False,
        grant=True,
    ),
    ChartSpec(
        key="grant_money",
        title="Subsidy granted, paid and spent per year",
        description="Per subsidy year, from the grant decisions, payments and progress reports.",
        kind="bars",
        tables=("monitor.ind_grant_flow", "monitor.ind_subsidy"),
        measures=(
            Measure(("granted_eur", "subsidy_granted"), "granted"),
            Measure(("paid_eur", "subsidy_paid"), "paid"),
            Measure(("spent_eur", "subsidy_spent"), "spent"),
        ),
        unit="eur",
        x=("subsidiejaar", "jaar", *PERIOD_COLUMNS),
        table_extra=(
            _ratio(("spent_share",), "spent / granted", ("spent_eur",), ("granted_eur",), "pct"),
        ),
        national_reference=False,
        grant=True,
    ),
    ChartSpec(
        key="subsidy_per_pupil",
        title="Subsidy granted per technical pupil",
        description=(
            "Granted for the subsidy year over the technical pupils of leerjaar 3-4 on the"
            " 1 October before it."
        ),
        kind="line",
        tables=("monitor.ind_subsidy_per_tech_pupil",),
        measures=(
            _ratio(
                ("subsidy_per_tech_pupil_eur",),
                "per technical pupil",
                ("granted_eur",),
                ("n_tech_pupils_upper",),
            ),
        ),
        unit="eur",
        x=("subsidiejaar", *YEAR_COLUMNS),
        filters=STO_2020,
        grant=True,
    ),
    ChartSpec(
        key="cofinancing",
        title="Co-financing against the norm",
        description=(
            "Co-financing by business over the budget (planned) and over the spend (realised),"
            " against the norm of the period (10%; 7.5% over January 2020 - August 2024)."
        ),
        kind="bars_norm",
        tables=("monitor.ind_cofinancing",),
        measures=(
            _ratio(
                ("cofinancing_planned_pct", "cofinancing_pct"),
                "planned",
                ("cofinancing_planned_eur",),
                ("budget_eur",),
            ),
            _ratio(
                ("cofinancing_realised_pct",),
                "realised",
                ("cofinancing_realised_eur",),
                ("spent_eur",),
            ),
        ),
        norm=Measure(("norm_share", "cofinancing_norm"), "norm", agg="single"),
        unit="pct",
        x=PERIOD_COLUMNS,
        table_extra=(
            Measure(
                ("meets_norm_realised",),
                "meeting the norm (realised)",
                agg="mean",
                unit="pct",
            ),
        ),
        grant=True,
    ),
    ChartSpec(
        key="fte_contract",
        title="Staff funded (fte) by contract type",
        description=(
            "Fte reported by the regions: own staff (internal) and hired (external); of which on"
            " permanent contracts in the table."
        ),
        kind="stacked",
        tables=("monitor.ind_fte_funded", "monitor.ind_fte_contract"),
        measures=(
            Measure(("fte_internal",), "internal (own staff)"),
            Measure(("fte_external",), "external (hired)"),
        ),
        unit="fte",
        x=("jaar", "subsidiejaar", *PERIOD_COLUMNS),
        table_extra=(
            Measure(("fte_permanent",), "permanent", unit="fte"),
            _ratio(
                ("share_permanent",), "share permanent", ("fte_permanent",), ("fte_total",), "pct"
            ),
        ),
        national_reference=False,
        grant=True,
    ),
    ChartSpec(
        key="partners",
        title="Partners by type",
        description="Distinct participants of the regional partnership per type.",
        kind="stacked",
        tables=("monitor.ind_partners_by_type", "monitor.ind_partners"),
        measures=(Measure(("n_partners",), "partners"),),
        series=("participant_type", "partner_type"),
        series_order=("vmbo", "vso", "pro", "mbo", "po", "bedrijf", "overheid"),
        unit="count",
        x=PERIOD_COLUMNS,
        national_reference=False,
        grant=True,
    ),
    ChartSpec(
        key="cooperation",
        title="Cooperation vmbo-po, vmbo-mbo and vmbo-mbo-business",
        description=(
            "Whether the region has at least one active partner of each required type (100% ="
            " yes); nationally the share of regions that do."
        ),
        kind="bars",
        tables=("monitor.ind_cooperation",),
        measures=(
            Measure(("coop_vmbo_po",), "vmbo-po", agg="mean"),
            Measure(("coop_vmbo_mbo",), "vmbo-mbo", agg="mean"),
            Measure(("coop_vmbo_mbo_business",), "vmbo-mbo-business", agg="mean"),
        ),
        unit="pct",
        x=PERIOD_COLUMNS,
        table_extra=(
            Measure(("n_activities_vmbo_mbo",), "joint vmbo-mbo activities", unit="count"),
        ),
        national_reference=False,
        grant=True,
    ),
    ChartSpec(
        key="report_timeliness",
        title="Submissions on time",
        description=(
            "Share of the required submissions (aanvraag, voortgang, eindverslag, …) submitted on"
            " or before their deadline; for a region 100% = on time."
        ),
        kind="bars",
        tables=("monitor.ind_report_timeliness",),
        measures=(Measure(("is_on_time", "on_time"), "on time", agg="mean"),),
        series=("submission_type", "report_type"),
        series_order=("registratie", "deelnemers", "aanvraag", "voortgang", "eindverslag"),
        unit="pct",
        x=("period", *PERIOD_COLUMNS),
        national_reference=False,
        grant=True,
    ),
)
