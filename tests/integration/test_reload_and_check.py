"""`sto reload` from the archive and `sto duo check` before loading."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from sto_warehouse import synth
from sto_warehouse.ingest import pipeline
from tests.conftest import REAL_2019, requires_shared_samples, schema_md5s

STO = str(Path(sys.executable).with_name("sto"))


@pytest.fixture(scope="module")
def loaded(fresh_settings):
    synth.write_sample(fresh_settings.landing)
    summary = pipeline.load_paths(fresh_settings, "reload-test")
    assert summary["loaded"]
    return fresh_settings


def _load_ids(settings) -> dict[tuple[str, str], int]:
    with psycopg.connect(settings.admin_url) as conn:
        rows = conn.execute("select dataset, period, load_id from audit.partitions").fetchall()
    return {(d, p): i for d, p, i in rows}


def _cli(settings, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, **settings.overrides, "STO_HOME": str(settings.home)}
    return subprocess.run([STO, *args], env=env, capture_output=True, text=True, timeout=300)


def test_rebuilding_every_partition_from_the_archive_gives_identical_tables(loaded):
    before_ids = _load_ids(loaded)
    with psycopg.connect(loaded.admin_url) as conn:
        before = schema_md5s(conn, ("raw",))
    tasks = pipeline.reload_tasks(loaded)
    assert len(tasks) == len(before_ids) and all(t["force"] for t in tasks)
    result = pipeline.load_paths(loaded, "reload-all", tasks=tasks)
    assert len(result["loaded"]) == len(before_ids) and not result["rejected"]
    after_ids = _load_ids(loaded)
    with psycopg.connect(loaded.admin_url) as conn:
        after = schema_md5s(conn, ("raw",))
    assert after == before
    assert set(after_ids) == set(before_ids)
    assert all(after_ids[k] != before_ids[k] for k in before_ids), "every partition was reloaded"


def test_reload_of_one_period_touches_only_that_partition(loaded):
    before = _load_ids(loaded)
    result = _cli(
        loaded,
        "reload",
        "--dataset",
        "duo_vo_leerlingen_onderwijstype",
        "--period",
        "2020",
        "--local",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "reloaded duo_vo_leerlingen_onderwijstype 2020" in result.stdout
    after = _load_ids(loaded)
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {("duo_vo_leerlingen_onderwijstype", "2020")}


def test_reload_refuses_an_unknown_dataset(loaded):
    result = _cli(loaded, "reload", "--dataset", "duo_nonsense", "--local")
    assert result.returncode == 2
    assert "unknown dataset" in result.stderr


def test_duo_check_reports_a_good_file_without_loading_it(loaded, tmp_path):
    source = next((loaded.landing / "duo").glob("01.-leerlingen-*-2019.csv"))
    copy = tmp_path / source.name.replace("2019", "2031")
    copy.write_bytes(source.read_bytes())
    before = _load_ids(loaded)
    result = _cli(loaded, "duo", "check", str(copy))
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "publication: duo_vo_leerlingen_onderwijstype" in out
    assert "period: 2031 (from filename)" in out
    assert "raw gate:" in out and "checks run" in out
    assert "verdict: would load" in out
    assert _load_ids(loaded) == before
    with psycopg.connect(loaded.admin_url) as conn:
        leftovers = conn.execute(
            "select count(*) from pg_tables where schemaname = 'raw' and tablename like '_check_%'"
        ).fetchone()[0]
        loads = conn.execute(
            "select count(*) from audit.loads where source_file = %s", (copy.name,)
        ).fetchone()[0]
    assert leftovers == 0, "the check's pending copy is dropped"
    assert loads == 0, "a check records nothing"


def test_duo_check_names_line_and_column_of_a_file_that_would_be_rejected(loaded, tmp_path):
    source = next((loaded.landing / "duo").glob("01.-leerlingen-*-2019.csv"))
    lines = source.read_bytes().split(b"\n")
    lines[6] = lines[6].rsplit(b";", 3)[0]  # three fields short on file line 7
    broken = tmp_path / source.name
    broken.write_bytes(b"\n".join(lines))
    result = _cli(loaded, "duo", "check", str(broken))
    assert result.returncode == 1
    assert "REJECTED [FIELD_COUNT]" in result.stdout
    assert "line 7" in result.stdout
    faulty = next((loaded.landing / "duo").glob("*-2017.csv"))
    result = _cli(loaded, "duo", "check", str(faulty))
    assert result.returncode == 1
    assert "REJECTED [MISSING_COLUMN]" in result.stdout and "AFDELING" in result.stdout


def _spoil(lines: list[bytes], how: str) -> list[bytes]:
    """File line 8 (the header is line 1) of the real 2019 pupils file, spoiled ``how``."""
    fields = lines[7].split(b";")
    if how == "negative":
        fields[18] = b"-3"  # LEER- OF VERBLIJFSJAAR 5 - MAN: 5 in the published file
    elif how == "word":
        fields[18] = b"twaalf"
    else:  # a duplicated row, right after the original
        return [*lines[:8], lines[7], *lines[8:]]
    return [*lines[:7], b";".join(fields), *lines[8:]]


@requires_shared_samples()
@pytest.mark.parametrize(
    ("how", "expected"),
    [
        (
            "negative",
            "line 8, column leer_of_verblijfsjaar_5_man: '-3' is not a count;"
            " counts are whole numbers ≥ 0 or '<5'",
        ),
        (
            "word",
            "line 8, column leer_of_verblijfsjaar_5_man: 'twaalf' is not a count;"
            " counts are whole numbers ≥ 0 or '<5'",
        ),
        ("duplicate", "line 9: the same key ("),
    ],
)
def test_duo_check_refuses_what_the_nights_raw_gate_refuses(loaded, tmp_path, how, expected):
    """A copy of the real 2019 pupils file with a count of -3, a count 'twaalf' or a duplicated
    row: `sto duo check` says no, with the line, the column and the fix, exactly as the night
    then rejects the same bytes (the gate's own fix text, in audit.rejections)."""
    lines = REAL_2019.read_bytes().split(b"\n")
    spoiled = tmp_path / how / REAL_2019.name.replace("2019", "2029")
    spoiled.parent.mkdir()
    spoiled.write_bytes(b"\n".join(_spoil(lines, how)))
    result = _cli(loaded, "duo", "check", str(spoiled))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "REJECTED [RAW_GATE]" in result.stdout
    fix = next(line for line in result.stdout.splitlines() if line.startswith("  fix: "))
    assert fix.startswith("  fix: " + expected), fix
    if how == "duplicate":
        assert "keep one row per instellingscode, vestigingscode" in fix

    # The night, on the same bytes: rejected with the same fix, nothing of it in raw.
    landing = loaded.landing / "duo" / spoiled.name
    landing.write_bytes(spoiled.read_bytes())
    try:
        night = pipeline.load_paths(loaded, f"check-vs-night-{how}")
    finally:
        landing.unlink()
    rejected = [r for r in night["rejected"] if r["original_name"] == spoiled.name]
    assert len(rejected) == 1 and not night["loaded"], night
    with psycopg.connect(loaded.admin_url) as conn:
        fixes = [
            r[0]
            for r in conn.execute(
                "select fix from audit.rejections where run_id = %s", (f"check-vs-night-{how}",)
            ).fetchall()
        ]
    assert fixes and fix == "  fix: " + fixes[0]
