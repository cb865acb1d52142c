"""Synthetic regional submissions: a national set drawn from the synthetic country.

``write_submissions(landing_dir, seed=2026, scale=1.0)`` writes into
``landing_dir/submissions/<region>/`` the registrations, memberships, applications and reports
of every STO region for every period, and the grant administrator's exports into
``landing_dir/submissions/dus-i/``:

* 2020-2024: 78 regions at scale 1 (``78 x scale`` below that, at least 2), each a contiguous
  group of vmbo vestigingen (sorted by COROP area and gemeente) of ``country.iter_vestigingen``,
  with its praktijkscholen, 1-2 mbo instellingen (``mbo.mbo_country``), po schools in its area
  (``po.iter_po_vestigingen``), companies and a gemeente; the penvoerder is the bevoegd gezag of
  its first vmbo vestiging; ~12% are techniekarme regio's.
* 2025-2028: 74 regions at scale 1: the same groups with a few neighbours merged, each with its
  predecessor(s) (the crosswalk); ~5% techniekluwe regio's. Their maxima are the synthetic seed
  ``sub_max_subsidy_2025_2028`` (``max_2025_2028``).
* Per region: registratie, deelnemers, aanvraag 2020-2023 (and the 2024 top-up), voortgang VR1
  and VR2, eindverslag; for 2025-2028 registratie, deelnemers, aanvraag and voortgang VR1.
* ~10% of the submissions are faulty, the ways regions get it wrong: a wrong template version,
  text in an amount cell, an unknown BRIN6, totals that do not add up, a late report. A faulty
  registration or membership is always followed by a corrected resubmission (regions fix what
  the feedback says); so are some of the others, and a few correct reports are resubmitted with
  corrections (history: both versions stay in raw).
* Mostly xlsx (the template, filled in), some as CSV groups and as JSON.

The same arguments give the same bytes; a file whose bytes would not change is not rewritten
(atomic writes through dot-named temporary files).
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from sto_warehouse.synth.country import Vestiging, iter_vestigingen
from sto_warehouse.synth.enrollment import PROFIELEN, vestiging_rows

REGIONS_2020 = 78
REGIONS_2025 = 74
RATE_BBKB = Decimal("15895.00")
RATE_GL = Decimal("7947.50")
TECH_AFDELINGEN = {p.afdeling for p in PROFIELEN if p.technical}
LEERWEG_RATE = {"VMBO BL lj 3-4": RATE_BBKB, "VMBO KL lj 3-4": RATE_BBKB, "VMBO GL lj 3-4": RATE_GL}
COST_SPLIT = (("personeel", 0.34), ("inhuur", 0.12), ("apparatuur", 0.26), ("materialen", 0.06),
              ("scholing", 0.07), ("activiteiten", 0.1), ("projectleiding", 0.05))  # fmt: skip
TRADES = ("Installatietechniek", "Bouwbedrijf", "Metaalbewerking", "Elektrotechniek",
          "Autobedrijf", "Scheepswerf", "Machinefabriek", "Timmerfabriek", "ICT-diensten",
          "Loodgietersbedrijf")  # fmt: skip
SURNAMES = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder")
ACTIVITIES = (("Techniekdagen voor groep 7-8", "vmbo_po"), ("Doorlopende leerlijn techniek", "vmbo_mbo"),
              ("Stages bij technische bedrijven", "vmbo_mbo_bedrijf"), ("Nieuwe praktijklokalen", "vmbo"),
              ("Gastlessen vanuit het bedrijfsleven", "vmbo_mbo_bedrijf"), ("Scholing docenten techniek", "vmbo"),
              ("Techniekcarrousel basisscholen", "vmbo_po"), ("Gezamenlijke examens vmbo-mbo", "vmbo_mbo"))  # fmt: skip
FAULTS = ("version", "text_amount", "unknown_brin", "totals", "late")
FAULT_SHARE = 0.12


@dataclass
class Region:
    region_id: str
    period: str  # 2020-2024 | 2025-2028
    name: str
    region_type: str
    penvoerder: str
    penvoerder_name: str
    vmbo: list[Vestiging]
    pro: list[Vestiging] = field(default_factory=list)
    mbo: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    po: list[tuple[str, str]] = field(default_factory=list)
    companies: list[tuple[str, str]] = field(default_factory=list)  # (kvk, name)
    government: list[str] = field(default_factory=list)
    predecessors: list[str] = field(default_factory=list)
    max_subsidy: Decimal = Decimal(0)


def _money(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def max_2025_2028(region_id: str) -> Decimal:
    """The synthetic 2025-2028 maximum of a region (the seed sub_max_subsidy_2025_2028)."""
    return Decimal(1_500_000 + (zlib.crc32(region_id.encode()) % 4_500) * 1000)


def max_subsidy_2020_2023(members: list[Vestiging], seed: int) -> Decimal:
    """The allocation formula on the synthetic 1 October 2018 counts (what dbt recomputes)."""
    total = Decimal(0)
    for v in members:
        for onderwijstype, _sector, afdeling, _code, _naam, counts in vestiging_rows(v, 2018, seed):
            rate = LEERWEG_RATE.get(onderwijstype)
            if rate is not None and afdeling in TECH_AFDELINGEN:
                total += rate * sum(counts[4:8])
    return total


def _counts(n: int, scale: float, minimum: int, available: int) -> int:
    return max(minimum, min(n, round(n * scale), available))


@lru_cache(maxsize=4)
def build_regions(seed: int = 2026, scale: float = 1.0) -> tuple[list[Region], list[Region]]:
    from sto_warehouse.synth.mbo import mbo_country
    from sto_warehouse.synth.po import iter_po_vestigingen

    rng = random.Random(f"sto-synth|{seed}|submissions|regions")
    country = list(iter_vestigingen(seed, scale))
    vbo = [v for v in country if v.offers_vbo and v.exists(2019) and v.exists(2018)]
    vbo.sort(key=lambda v: (v.place.corop, v.place.gemeentenummer, v.brin6))
    n20 = max(2, min(REGIONS_2020, round(REGIONS_2020 * scale), len(vbo) // 3))
    bounds = [round(i * len(vbo) / n20) for i in range(n20 + 1)]
    groups = [vbo[bounds[i] : bounds[i + 1]] for i in range(n20)]
    pro = [v for v in country if v.structure == "PRO" and v.exists(2019) and v.exists(2018)]
    mbo = mbo_country(seed, scale).instellingen
    po = [p for p in iter_po_vestigingen(seed, scale) if p.exists(2021) and p.exists(2023)]
    names_seen: dict[str, int] = {}
    pro_used: set[str] = set()
    regions20: list[Region] = []
    for index, members in enumerate(groups, start=1):
        first = members[0]
        corops = {v.place.corop for v in members}
        area = first.place.area("corop")[1]
        names_seen[area] = names_seen.get(area, 0) + 1
        name = f"STO {area}" + (f" {names_seen[area]}" if names_seen[area] > 1 else "")
        region = Region(
            region_id=f"DUSI-20-{index:03d}",
            period="2020-2024",
            name=name,
            region_type="techniekarme regio" if rng.random() < 0.12 else "techniekregio",
            penvoerder=first.bevoegd_gezag,
            penvoerder_name=f"Stichting Voortgezet Onderwijs {first.place.plaatsnaam.title()}",
            vmbo=members,
        )
        region.pro = [v for v in pro if v.place.corop in corops and v.brin6 not in pro_used
                      and rng.random() < 0.5][:2]  # fmt: skip
        pro_used.update(v.brin6 for v in region.pro)
        near = [m for m in mbo if m.place.corop in corops] or [mbo[index % len(mbo)]]
        region.mbo = [(m.code, m.name(2019)) for m in near[:2]]
        local = [p for p in po if p.place.corop in corops]
        rng.shuffle(local)
        region.po = [
            (p.brin6, p.name(2021)) for p in (local or po[index::n20])[: rng.randint(2, 4)]
        ]
        for k in range(rng.randint(3, 7)):
            kvk = f"{rng.randint(10_000_000, 99_999_999)}"
            if k == 0 and rng.random() < 0.4:  # a sole trader: personal data, never stored
                company = f"Klusbedrijf {rng.choice('ABCDEHJKLMPRSTW')}. {rng.choice(SURNAMES)}"
            else:
                company = f"{rng.choice(TRADES)} {first.place.plaatsnaam.title()} B.V."
            region.companies.append((kvk, company))
        region.government = [f"Gemeente {first.place.gemeentenaam.title()}"]
        region.max_subsidy = max_subsidy_2020_2023(members, seed)
        regions20.append(region)
    n25 = max(2, min(REGIONS_2025, round(REGIONS_2025 * scale), n20 - (1 if n20 > 2 else 0)))
    merges = n20 - n25
    merge_at = {round((k + 0.5) * n20 / max(merges, 1)) - 1 for k in range(merges)}
    regions25: list[Region] = []
    i = 0
    while i < n20:
        parts = [regions20[i]]
        if i in merge_at and i + 1 < n20:
            parts.append(regions20[i + 1])
            i += 1
        i += 1
        index = len(regions25) + 1
        region_id = f"DUSI-25-{index:03d}"
        members = [v for part in parts for v in part.vmbo if v.exists(2023) and v.exists(2024)]
        if not members:
            members = parts[0].vmbo
        base = parts[0]
        regions25.append(
            Region(
                region_id=region_id,
                period="2025-2028",
                name=base.name
                if len(parts) == 1
                else f"{base.name} en {parts[1].name.removeprefix('STO ')}",
                region_type="techniekluwe regio" if rng.random() < 0.05 else "techniekregio",
                penvoerder=members[0].bevoegd_gezag,
                penvoerder_name=base.penvoerder_name,
                vmbo=members,
                pro=[v for part in parts for v in part.pro if v.exists(2023)],
                mbo=list(dict.fromkeys(m for part in parts for m in part.mbo)),
                po=[p for part in parts for p in part.po],
                companies=[c for part in parts for c in part.companies],
                government=list(dict.fromkeys(g for part in parts for g in part.government)),
                predecessors=[p.region_id for p in parts],
                max_subsidy=max_2025_2028(region_id),
            )
        )
    return regions20, regions25


# -- the submissions -------------------------------------------------------------------------------


@dataclass
class Submission:
    region: Region
    submission_type: str
    period: str
    submitted_at: datetime
    sheets: dict[str, list[dict]]
    header: dict
    fault: str | None = None
    version: str | None = None
    fmt: str = "xlsx"

    @property
    def stem(self) -> str:
        return f"{self.submission_type}_{self.period}_{self.submitted_at:%Y%m%d%H%M}"


def _when(rng: random.Random, year: int, month: int, first: int, last: int) -> datetime:
    return datetime(
        year, month, rng.randint(first, last), rng.randint(8, 17), rng.choice((0, 15, 30, 45))
    )


def _split(total: Decimal, shares: tuple[tuple[str, float], ...]) -> list[tuple[str, Decimal]]:
    parts = [(name, _money(total * Decimal(str(share)))) for name, share in shares]
    drift = total - sum(p for _, p in parts)
    parts[0] = (parts[0][0], parts[0][1] + drift)
    return parts


def _membership(region: Region, start: date) -> list[dict]:
    rows = []
    for v in region.vmbo:
        row = {
            "deelnemer_type": "vmbo",
            "code": v.brin6,
            "naam": v.name(start.year - 1),
            "geldig_van": start,
        }
        if region.period == "2020-2024" and v.close_year and 2020 <= v.close_year <= 2024:
            row["geldig_tot"] = date(v.close_year, 7, 31)
        rows.append(row)
    rows += [
        {"deelnemer_type": "pro", "code": v.brin6, "naam": v.name(2019), "geldig_van": start}
        for v in region.pro
    ]
    rows += [
        {"deelnemer_type": "mbo", "code": c, "naam": n, "geldig_van": start} for c, n in region.mbo
    ]
    rows += [
        {"deelnemer_type": "po", "code": c, "naam": n, "geldig_van": start} for c, n in region.po
    ]
    rows += [
        {"deelnemer_type": "bedrijf", "code": k, "naam": n, "geldig_van": start}
        for k, n in region.companies
    ]
    rows += [
        {"deelnemer_type": "overheid", "code": "", "naam": g, "geldig_van": start}
        for g in region.government
    ]
    return rows


def _application(
    rng: random.Random,
    region: Region,
    period: str,
    years: list[int],
    total: Decimal,
    when: datetime,
) -> Submission:
    budget = []
    per_year = _money(total / len(years))
    for year in years:
        budget += [
            {"jaar": year, "kostencategorie": c, "bedrag": a}
            for c, a in _split(per_year, COST_SPLIT)
        ]
    share = Decimal(str(round(rng.uniform(0.08, 0.13), 3)))
    cofinancing = [{"jaar": y, "soort": s, "bedrag": _money(per_year * share * Decimal(w))}
                   for y in years for s, w in (("cash", "0.4"), ("in_natura", "0.6"))]  # fmt: skip
    fte = [{"jaar": y, "fte": round(float(per_year) / 95_000 * 0.34, 1)} for y in years]
    header = {
        "totaal_begroting": sum(r["bedrag"] for r in budget),
        "totaal_cofinanciering": sum(r["bedrag"] for r in cofinancing),
    }
    sheets = {"begroting": budget, "cofinanciering": cofinancing, "fte": fte}
    if period == "2024":
        # The contents the 2024 extension requires (seed sub_extension_requirements).
        sheets["verlenging"] = [
            {
                "wijzigingen_activiteitenplan": "Meer praktijklokalen; minder inhuur.",
                "activiteiten_voor_1_augustus_2024": "Afronding doorlopende leerlijn met het mbo.",
                "regionaal_doel_dekking_kwaliteit": "Elk technisch profiel binnen 10 km.",
                "reservering_plan_2025": _money(total * Decimal("0.02")),
            }
        ]
    return Submission(region, "aanvraag", period, when, sheets, header)


def _report(
    rng: random.Random, region: Region, kind: str, period: str, start: date, end: date,
    yearly: Decimal, when: datetime,
) -> Submission:  # fmt: skip
    years = list(range(start.year, end.year + 1))
    spend = []
    for year in years:
        factor = Decimal(str(round(rng.uniform(0.6, 1.05), 3)))
        if end.year == year and end.month < 12:
            factor *= Decimal("0.5")
        spend += [
            {"jaar": year, "kostencategorie": c, "bedrag": a}
            for c, a in _split(_money(yearly * factor), COST_SPLIT)
        ]
    spent = sum(r["bedrag"] for r in spend)
    share = Decimal(str(round(rng.uniform(0.05, 0.14), 3)))
    cofinancing = [{"jaar": y, "soort": s, "bedrag": _money(spent / len(years) * share * Decimal(w))}
                   for y in years for s, w in (("cash", "0.35"), ("in_natura", "0.65"))]  # fmt: skip
    fte = []
    for year in years:
        base = float(yearly) / 95_000 * 0.34
        for origin, contract, w in (
            ("intern", "vast", 0.45),
            ("intern", "tijdelijk", 0.3),
            ("extern", "tijdelijk", 0.25),
        ):
            amount = round(base * w * rng.uniform(0.7, 1.2), 1)
            # Derived without drawing: the rest of the synthetic set stays as it was.
            temporary = contract == "tijdelijk"
            fte.append(
                {
                    "jaar": year,
                    "herkomst": origin,
                    "contract": contract,
                    "fte": amount,
                    "personeel": "nieuw" if temporary else "bestaand",
                    "fte_einde_volgend_jaar": round(amount * 0.5, 1) if temporary else 0,
                    "fte_omgezet_vast": round(amount * 0.2, 1) if origin == "intern" else 0,
                }
            )
    activities = []
    for name, cooperation in rng.sample(ACTIVITIES, rng.randint(3, 6)):
        target = rng.randint(2, 40)
        activities.append({"activiteit": name, "samenwerking": cooperation, "doel": target,
                           "resultaat": max(0, target + rng.randint(-5, 6))})  # fmt: skip
    header = {
        "rapportage_van": start,
        "rapportage_tot": end,
        "totaal_uitgaven": spent,
        "totaal_cofinanciering": sum(r["bedrag"] for r in cofinancing),
    }
    sheets = {
        "uitgaven": spend,
        "fte": fte,
        "cofinanciering": cofinancing,
        "activiteiten": activities,
    }
    return Submission(region, kind, period, when, sheets, header)


def plan(seed: int = 2026, scale: float = 1.0) -> list[Submission]:
    """Every synthetic submission (before faults are applied), in a stable order."""
    regions20, regions25 = build_regions(seed, scale)
    out: list[Submission] = []
    for region in regions20:
        rng = random.Random(f"sto-synth|{seed}|submissions|{region.region_id}")
        start = date(2020, 1, 1)
        out.append(Submission(region, "registratie", "2020-2024", _when(rng, 2018, 10, 8, 30),
                              {"regio": [{"regio_naam": region.name, "regio_type": region.region_type,
                                          "penvoerder_bevoegd_gezag": region.penvoerder,
                                          "penvoerder_naam": region.penvoerder_name}]}, {}))  # fmt: skip
        out.append(Submission(region, "deelnemers", "2020-2024", _when(rng, 2019, 3, 5, 29),
                              {"deelnemers": _membership(region, start)}, {}))  # fmt: skip
        total = region.max_subsidy or Decimal(400_000)
        out.append(_application(rng, region, "2020-2023", [2020, 2021, 2022, 2023], total,
                                _when(rng, 2019, 3, 5, 29)))  # fmt: skip
        out.append(_application(rng, region, "2024", [2024], _money(total * Decimal("0.2")),
                                _when(rng, 2023, 10, 2, 30)))  # fmt: skip
        yearly = total / 4
        out.append(_report(rng, region, "voortgang", "2020-2023-VR1", start, date(2021, 6, 30), yearly,
                           _when(rng, 2021, 10, 4, 29)))  # fmt: skip
        out.append(_report(rng, region, "voortgang", "2020-2023-VR2", start, date(2022, 12, 31), yearly,
                           _when(rng, 2023, 6, 1, 29)))  # fmt: skip
        out.append(_report(rng, region, "eindverslag", "2020-2024", start, date(2024, 12, 31), yearly,
                           _when(rng, 2024, 12, 2, 20)))  # fmt: skip
    for region in regions25:
        rng = random.Random(f"sto-synth|{seed}|submissions|{region.region_id}")
        start = date(2025, 1, 1)
        out.append(Submission(region, "registratie", "2025-2028", _when(rng, 2024, 6, 3, 28),
                              {"regio": [{"regio_naam": region.name, "regio_type": region.region_type,
                                          "penvoerder_bevoegd_gezag": region.penvoerder,
                                          "penvoerder_naam": region.penvoerder_name}],
                               "voorgangers": [{"voorganger_regio_id": p, "toelichting": "voortzetting" if len(region.predecessors) == 1 else "samengevoegd"}
                                               for p in region.predecessors]}, {}))  # fmt: skip
        out.append(Submission(region, "deelnemers", "2025-2028", _when(rng, 2024, 9, 2, 28),
                              {"deelnemers": _membership(region, start)}, {}))  # fmt: skip
        out.append(_application(rng, region, "2025-2028", [2025, 2026, 2027, 2028], region.max_subsidy,
                                _when(rng, 2024, 9, 2, 28)))  # fmt: skip
        out.append(_report(rng, region, "voortgang", "2025-2028-VR1", start, date(2025, 12, 31),
                           region.max_subsidy / 4, _when(rng, 2026, 6, 1, 26)))  # fmt: skip
    return out


def _faulty(seed: int, submissions: list[Submission], known_brin6: set[str]) -> list[Submission]:
    """Apply the faults (~10%) and add the resubmissions that fix them."""
    rng = random.Random(f"sto-synth|{seed}|submissions|faults")
    result: list[Submission] = []
    kinds = iter(FAULTS * 1000)  # every kind appears, in turn
    for index, sub in enumerate(submissions):
        sub.fmt = "csv" if index % 10 == 3 else "json" if index % 10 == 7 else "xlsx"
        if rng.random() >= FAULT_SHARE:
            result.append(sub)
            if rng.random() < 0.03 and sub.submission_type in ("voortgang", "eindverslag"):
                fixed = _copy(sub, 9)
                fixed.sheets["activiteiten"] = [
                    dict(r, resultaat=r["doel"]) for r in fixed.sheets["activiteiten"]
                ]
                result.append(fixed)  # a correct report resubmitted with corrections
            continue
        fault = next(kinds)
        while not _applies(fault, sub):
            fault = next(kinds)
        bad = _copy(sub, 0)
        bad.fault = fault
        bad.fmt = "xlsx"
        if fault == "version":
            bad.version = "2024.1"
        elif fault == "text_amount":
            sheet = "begroting" if sub.submission_type == "aanvraag" else "uitgaven"
            bad.sheets[sheet][1] = dict(bad.sheets[sheet][1], bedrag="ca. 12.000 euro")
        elif fault == "unknown_brin":
            code = next(
                f"{n:02d}ZZ{k:02d}"
                for n in range(99, 0, -1)
                for k in range(10)
                if f"{n:02d}ZZ{k:02d}" not in known_brin6
            )
            bad.sheets["deelnemers"].append({"deelnemer_type": "vmbo", "code": code,
                                             "naam": "Onbekende vestiging", "geldig_van": bad.sheets["deelnemers"][0]["geldig_van"]})  # fmt: skip
        elif fault == "totals":
            key = "totaal_begroting" if sub.submission_type == "aanvraag" else "totaal_uitgaven"
            bad.header[key] = bad.header[key] + Decimal(1000)
        elif fault == "late":
            from sto_warehouse.submissions import spec

            deadline = spec.periods()[(sub.submission_type, sub.period)].deadline
            bad.submitted_at = datetime(
                deadline.year, deadline.month, deadline.day, 10, 0
            ) + timedelta(days=rng.randint(3, 21))
            result.append(bad)  # late but valid: loads, with a warning in the feedback
            continue
        result.append(bad)
        if sub.submission_type in ("registratie", "deelnemers") or rng.random() < 0.5:
            result.append(_copy(sub, 6))  # the region fixes what the feedback said
    return result


def _applies(fault: str, sub: Submission) -> bool:
    return {
        "version": True,
        "text_amount": sub.submission_type in ("aanvraag", "voortgang", "eindverslag"),
        "unknown_brin": sub.submission_type == "deelnemers",
        "totals": sub.submission_type in ("aanvraag", "voortgang", "eindverslag"),
        "late": sub.submission_type in ("voortgang", "eindverslag"),
    }[fault]


def _copy(sub: Submission, days_later: int) -> Submission:
    return Submission(
        sub.region, sub.submission_type, sub.period, sub.submitted_at + timedelta(days=days_later),
        {k: [dict(r) for r in v] for k, v in sub.sheets.items()}, dict(sub.header), None, None, sub.fmt,
    )  # fmt: skip


# -- writing -----------------------------------------------------------------------------------------


def _put(path: Path, data: bytes) -> bool:
    """Write ``data`` atomically unless the file already holds exactly these bytes."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def _header_row(sub: Submission) -> dict:
    return {"regio_id": sub.region.region_id, "periode": sub.period, "ingediend_op": sub.submitted_at,
            "contactpersoon": "Programmaleider " + sub.region.name,
            "contact_email": "info@" + sub.region.region_id.lower() + ".example", **sub.header}  # fmt: skip


