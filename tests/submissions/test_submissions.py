"""Submissions on a real PostgreSQL: every validation rule, hostile files, history, feedback
isolation, all-or-nothing loading, the template round trip, CSV/JSON, the grant exports and the
grants in dbt on the synthetic national set. One module-scoped database with a small synthetic
DUO country (address lists 2018-12 and 2023-12, pupils 2018) loaded once."""

from __future__ import annotations

import io
import json
import os
import secrets
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from sto_warehouse import dbt_runner, migrate
from sto_warehouse.submissions import load, reader, spec, template
from sto_warehouse.submissions import pipeline as sp
from sto_warehouse.submissions.validate import validate
from sto_warehouse.synth import submissions as synth_sub
from sto_warehouse.synth.mbo import mbo_country
from sto_warehouse.synth.po import iter_po_vestigingen
from tests.submissions import helpers as h

SEED, SCALE = 2026, 0.05
RECEIVED = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
R1, R2 = "TEST-R1", "TEST-R2"


@dataclass
class Env:
    settings: object
    vmbo: list[str]
    board: str
    po: list[str]
    mbo: list[str]
    other_vmbo: list[str]


@pytest.fixture(scope="module")
def env(fresh_settings) -> Env:
    settings = fresh_settings
    vbo = h.load_small_country(settings, SEED, SCALE)
    po = [p.brin6 for p in iter_po_vestigingen(SEED, SCALE) if p.exists(2023)][:2]
    mbo = [m.code for m in mbo_country(SEED, SCALE).instellingen][:1]
    return Env(
        settings,
        [v.brin6 for v in vbo[:2]],
        vbo[0].bevoegd_gezag,
        po,
        mbo,
        [v.brin6 for v in vbo[2:4]],
    )


def conn_of(env: Env) -> psycopg.Connection:
    return psycopg.connect(env.settings.admin_url, autocommit=True)


def judge(env: Env, files: list[tuple[str, bytes]]):
    with psycopg.connect(env.settings.loader_url) as conn:
        return validate(reader.read(files), RECEIVED, load.DbLookups(conn))


def rules(judged) -> set[str]:
    return {f.rule for f in judged.findings}


def raw_rows(env: Env, sha: str) -> int:
    with conn_of(env) as conn:
        return sum(
            conn.execute(
                sql.SQL("select count(*) from {} where _file_sha256 = %s").format(
                    sql.Identifier("raw", t)
                ),
                (sha,),
            ).fetchone()[0]
            for t in spec.RAW_TABLES
        )


def run(env: Env) -> dict:
    return sp.load_all(env.settings, f"t-{secrets.token_hex(3)}")


@pytest.fixture(scope="module")
def registered(env: Env) -> Env:
    """R1 registered (2020-2024) with its membership: the base the other tests refer to."""
    land = env.settings.landing
    h.drop(
        land,
        R1,
        "registratie.xlsx",
        h.xlsx("registratie", R1, h.registration(R1, "2020-2024", env.board)),
    )
    h.drop(
        land,
        R1,
        "deelnemers.xlsx",
        h.xlsx("deelnemers", R1, h.membership(R1, "2020-2024", env.vmbo, env.po, env.mbo)),
    )
    h.drop(
        land,
        R2,
        "registratie.xlsx",
        h.xlsx("registratie", R2, h.registration(R2, "2020-2024", env.board)),
    )
    summary = run(env)
    assert not summary["rejected"], summary["rejected"]
    assert {(x["region_id"], x["submission_type"]) for x in summary["loaded"]} >= {
        (R1, "registratie"),
        (R1, "deelnemers"),
        (R2, "registratie"),
    }
    return env


# -- every rule fires on a crafted bad file and not on the good one ---------------------------------


def _aanvraag(mutate=None, **meta):
    sheets = h.application(R1)
    if mutate:
        mutate(sheets)
    return [("a.xlsx", h.xlsx("aanvraag", R1, sheets, **meta))]


def _set(sheet: str, index: int, **values):
    def mutate(sheets):
        sheets[sheet][index] = {**sheets[sheet][index], **values}

    return mutate


GOOD_FILES = {
    "aanvraag": lambda env: _aanvraag(),
    "deelnemers": lambda env: [
        (
            "d.xlsx",
            h.xlsx("deelnemers", R1, h.membership(R1, "2020-2024", env.vmbo, env.po, env.mbo)),
        )
    ],
    "registratie": lambda env: [
        ("r.xlsx", h.xlsx("registratie", R1, h.registration(R1, "2020-2024", env.board)))
    ],
    "voortgang": lambda env: [
        ("v.xlsx", h.xlsx("voortgang", R1, h.report(R1, datetime(2021, 10, 1, 9, 0))))
    ],
}


