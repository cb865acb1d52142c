"""A corpus of bad inputs dropped into one run together with good files.

Each bad file is rejected whole with a message naming the file and the line or cell, is kept in
quarantine with reason.json, and the published tables equal (md5) those of the same run
without the bad inputs.
"""

from __future__ import annotations

import json
import secrets
import shutil
import tempfile
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from sto_warehouse import dbt_runner, migrate, publish, synth
from sto_warehouse.gates import candidate_gate
from sto_warehouse.ingest import pipeline
from tests.conftest import schema_md5s
from tests.reliability.corpus import write_bad_duo

PUBLISHED = ("marts", "monitor")


def _build_and_publish(settings, run_id):
    result = dbt_runner.run(settings, ["build"], run_id, capture=True)
    assert result.returncode == 0, result.stdout[-3000:]
    summary = candidate_gate.run(settings, run_id)
    assert summary["passed"], summary["errors"]
    publish.publish(settings, run_id, summary)
    with psycopg.connect(settings.admin_url) as conn:
        return schema_md5s(conn, PUBLISHED)


@pytest.fixture(scope="module")
def runs(test_env):
    """Two databases: good + bad inputs in one run, and the same good inputs alone."""
    base = test_env.env.get("STO_DATABASE", "sto")
    suffix = secrets.token_hex(3)
    work = Path(tempfile.mkdtemp(prefix="sto-corpus-"))
    good_dir = work / "good"
    synth.write_sample(good_dir)
    (good_dir / "duo" / synth.duo.FAULTY_SAMPLE).unlink(missing_ok=True)
    result = {}
    names = []
    for label in ("mixed", "clean"):
        name = f"{base}_{label}_{suffix}"
        names.append(name)
        landing = work / f"landing-{label}"
        shutil.copytree(good_dir, landing)
        settings = test_env.settings(STO_DATABASE=name, STO_LANDING_DIR=str(landing))
        migrate.upgrade(settings)
        bad = write_bad_duo(good_dir / "duo", landing / "duo") if label == "mixed" else []
        summary = pipeline.load_paths(settings, f"corpus-{label}")
        result[label] = (settings, bad, summary, _build_and_publish(settings, f"corpus-{label}"))
    yield result
    with psycopg.connect(result["clean"][0].maintenance_url(), autocommit=True) as conn:
        for name in names:
            conn.execute(
                sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
            )
    shutil.rmtree(work, ignore_errors=True)


def test_corpus_is_large_enough(runs):
    _, bad, _, _ = runs["mixed"]
    assert len(bad) >= 30
    assert len({b.code for b in bad}) >= 10


def test_every_bad_input_is_rejected_whole_with_file_and_line_or_cell(runs):
    settings, bad, summary, _ = runs["mixed"]
    rejected = {r["original_name"]: r for r in summary["rejected"]}
    assert set(rejected) == {b.name for b in bad}, "exactly the bad files are rejected"
    for case in bad:
        item = rejected[case.name]
        assert item["code"] == case.code, (case.what, item)
        where = item["where"]
        assert where["file"] == case.name
        assert where.get("line") or where.get("column"), (case.what, item)
        folder = Path(item["quarantine"])
        reason = json.loads((folder / "reason.json").read_text())
        assert reason["code"] == case.code and reason["problems"][0]["fix"]
        kept = [p for p in folder.iterdir() if p.name != "reason.json"]
        assert len(kept) == 1, "the rejected bytes are kept"
    with psycopg.connect(settings.admin_url) as conn:
        periods = {r[0] for r in conn.execute("select period from audit.partitions").fetchall()}
    assert not any(p.startswith("20" + d) for p in periods for d in ("4", "5", "6", "7")), periods


def test_good_files_of_the_same_run_all_load(runs):
    _, _, mixed, _ = runs["mixed"]
    _, _, clean, _ = runs["clean"]
    assert sorted(x["original_name"] for x in mixed["loaded"]) == sorted(
        x["original_name"] for x in clean["loaded"]
    )
    assert clean["rejected"] == []


def test_published_tables_equal_those_of_the_run_without_bad_inputs(runs):
    assert runs["mixed"][3] == runs["clean"][3]
