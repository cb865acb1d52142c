"""A corpus of bad inputs - DUO files and regional submissions - dropped into one run together
with good files (tests/reliability/corpus.py).

Each bad input is rejected whole with a message naming the file and the line or cell (a
submission rejected for the file itself - a zip bomb, a macro, an unsafe name - names the file;
one rejected for a header or a sheet names the sheet), is kept in quarantine with reason.json
(a submission also with its Dutch feedback report, which is written to the sender's feedback
folder), nothing of it reaches raw, every good file of the same run loads, and the published
tables equal (md5) those of the same run without the bad inputs.

Two databases: "mixed" (the synthetic sample + the corpus) and "clean" (the sample alone). The
sample holds a few faulty submissions of its own (rejected in both runs), so the corpus is what
the mixed run rejects beyond the clean run. Submissions go through the steps of
``submissions.pipeline.load_all`` (discover, then process registrations first) with ONE arrival
moment for every file in both runs: the moment a file is first seen is part of the published
data (``received_at``), and two runs minutes apart would otherwise differ by their clocks alone.
"""

from __future__ import annotations

import json
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from sto_warehouse import dbt_runner, migrate, publish, synth
from sto_warehouse.gates import candidate_gate
from sto_warehouse.ingest import pipeline
from sto_warehouse.submissions import pipeline as sub_pipeline
from sto_warehouse.submissions import spec, values
from tests.conftest import schema_md5s
from tests.reliability.corpus import (
    RECEIVED,
    Bad,
    BadSubmission,
    write_bad_duo,
    write_bad_submissions,
)

PUBLISHED = ("marts", "monitor")


@dataclass
class Run:
    settings: object
    bad: list[Bad]
    summary: dict  # of the DUO load
    bad_submissions: list[BadSubmission]
    submissions: dict  # of the submissions load
    md5s: dict[str, str]  # of the published tables
    failure: str | None  # why the build, gate or publish failed


def _load_submissions(settings, run_id: str) -> dict:
    """``sub_pipeline.load_all`` with every file received at RECEIVED (see module doc)."""
    found = sub_pipeline.discover(settings)
    results = []
    for wave in ("registrations", "others"):  # in discover's order (the order files were seen)
        tasks = [{**t, "received_at": RECEIVED.isoformat()} for t in found[wave]]
        results += [sub_pipeline.process(settings, t, run_id) for t in tasks]
    return sub_pipeline.summarise(results)


def _build_and_publish(settings, run_id) -> tuple[dict[str, str], str | None]:
    """(md5 per published table, why it was not published); a failure is asserted by the test
    of the published tables, so the tests of the loads still say what was (not) rejected."""
    result = dbt_runner.run(settings, ["build"], run_id, capture=True)
    if result.returncode != 0:
        return {}, "dbt build failed: " + result.stdout[-3000:]
    summary = candidate_gate.run(settings, run_id)
    if not summary["passed"]:
        return {}, f"candidate gate failed: {summary['errors']}"
    publish.publish(settings, run_id, summary)
    with psycopg.connect(settings.admin_url) as conn:
        return schema_md5s(conn, PUBLISHED), None


@pytest.fixture(scope="module")
def runs(test_env):
    """Two databases: good + bad inputs in one run, and the same good inputs alone."""
    base = test_env.env.get("STO_DATABASE", "sto")
    suffix = secrets.token_hex(3)
    work = Path(tempfile.mkdtemp(prefix="sto-corpus-"))
    good_dir = work / "good"
    synth.write_sample(good_dir)
    (good_dir / "duo" / synth.duo.FAULTY_SAMPLE).unlink(missing_ok=True)
    result: dict[str, Run] = {}
    names = []
    for label in ("mixed", "clean"):
        name = f"{base}_{label}_{suffix}"
        names.append(name)
        landing = work / f"landing-{label}"
        shutil.copytree(good_dir, landing)
        settings = test_env.settings(
            STO_DATABASE=name,
            STO_LANDING_DIR=str(landing),
            STO_QUARANTINE_DIR=str(work / f"quarantine-{label}"),
            STO_FEEDBACK_DIR=str(work / f"feedback-{label}"),
        )
        migrate.upgrade(settings)
        mixed = label == "mixed"
        bad = write_bad_duo(good_dir / "duo", landing / "duo") if mixed else []
        bad_subs = (
            write_bad_submissions(good_dir / "submissions", landing / "submissions")
            if mixed
            else []
        )
        run_id = f"corpus-{label}"
        summary = pipeline.load_paths(settings, run_id)
        submissions = _load_submissions(settings, run_id)
        md5s, failure = _build_and_publish(settings, run_id)
        result[label] = Run(settings, bad, summary, bad_subs, submissions, md5s, failure)
    yield result
    with psycopg.connect(result["clean"].settings.maintenance_url(), autocommit=True) as conn:
        for name in names:
            conn.execute(
                sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
            )
    shutil.rmtree(work, ignore_errors=True)


def test_corpus_is_large_enough(runs):
    mixed = runs["mixed"]
    assert len(mixed.bad) + len(mixed.bad_submissions) >= 40
    assert len(mixed.bad) >= 30 and len(mixed.bad_submissions) >= 12
    assert len({b.code for b in mixed.bad}) >= 10
    assert len({b.code for b in mixed.bad_submissions}) >= 25
    assert {b.where for b in mixed.bad_submissions} == {"cell", "sheet", "file"}


# -- DUO files -----------------------------------------------------------------------------------