@pytest.mark.parametrize("kind", sorted(GOOD_FILES))
def test_good_files_have_no_errors(registered, kind):
    judged = judge(registered, GOOD_FILES[kind](registered))
    assert judged.ok, [(f.rule, f.message) for f in judged.errors]
    assert judged.region_id == R1 and judged.submission_type == kind


def _membership_with(env, **row):
    sheets = h.membership(R1, "2020-2024", env.vmbo, env.po, env.mbo)
    sheets["deelnemers"].append({"deelnemer_type": "vmbo", "code": env.vmbo[0], "naam": "x",
                                 "geldig_van": date(2021, 1, 1), **row})  # fmt: skip
    return [("d.xlsx", h.xlsx("deelnemers", R1, sheets))]


def _registration(env, region=R1, period="2020-2024", predecessors=(), **row):
    sheets = h.registration(region, period, env.board, predecessors)
    sheets["regio"][0] = {**sheets["regio"][0], **row}
    return [("r.xlsx", h.xlsx("registratie", region, sheets))]


def _json(kind, sheets, region=R1):
    return [("s.json", h.json_file(kind, region, sheets))]


def _application_2024(**sheets) -> dict:
    """A 2024 extension application (period 2024), consistent apart from ``sheets``."""
    when = datetime(2023, 10, 2, 12, 0)
    return {
        "algemeen": [h.header(R1, "2024", when, totaal_begroting=Decimal("100000"),
                              totaal_cofinanciering=Decimal("10000"))],
        "begroting": [{"jaar": 2024, "kostencategorie": "personeel", "bedrag": Decimal("100000")}],
        "cofinanciering": [{"jaar": 2024, "soort": "cash", "bedrag": Decimal("10000")}],
        "fte": [{"jaar": 2024, "fte": 1.0}],
        **sheets,
    }  # fmt: skip


def test_a_complete_2024_extension_application_passes(registered):
    verlenging = [{"wijzigingen_activiteitenplan": "Meer praktijklokalen.",
                   "activiteiten_voor_1_augustus_2024": "Leerlijn met het mbo afronden.",
                   "regionaal_doel_dekking_kwaliteit": "Elk profiel binnen 10 km.",
                   "reservering_plan_2025": Decimal("5000")}]  # fmt: skip
    judged = judge(registered, [("a.xlsx", h.xlsx("aanvraag", R1, _application_2024(verlenging=verlenging)))])  # fmt: skip
    assert judged.ok, [(f.rule, f.message) for f in judged.findings]


