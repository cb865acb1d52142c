"""The load protocol against a real PostgreSQL, with the real raw gate (GX)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import psycopg
import pytest

from sto_warehouse.ingest import pipeline
from sto_warehouse.registry import get
from tests.conftest import REAL_2019, REAL_VESTIGINGEN, requires_shared_samples, table_md5

LEGACY = get("duo_vo_leerlingen_onderwijstype").vintages[0].header
NAME = "leerlingen-vo-per-vestiging-naar-onderwijstype-{year}.csv"


def _rows(n: int, brin: str = "00AH") -> list[str]:
    rows = []
    for i in range(n):
        counts = ["0", "0", "0", "0", str(i % 7), str(i % 3), str(i % 5), "1", "0", "0", "0", "0"]
        rows.append(
            ";".join(
                [
                    brin,
                    f"{i % 3:02d}",
                    f"School {i}",
                    "ENSCHEDE",
                    "Overijssel",
                    "VMBO BL lj 3-4",
                    "Techniek",
                    "Produceren, installeren en energie",
                    f"{i:04d}",
                    "VMBO BL PIE",
                    *counts,
                ]
            )
        )
    return rows


def _write(folder: Path, year: int, rows: list[str], header=LEGACY, encoding="cp1252") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / NAME.format(year=year)
    path.write_bytes((";".join(header) + "\n" + "\n".join(rows) + "\n").encode(encoding))
    return path


@pytest.fixture
def landing(fresh_settings):
    folder = fresh_settings.landing / "duo"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _load(settings, run_id="test"):
    return pipeline.load_paths(settings, run_id)


def _raw(settings, period: str) -> list[tuple]:
    with psycopg.connect(settings.admin_url) as conn:
        return conn.execute(
            "select instellingscode, vestigingscode, leer_of_verblijfsjaar_3_man, _row_number"
            " from raw.duo_vo_leerlingen_onderwijstype where _period = %s order by _row_number",
            (period,),
        ).fetchall()


def test_load_is_idempotent_and_a_republished_file_replaces_its_period(fresh_settings, landing):
    _write(landing, 2016, _rows(50))
    first = _load(fresh_settings)
    assert [x["period"] for x in first["loaded"]] == ["2016"]
    assert len(_raw(fresh_settings, "2016")) == 50

    again = _load(fresh_settings)
    assert again == {"loaded": [], "skipped": [], "rejected": [], "changed": False}
    assert len(_raw(fresh_settings, "2016")) == 50

    # DUO republishes 2016 with corrections: the period is replaced, never appended to.
    _write(landing, 2016, _rows(40))
    third = _load(fresh_settings)
    assert third["changed"]
    rows = _raw(fresh_settings, "2016")
    assert len(rows) == 40
    assert [r[3] for r in rows] == list(range(1, 41)), "row numbers are the file's data lines"
    with psycopg.connect(fresh_settings.admin_url) as conn:
        count = conn.execute(
            "select count(*) from audit.partitions where dataset = 'duo_vo_leerlingen_onderwijstype'"
            " and period = '2016'"
        ).fetchone()[0]
        pending = conn.execute(
            "select count(*) from pg_tables where schemaname = 'raw' and tablename like '\\_pending%%'"
        ).fetchone()[0]
    assert count == 1
    assert pending == 0


def test_bad_file_is_rejected_whole_while_the_good_one_loads(fresh_settings, landing):
    good = _write(landing, 2014, _rows(20))
    bad_rows = _rows(30)
    bad_rows[11] = bad_rows[11].rsplit(";", 2)[0]  # two fields short on data line 12 (file line 13)
    _write(landing, 2013, bad_rows)
    with psycopg.connect(fresh_settings.admin_url) as conn:
        before = conn.execute(
            "select to_regclass('raw.duo_vo_leerlingen_onderwijstype')"
        ).fetchone()[0]
        md5_before = table_md5(conn, "raw", "duo_vo_leerlingen_onderwijstype") if before else ""
    result = _load(fresh_settings)
    assert [x["original_name"] for x in result["loaded"]] == [good.name]
    rejected = result["rejected"]
    assert len(rejected) == 1
    assert rejected[0]["code"] == "FIELD_COUNT"
    assert rejected[0]["where"]["line"] == 13
    assert rejected[0]["where"]["file"] == NAME.format(year=2013)
    reason = json.loads((Path(rejected[0]["quarantine"]) / "reason.json").read_text())
    assert reason["code"] == "FIELD_COUNT" and reason["problems"][0]["line"] == 13
    assert "22 fields" in reason["problems"][0]["expected"]
    assert (Path(rejected[0]["quarantine"]) / NAME.format(year=2013)).exists()
    assert _raw(fresh_settings, "2013") == []
    with psycopg.connect(fresh_settings.admin_url) as conn:
        md5_after = table_md5(conn, "raw", "duo_vo_leerlingen_onderwijstype")
        audit = conn.execute(
            "select code, line, quarantine_path from audit.rejections where source_file = %s",
            (NAME.format(year=2013),),
        ).fetchall()
    assert md5_after != md5_before  # the good file did load
    assert audit and audit[0][0] == "FIELD_COUNT" and audit[0][1] == 13
    # Dropped again, the same bytes are neither reloaded nor reported again.
    assert _load(fresh_settings)["rejected"] == []


def test_raw_gate_rejects_bad_values_with_line_and_column(fresh_settings, landing):
    rows = _rows(10)
    parts = rows[3].split(";")
    parts[14] = "veel"  # leerjaar 3 man is not a count
    rows[3] = ";".join(parts)
    rows[7] = rows[6]  # duplicate key
    _write(landing, 2012, rows)
    result = _load(fresh_settings)
    assert result["loaded"] == []
    (rejected,) = result["rejected"]
    assert rejected["code"] == "RAW_GATE"
    reason = json.loads((Path(rejected["quarantine"]) / "reason.json").read_text())
    checks = {p["message"].split("'")[1]: p for p in reason["problems"]}
    assert checks["counts_integer"]["line"] == 5
    assert checks["counts_integer"]["column"] == "leer_of_verblijfsjaar_3_man"
    assert "veel" in checks["counts_integer"]["found"]
    # The row to remove is the repeat (file line 9) of line 8; the fix says both.
    assert checks["key_unique"]["line"] == 9
    assert checks["key_unique"]["fix"].startswith("line 9: the same key (")
    assert "as line 8" in checks["key_unique"]["fix"]
    assert checks["counts_integer"]["fix"] == (
        "line 5, column leer_of_verblijfsjaar_3_man: 'veel' is not a count;"
        " counts are whole numbers ≥ 0 or '<5'"
    )
    with psycopg.connect(fresh_settings.admin_url) as conn:
        gate = conn.execute(
            "select expectation, success, severity from audit.gate_results"
            " where stage = 'raw' and table_name like '%%2012%%' order by 1"
        ).fetchall()
    assert ("counts_integer", False, "error") in gate
    assert ("key_unique", False, "error") in gate
    assert ("required_columns", True, "error") in gate
    docs = fresh_settings.datadocs / "raw" / "index.html"
    assert docs.exists(), "GX Data Docs are built for the stage"
    assert "duo_vo_leerlingen_onderwijstype" in docs.read_text()


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "EMPTY_FILE"),
        (b"\x00\x01\x02binary\x00", "NOT_TEXT"),
        ((";".join(LEGACY) + "\n").encode(), "EMPTY_FILE"),
        ((";".join(LEGACY) + "\n" + _rows(3)[0] + "\n" + _rows(3)[1][:25]).encode(), "FIELD_COUNT"),
        ((";".join(LEGACY) + '\n"00AH;00;School\n').encode(), "UNTERMINATED_QUOTE"),
    ],
    ids=["empty", "binary", "header-only", "truncated", "unterminated-quote"],
)
def test_broken_files_are_rejected(fresh_settings, landing, content, code):
    (landing / NAME.format(year=2011)).write_bytes(content)
    result = _load(fresh_settings, f"broken-{code}")
    assert result["loaded"] == []
    assert [r["code"] for r in result["rejected"]] == [code]
    assert _raw(fresh_settings, "2011") == []


def test_identifiers_from_headers_are_quoted(fresh_settings, landing):
    """A header that reads as SQL becomes a harmless (quoted) column name, never SQL; one with
    quote or semicolon characters is rejected before anything reaches the database."""
    _write(
        landing,
        2009,
        [r + ";payload" for r in _rows(3)],
        header=[*LEGACY, 'X"); DROP TABLE audit.loads; --'],
    )
    rejected = _load(fresh_settings)["rejected"]
    assert [r["code"] for r in rejected] == ["BAD_HEADER"]
    assert rejected[0]["where"] == {
        "file": NAME.format(year=2009),
        "line": 1,
        "column": "column 23",
    }
    (landing / NAME.format(year=2009)).unlink()
    header = [*LEGACY, "X DROP TABLE audit.loads --"]
    rows = [r + ";payload" for r in _rows(3)]
    _write(landing, 2010, rows, header=header)
    result = _load(fresh_settings)
    assert [x["period"] for x in result["loaded"]] == ["2010"]
    with psycopg.connect(fresh_settings.admin_url) as conn:
        assert conn.execute("select count(*) from audit.loads").fetchone()[0] > 0
        cols = [
            r[0]
            for r in conn.execute(
                "select column_name from information_schema.columns where table_schema = 'raw'"
                " and table_name = 'duo_vo_leerlingen_onderwijstype'"
            ).fetchall()
        ]
    assert "x_drop_table_audit_loads" in cols


@requires_shared_samples()
def test_real_files_load_byte_for_byte(fresh_settings, landing):
    shutil.copy(REAL_2019, landing)
    shutil.copy(REAL_VESTIGINGEN, landing)
    result = _load(fresh_settings)
    loaded = {x["dataset"]: x["row_count"] for x in result["loaded"]}
    assert loaded == {"duo_vo_leerlingen_onderwijstype": 24_243, "duo_vo_vestigingen": 1_619}
    with psycopg.connect(fresh_settings.admin_url) as conn:
        name, padded_web, padded_phone = conn.execute(
            "select vestigingsnaam, internetadres, telefoonnummer from raw.duo_vo_vestigingen"
            " where vestigingscode = '18BR01'"
        ).fetchone()
        quoted = conn.execute(
            "select instellingsnaam_vestiging from raw.duo_vo_leerlingen_onderwijstype"
            " where instellingscode = '19EO' limit 1"
        ).fetchone()[0]
    assert padded_web == " " * 80 and padded_phone == " " * 10  # padding kept as published
    assert name == "School voor Praktijkonderwijs Assen"
    assert quoted == 'VMBO "De Jutter" Vlieland'


def test_stage_uses_the_scan_discover_made_of_the_same_bytes(fresh_settings, landing):
    """One pass over a file's bytes per night: discover's scan travels in the task and stage
    trusts it when it is of the same bytes (sha256), and scans again when it is not."""
    from sto_warehouse.ingest import files

    rows = [r.replace("ENSCHEDE", "ENSCHEDÉ") for r in _rows(5)]  # 0xC9: not UTF-8
    _write(landing, 2011, rows)
    (task,) = pipeline.discover(fresh_settings)
    assert task["scan"] == files.scan_as_dict(files.scan(Path(task["archive_path"])))
    assert task["scan"]["encoding"] == "WIN1252"
    # A scan that claims UTF-8 for these bytes: used when its sha256 is the task's, so COPY is
    # told UTF8 and refuses the 0xC9 byte; ignored when it is of other bytes.
    wrong = {**task["scan"], "encoding": "UTF8"}
    trusted = pipeline.stage(fresh_settings, {**task, "scan": wrong}, "scan-trusted")
    assert trusted["status"] == "rejected"
    assert "UTF8" in json.dumps(trusted, default=str)
    other = {**wrong, "sha256": "0" * 64}
    again = {**task, "scan": other, "force": True}  # past the skip key the rejection set
    rescanned = pipeline.stage(fresh_settings, again, "scan-ignored")
    assert rescanned["status"] == "staged"
    assert rescanned["identification"]["encoding"] == "WIN1252"
    from sto_warehouse import db
    from sto_warehouse.ingest import copy_loader

    with db.loader(fresh_settings) as conn:  # leave no pending table to later tests
        copy_loader.drop_pending(conn, rescanned["load_id"])
        copy_loader.finish_load(conn, rescanned["load_id"], "abandoned", "test: not swapped in")
