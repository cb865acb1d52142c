"""Candidate suites: business rules on the candidate build (``marts__wap`` / ``monitor__wap``)
before publication. ctx keys: ``marts`` and ``monitor`` (candidate schema names), ``as_of``
(ISO date; STO_AS_OF or today in Europe/Amsterdam)."""

# Published model -> suite module (same name) in this package.
SUITES = (
    "dim_vestiging",
    "dim_vmbo_profiel",
    "dim_region",
    "dim_time",
    "fct_vo_enrollment",
    "ind_tech_share_upper",
)


# Which candidate schema each suite's table lives in.
def schema_of(model: str) -> str:
    """Indicators (ind_*) are published in monitor, dimensions and facts in marts."""
    return "monitor" if model.startswith("ind_") else "marts"