CASES = {
    "TEMPLATE_VERSIE": lambda env: _aanvraag(template_versie="2024.1"),
    "TYPE_ONBEKEND": lambda env: _aanvraag(template_type="begroting"),
    "META_ONTBREEKT": lambda env: _aanvraag(regio_id=""),
    "TABBLAD_ONTBREEKT": lambda env: _json(
        "aanvraag", {k: v for k, v in h.application(R1).items() if k != "begroting"}
    ),
    "TABBLAD_LEEG": lambda env: _aanvraag(lambda s: s.update(begroting=[])),
    "TABBLAD_ONBEKEND": lambda env: _json("aanvraag", {**h.application(R1), "extra": [{"a": 1}]}),
    "VERPLICHT": lambda env: _aanvraag(_set("begroting", 0, kostencategorie=None)),
    "GEEN_BEDRAG": lambda env: _aanvraag(_set("begroting", 1, bedrag="ca. 100 euro")),
    "GEEN_GETAL": lambda env: _aanvraag(_set("fte", 0, fte="anderhalf")),
    "GEEN_JAAR": lambda env: _aanvraag(_set("begroting", 0, jaar="twintig")),
    "GEEN_TIJDSTIP": lambda env: _aanvraag(_set("algemeen", 0, ingediend_op="gisteren")),
    "NEGATIEF": lambda env: _aanvraag(_set("cofinanciering", 0, bedrag=-5)),
    "TE_GROOT": lambda env: _aanvraag(_set("begroting", 0, bedrag=200_000_000)),
    "FTE_BEREIK": lambda env: _aanvraag(_set("fte", 0, fte=150)),
    "JAAR_BUITEN_PERIODE": lambda env: _aanvraag(_set("begroting", 0, jaar=2026)),
    "CODELIJST": lambda env: _aanvraag(_set("begroting", 0, kostencategorie="koffie")),
    "DUBBEL": lambda env: _aanvraag(lambda s: s["begroting"].append(dict(s["begroting"][0]))),
    "TOTAAL_KLOPT_NIET": lambda env: _aanvraag(_set("algemeen", 0, totaal_begroting=Decimal("1"))),
    "PERIODE_ONBEKEND": lambda env: _aanvraag(_set("algemeen", 0, periode="2019")),
    "REGIO_VERSCHIL": lambda env: _aanvraag(_set("algemeen", 0, regio_id="TEST-R2")),
    "INGEDIEND_TOEKOMST": lambda env: _aanvraag(
        _set("algemeen", 0, ingediend_op=datetime(2030, 1, 1))
    ),
    "REGIO_ONBEKEND": lambda env: [
        ("a.xlsx", h.xlsx("aanvraag", "TEST-R9", {**h.application("TEST-R9")}))
    ],
    "GEEN_DATUM": lambda env: _membership_with(env, geldig_van="1 januari"),
    "DATUM_VOLGORDE": lambda env: _membership_with(env, geldig_tot=date(2020, 6, 1)),
    "DATUM_BUITEN_PERIODE": lambda env: _membership_with(env, geldig_van=date(2019, 6, 1)),
    "FORMAAT_BRIN6": lambda env: _membership_with(env, code="12AB3"),
    "FORMAAT_INSTELLING": lambda env: _membership_with(env, deelnemer_type="mbo", code="12345"),
    "FORMAAT_KVK": lambda env: _membership_with(env, deelnemer_type="bedrijf", code="1234"),
    "CODE_ONTBREEKT": lambda env: _membership_with(env, code=None),
    "BRIN6_ONBEKEND": lambda env: _membership_with(env, code="99ZZ99"),
    "INSTELLING_ONBEKEND": lambda env: _membership_with(env, deelnemer_type="mbo", code="99ZZ"),
    "GEEN_VMBO_DEELNEMER": lambda env: [
        ("d.xlsx", h.xlsx("deelnemers", R1, h.membership(R1, "2020-2024", [], env.po)))
    ],
    "FORMULE_TEKST": lambda env: _json(
        "deelnemers",
        {
            **h.membership(R1, "2020-2024", env.vmbo),
            "deelnemers": [
                {
                    "deelnemer_type": "vmbo",
                    "code": env.vmbo[0],
                    "naam": '=HYPERLINK("http://x")',
                    "geldig_van": "2020-01-01",
                }
            ],
        },
    ),  # fmt: skip
    "FORMAAT_BG": lambda env: _registration(env, penvoerder_bevoegd_gezag="1234"),
    "PENVOERDER_GEEN_VMBO": lambda env: _registration(env, penvoerder_bevoegd_gezag="99999"),
    "REGIO_TYPE_PERIODE": lambda env: _registration(env, regio_type="techniekluwe regio"),
    "FORMAAT_REGIO": lambda env: _registration(env, "TEST-R5", "2025-2028", ["regio 1!"]),
    "VOORGANGER_ONBEKEND": lambda env: _registration(env, "TEST-R5", "2025-2028", ["TEST-R8"]),
    "GEEN_GEHEEL_GETAL": lambda env: [
        (
            "v.xlsx",
            h.xlsx(
                "voortgang",
                R1,
                {
                    **h.report(R1, datetime(2021, 10, 1)),
                    "activiteiten": [{"activiteit": "x", "samenwerking": "vmbo", "doel": "10,5"}],
                },
            ),
        )
    ],  # fmt: skip
    # issue 12: the staff detail of the fte sheet and the 2024 extension's required contents
    "FTE_DEEL_TE_GROOT": lambda env: [
        (
            "v.xlsx",
            h.xlsx(
                "voortgang",
                R1,
                {
                    **h.report(R1, datetime(2021, 10, 1)),
                    "fte": [
                        {
                            "jaar": 2020,
                            "herkomst": "intern",
                            "contract": "tijdelijk",
                            "fte": 1.2,
                            "personeel": "nieuw",
                            "fte_einde_volgend_jaar": 2.0,
                        }
                    ],
                },
            ),
        )
    ],  # fmt: skip
    "VERLENGING_ONVOLLEDIG": lambda env: [
        (
            "a.xlsx",
            h.xlsx(
                "aanvraag",
                R1,
                _application_2024(verlenging=[{"wijzigingen_activiteitenplan": "x"}]),
            ),
        )
    ],  # fmt: skip
    "TE_LAAT": lambda env: [
        ("v.xlsx", h.xlsx("voortgang", R1, h.report(R1, datetime(2021, 11, 2, 0, 30))))
    ],
    "LID_ANDERE_REGIO": lambda env: [
        (
            "d.xlsx",
            h.xlsx("deelnemers", R2, h.membership(R2, "2020-2024", [env.vmbo[0], *env.other_vmbo])),
        )
    ],
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires_on_a_crafted_bad_file(registered, rule):
    judged = judge(registered, CASES[rule](registered))
    assert rule in rules(judged), [(f.rule, f.message) for f in judged.findings]
    finding = next(f for f in judged.findings if f.rule == rule)
    assert finding.message and finding.fix  # Dutch text from the catalogue
    if finding.severity == "fout":
        assert not judged.ok


def test_all_problems_are_reported_at_once(registered):
    def many(sheets):
        sheets["begroting"][0] = {**sheets["begroting"][0], "bedrag": "veel"}
        sheets["begroting"][1] = {**sheets["begroting"][1], "kostencategorie": "koffie"}
        sheets["fte"][0] = {**sheets["fte"][0], "fte": 500}

    judged = judge(registered, _aanvraag(many, template_versie="2024.1"))
    assert {"GEEN_BEDRAG", "CODELIJST", "FTE_BEREIK", "TEMPLATE_VERSIE"} <= rules(judged)
    cells = {f.cell for f in judged.findings if f.rule in ("GEEN_BEDRAG", "CODELIJST")}
    assert cells == {"C2", "B3"}


def test_structure_rules_of_csv(registered):
    files = h.csv_files("aanvraag", R1, h.application(R1), "aanvraag_2020")
    good = judge(registered, files)
    assert good.ok, [f.message for f in good.errors]
    broken = []
    for name, data in files:
        if name.endswith("__begroting.csv"):
            text = data.decode("utf-8-sig").replace(
                "jaar;kostencategorie;bedrag", "jaar;kostencategorie;jaar;opmerking"
            )
            data = text.encode("utf-8-sig")
        broken.append((name, data))
    judged = judge(registered, broken)
    assert {"KOLOM_ONTBREEKT", "KOLOM_DUBBEL", "KOLOM_ONBEKEND"} <= rules(judged)


def test_duo_missing_is_an_error_that_is_retried(env, test_env):
    """Without DUO address lists a penvoerder cannot be checked: the registration says so (in
    Dutch) and the rejection is retryable (judged again once DUO is loaded)."""
    name = f"{env.settings.database}_noduo"
    settings = test_env.settings(STO_DATABASE=name)
    migrate.upgrade(settings)
    try:
        with psycopg.connect(settings.loader_url) as conn:
            judged = validate(
                reader.read(GOOD_FILES["registratie"](env)), RECEIVED, load.DbLookups(conn)
            )
        assert "DUO_ONTBREEKT" in rules(judged)
        assert judged.retryable and not judged.ok
        assert "nog niet in het warehouse geladen" in next(
            f.message for f in judged.findings if f.rule == "DUO_ONTBREEKT"
        )
    finally:
        with psycopg.connect(settings.maintenance_url(), autocommit=True) as conn:
            conn.execute(
                sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
            )


# -- hostile and broken files: a clear rejection, nothing in raw, quarantined with the report ----------


def _zip_with(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


def _members(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {n: archive.read(n) for n in archive.namelist()}


def _macro_workbook() -> bytes:
    members = _members(GOOD_AANVRAAG())
    members["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 fake vba project"
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
    )
    return _zip_with(members)


def _zip_bomb() -> bytes:
    members = _members(GOOD_AANVRAAG())
    members["xl/media/bomb.bin"] = b"\0" * (80 * 1024 * 1024)
    return _zip_with(members)


def _merged() -> bytes:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(GOOD_AANVRAAG()))
    workbook["begroting"].merge_cells("A2:B2")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _hidden() -> bytes:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(GOOD_AANVRAAG()))
    workbook["begroting"].sheet_state = "hidden"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _unsafe_sheet() -> bytes:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(GOOD_AANVRAAG()))
    workbook.create_sheet("x'; DROP TABLE t; --")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def GOOD_AANVRAAG() -> bytes:  # noqa: N802 - reads like the constant it stands for
    return h.xlsx("aanvraag", R1, h.application(R1, datetime(2019, 3, 21, 9, 0)))


