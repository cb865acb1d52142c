"""Candidate suites: business rules on the candidate build (``marts__wap`` / ``monitor__wap``)
before publication. ctx keys: ``marts`` and ``monitor`` (candidate schema names), ``as_of``
(ISO date; STO_AS_OF or today in Europe/Amsterdam)."""

# Published model -> suite module (same name) in this package.
SUITES = ("fct_vo_enrollment", "dim_vestiging", "ind_tech_share_upper")

# Which candidate schema each suite's table lives in.
SCHEMA_OF = {
    "fct_vo_enrollment": "marts",
    "dim_vestiging": "marts",
    "ind_tech_share_upper": "monitor",
}
