"""The programme page of the monitor report (issue 12): the programme's money and staff as the
steering committee reports them, from the programme mart. Its charts are ordinary ``ChartSpec``
declarations (the same charts, tables and accessibility as every other page), kept here so the
page is one addition beside the national and region pages; its template is
``templates/programme.html.j2``.
"""

from __future__ import annotations

from sto_warehouse.report.data import Dataset, Unavailable
from sto_warehouse.report.specs import NATIONAL, ChartSpec, Measure, _ratio

FILENAME = "programme.html"
ALL_TYPES = {"region_type": ("ALL",)}

CHARTS: tuple[ChartSpec, ...] = (
    ChartSpec(
        key="programme_money",
        title="Programmabudget, toegekend, betaald en besteed per jaar",
        description=(
            "Het budget volgens de regelingen (techniekregio's en techniekarme regio's"
            " 2020-2023, de aanvulling van € 100 mln in 2024, 2025-2028 gespreid over de jaren)"
            " naast wat alle regio's samen is toegekend, betaald en volgens hun verslagen besteed."
            " In de tabel het deel van de nominale € 100 mln per jaar dat is toegekend en het"
            " aantal regio's zonder verslag over het jaar."
        ),
        kind="bars",
        tables=("monitor.ind_programme_budget",),
        measures=(
            Measure(("budget_eur",), "budget"),
            Measure(("granted_eur",), "toegekend"),
            Measure(("paid_eur",), "betaald"),
            Measure(("spent_eur",), "besteed"),
        ),
        unit="eur",
        x=("jaar",),
        filters=ALL_TYPES,
        table_extra=(
            Measure(("granted_share_of_nominal",), "deel van € 100 mln", agg="single", unit="pct"),
            Measure(("n_regions_missing",), "regio's zonder verslag", unit="count"),
        ),
        pages=frozenset({NATIONAL}),
        national_reference=False,
    ),
    ChartSpec(
        key="programme_money_by_type",
        title="Toegekend per soort regio",
        description=(
            "Toegekende subsidie per jaar voor techniekregio's, techniekarme regio's (een eigen,"
            " gerangschikt budget) en techniekluwe regio's (2025-2028, ten hoogste € 4 mln per"
            " regio)."
        ),
        kind="stacked",
        tables=("monitor.ind_programme_budget",),
        measures=(Measure(("granted_eur",), "toegekend"),),
        series=("region_type",),
        series_order=("techniekregio", "techniekarme regio", "techniekluwe regio"),
        exclude=ALL_TYPES,
        unit="eur",
        x=("jaar",),
        table_extra=(Measure(("budget_eur",), "budget", unit="eur"),),
        pages=frozenset({NATIONAL}),
        national_reference=False,
    ),
    ChartSpec(
        key="programme_staff",
        title="Personeel (fte) naar soort contract",
        description=(
            "Door de regio's gerapporteerde fte, landelijk opgeteld: tijdelijk en vast contract;"
            " in de tabel intern (eigen personeel) en extern (ingehuurd)."
        ),
        kind="stacked",
        tables=("monitor.ind_fte_funded",),
        measures=(
            Measure(("fte_temporary",), "tijdelijk contract"),
            Measure(("fte_permanent",), "vast contract"),
        ),
        unit="fte",
        x=("jaar",),
        table_extra=(
            Measure(("fte_internal",), "intern", unit="fte"),
            Measure(("fte_external",), "extern", unit="fte"),
            _ratio(("share_permanent",), "aandeel vast", ("fte_permanent",), ("fte_total",), "pct"),
        ),
        pages=frozenset({NATIONAL}),
        national_reference=False,
        grant=True,
    ),
    ChartSpec(
        key="programme_staff_contracts",
        title="Aflopende contracten en omzettingen naar vast",
        description=(
            "Fte waarvan het contract in het volgende jaar afloopt en fte waarvan het contract dit"
            " jaar in vast is omgezet, landelijk opgeteld; in de tabel het nieuw aangenomen"
            " personeel. Verslagen op een sjabloon van vóór 2026.2 hebben deze gegevens niet."
        ),
        kind="bars",
        tables=("monitor.ind_staff_contracts",),
        measures=(
            Measure(("fte_ending_next_year",), "contract loopt volgend jaar af"),
            Measure(("fte_converted_permanent",), "omgezet naar vast"),
        ),
        unit="fte",
        x=("jaar",),
        table_extra=(
            Measure(("fte_new",), "nieuw personeel", unit="fte"),
            Measure(("fte_existing",), "bestaand personeel", unit="fte"),
        ),
        pages=frozenset({NATIONAL}),
        national_reference=False,
        grant=True,
    ),
    ChartSpec(
        key="programme_regions_active",
        title="Actieve regio's",
        description=(
            "Aandeel van de geregistreerde regio's met een toekenning of een verslag over het"
            " jaar; regio's die stoppen of van penvoerder wisselen staan in de tabel."
        ),
        kind="bars",
        tables=("monitor.ind_region_status",),
        measures=(Measure(("is_active",), "actief", agg="mean"),),
        unit="pct",
        x=("jaar",),
        table_extra=(Measure(("penvoerder_changed",), "nieuwe penvoerder", unit="count"),),
        pages=frozenset({NATIONAL}),
        national_reference=False,
        grant=True,
    ),
    ChartSpec(
        key="programme_cooperation_vmbo",
        title="Samenwerking tussen vmbo-scholen",
        description=(
            "Aandeel regio's met ten minste twee vmbo-vestigingen en een gerapporteerde"
            " activiteit binnen het vmbo."
        ),
        kind="bars",
        tables=("monitor.ind_cooperation",),
        measures=(Measure(("coop_vmbo_vmbo",), "vmbo-vmbo", agg="mean"),),
        unit="pct",
        x=("region_period",),
        table_extra=(
            Measure(("n_activities_vmbo_vmbo",), "activiteiten binnen het vmbo", unit="count"),
        ),
        pages=frozenset({NATIONAL}),
        national_reference=False,
        grant=True,
    ),
)


def page(charts_data: dict[str, Dataset | Unavailable], site) -> str:
    """The programme page: every programme chart read for this site, nationally."""
    from sto_warehouse.report import pages

    sections = [
        pages.chart_section(spec, charts_data[spec.key], NATIONAL, None, site)
        for spec in CHARTS
        if spec.key in charts_data
    ]
    return pages._render(
        "programme.html.j2", site, title=site.lang.t("The programme"), sections=sections
    )