HOSTILE = {
    "macro_xlsm": ("aanvraag.xlsm", lambda: GOOD_AANVRAAG(), "MACRO"),
    "macro_inside_xlsx": ("aanvraag_macro.xlsx", _macro_workbook, "MACRO"),
    "zip_bomb": ("bom.xlsx", _zip_bomb, "ZIP_BOM"),
    "too_large": (
        "groot.xlsx",
        lambda: b"PK\x03\x04" + os.urandom(11 * 1024 * 1024),
        "BESTAND_TE_GROOT",
    ),
    "csv_renamed_to_xlsx": (
        "tabel.xlsx",
        lambda: b"jaar;kostencategorie;bedrag\n2020;personeel;100\n",
        "GEEN_XLSX",
    ),
    "old_xls": ("oud.xls", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "OUD_XLS"),
    "corrupt_xlsx": (
        "kapot.xlsx",
        lambda: _zip_with({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<<<"}),
        "XLSX_ONLEESBAAR",
    ),
    "merged_cells": ("merged.xlsx", _merged, "SAMENGEVOEGDE_CELLEN"),
    "hidden_sheet": ("hidden.xlsx", _hidden, "VERBORGEN_TABBLAD"),
    "sql_in_file_name": (
        "x'; DROP TABLE raw.sub_budget; --.xlsx",
        GOOD_AANVRAAG,
        "BESTANDSNAAM_ONVEILIG",
    ),
    "shell_in_file_name": ("$(rm -rf ~)`id`.xlsx", GOOD_AANVRAAG, "BESTANDSNAAM_ONVEILIG"),
    "sql_in_sheet_name": ("tabblad.xlsx", _unsafe_sheet, "TABBLADNAAM_ONVEILIG"),
    "empty_file": ("leeg.xlsx", lambda: b"", "BESTAND_LEEG"),
    "unknown_format": ("aanvraag.docx", lambda: b"PK\x03\x04 word", "FORMAAT_ONBEKEND"),
    "broken_json": ("aanvraag.json", lambda: b'{"meta": {}, "tabbladen": [NaN]}', "JSON_ONGELDIG"),
    "csv_with_nul": ("kapot__begroting.csv", lambda: b"jaar;bedrag\n2020;\x00\n", "CSV_ONLEESBAAR"),
    "too_many_rows": (
        "veel.json",
        lambda: h.json_file(
            "aanvraag",
            R1,
            {
                **h.application(R1),
                "begroting": [{"jaar": 2020, "kostencategorie": "personeel", "bedrag": 1}] * 5001,
            },
        ),
        "TE_VEEL_RIJEN",
    ),
    "formula_text": (
        "formule.json",
        lambda: h.json_file(
            "deelnemers",
            R1,
            {
                "algemeen": [
                    {"regio_id": R1, "periode": "2020-2024", "ingediend_op": "2019-03-20 12:00"}
                ],
                "deelnemers": [
                    {
                        "deelnemer_type": "vmbo",
                        "code": "00AA00",
                        "naam": "=cmd|' /C calc'!A0",
                        "geldig_van": "2020-01-01",
                    }
                ],
            },
        ),
        "FORMULE_TEKST",
    ),  # fmt: skip
}


@pytest.fixture(scope="module")
def hostile(registered) -> dict[str, dict]:
    """Every hostile file dropped at once (one run), with the result per case."""
    land = registered.settings.landing
    names = {}
    for case, (name, make, _rule) in HOSTILE.items():
        folder = f"HOSTILE-{case.upper().replace('_', '-')}"[:30]
        h.drop(land, folder, name, make())
        names[case] = name
    summary = run(registered)
    by_name = {tuple(r["names"]): r for r in summary["rejected"]}
    loaded = [r["names"] for r in summary["loaded"]]
    assert not loaded, loaded
    return {case: next(r for n, r in by_name.items() if names[case] in n) for case in HOSTILE}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file_is_rejected_whole(registered, hostile, case):
    result = hostile[case]
    expected_rule = HOSTILE[case][2]
    report = json.loads(Path(result["feedback_json"]).read_text())
    assert expected_rule in {f["regel"] for f in report["bevindingen"]}, report["bevindingen"]
    assert report["status"] == "afgewezen"
    assert raw_rows(registered, result["sha256"]) == 0, "nothing partial in the warehouse"
    folder = Path(result["quarantine"])
    assert (folder / "reason.json").exists() and (folder / "feedback.html").exists()
    with conn_of(registered) as conn:
        status = conn.execute(
            "select status from audit.submissions where file_sha256 = %s", (result["sha256"],)
        ).fetchone()[0]
    assert status == "rejected"


def test_echoed_text_is_neutralised_and_escaped(hostile):
    result = hostile["formula_text"]
    report = json.loads(Path(result["feedback_json"]).read_text())
    found = [f["gevonden"] for f in report["bevindingen"] if f["regel"] == "FORMULE_TEKST"]
    assert found == ["'=cmd|' /C calc'!A0"]
    page = Path(result["feedback_html"]).read_text()
    assert "&#x27;=cmd|&#x27; /C calc&#x27;!A0" in page
    assert "<td>=cmd" not in page
    sql_name = Path(hostile["sql_in_file_name"]["feedback_html"]).read_text()
    assert "x&#x27;; DROP TABLE" in sql_name and "x'; DROP" not in sql_name


def test_the_same_bytes_are_not_judged_again(registered, hostile):
    assert run(registered) == {"loaded": [], "rejected": [], "changed": False}


# -- loading: formats, round trip, all or nothing, history -------------------------------------------


def test_template_round_trip_validates_and_loads(registered, tmp_path):
    """`sto template` output, filled in programmatically with openpyxl, loads."""
    import openpyxl

    path = tmp_path / "voortgang.xlsx"
    template.write("voortgang", R1, path, period="2020-2023-VR1")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[0] == "Instructies" and "Zo vult u het sjabloon in:" in [
        c.value for c in workbook["Instructies"]["A"]
    ]
    assert workbook["_meta"].sheet_state == "hidden"
    lists = [dv.formula1 for dv in workbook["uitgaven"].data_validations.dataValidation]
    assert any("personeel" in (f or "") for f in lists)
    general = workbook["algemeen"]
    assert general["A2"].value == R1 and general["B2"].value == "2020-2023-VR1"
    general["C2"] = datetime(2021, 10, 30, 16, 5)
    for column, value in (
        ("F", date(2020, 1, 1)),
        ("G", date(2021, 6, 30)),
        ("H", 2500),
        ("I", 300),
    ):
        general[f"{column}2"] = value
    workbook["uitgaven"].append([2020, "inhuur", 2500])
    workbook["cofinanciering"].append([2020, "in_natura", 300])
    workbook["uitgaven"]["D2"] = "=C2*1"  # a formula openpyxl leaves without cached value: ignored
    out = tmp_path / "ingevuld.xlsx"
    workbook.save(out)
    h.drop(registered.settings.landing, R1, "voortgang_ingevuld.xlsx", out.read_bytes())
    summary = run(registered)
    assert [x["submission_type"] for x in summary["loaded"]] == ["voortgang"], summary
    assert summary["changed"]


def test_csv_and_json_submissions_load(registered):
    land = registered.settings.landing
    for name, data in h.csv_files(
        "aanvraag", R1, h.application(R1, datetime(2019, 3, 22, 9, 0)), "aanvraag_csv"
    ):
        h.drop(land, R1, name, data)
    h.drop(
        land,
        R1,
        "aanvraag.json",
        h.json_file("aanvraag", R1, h.application(R1, datetime(2019, 3, 23, 9, 0))),
    )
    summary = run(registered)
    # the CSV group: meta + one file per sheet (algemeen, begroting, cofinanciering, fte and the
    # 2024 extension's verlenging, empty here)
    assert sorted(len(x["names"]) for x in summary["loaded"]) == [1, 6], summary
    with conn_of(registered) as conn:
        amounts = conn.execute(
            "select distinct bedrag from raw.sub_budget where _region_id = %s and kostencategorie = 'apparatuur'",
            (R1,),
        ).fetchall()
    assert {"50000,50", "50000.5"} <= {a[0] for a in amounts}, "values stored as submitted"


def test_a_submission_loads_all_or_nothing(registered):
    """A value PostgreSQL refuses (NUL in text) in the LAST sheet: the COPY of the earlier
    sheets is rolled back with it."""
    sheets = h.membership(R1, "2020-2024", registered.vmbo)
    sheets["deelnemers"][-1] = {**sheets["deelnemers"][-1], "naam": "Gemeente\u0000X"}
    path = h.drop(
        registered.settings.landing, R1, "nul.json", h.json_file("deelnemers", R1, sheets)
    )
    summary = run(registered)
    assert [x["code"] for x in summary["rejected"]] == ["LADEN_MISLUKT"]
    from sto_warehouse.ingest.files import sha256_file

    assert raw_rows(registered, sha256_file(path)) == 0


def test_resubmission_supersedes_and_both_stay(registered, national):
    """Staging (views built by the national fixture) marks the latest submitted-at current."""
    land = registered.settings.landing
    later, earlier = datetime(2021, 10, 20, 10, 0), datetime(2021, 10, 10, 10, 0)
    # the later version arrives first: submitted-at decides, not the order of arrival
    h.drop(land, R2, "vr1_v2.xlsx", h.xlsx("voortgang", R2, h.report(R2, later, Decimal("2000"))))
    assert run(registered)["changed"]
    h.drop(land, R2, "vr1_v1.xlsx", h.xlsx("voortgang", R2, h.report(R2, earlier, Decimal("1000"))))
    assert run(registered)["changed"]
    with conn_of(registered) as conn:
        rows = conn.execute(
            "select _submitted_at, bedrag from raw.sub_report_spend where _region_id = %s order by 1",
            (R2,),
        ).fetchall()
    assert [r[1] for r in rows] == ["1000.00", "2000.00"] or [r[1] for r in rows] == [
        "1000",
        "2000",
    ]
    with conn_of(registered) as conn:
        versions = conn.execute(
            "select submitted_at, version_number, n_versions, is_current from staging.stg_sub__submissions"
            " where region_id = %s and submission_type = 'voortgang' order by submitted_at",
            (R2,),
        ).fetchall()
    assert [(v[1], v[2], v[3]) for v in versions] == [(1, 2, False), (2, 2, True)]


def test_feedback_stays_with_the_region(registered):
    feedback = registered.settings.feedback
    mine = list((feedback / R1).glob("*.json"))
    theirs = list((feedback / R2).glob("*.json"))
    assert mine and theirs
    for path in mine:
        text = path.read_text() + path.with_suffix(".html").read_text()
        assert R2 not in text, path.name
    for path in theirs:
        text = path.read_text() + path.with_suffix(".html").read_text()
        assert R1 not in text and not any(code in text for code in registered.vmbo[1:]), path.name
    # R2 claims a vestiging of R1: R2 hears that another region has it, never which one
    claim = judge(registered, CASES["LID_ANDERE_REGIO"](registered))
    warning = next(f for f in claim.findings if f.rule == "LID_ANDERE_REGIO")
    assert R1 not in warning.message


def test_a_file_in_another_regions_folder_is_refused_there(registered):
    h.drop(registered.settings.landing, R2, "van_r1.xlsx", GOOD_FILES["aanvraag"](registered)[0][1])
    summary = run(registered)
    assert [x["code"] for x in summary["rejected"]] == ["REGIO_VERSCHIL"]
    assert Path(summary["rejected"][0]["feedback_html"]).parent.name == R2


def test_company_numbers_are_pseudonymised_and_contacts_not_stored(registered):
    with conn_of(registered) as conn:
        codes = [r[0] for r in conn.execute(
            "select code from raw.sub_membership where deelnemer_type = 'bedrijf'").fetchall()]  # fmt: skip
        names = [r[0] for r in conn.execute(
            "select naam from raw.sub_membership where deelnemer_type = 'bedrijf'").fetchall()]  # fmt: skip
        columns = {r[0] for r in conn.execute(
            "select column_name from information_schema.columns where table_schema = 'raw'"
            " and table_name like 'sub\\_%%'").fetchall()}  # fmt: skip
    assert codes and all(c.startswith("kvk:") and "12345678" not in c for c in codes)
    assert names and all(n is None for n in names)
    assert not columns & {"contactpersoon", "contact_email"}


# -- the synthetic national set and the grants in dbt -------------------------------------------------


@pytest.fixture(scope="module")
def national(registered):
    """The synthetic national set (small scale) loaded, and the region models built."""
    settings = registered.settings
    synth_sub.write_submissions(settings.landing, seed=SEED, scale=SCALE)
    summary = run(registered)
    build = dbt_runner.run(
        settings,
        ["build", "--select", "+ind_max_subsidy_2020_2023", "+ind_grant_reconciliation",
         "+ind_report_timeliness", "+ind_cofinancing", "+fct_region_report",
         "+bridge_region_member", "--exclude", "resource_type:test", "resource_type:unit_test"],
        "t-national",
        capture=True,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout[-5000:]
    return settings, summary


def test_synthetic_set_has_faults_with_feedback(national):
    _, summary = national
    codes = {r["code"] for r in summary["rejected"]}
    assert {"TEMPLATE_VERSIE", "GEEN_BEDRAG", "BRIN6_ONBEKEND", "TOTAAL_KLOPT_NIET"} <= codes
    late = [r for r in summary["loaded"] if r.get("met_deadline") is False]
    assert late, "a late report loads, with a warning"
    for item in summary["rejected"]:
        page = Path(item["feedback_html"]).read_text()
        assert "NIET verwerkt" in page


def _untouched(env: Env) -> set[str]:
    """Synthetic regions none of whose vestigingen the hand-made region TEST-R1 claimed first."""
    regions20, _ = synth_sub.build_regions(SEED, SCALE)
    return {r.region_id for r in regions20 if not {v.brin6 for v in r.vmbo} & set(env.vmbo)}


def test_max_subsidy_recomputed_from_duo_2018(registered, national):
    settings, _ = national
    regions20, _ = synth_sub.build_regions(SEED, SCALE)
    untouched = _untouched(registered)
    assert untouched
    expected = {r.region_id: r.max_subsidy for r in regions20 if r.region_id in untouched}
    with conn_of_settings(settings) as conn:
        # A region whose 2018 cells ind_tech_pupils withholds has no maximum (docs/monitor.md).
        got = dict(conn.execute(
            "select region_id, max_subsidy_eur from monitor__wap.ind_max_subsidy_2020_2023"
            " where region_id like 'DUSI-20-%%' and n_cells_not_published = 0").fetchall())  # fmt: skip
        caps = conn.execute(
            "select bool_and(topup_cap_2024_eur = round(granted_before_topup_eur * 0.25, 2))"
            " from monitor__wap.ind_grant_reconciliation"
            " where regulation_period = 'sto_2020_2023'").fetchone()[0]  # fmt: skip
    compared = {k: v for k, v in got.items() if k in untouched}
    assert compared and compared == {k: expected[k] for k in compared}
    assert all(v > 0 for v in got.values()) and caps


def test_reconciliation_and_timeliness_on_synthetic_data(registered, national):
    settings, _ = national
    untouched = sorted(_untouched(registered)) + [
        r.region_id for r in synth_sub.build_regions(SEED, SCALE)[1]
    ]
    with conn_of_settings(settings) as conn:
        within = conn.execute(
            "select count(*), count(*) filter (where is_within_max)"
            " from monitor__wap.ind_grant_reconciliation where region_id = any(%s)"
            " and max_subsidy_eur is not null",
            (untouched,),).fetchone()  # fmt: skip
        statuses = dict(conn.execute(
            "select status, count(*) from monitor__wap.ind_report_timeliness"
            " where region_id like 'DUSI-%%' group by status").fetchall())  # fmt: skip
        history = conn.execute(
            "select count(*) filter (where not is_current) from staging.stg_sub__submissions").fetchone()[0]  # fmt: skip
    assert within[0] > 0 and within[0] == within[1]
    assert statuses.get("op tijd", 0) > statuses.get("te laat", 0) >= 1
    assert history >= 1


def conn_of_settings(settings) -> psycopg.Connection:
    return psycopg.connect(settings.admin_url, autocommit=True)


def test_deadlines_compare_at_dutch_end_of_day():
    deadline = date(2021, 11, 1)  # winter time (CET, UTC+1)
    assert spec.met_deadline(datetime(2021, 11, 1, 22, 59, tzinfo=UTC), deadline)
    assert not spec.met_deadline(datetime(2021, 11, 1, 23, 0, tzinfo=UTC), deadline)
    summer = date(2023, 7, 1)  # summer time (CEST, UTC+2)
    assert spec.met_deadline(datetime(2023, 7, 1, 21, 59, tzinfo=UTC), summer)
    assert not spec.met_deadline(datetime(2023, 7, 1, 22, 0, tzinfo=UTC), summer)
    assert spec.met_deadline(datetime(2023, 7, 1, 23, 59), summer)  # naive: Dutch local time
    # 31 March 2024 is the day DST starts: that deadline ends at midnight summer time
    assert spec.deadline_end(date(2024, 3, 31)).utcoffset().total_seconds() == 7200
    assert spec.deadline_end(date(2024, 3, 30)).utcoffset().total_seconds() == 3600