def _text(value: object, dutch: bool) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",") if dutch else f"{value:.2f}"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",") if dutch else f"{value:g}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _files(sub: Submission) -> list[tuple[str, bytes]]:
    from sto_warehouse.submissions import spec, template

    meta = {"template_type": sub.submission_type, "template_versie": sub.version or spec.TEMPLATE_VERSION,
            "regio_id": sub.region.region_id}  # fmt: skip
    sheets = {"algemeen": [_header_row(sub)], **sub.sheets}
    kind = spec.TYPES[sub.submission_type]
    if sub.fmt == "xlsx":
        data = template.build(sub.submission_type, sub.region.region_id, period=sub.period, rows=sheets,
                              meta={"template_versie": meta["template_versie"]})  # fmt: skip
        return [(f"{sub.stem}.xlsx", data)]
    if sub.fmt == "json":
        doc = {"meta": meta, "tabbladen": {
            s.name: [{f.name: _json_value(r.get(f.name)) for f in s.fields if r.get(f.name) not in (None, "")}
                     for r in sheets.get(s.name, [])]
            for s in kind.sheets}}  # fmt: skip
        return [
            (f"{sub.stem}.json", (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode())
        ]
    out = []
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows([["sleutel", "waarde"], *meta.items()])
    out.append((f"{sub.stem}__meta.csv", buffer.getvalue().encode("utf-8-sig")))
    for s in kind.sheets:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow([f.name for f in s.fields])
        for record in sheets.get(s.name, []):
            writer.writerow([_text(record.get(f.name), True) for f in s.fields])
        out.append((f"{sub.stem}__{s.name}.csv", buffer.getvalue().encode("utf-8-sig")))
    return out


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (date, datetime)):
        return _text(value, False)
    return value


