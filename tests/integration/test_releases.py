"""Releases researchers can cite: changes, freeze, export, lineage, forced publication."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pyarrow.parquet as pq
import pytest

from sto_warehouse import dbt_runner, publish, releases, synth
from sto_warehouse.gates import candidate_gate
from sto_warehouse.ingest import pipeline
from tests.conftest import schema_md5s

STO = str(Path(sys.executable).with_name("sto"))


def _build_and_publish(settings, run_id: str) -> int:
    result = dbt_runner.run(settings, ["build"], run_id, capture=True)
    assert result.returncode == 0, result.stdout[-4000:]
    summary = candidate_gate.run(settings, run_id)
    assert summary["passed"], summary["errors"]
    return publish.publish(settings, run_id, summary)


def _cli(settings, *args):
    env = {**os.environ, **settings.overrides, "STO_HOME": str(settings.home)}
    return subprocess.run([STO, *args], env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def two_releases(fresh_settings):
    """Release A from the sample; release B after DUO 'republishes' peiljaar 2020."""
    settings = fresh_settings
    synth.write_sample(settings.landing)
    assert pipeline.load_paths(settings, "rel-a")["loaded"]
    first = _build_and_publish(settings, "rel-a")
    frozen = releases.freeze(settings, first)
    with psycopg.connect(settings.admin_url) as conn:
        frozen_before = schema_md5s(conn, (frozen,))
    # DUO republishes 2020 with corrected counts in a handful of rows.
    original = next((settings.landing / "duo").glob("01.-leerlingen-*-2020.csv"))
    lines = original.read_bytes().split(b"\n")
    for i in range(5, 40, 7):
        parts = lines[i].split(b";")
        parts[-1] = str(int(parts[-1] or b"0") + 3).encode()
        lines[i] = b";".join(parts)
    original.write_bytes(b"\n".join(lines))
    summary = pipeline.load_paths(settings, "rel-b")
    assert [x["period"] for x in summary["loaded"]] == ["2020"]
    second = _build_and_publish(settings, "rel-b")
    return settings, first, second, frozen, frozen_before


def test_manifest_says_which_partition_and_numbers_changed(two_releases):
    settings, first, second, *_ = two_releases
    assert second == first + 1
    with psycopg.connect(settings.admin_url) as conn:
        changes, inputs = conn.execute(
            "select changes, inputs from audit.releases where release_id = %s", (second,)
        ).fetchone()
    assert changes["partitions"] == [
        {
            "dataset": "duo_vo_leerlingen_onderwijstype",
            "period": "2020",
            "change": "republished",
            "old_sha256": changes["partitions"][0]["old_sha256"],
            "new_sha256": next(
                i["file_sha256"]
                for i in inputs
                if (i["dataset"], i["period"]) == ("duo_vo_leerlingen_onderwijstype", "2020")
            ),
        }
    ]
    fct = changes["tables"]["marts.fct_vo_enrollment"]
    assert fct["status"] == "rows changed" and fct["rows_only_in_new"] > 0
    assert all(row["peiljaar"] == 2020 for row in fct["sample_new"])
    assert "marts.dim_vestiging" not in changes["tables"], "unchanged tables are not listed"


def test_frozen_release_stays_identical_after_later_publications(two_releases):
    settings, first, _, frozen, frozen_before = two_releases
    with psycopg.connect(settings.admin_url) as conn:
        assert schema_md5s(conn, (frozen,)) == frozen_before
    with psycopg.connect(settings.researcher_url) as conn:
        assert conn.execute(f"select count(*) from {frozen}.fct_vo_enrollment").fetchone()[0] > 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f"delete from {frozen}.fct_vo_enrollment")
    with psycopg.connect(settings.bi_reader_url) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f"select 1 from {frozen}.fct_vo_enrollment")


def test_export_writes_parquet_csv_and_manifest(two_releases, tmp_path):
    settings, first, *_ = two_releases
    folder = releases.export(settings, first, tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["release_id"] == first and manifest["inputs"]
    table = pq.read_table(folder / "marts.fct_vo_enrollment.parquet")
    with psycopg.connect(settings.admin_url) as conn:
        frozen_rows = conn.execute(
            f"select count(*) from {releases.frozen_schema(first)}.fct_vo_enrollment"
        ).fetchone()[0]
    assert table.num_rows == frozen_rows
    assert table.schema.field("n_pupils").type == "int64"
    csv_lines = (folder / "monitor.ind_tech_share_upper.csv").read_text().splitlines()
    assert csv_lines[0].startswith("definition,peiljaar,scope,region_id")


def test_lineage_leads_from_rows_to_files(two_releases):
    settings, *_ = two_releases
    # 2023: the sample's first DUO-current-rule year; the older ones are not shown to readers
    # (docs/monitor.md, "DUO's rule on the published facts").
    result = _cli(
        settings, "lineage", "marts.fct_vo_enrollment", "--where", "peiljaar = 2023", "--json"
    )
    assert result.returncode == 0, result.stderr
    trace = json.loads(result.stdout)
    assert trace["rows_matched"] > 0
    (partition,) = trace["partitions"]
    assert (partition["dataset"], partition["period"]) == (
        "duo_vo_leerlingen_onderwijstype",
        "2023",
    )
    assert partition["load_id"] in trace["source_load_ids"]
    assert len(partition["file_sha256"]) == 64 and Path(partition["archive_path"]).exists()
    indicator = json.loads(
        _cli(
            settings,
            "lineage",
            "monitor.ind_tech_share_upper",
            "--where",
            "peiljaar = 2020 and scope = 'national'",
            "--json",
        ).stdout
    )
    assert "duo_vo_leerlingen_onderwijstype" in indicator["upstream_datasets"]
    assert {
        p["period"]
        for p in indicator["partitions"]
        if p["dataset"] == "duo_vo_leerlingen_onderwijstype"
    } == {"2020"}


def test_forced_publication_is_recorded_with_its_reason(two_releases):
    settings, _, second, *_ = two_releases
    result = dbt_runner.run(settings, ["build"], "rel-c", capture=True)
    assert result.returncode == 0
    with psycopg.connect(settings.transformer_url, autocommit=True) as conn:
        conn.execute(
            "update monitor__wap.ind_tech_share_upper set share_tech_pupils = 2"
            " where scope = 'national'"
        )
    assert not candidate_gate.run(settings, "rel-c")["passed"]
    refused = _cli(settings, "publish")
    assert refused.returncode == 1 and "share_in_unit_interval" in refused.stdout
    forced = _cli(settings, "publish", "--force", "--reason", "DUO confirmed the figures")
    assert forced.returncode == 0, forced.stderr
    with psycopg.connect(settings.admin_url) as conn:
        row = conn.execute(
            "select forced, reason, gate_summary -> 'passed' from audit.releases"
            " order by release_id desc limit 1"
        ).fetchone()
    assert row == (True, "DUO confirmed the figures", False)


def test_row_fingerprint_tells_equal_tables_from_changed_ones(admin_conn):
    """The change report diffs a table only when its fingerprint differs: it must be blind to
    row order and the left-out columns, and see a changed value or a changed duplicate."""
    tables = {
        "same": [(1, "a", 10), (2, "b", 20), (2, "b", 20)],
        "reordered": [(2, "b", 21), (1, "a", 11), (2, "b", 22)],  # 3rd column left out
        "value": [(1, "a", 10), (2, "c", 20), (2, "b", 20)],
        "duplicate": [(1, "a", 10), (2, "b", 20), (1, "a", 10)],  # same count and distinct rows
    }
    with admin_conn.transaction():
        for name, rows in tables.items():
            admin_conn.execute(f"create temp table {name} (k int, v text, load_id int)")
            with admin_conn.cursor() as cur:
                cur.executemany(f"insert into {name} values (%s, %s, %s)", rows)
        prints = {
            name: publish._fingerprint(admin_conn, ("pg_temp", name), ["k", "v"]) for name in tables
        }
    assert prints["reordered"] == prints["same"]
    assert prints["value"] != prints["same"]
    assert prints["duplicate"] != prints["same"]
