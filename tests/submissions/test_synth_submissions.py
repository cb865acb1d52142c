"""The synthetic submissions: deterministic, drawn from the synthetic country, ~10% faulty."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sto_warehouse.synth import submissions as synth_sub
from sto_warehouse.synth.country import iter_vestigingen

SEED, SCALE = 2026, 0.1


def test_national_counts_at_scale_one():
    regions20, regions25 = synth_sub.build_regions(SEED, 1.0)
    assert (len(regions20), len(regions25)) == (78, 74)
    merged = [r for r in regions25 if len(r.predecessors) > 1]
    assert len(merged) == 4
    assert {p for r in regions25 for p in r.predecessors} == {r.region_id for r in regions20}
    claimed = Counter(v.brin6 for r in regions20 for v in r.vmbo + r.pro)
    assert max(claimed.values()) == 1, "a vo vestiging is in one region"


def test_members_come_from_the_generated_country():
    regions20, _ = synth_sub.build_regions(SEED, SCALE)
    country = {v.brin6: v for v in iter_vestigingen(SEED, SCALE)}
    for region in regions20:
        assert len(region.vmbo) >= 2
        assert all(v.brin6 in country and v.offers_vbo for v in region.vmbo)
        assert region.penvoerder in {v.bevoegd_gezag for v in region.vmbo}


def test_about_ten_percent_is_faulty_in_every_way():
    known = {v.brin6 for v in iter_vestigingen(SEED, SCALE)}
    subs = synth_sub._faulty(SEED, synth_sub.plan(SEED, SCALE), known)
    faults = Counter(s.fault for s in subs if s.fault)
    assert set(faults) == set(synth_sub.FAULTS)
    share = sum(faults.values()) / len(subs)
    assert 0.05 <= share <= 0.2, share
    assert {s.fmt for s in subs} == {"xlsx", "csv", "json"}


def test_same_bytes_and_no_rewrite(tmp_path: Path):
    """A rerun rewrites nothing: every file already holds exactly the bytes it would get (so
    the output is a pure function of the arguments), and no temporary file is left."""
    first = synth_sub.write_submissions(tmp_path, seed=SEED, scale=0.02)
    assert len(first) > 20 and all(p.exists() for p in first)
    mtimes = {p: p.stat().st_mtime_ns for p in first}
    assert synth_sub.write_submissions(tmp_path, seed=SEED, scale=0.02) == first
    assert {p: p.stat().st_mtime_ns for p in first} == mtimes
    assert not [p for p in tmp_path.rglob(".*")], "no temporary files left"


def test_seed_of_2025_2028_maxima_matches_the_generator():
    from sto_warehouse.submissions.spec import SEEDS

    rows = (SEEDS / "sub_max_subsidy_2025_2028.csv").read_text().splitlines()[1:]
    seeded = {line.split(",")[0]: line.split(",")[1] for line in rows}
    assert seeded == dict(synth_sub.seed_rows_2025_2028(1.0, SEED))
