"""`sto template`: the fillable workbook, and nothing we write can inject a formula."""

from __future__ import annotations

import io

import openpyxl
from click.testing import CliRunner

from sto_warehouse.cli import main
from sto_warehouse.submissions import feedback, spec, template


def test_cli_writes_the_versioned_template(tmp_path):
    out = tmp_path / "aanvraag.xlsx"
    result = CliRunner().invoke(
        main,
        [
            "template",
            "aanvraag",
            "--region",
            "DUSI-20-001",
            "--out",
            str(out),
            "--period",
            "2020-2023",
        ],
    )
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == [
        "Instructies",
        "algemeen",
        "begroting",
        "cofinanciering",
        "fte",
        "verlenging",  # filled only by the aanvraag for 2024 (issue 12)
        "_meta",
    ]
    meta = {row[0]: row[1] for row in workbook["_meta"].iter_rows(values_only=True)}
    assert meta == {
        "template_type": "aanvraag",
        "template_versie": spec.TEMPLATE_VERSION,
        "regio_id": "DUSI-20-001",
    }
    assert workbook["_meta"].sheet_state == "hidden"
    assert [c.value for c in workbook["begroting"][1]] == ["jaar", "kostencategorie", "bedrag"]
    assert workbook["algemeen"]["B2"].value == "2020-2023"
    validations = {
        str(dv.sqref).split(":")[0][0]: dv
        for dv in workbook["begroting"].data_validations.dataValidation
    }
    assert "personeel" in validations["B"].formula1 and validations["C"].type == "decimal"
    instructions = " ".join(str(c.value) for c in workbook["Instructies"]["A"] if c.value)
    assert (
        "Zo vult u het sjabloon in" in instructions and "Sla op als Excel-werkmap" in instructions
    )


def test_cli_refuses_bad_arguments(tmp_path):
    runner = CliRunner()
    bad_region = runner.invoke(
        main, ["template", "aanvraag", "--region", "=cmd()", "--out", str(tmp_path / "x.xlsx")]
    )
    assert bad_region.exit_code != 0 and "region" in bad_region.output
    bad_period = runner.invoke(
        main,
        [
            "template",
            "aanvraag",
            "--region",
            "R1",
            "--period",
            "2030",
            "--out",
            str(tmp_path / "x.xlsx"),
        ],
    )
    assert bad_period.exit_code != 0 and "2020-2023" in bad_period.output


def test_template_bytes_are_deterministic():
    assert template.build("deelnemers", "DUSI-20-001") == template.build(
        "deelnemers", "DUSI-20-001"
    )


def test_text_we_write_never_starts_a_formula():
    data = template.build("deelnemers", "R1", rows={"deelnemers": [
        {"deelnemer_type": "bedrijf", "naam": "=HYPERLINK(\"http://x\")", "code": "+31 6", "geldig_van": "@SUM(A1)"}]})  # fmt: skip
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    values = [c.value for c in workbook["deelnemers"][2]]
    assert values[:4] == ["bedrijf", "'+31 6", '\'=HYPERLINK("http://x")', "'@SUM(A1)"]
    assert all(c.data_type != "f" for row in workbook["deelnemers"].iter_rows() for c in row)
    assert feedback.neutralise("-1") == "'-1" and feedback.neutralise(5) == 5