def test_every_bad_input_is_rejected_whole_with_file_and_line_or_cell(runs):
    mixed = runs["mixed"]
    rejected = {r["original_name"]: r for r in mixed.summary["rejected"]}
    assert set(rejected) == {b.name for b in mixed.bad}, "exactly the bad files are rejected"
    for case in mixed.bad:
        item = rejected[case.name]
        assert item["code"] == case.code, f"{case.what}: {json.dumps(item, default=str)}"
        where = item["where"]
        assert where["file"] == case.name
        assert where.get("line") or where.get("column"), (case.what, item)
        folder = Path(item["quarantine"])
        reason = json.loads((folder / "reason.json").read_text())
        assert reason["code"] == case.code and reason["problems"][0]["fix"]
        kept = [p for p in folder.iterdir() if p.name != "reason.json"]
        assert len(kept) == 1, "the rejected bytes are kept"
    with psycopg.connect(mixed.settings.admin_url) as conn:
        periods = {r[0] for r in conn.execute("select period from audit.partitions").fetchall()}
    assert not any(p.startswith("20" + d) for p in periods for d in ("4", "5", "6", "7")), periods


def test_good_files_of_the_same_run_all_load(runs):
    mixed, clean = runs["mixed"].summary, runs["clean"].summary
    assert sorted(x["original_name"] for x in mixed["loaded"]) == sorted(
        x["original_name"] for x in clean["loaded"]
    )
    assert clean["rejected"] == []


# -- regional submissions --------------------------------------------------------------------------


def _key(item_or_case) -> tuple[str, ...]:
    names = item_or_case["names"] if isinstance(item_or_case, dict) else item_or_case.names
    return tuple(sorted(names))


def _feedback_folder(case: BadSubmission) -> str:
    return case.folder if values.REGION_ID.match(case.folder) else sub_pipeline.GRANT_FOLDER


def test_every_bad_submission_is_rejected_whole_with_file_and_cell(runs):
    mixed, clean = runs["mixed"], runs["clean"]
    before = {r["sha256"] for r in clean.submissions["rejected"]}
    rejected = {_key(r): r for r in mixed.submissions["rejected"] if r["sha256"] not in before}
    cases = {_key(c): c for c in mixed.bad_submissions}
    assert len(cases) == len(mixed.bad_submissions), "every case has its own file names"
    assert set(rejected) == set(cases), "exactly the bad submissions are rejected (beyond clean)"
    assert before <= {r["sha256"] for r in mixed.submissions["rejected"]}
    landing = mixed.settings.landing / spec.SOURCE
    for key, case in cases.items():
        item = rejected[key]
        assert item["code"] == case.code, (case.what, item)
        assert item["reason"] and item["fix"], case.what  # the Dutch catalogue's text
        folder = Path(item["quarantine"])
        reason = json.loads((folder / "reason.json").read_text())
        assert reason["code"] == case.code, (case.what, reason)
        assert reason["file"] == case.names[0]
        problem = reason["problems"][0]
        assert problem["code"] == case.code and problem["fix"] and problem["message"]
        assert problem["file"] == ", ".join(case.names), (case.what, problem)
        if case.where == "cell":
            assert problem["line"] and problem["column"], (case.what, problem)
        elif case.where == "sheet":
            assert problem["column"], (case.what, problem)
        for name in case.names:  # the rejected bytes are kept, beside the report
            assert (folder / name).read_bytes() == (landing / case.folder / name).read_bytes()
        assert (folder / "feedback.html").exists() and (folder / "feedback.json").exists()
        report = Path(item["feedback_json"])
        assert report.parent == mixed.settings.feedback / _feedback_folder(case), case.what
        assert Path(item["feedback_html"]).exists()
        document = json.loads(report.read_text())
        assert document["status"] == "afgewezen"
        assert case.code in {f["regel"] for f in document["bevindingen"]}, case.what


def test_nothing_of_a_bad_submission_reaches_raw(runs):
    mixed, clean = runs["mixed"], runs["clean"]
    before = {r["sha256"] for r in clean.submissions["rejected"]}
    shas = [r["sha256"] for r in mixed.submissions["rejected"] if r["sha256"] not in before]
    with psycopg.connect(mixed.settings.admin_url) as conn:
        for table in spec.RAW_TABLES:
            found = conn.execute(
                sql.SQL("select count(*) from {} where _file_sha256 = any(%s)").format(
                    sql.Identifier("raw", table)
                ),
                (shas,),
            ).fetchone()[0]
            assert found == 0, table
        statuses = conn.execute(
            "select distinct status from audit.submissions where file_sha256 = any(%s)", (shas,)
        ).fetchall()
    assert statuses == [("rejected",)]


def test_good_submissions_of_the_same_run_all_load(runs):
    mixed, clean = runs["mixed"].submissions, runs["clean"].submissions
    assert clean["loaded"], "the sample's submissions load"
    assert sorted(x["sha256"] for x in mixed["loaded"]) == sorted(
        x["sha256"] for x in clean["loaded"]
    )


# -- the published tables ----------------------------------------------------------------------------


def test_published_tables_equal_those_of_the_run_without_bad_inputs(runs):
    assert runs["clean"].failure is None, runs["clean"].failure
    assert runs["mixed"].failure is None, runs["mixed"].failure
    mixed, clean = runs["mixed"].md5s, runs["clean"].md5s
    assert any(name.endswith("fct_region_report") for name in clean), "submissions are published"
    assert mixed == clean
