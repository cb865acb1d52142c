"""Good submissions to start from, and ways to write them as xlsx, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sto_warehouse.submissions import spec, template


def load_small_country(settings, seed: int, scale: float) -> list:
    """Write a small synthetic DUO country (address lists 2018-12 and 2023-12, pupils 2018), load
    it with the real loader, and return its vmbo vestigingen that exist in 2018 and 2023."""
    from sto_warehouse.ingest import pipeline as duo_pipeline
    from sto_warehouse.synth import duo
    from sto_warehouse.synth.country import iter_vestigingen

    duo.generate_files(
        settings.landing / "duo",
        scale=scale,
        seed=seed,
        peiljaren=range(2018, 2019),
        snapshots=["2018-12", "2023-12"],
        datasets={duo.VESTIGINGEN, duo.LEERLINGEN, duo.PO_VESTIGINGEN, duo.MBO_INSTELLINGEN},
    )
    summary = duo_pipeline.load_paths(settings, "t-duo")
    assert not summary["rejected"], summary["rejected"]
    return [
        v
        for v in iter_vestigingen(seed, scale)
        if v.offers_vbo and v.exists(2018) and v.exists(2023)
    ]


def header(region: str, period: str, when: datetime, **extra) -> dict:
    return {"regio_id": region, "periode": period, "ingediend_op": when,
            "contactpersoon": "J. Jansen", "contact_email": "j.jansen@example.nl", **extra}  # fmt: skip


def registration(region: str, period: str, board: str, predecessors=()) -> dict:
    return {
        "algemeen": [
            header(
                region,
                period,
                datetime(2018, 10, 20, 12, 0)
                if period == "2020-2024"
                else datetime(2024, 6, 20, 12, 0),
            )
        ],
        "regio": [
            {
                "regio_naam": f"STO {region}",
                "regio_type": "techniekregio",
                "penvoerder_bevoegd_gezag": board,
                "penvoerder_naam": "Stichting VO",
            }
        ],  # fmt: skip
        "voorgangers": [
            {"voorganger_regio_id": p, "toelichting": "voortzetting"} for p in predecessors
        ],
    }


def membership(
    region: str, period: str, vmbo: list[str], po: list[str] = (), mbo: list[str] = ()
) -> dict:
    start = date(2020, 1, 1) if period == "2020-2024" else date(2025, 1, 1)
    rows = [
        {"deelnemer_type": "vmbo", "code": c, "naam": f"Vmbo {c}", "geldig_van": start}
        for c in vmbo
    ]
    rows += [
        {"deelnemer_type": "po", "code": c, "naam": f"Basisschool {c}", "geldig_van": start}
        for c in po
    ]
    rows += [
        {"deelnemer_type": "mbo", "code": c, "naam": f"ROC {c}", "geldig_van": start} for c in mbo
    ]
    rows.append(
        {
            "deelnemer_type": "bedrijf",
            "code": "12345678",
            "naam": "Klusbedrijf P. de Vries",
            "geldig_van": start,
        }
    )
    rows.append(
        {"deelnemer_type": "overheid", "code": "", "naam": "Gemeente Ergens", "geldig_van": start}
    )
    return {"algemeen": [header(region, period, datetime(2019, 3, 20, 12, 0))], "deelnemers": rows}


def application(region: str, when: datetime = datetime(2019, 3, 20, 12, 0)) -> dict:
    budget = [
        {"jaar": y, "kostencategorie": "personeel", "bedrag": Decimal("100000.00")}
        for y in range(2020, 2024)
    ]
    budget.append({"jaar": 2020, "kostencategorie": "apparatuur", "bedrag": Decimal("50000.50")})
    cofinancing = [{"jaar": 2020, "soort": "cash", "bedrag": Decimal("20000")},
                   {"jaar": 2021, "soort": "in_natura", "bedrag": Decimal("15000")}]  # fmt: skip
    return {
        "algemeen": [
            header(
                region,
                "2020-2023",
                when,
                totaal_begroting=Decimal("450000.50"),
                totaal_cofinanciering=Decimal("35000"),
            )
        ],  # fmt: skip
        "begroting": budget,
        "cofinanciering": cofinancing,
        "fte": [{"jaar": 2020, "fte": 1.5}],
    }


def report(region: str, when: datetime, spend: Decimal = Decimal("120000")) -> dict:
    return {
        "algemeen": [
            header(
                region,
                "2020-2023-VR1",
                when,
                rapportage_van=date(2020, 1, 1),
                rapportage_tot=date(2021, 6, 30),
                totaal_uitgaven=spend,
                totaal_cofinanciering=Decimal("9000"),
            )
        ],  # fmt: skip
        "uitgaven": [{"jaar": 2020, "kostencategorie": "personeel", "bedrag": spend}],
        "fte": [{"jaar": 2020, "herkomst": "intern", "contract": "vast", "fte": 1.2}],
        "cofinanciering": [{"jaar": 2020, "soort": "cash", "bedrag": Decimal("9000")}],
        "activiteiten": [
            {"activiteit": "Techniekdag", "samenwerking": "vmbo_po", "doel": 10, "resultaat": 12}
        ],
    }


def xlsx(kind: str, region: str, sheets: dict, **meta) -> bytes:
    return template.build(kind, region, rows=sheets, meta=meta or None)


def _text(value) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def csv_files(kind: str, region: str, sheets: dict, prefix: str) -> list[tuple[str, bytes]]:
    out = []
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(
        [
            ["sleutel", "waarde"],
            ["template_type", kind],
            ["template_versie", spec.TEMPLATE_VERSION],
            ["regio_id", region],
        ]
    )
    out.append((f"{prefix}__meta.csv", buffer.getvalue().encode()))
    for sheet in spec.TYPES[kind].sheets:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow([f.name for f in sheet.fields])
        for record in sheets.get(sheet.name, []):
            writer.writerow([_text(record.get(f.name)) for f in sheet.fields])
        out.append((f"{prefix}__{sheet.name}.csv", buffer.getvalue().encode("utf-8-sig")))
    return out


def json_file(kind: str, region: str, sheets: dict) -> bytes:
    def value(v):
        if isinstance(v, Decimal):
            return float(v)
        if isinstance(v, (date, datetime)):
            return _text(v)
        return v

    doc = {"meta": {"template_type": kind, "template_versie": spec.TEMPLATE_VERSION, "regio_id": region},
           "tabbladen": {name: [{k: value(v) for k, v in r.items()} for r in rows] for name, rows in sheets.items()}}  # fmt: skip
    return json.dumps(doc).encode()


def drop(landing: Path, region_folder: str, name: str, data: bytes) -> Path:
    path = landing / "submissions" / region_folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
