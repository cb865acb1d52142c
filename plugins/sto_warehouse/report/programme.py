"""The programme page of the monitor report (issue 12): the programme's money and staff as the
steering committee reports them. Its charts are ordinary chart declarations with
``pages: [programme]`` in their indicators' YAML (the same charts, tables and accessibility as
every other page); its template is ``templates/programme.html.j2``.
"""

from __future__ import annotations

from sto_warehouse.report.data import Dataset, Unavailable
from sto_warehouse.report.specs import NATIONAL, PROGRAMME, ChartSpec, on

FILENAME = "programme.html"
CHARTS: tuple[ChartSpec, ...] = on(frozenset({PROGRAMME}))


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