def _euro(value: Decimal) -> str:
    text = f"{value:,.2f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def grant_exports(regions20: list[Region], regions25: list[Region]) -> tuple[bytes, bytes]:
    """The grant administrator's exports (layout: sto_warehouse.submissions.grants)."""
    from sto_warehouse.submissions import spec

    decisions = [
        [
            "Regio-ID",
            "Beschikkingsnummer",
            "Datum beschikking",
            "Soort beschikking",
            "Regeling",
            "Subsidiejaar",
            "Bedrag",
        ]
    ]
    payments = [["Regio-ID", "Beschikkingsnummer", "Betaaldatum", "Subsidiejaar", "Bedrag"]]
    for region in regions20:
        total = region.max_subsidy or Decimal(400_000)
        number = f"STO-{region.region_id[-3:]}-2019"
        for year in range(2020, 2024):
            amount = _money(total / 4)
            decisions.append(
                [
                    region.region_id,
                    number,
                    "15-11-2019",
                    "verlening",
                    "sto_2020_2023",
                    str(year),
                    _euro(amount),
                ]
            )
            payments.append([region.region_id, number, f"15-02-{year}", str(year), _euro(amount)])
        topup = _money(total * Decimal("0.2"))
        decisions.append(
            [
                region.region_id,
                f"STO-{region.region_id[-3:]}-2024",
                "12-12-2023",
                "ophoging",
                "sto_2020_2023",
                "2024",
                _euro(topup),
            ]
        )
        payments.append(
            [
                region.region_id,
                f"STO-{region.region_id[-3:]}-2024",
                "20-02-2024",
                "2024",
                _euro(topup),
            ]
        )
    for region in regions25:
        number = f"STO-{region.region_id[-3:]}-2025"
        cap = spec.fixed_caps().get(("sto_2025_2028", region.region_type))
        granted = min(region.max_subsidy, cap) if cap is not None else region.max_subsidy
        for year in range(2025, 2029):
            amount = _money(granted / 4)
            decisions.append(
                [
                    region.region_id,
                    number,
                    "16-12-2024",
                    "verlening",
                    "sto_2025_2028",
                    str(year),
                    _euro(amount),
                ]
            )
            if year <= 2026:
                payments.append(
                    [region.region_id, number, f"14-02-{year}", str(year), _euro(amount)]
                )

    def encode(rows: list[list[str]]) -> bytes:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
        return buffer.getvalue().encode("utf-8")

    return encode(decisions), encode(payments)


