"""`sto template <type> --region <id> --out FILE.xlsx`: the fillable, versioned workbook.

An "Instructies" sheet in Dutch (what to fill in, every field with its type and allowed values),
one sheet per section with the field names in row 1, data-validation lists for every code field
(and number/date validation for amounts, fte, years and dates), and a hidden "_meta" sheet with
template type, version and region id (the validation reads it). The bytes are deterministic
(fixed document dates and zip timestamps), so the synthetic sample is idempotent. Every text we
write is neutralised against formula injection (``feedback.neutralise``).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal

from sto_warehouse.submissions import spec
from sto_warehouse.submissions.feedback import neutralise

FIXED_TIME = datetime(2026, 1, 1, 0, 0, 0)
VALIDATED_ROWS = 1000
KIND_NL = {
    "text": "tekst",
    "code": "keuzelijst",
    "amount": "bedrag (euro)",
    "fte": "fte (decimaal)",
    "year": "jaartal",
    "date": "datum",
    "datetime": "datum en tijd",
    "region": "regio-id",
    "period": "periode (keuzelijst)",
    "bg": "bevoegd-gezagnummer (5 cijfers)",
    "participant": "code (BRIN6 / instellingscode / KvK)",
    "count": "aantal (geheel getal)",
}
INSTRUCTIONS = (
    "Sjabloon {title} - Monitor Sterk Techniekonderwijs",
    "Sjabloonversie {version}, regio {region}. Wijzig het tabblad _meta niet.",
    "",
    "Zo vult u het sjabloon in:",
    "1. Vul elk tabblad in vanaf rij 2. Rij 1 bevat de kolomnamen: niet wijzigen, verwijderen of verplaatsen.",
    "2. Kies waarden uit de keuzelijsten waar die er zijn. Bedragen in hele euro's of met twee decimalen, zonder euroteken.",
    "3. Voeg geen tabbladen of kolommen toe, voeg geen cellen samen en verberg geen tabbladen.",
    "4. Formules mogen, maar alleen de opgeslagen uitkomst telt: sla het bestand in Excel op voordat u het aanlevert.",
    "5. Sla op als Excel-werkmap (.xlsx), niet als .xlsm of .xls. CSV (een bestand per tabblad) of JSON mag ook: zie de handleiding.",
    "6. Lever aan in de map van uw regio. U krijgt dezelfde nacht een terugkoppeling met alle gevonden punten.",
    "7. Contactgegevens (contactpersoon, e-mail) worden gecontroleerd maar niet opgeslagen.",
    "",
    "Velden per tabblad:",
)


def _list_validation(values: tuple[str, ...]):
    from openpyxl.worksheet.datavalidation import DataValidation

    text = ",".join(values)
    if len(text) > 250:
        raise ValueError(f"code list too long for an inline validation: {text[:60]}…")
    validation = DataValidation(type="list", formula1=f'"{text}"', allow_blank=True)
    validation.error = "Kies een waarde uit de lijst."
    validation.errorTitle = "Ongeldige waarde"
    return validation


def _validation_for(kind: spec.SubmissionType, field: spec.Field):
    from openpyxl.worksheet.datavalidation import DataValidation

    if field.kind == "code":
        return _list_validation(spec.code_lists()[field.codes or ""])
    if field.kind == "period":
        return _list_validation(spec.periods_for(kind.code))
    if field.kind == "amount":
        return DataValidation(type="decimal", operator="between", formula1="0",
                              formula2=str(spec.MAX_AMOUNT), allow_blank=True)  # fmt: skip
    if field.kind == "fte":
        return DataValidation(type="decimal", operator="between", formula1="0",
                              formula2=str(spec.FTE_MAX_PER_ROW), allow_blank=True)  # fmt: skip
    if field.kind == "year":
        return DataValidation(type="whole", operator="between", formula1="2018",
                              formula2="2035", allow_blank=True)  # fmt: skip
    if field.kind == "count":
        return DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                              allow_blank=True)  # fmt: skip
    return None


def _cell_value(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    if isinstance(value, (int, float, date, datetime)) or value is None:
        return value
    return neutralise(str(value))


def build(
    submission_type: str,
    region_id: str,
    *,
    period: str | None = None,
    rows: dict[str, list[dict]] | None = None,
    meta: dict[str, str] | None = None,
) -> bytes:
    """The workbook as bytes; ``rows`` fills sheets (synthetic data, tests), ``meta`` overrides
    the _meta values (tests of a wrong version)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    kind = spec.TYPES[submission_type]
    workbook = Workbook()
    workbook.properties.creator = "sto-warehouse"
    workbook.properties.created = FIXED_TIME
    info = workbook.active
    info.title = spec.INSTRUCTIONS_SHEET
    for line in INSTRUCTIONS:
        info.append([neutralise(line.format(title=kind.title.lower(), version=spec.TEMPLATE_VERSION,
                                            region=region_id))])  # fmt: skip
    info["A1"].font = Font(bold=True, size=14)
    info.append(["tabblad", "veld", "verplicht", "soort", "toegestane waarden", "uitleg"])
    for cell in info[info.max_row]:
        cell.font = Font(bold=True)
    for sheet in kind.sheets:
        for f in sheet.fields:
            allowed = ""
            if f.kind == "code":
                allowed = ", ".join(spec.code_lists()[f.codes or ""])
            elif f.kind == "period":
                allowed = ", ".join(spec.periods_for(kind.code))
            info.append([sheet.name, f.name, "ja" if f.required else "nee", KIND_NL.get(f.kind, f.kind),
                         allowed, f.label])  # fmt: skip
    for column, width in zip("ABCDEF", (16, 26, 10, 26, 40, 80), strict=True):
        info.column_dimensions[column].width = width

    filled = rows or {}
    for sheet in kind.sheets:
        ws = workbook.create_sheet(sheet.name)
        ws.append([f.name for f in sheet.fields])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for index, f in enumerate(sheet.fields):
            letter = chr(65 + index)
            ws.column_dimensions[letter].width = max(14, len(f.name) + 4)
            validation = _validation_for(kind, f)
            if validation is not None:
                ws.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}{VALIDATED_ROWS + 1}")
        data = filled.get(sheet.name)
        if data is None and sheet.name == "algemeen":
            data = [{"regio_id": region_id, "periode": period or ""}]
        for record in data or []:
            ws.append([_cell_value(record.get(f.name)) for f in sheet.fields]
                      + [_cell_value(v) for k, v in record.items() if k.startswith("_extra")])  # fmt: skip
    meta_sheet = workbook.create_sheet(spec.META_SHEET)
    values = {
        "template_type": kind.code,
        "template_versie": spec.TEMPLATE_VERSION,
        "regio_id": region_id,
    }
    values.update(meta or {})
    for key, value in values.items():
        meta_sheet.append([key, neutralise(value)])
    meta_sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return deterministic_zip(buffer.getvalue())


MODIFIED = re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>")


def deterministic_zip(data: bytes) -> bytes:
    """The same workbook always gives the same bytes: fixed member times and document dates."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                body = MODIFIED.sub(
                    rb"<dcterms:modified\1>2026-01-01T00:00:00Z</dcterms:modified>", body
                )
            info = zipfile.ZipInfo(item.filename, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, body)
    return out.getvalue()


def write(submission_type: str, region_id: str, out, period: str | None = None) -> None:
    from pathlib import Path

    data = build(submission_type, region_id, period=period)
    Path(out).write_bytes(data)
