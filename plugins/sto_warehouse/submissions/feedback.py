"""The feedback report of one submission: HTML and the same as JSON, in Dutch.

Written to ``$STO_HOME/feedback/<region_id>/`` so each region's feedback stays apart; a report
holds only its own submission's data (file name, its cells and values, the rules). Everything
echoed is neutralised: HTML-escaped, and any text that a spreadsheet would run as a formula
(starting with = + - @, tab or carriage return) gets a leading apostrophe - in the HTML, in the
JSON and in every xlsx we write (``neutralise`` is also used by the templates).
"""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sto_warehouse.submissions import spec
from sto_warehouse.submissions.validate import Judged

UNKNOWN_REGION = "_onbekend"
SAFE_DIR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")


def neutralise(value: object) -> object:
    """Text that would start a formula in a spreadsheet, defused with a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _clean(value: object) -> object:
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return neutralise(value)


def region_folder(region_id: str | None) -> str:
    if region_id and SAFE_DIR.match(region_id):
        return region_id
    return UNKNOWN_REGION


@dataclass
class Report:
    html_path: Path
    json_path: Path
    document: dict


def document(
    judged: Judged, *, file_names: list[str], sha256: str, received_at: datetime, status: str
) -> dict:
    return _clean(
        {
            "bestand": ", ".join(file_names),
            "sha256": sha256,
            "regio_id": judged.region_id,
            "soort": judged.submission_type,
            "periode": judged.period,
            "sjabloonversie": judged.template_version,
            "ingediend_op": judged.submitted_at.isoformat() if judged.submitted_at else None,
            "ontvangen_op": received_at.astimezone(spec.AMSTERDAM).isoformat(timespec="seconds"),
            "deadline": judged.deadline,
            "op_tijd": judged.met_deadline,
            "status": status,
            "aantal_fouten": len(judged.errors),
            "aantal_waarschuwingen": len(judged.warnings),
            "bevindingen": [
                {
                    "regel": f.rule,
                    "ernst": f.severity,
                    "tabblad": f.sheet,
                    "cel": f.cell,
                    "rij": f.row,
                    "veld": f.field,
                    "gevonden": f.value,
                    "melding": f.message,
                    "oplossing": f.fix,
                }
                for f in judged.findings
            ],
        }
    )


STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3em .5em;
text-align:left;vertical-align:top}th{background:#eee}.fout{color:#a00;font-weight:bold}
.waarschuwing{color:#a60}.geladen{color:#070}.afgewezen{color:#a00}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(neutralise(value)), quote=True)


def render_html(doc: dict) -> str:
    status = doc["status"]
    verdict = (
        "Uw aanlevering is verwerkt."
        if status == "geladen"
        else "Uw aanlevering is NIET verwerkt: herstel de fouten hieronder en lever het bestand opnieuw aan. Er is niets van dit bestand opgeslagen."
    )
    rows = "".join(
        "<tr>"
        f"<td class='{_e(f['ernst'])}'>{_e(f['ernst'])}</td><td>{_e(f['regel'])}</td>"
        f"<td>{_e(f['tabblad'])}</td><td>{_e(f['cel'])}</td><td>{_e(f['gevonden'])}</td>"
        f"<td>{_e(f['melding'])}</td><td>{_e(f['oplossing'])}</td></tr>"
        for f in doc["bevindingen"]
    )
    facts = [
        ("Bestand", doc["bestand"]),
        ("Regio", doc["regio_id"]),
        ("Soort", doc["soort"]),
        ("Periode", doc["periode"]),
        ("Sjabloonversie", doc["sjabloonversie"]),
        ("Ingediend op", doc["ingediend_op"]),
        ("Ontvangen op", doc["ontvangen_op"]),
        ("Deadline", doc["deadline"]),
        ("Op tijd", {True: "ja", False: "nee", None: "-"}[doc["op_tijd"]]),
    ]
    fact_rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in facts)
    table = (
        "<table><tr><th>ernst</th><th>regel</th><th>tabblad</th><th>cel / rij</th>"
        f"<th>gevonden</th><th>melding</th><th>oplossing</th></tr>{rows}</table>"
        if rows
        else "<p>Geen bevindingen.</p>"
    )
    return (
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>Terugkoppeling {_e(doc['bestand'])}</title><style>{STYLE}</style></head><body>"
        f"<h1>Terugkoppeling aanlevering Sterk Techniekonderwijs</h1>"
        f"<p class='{_e(status)}'><strong>{_e(verdict)}</strong></p>"
        f"<p>{_e(doc['aantal_fouten'])} fout(en), {_e(doc['aantal_waarschuwingen'])} waarschuwing(en).</p>"
        f"<table>{fact_rows}</table><h2>Bevindingen</h2>{table}</body></html>\n"
    )


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_files(html_path: Path, json_path: Path, doc: dict) -> Report:
    _atomic_write(json_path, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    _atomic_write(html_path, render_html(doc))
    return Report(html_path, json_path, doc)


def stem(received_at: datetime, judged: Judged, sha256: str) -> str:
    parts = [
        received_at.astimezone(spec.AMSTERDAM).strftime("%Y%m%dT%H%M%S"),
        judged.submission_type or "onbekend",
        re.sub(r"[^0-9A-Za-z-]+", "_", judged.period or "")[:20] or "x",
        sha256[:10],
    ]
    return "_".join(parts)