def write_submissions(
    landing_dir: Path, *, seed: int = 2026, scale: float = 1.0, duo_dir: Path | None = None
) -> list[Path]:
    """Write the synthetic national set into ``landing_dir/submissions/`` (see module doc).

    ``duo_dir`` is accepted for symmetry with the DUO generator; members are always drawn from
    the synthetic country of the same ``seed`` and ``scale``, so the DUO sample written with the
    same arguments holds every BRIN6 and instellingscode they use.
    """
    del duo_dir
    root = Path(landing_dir) / "submissions"
    written: list[Path] = []
    for relative, data in _contents(seed, scale):
        path = root / relative
        _put(path, data)
        written.append(path)
    return written


@lru_cache(maxsize=2)
def _contents(seed: int, scale: float) -> tuple[tuple[str, bytes], ...]:
    """Every file as (path below submissions/, bytes); kept per process, since building the
    workbooks is what costs time and the result is a pure function of the arguments."""
    regions20, regions25 = build_regions(seed, scale)
    known = {v.brin6 for v in iter_vestigingen(seed, scale)}
    out: list[tuple[str, bytes]] = []
    for sub in _faulty(seed, plan(seed, scale), known):
        for name, data in _files(sub):
            out.append((f"{sub.region.region_id}/{name}", data))
    decisions, payments = grant_exports(regions20, regions25)
    out.append(("dus-i/beschikkingen_2026-11.csv", decisions))
    out.append(("dus-i/betalingen_2026-11.csv", payments))
    return tuple(out)


def seed_rows_2025_2028(scale: float = 1.0, seed: int = 2026) -> list[tuple[str, str]]:
    """Rows of the seed sub_max_subsidy_2025_2028 (region_id, max_subsidy) at ``scale``."""
    _, regions25 = build_regions(seed, scale)
    return [(r.region_id, f"{r.max_subsidy:.2f}") for r in regions25]
