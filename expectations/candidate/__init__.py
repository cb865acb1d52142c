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
    # DUO marts and indicators (issue 5)
    "dim_bestuur",
    "dim_mbo_opleiding",
    "fct_vo_exam",
    "fct_mbo_enrollment",
    "fct_mbo_inflow",
    "fct_vo_mbo_flow",
    "ind_tech_pupils",
    "ind_share_girls_tech",
    "ind_tech_offer",
    "ind_tech_offer_by_profiel",
    "ind_exam_tech",
    "ind_doorstroom_mbo",
    "ind_mbo_tech_inflow",
    # regional submissions and grants (issue 4)
    "bridge_region_member",
    "fct_grant",
    "fct_region_report",
    "ind_max_subsidy_2020_2023",
    "ind_grant_flow",
    "ind_subsidy_per_tech_pupil",
    "ind_cofinancing",
    "ind_fte_funded",
    "ind_partners_by_type",
    "ind_cooperation",
    "ind_report_timeliness",
    "ind_grant_reconciliation",
    # the programme as its regulations write it (issue 12)
    "dim_data_source",
    "ind_programme_budget",
    "ind_region_status",
    "ind_staff_contracts",
)


# Which candidate schema each suite's table lives in.
def schema_of(model: str) -> str:
    """Indicators (ind_*) are published in monitor, dimensions and facts in marts."""
    return "monitor" if model.startswith("ind_") else "marts"
